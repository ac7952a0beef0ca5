import type { Readable } from 'node:stream';
import type { LineContext } from '../types/lines.js';

/** A readable text input: a file, a file found in a directory, an archive member, or standard input. */
export interface TextSource {
  /** Its evidence name: the path as given or found, `-`, or `archive!/member` inside an archive. */
  name: string;
  kind: 'file' | 'stdin' | 'member';
  bytes: number | null;
  /** Pod and container a bundle member was collected from: the context of each of its lines that names none. */
  context?: LineContext;
  /** The agent of lines that name no pod, when the member tells it (a bugtool run without pod name). */
  agent?: string;
  /** The member family the bundle registry gave it (`agent-log`, `bugtool-command`…), `unknown` for none. */
  member?: string;
  /** What the member holds: the command that printed it, the resource, the container. */
  what?: string;
  /** Set when reading stopped early on a broken archive; the lines read before stand. */
  problem?: string | null;
  /** The input's text stream; an archive member's can be opened once only. */
  open(): Promise<Readable>;
}

/** Why an input or member is listed but not read. */
export type SkipStatus = 'skipped' | 'unsupported' | 'missing';

/** An input or archive member that is not read, with the reason. */
export interface SkippedSource {
  name: string;
  /** skipped: not text or not a file; unsupported: recognised, not modelled; missing: the command that should have printed it failed. */
  status: SkipStatus;
  reason: string;
  member?: string;
  what?: string;
}

export function isSkipped(s: TextSource | SkippedSource): s is SkippedSource {
  return 'reason' in s;
}
