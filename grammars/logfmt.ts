/**
 * The logfmt lexer of agent log lines: one pass over the line, one token per `key=value` pair, any
 * other run of non-space characters a word. Its tokens are those of this token set, tried in order at
 * each position (the first that matches wins):
 *
 *   WhiteSpace        /[ \t]+/                                      skipped
 *   Pair              /[^\s="]+=(?:"(?:[^"\\]|\\.)*"|(?!")[^\s"]*)/
 *   UnterminatedPair  /[^\s="]+="[^]*\/                             a quoted value without its closing quote
 *   Word              /\S+/
 *
 * and a character none of them matches (a white space other than space and tab) is dropped.
 * Written by hand instead of with a chevrotain lexer because it runs on every log line: the same
 * tokens in a fifth of the time (test/grammars/logfmt.test.ts checks it against that lexer).
 */

export interface LogfmtToken {
  /** `pair`: `key=value`; `unterminated`: `key="…` to the end of the line; `word`: anything else. */
  type: 'pair' | 'unterminated' | 'word';
  /** The token's text as printed. */
  image: string;
  /** Index of the `=` in `image` (pairs only). */
  eq: number;
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** A character `.` does not match. */
function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** End of the run of non-space characters starting at `i`. */
function wordEnd(text: string, i: number): number {
  while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the closing quote of the quoted value opening at `open`, or -1 when it is not closed. */
function closingQuoteEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      if (i + 1 >= text.length || isLineTerminator(text.charCodeAt(i + 1))) return -1;
      i++;
    }
  }
  return -1;
}

/** The tokens of one line, white space left out. */
export function lexLogfmtTokens(text: string): LogfmtToken[] {
  const tokens: LogfmtToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) {
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++; // matched by no token: dropped
      continue;
    }
    let k = i;
    while (k < n) {
      const d = text.charCodeAt(k);
      if (d === 0x3d || d === 0x22 || isSpace(d)) break;
      k++;
    }
    if (k > i && k < n && text.charCodeAt(k) === 0x3d) {
      const valueAt = k + 1;
      if (valueAt < n && text.charCodeAt(valueAt) === 0x22) {
        const end = closingQuoteEnd(text, valueAt);
        if (end === -1) {
          tokens.push({ type: 'unterminated', image: text.slice(i), eq: k - i });
          return tokens;
        }
        tokens.push({ type: 'pair', image: text.slice(i, end), eq: k - i });
        i = end;
        continue;
      }
      let end = valueAt;
      while (end < n) {
        const d = text.charCodeAt(end);
        if (d === 0x22 || isSpace(d)) break;
        end++;
      }
      tokens.push({ type: 'pair', image: text.slice(i, end), eq: k - i });
      i = end;
      continue;
    }
    const end = wordEnd(text, i);
    tokens.push({ type: 'word', image: text.slice(i, end), eq: -1 });
    i = end;
  }
  return tokens;
}
