/**
 * A regular expression alternation matching any of the texts literally, longest first (so that
 * `Kubernetes APIs` is tried before `Kubernetes`).
 */
export function alternation(texts: readonly string[]): string {
  return [...texts]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|');
}
