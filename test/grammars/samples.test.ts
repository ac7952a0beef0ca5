import { describe, expect, it } from 'vitest';
import { GRAMMARS } from '../../grammars/index.js';
import type { Grammar, GrammarSample } from '../../src/types/grammar.js';
import type { FormatRecord } from '../../src/types/records.js';

/** What a sample's lines parse into, fed to a new session; the failures with their reasons. */
function parseSample(grammar: Grammar, sample: GrammarSample): { records: FormatRecord[]; failures: string[] } {
  const session = grammar.open();
  const records: FormatRecord[] = [];
  const failures: string[] = [];
  sample.lines.forEach((text, i) => {
    const result = session.feed({ source: `${grammar.format}-samples`, line: i + 1, segment: 0, text, context: {} });
    if (result.ok) records.push(...result.records);
    else failures.push(`${text}: ${result.reason}`);
  });
  records.push(...(session.end?.() ?? []));
  return { records, failures };
}

/** Every registered grammar parses every sample it documents into the records it documents. */
describe('grammar samples', () => {
  it('every family registers a grammar with samples', () => {
    expect(GRAMMARS.size).toBeGreaterThanOrEqual(2);
    for (const [format, grammar] of GRAMMARS) {
      expect(grammar.format).toBe(format);
      expect(grammar.samples.length, `${format} has samples`).toBeGreaterThan(0);
    }
  });

  for (const [format, grammar] of GRAMMARS) {
    describe(format, () => {
      grammar.samples.forEach((sample, i) => {
        const doc: GrammarSample = typeof sample === 'string' ? { lines: [sample], records: [] } : sample;
        it(`sample ${i + 1}: ${doc.lines[0]}`, () => {
          const { records, failures } = parseSample(grammar, doc);
          expect(failures).toEqual([]);
          if (typeof sample === 'string') expect(records.length).toBeGreaterThan(0);
          else expect(records).toMatchObject(doc.records);
        });
      });
    });
  }
});
