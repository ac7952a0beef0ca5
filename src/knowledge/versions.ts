/** A Cilium release as `major.minor.patch[-pre]`. */
export interface CiliumVersion {
  major: number;
  minor: number;
  patch: number;
  pre: string | null;
}

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$/;

export function parseVersion(text: string): CiliumVersion | null {
  const m = VERSION.exec(text.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), pre: m[4] ?? null };
}

/** Compares minor releases only: `minorAtLeast(v, 14)` is true for every 1.14.x and later. */
export function minorAtLeast(v: CiliumVersion, minor: number): boolean {
  return v.major > 1 || (v.major === 1 && v.minor >= minor);
}

/** Releases from `from` to `to`, both inclusive and optional: `1.9` means every 1.9.x, `1.9.8` that patch. */
export interface VersionRange {
  from?: string;
  to?: string;
}

function bound(text: string, upper: boolean): [number, number, number] {
  const [major = 0, minor = 0, patch] = text.split('.').map(Number);
  return [major, minor, patch ?? (upper ? Number.POSITIVE_INFINITY : 0)];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

export function versionWithin(v: CiliumVersion, range: VersionRange): boolean {
  const at = [v.major, v.minor, v.patch];
  return (range.from === undefined || compare(at, bound(range.from, false)) >= 0) && (range.to === undefined || compare(at, bound(range.to, true)) <= 0);
}

/** `1.10–1.16`, `≤1.13`, `1.14.0–1.14.1`, `all releases`. */
export function describeRange(range: VersionRange): string {
  if (range.from && range.to) return range.from === range.to ? range.from : `${range.from}–${range.to}`;
  if (range.to) return `≤${range.to}`;
  if (range.from) return `≥${range.from}`;
  return 'all releases';
}
