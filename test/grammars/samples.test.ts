import { describe, expect, it } from 'vitest';
import { GRAMMARS } from '../../grammars/index.js';

/** Every registered grammar parses every sample line it documents (lnav-style format self-test). */
describe('grammar samples', () => {
  it('every family registers a grammar with samples', () => {
    expect(GRAMMARS.size).toBeGreaterThanOrEqual(2);
    for (const [format, grammar] of GRAMMARS) {
      expect(grammar.format).toBe(format);
      expect(grammar.samples.length, `${format} has samples`).toBeGreaterThan(0);
    }
  });

  for (const [format, grammar] of GRAMMARS) {
    it(`${format}: every sample parses into at least one record`, () => {
      const session = grammar.open();
      grammar.samples.forEach((text, i) => {
        const result = session.feed({ source: `${format}-samples`, line: i + 1, segment: 0, text, context: {} });
        expect(result, `${format} sample ${i + 1}: ${text}`).toMatchObject({ ok: true });
        if (result.ok) expect(result.records.length, `${format} sample ${i + 1} yields records`).toBeGreaterThan(0);
      });
    });
  }
});
