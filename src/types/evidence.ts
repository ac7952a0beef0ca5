/** Where a fact came from: the input it was read from and the physical line number (1-based). */
export interface Evidence {
  source: string;
  line: number;
  /**
   * Which logical record of the line, when the line holds several (a paste whose line breaks were
   * lost) and the fact comes from one of them: its text is the one quoted.
   */
  segment?: number;
  text?: string;
}

/** Evidence with its text, as findings and the report quote it. */
export interface QuotedEvidence {
  source: string;
  line: number;
  text: string;
}

export function evidenceKey(e: Evidence): string {
  return `${e.source}\u0000${String(e.line).padStart(12, '0')}`;
}

export function compareEvidence(a: Evidence, b: Evidence): number {
  return a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line;
}
