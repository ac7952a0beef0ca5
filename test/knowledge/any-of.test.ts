import { describe, expect, it } from 'vitest';
import { anyOf } from '../../src/knowledge/alternation.js';

describe('anyOf: one test for whether any pattern matches', () => {
  const texts = ['Probe time: 2024-01-02T03:04:05Z', 'ID  LABELS', 'x ID  LABELS', 'tcpdump: verbose', 'abc', '', 'b at the end', 'end b'];

  it('matches where one of the patterns does, and only there', () => {
    for (const patterns of [
      [/^Probe time:\s+(\d{4})/, /^ID\s+LABELS/, /^(?<tool>tcpdump): /],
      [/^abc$/, /b$/],
      [/^x|end/, /^never/],
    ]) {
      const any = anyOf(patterns);
      for (const text of texts) expect(any.test(text), `${any.source} on ${JSON.stringify(text)}`).toBe(patterns.some((p) => p.test(text)));
    }
  });

  it('is anchored as a whole only when every pattern is', () => {
    expect(anyOf([/^a/, /^[|(]b/, /^\|/]).source.startsWith('^(?:')).toBe(true);
    expect(anyOf([/^a/, /b/]).source.startsWith('^(?:')).toBe(false);
    expect(anyOf([/^a|b/]).source.startsWith('^(?:')).toBe(false);
    expect(anyOf([/^a(?:x|y)\(|z/]).test('z')).toBe(true);
  });

  it('matches nothing for no pattern; refuses what an alternation would change', () => {
    expect(anyOf([]).test('')).toBe(false);
    expect(() => anyOf([/^(a)\1/])).toThrow(/backreference|alternation/);
    expect(() => anyOf([/^a/i, /^b/])).toThrow();
    expect(() => anyOf([/a/g])).toThrow();
  });
});
