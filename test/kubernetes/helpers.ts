import type { Grammar } from '../../src/types/grammar.js';
import type { FormatRecord } from '../../src/types/records.js';

/** Feeds lines (numbered from 1) into one session of `grammar`; every line must be taken. */
export function recordsOf(grammar: Grammar, lines: readonly string[]): FormatRecord[] {
  const session = grammar.open();
  const records: FormatRecord[] = [];
  lines.forEach((text, i) => {
    const result = session.feed({ source: 'test', line: i + 1, segment: 0, text, context: {} });
    if (!result.ok) throw new Error(`line ${i + 1} not taken (${result.reason}): ${text}`);
    records.push(...result.records);
  });
  records.push(...(session.end?.() ?? []));
  return records;
}

export const ofKind = <K extends string>(records: readonly FormatRecord[], kind: K) =>
  records.filter((r): r is Extract<FormatRecord, { kind: K }> => r.kind === kind);
