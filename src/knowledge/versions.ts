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
