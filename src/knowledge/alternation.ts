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

/**
 * One regular expression that matches where any of `patterns` does, for `test` alone (its groups
 * are not theirs): one call instead of one per pattern. The patterns share their flags and hold no
 * backreference, which would change meaning in the alternation; names of groups are dropped (they
 * may repeat across patterns).
 */
export function anyOf(patterns: readonly RegExp[]): RegExp {
  const flags = patterns[0]?.flags ?? '';
  for (const p of patterns) {
    if (p.flags !== flags || /[gy]/.test(flags) || /\\[1-9]|\\k</.test(p.source)) throw new Error(`anyOf: /${p.source}/${p.flags} cannot join an alternation`);
  }
  if (patterns.length === 0) return /(?!)/;
  const alternatives = patterns.map((p) => `(?:${p.source.replace(/\(\?<(?![=!])[^>]+>/g, '(?:')})`).join('|');
  // Anchored as a whole, the alternation is tried at the start of the text only, not at every offset.
  return new RegExp(patterns.every((p) => anchoredAtStart(p.source)) ? `^(?:${alternatives})` : alternatives, flags);
}

/** Whether a pattern matches only at the start of the text: it starts with `^` and has no `|` outside groups. */
function anchoredAtStart(source: string): boolean {
  if (!source.startsWith('^')) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false;
  }
  return true;
}
