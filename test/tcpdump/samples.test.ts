/**
 * The tcpdump grammar's samples are its doctests: each sample's lines, fed to a fresh session
 * (after its pasted command, when it has one), parse into exactly the records it lists, with the
 * fields it lists.
 */
import { describe, expect, test } from 'vitest';
import { TCPDUMP_SAMPLES } from '../../grammars/tcpdump-samples.js';
import { tcpdumpGrammar } from '../../grammars/tcpdump.js';
import type { FormatRecord } from '../../src/types/records.js';

describe('tcpdump samples parse into their documented fields', () => {
  test.each(TCPDUMP_SAMPLES)('$shape', ({ command, lines, records }) => {
    const session = tcpdumpGrammar.open();
    if (command) session.onCommand!(command);
    const got: FormatRecord[] = [];
    lines.forEach((text, i) => {
      const result = session.feed({ source: 'sample', line: i + 1, segment: 0, text, context: {} });
      expect(result, text).toMatchObject({ ok: true });
      if (result.ok) got.push(...result.records);
    });
    got.push(...(session.end?.() ?? []));
    expect(got).toHaveLength(records.length);
    got.forEach((record, i) => expect(record).toMatchObject(records[i]!));
  });

  test('a wrong expectation fails', () => {
    const sample = TCPDUMP_SAMPLES.find((s) => s.shape === 'TCP SYN, time of day')!;
    const session = tcpdumpGrammar.open();
    const result = session.feed({ source: 'sample', line: 1, segment: 0, text: sample.lines[0]!, context: {} });
    expect(result.ok && result.records[0]).not.toMatchObject({ tcp: { win: 64861 } });
  });
});
