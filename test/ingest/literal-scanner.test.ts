import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralScanner } from '../../src/ingest/literal-scanner.js';
import { runs } from '../helpers/fuzz.js';

/** Every occurrence as [literal, index], ordered as the scanner reports them: by end, longest first. */
function occurrences(literals: string[], text: string): [number, number][] {
  const found: [number, number][] = [];
  new LiteralScanner(literals).some(text, (literal, index) => {
    found.push([literal, index]);
    return false;
  });
  return found;
}

function byIndexOf(literals: string[], text: string): [number, number][] {
  const found: [number, number][] = [];
  literals.forEach((literal, i) => {
    for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) found.push([i, at]);
  });
  return found.sort((a, b) => a[1] + literals[a[0]]!.length - (b[1] + literals[b[0]]!.length) || literals[b[0]]!.length - literals[a[0]]!.length);
}

describe('LiteralScanner', () => {
  it('finds overlapping and nested literals where they occur', () => {
    const literals = ['level=', 'el=', ' IP', '{"', '"flow"'];
    expect(occurrences(literals, 'level=info {"flow":1} tcp IP level=x')).toEqual([
      [0, 0],
      [1, 3],
      [3, 11],
      [4, 12],
      [2, 25],
      [0, 29],
      [1, 32],
    ]);
  });

  it('stops when the visitor says so', () => {
    const seen: number[] = [];
    const stopped = new LiteralScanner(['ab']).some('ab ab ab', (_, index) => {
      seen.push(index);
      return index === 3;
    });
    expect(stopped).toBe(true);
    expect(seen).toEqual([0, 3]);
  });

  it('agrees with indexOf on any literals and text', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', ' ', '=', '"', 'µ', '\u2028');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((c) => c.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 6 }), fc.array(alphabet, { maxLength: 40 }), (literals, chars) => {
        const text = chars.join('');
        expect(occurrences(literals, text)).toEqual(byIndexOf(literals, text));
      }),
      { numRuns: runs(2000) },
    );
  });

  it('finds in the UTF-8 bytes of each line what it finds in the line, at the same indexes', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', '=', '"', 'µ', '€', '😀', '\n');
    const literal = fc.array(fc.constantFrom('a', 'b', ' ', '=', '"'), { minLength: 1, maxLength: 4 }).map((c) => c.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(literal, { minLength: 1, maxLength: 6 }), fc.array(alphabet, { maxLength: 60 }), fc.integer({ min: 1, max: 3 }), (literals, chars, perLine) => {
        const lines = chars.join('').split('\n');
        const found = new LiteralScanner(literals).inLines(Buffer.from(lines.join('\n')), lines.length, perLine);
        lines.forEach((line, i) => {
          const expected = byIndexOf(literals, line);
          expect(found.count[i]).toBe(Math.min(expected.length, perLine + 1));
          const kept = expected.slice(0, perLine);
          for (let k = 0; k < kept.length; k++) {
            expect([found.literal[i * perLine + k], found.index[i * perLine + k]]).toEqual(kept[k]);
          }
        });
      }),
      { numRuns: runs(2000) },
    );
  });
});
