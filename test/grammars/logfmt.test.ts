/**
 * The hand-written logfmt lexer gives, on any text, the tokens of the token set its comment names,
 * as chevrotain's lexer gives them (tried in order, white space skipped, unmatched characters dropped).
 */
import { createToken, Lexer } from '../../grammars/chevrotain.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lexLogfmt, LogfmtTokens, PAIR, UNTERMINATED_PAIR } from '../../grammars/logfmt.js';
import { runs } from '../helpers/fuzz.js';

const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t]+/, group: Lexer.SKIPPED });
const Pair = createToken({ name: 'Pair', pattern: /[^\s="]+=(?:"(?:[^"\\]|\\.)*"|(?!")[^\s"]*)/, line_breaks: false });
const UnterminatedPair = createToken({ name: 'UnterminatedPair', pattern: /[^\s="]+="[^]*/, line_breaks: true });
const Word = createToken({ name: 'Word', pattern: /\S+/, line_breaks: false });
const reference = new Lexer([WhiteSpace, Pair, UnterminatedPair, Word], { positionTracking: 'onlyOffset', ensureOptimizations: false });

const TYPE = new Map([
  [Pair, 'pair'],
  [UnterminatedPair, 'unterminated'],
  [Word, 'word'],
]);

function referenceTokens(text: string): { type: string; image: string }[] {
  return reference.tokenize(text).tokens.map((t) => ({ type: TYPE.get(t.tokenType)!, image: t.image }));
}

const buffer = new LogfmtTokens();

function lexed(text: string): { type: string; image: string; eq: number }[] {
  lexLogfmt(text, buffer);
  return Array.from({ length: buffer.count }, (_, i) => ({
    type: buffer.type[i] === PAIR ? 'pair' : buffer.type[i] === UNTERMINATED_PAIR ? 'unterminated' : 'word',
    image: text.slice(buffer.start[i], buffer.end[i]),
    eq: buffer.eq[i]! < 0 ? -1 : buffer.eq[i]! - buffer.start[i]!,
  }));
}

function tokens(text: string): { type: string; image: string }[] {
  return lexed(text).map(({ type, image }) => ({ type, image }));
}

describe('logfmt lexer', () => {
  it('reads pairs, quoted values with escapes, spaced keys and trailing words', () => {
    const text = 'level=info msg="Sent \\"ping\\" to 10.4.0.9" proxy port name=dns-egress error="" trailing words';
    expect(lexed(text)).toEqual([
      { type: 'pair', image: 'level=info', eq: 5 },
      { type: 'pair', image: 'msg="Sent \\"ping\\" to 10.4.0.9"', eq: 3 },
      { type: 'word', image: 'proxy', eq: -1 },
      { type: 'word', image: 'port', eq: -1 },
      { type: 'pair', image: 'name=dns-egress', eq: 4 },
      { type: 'pair', image: 'error=""', eq: 5 },
      { type: 'word', image: 'trailing', eq: -1 },
      { type: 'word', image: 'words', eq: -1 },
    ]);
  });

  it('runs an unclosed quoted value to the end of the line, and cuts a bare value at a quote', () => {
    expect(tokens('level=warning msg="cut here subsys=daemon')).toEqual([
      { type: 'pair', image: 'level=warning' },
      { type: 'unterminated', image: 'msg="cut here subsys=daemon' },
    ]);
    expect(tokens('a=b"c=d" =x k"=v')).toEqual([
      { type: 'pair', image: 'a=b' },
      { type: 'word', image: '"c=d"' },
      { type: 'word', image: '=x' },
      { type: 'word', image: 'k"=v' },
    ]);
  });

  it('grows its buffer for lines of many tokens', () => {
    const text = Array.from({ length: 300 }, (_, i) => `k${i}=v${i}`).join(' ');
    expect(tokens(text)).toEqual(referenceTokens(text));
    expect(buffer.count).toBe(300);
  });

  it('matches the reference token set on any text', () => {
    const piece = fc.oneof(
      fc.constantFrom('level=', 'msg=', '"', '\\', '\\"', '=', ' ', '\t', '\u00a0', '\u2028', '\r', '\n', 'x', 'subsys=daemon', '"a b"', '\\\n'),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(tokens(text)).toEqual(referenceTokens(text));
      }),
      { numRuns: runs(3000) },
    );
  });
});
