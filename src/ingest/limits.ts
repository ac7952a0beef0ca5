import { InputError } from '../types/errors.js';

/**
 * Bounds on what archives may make the analyzer read. A hostile or broken archive (a
 * decompression bomb, a million members, archives nested without end) is refused when it crosses
 * one; each is an option of the CLI.
 */
export interface ContainerLimits {
  /** Members across all archives. */
  maxMembers: number;
  /** Bytes one member may expand to. */
  maxMemberBytes: number;
  /** Bytes all archive members together may expand to. */
  maxExpandedBytes: number;
  /** Expanded / compressed bytes of a compressed stream, checked once it expands past RATIO_FLOOR. */
  maxRatio: number;
  /** Archives inside archives. */
  maxDepth: number;
  /** A zip inside a compressed stream has to be held in memory to be read (zip needs random access): at most this. */
  maxNestedZipBytes: number;
}

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

export const DEFAULT_LIMITS: Readonly<ContainerLimits> = {
  // A 100-node sysdump with every bugtool unpacked holds about 40,000 members.
  maxMembers: 200_000,
  // sysdump caps each container's log at 1 GiB (--logs-limit-bytes) by default.
  maxMemberBytes: 4 * GIB,
  maxExpandedBytes: 64 * GIB,
  // Logs and JSON deflate 5–30×; gigabytes of zeros deflate about 1000×.
  maxRatio: 200,
  maxDepth: 4,
  maxNestedZipBytes: 128 * MIB,
};

/** Below this many expanded bytes the ratio is not judged (small members compress unevenly). */
export const RATIO_FLOOR = 16 * MIB;

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: KIB, kb: KIB, kib: KIB, m: MIB, mb: MIB, mib: MIB, g: GIB, gb: GIB, gib: GIB, t: GIB * KIB };

/** `512m`, `4g`, `1.5GiB`, `4096` → bytes. */
export function parseByteSize(text: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new InputError(`${option} takes a size such as 512m or 4g, not "${text}"`);
  return Math.round(Number(m[1]) * unit);
}

export function formatBytes(bytes: number): string {
  if (bytes >= GIB) return `${(bytes / GIB).toFixed(1)} GiB`;
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(0)} MiB`;
  if (bytes >= KIB) return `${(bytes / KIB).toFixed(0)} KiB`;
  return `${bytes} B`;
}
