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
 * Written by hand instead of with a chevrotain lexer because it runs on every log line: tokens are
 * offsets into the line, kept in reused arrays, so lexing allocates nothing
 * (test/grammars/logfmt.test.ts checks it against that lexer).
 */

export const PAIR = 0;
export const UNTERMINATED_PAIR = 1;
export const WORD = 2;

/** The tokens of the last line lexed into it; `count` of each array's entries are set. */
export class LogfmtTokens {
  count = 0;
  /** PAIR, UNTERMINATED_PAIR or WORD. */
  type = new Uint8Array(64);
  start = new Int32Array(64);
  /** Index of the pair's `=` (pairs only). */
  eq = new Int32Array(64);
  /** Index just past the token. */
  end = new Int32Array(64);

  push(type: number, start: number, eq: number, end: number): void {
    if (this.count === this.type.length) this.grow();
    const i = this.count++;
    this.type[i] = type;
    this.start[i] = start;
    this.eq[i] = eq;
    this.end[i] = end;
  }

  private grow(): void {
    const size = this.type.length * 2;
    const type = new Uint8Array(size);
    type.set(this.type);
    this.type = type;
    for (const name of ['start', 'eq', 'end'] as const) {
      const wider = new Int32Array(size);
      wider.set(this[name]);
      this[name] = wider;
    }
  }
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

/**
 * Index just past the closing quote of the quoted value opening at `open`, or -1 when it is not
 * closed. Native searches for the quote and the backslash: a message is most of a line, and most
 * hold no backslash.
 */
function closingQuoteEnd(text: string, open: number): number {
  // Each search starts where the last one's answer was taken: linear however many escapes.
  let quote = text.indexOf('"', open + 1);
  let backslash = text.indexOf('\\', open + 1);
  for (;;) {
    if (backslash === -1 || (quote !== -1 && quote < backslash)) return quote === -1 ? -1 : quote + 1;
    // An escape: the backslash takes the character after it, unless the line ends there.
    if (backslash + 1 >= text.length || isLineTerminator(text.charCodeAt(backslash + 1))) return -1;
    const from = backslash + 2;
    if (quote !== -1 && quote < from) quote = text.indexOf('"', from);
    backslash = text.indexOf('\\', from);
  }
}

/** Lexes one line into `tokens` (white space left out). */
export function lexLogfmt(text: string, tokens: LogfmtTokens): void {
  tokens.count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++; // space and tab are skipped; other white space is matched by no token: dropped
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
          tokens.push(UNTERMINATED_PAIR, i, k, n);
          return;
        }
        tokens.push(PAIR, i, k, end);
        i = end;
        continue;
      }
      let end = valueAt;
      while (end < n) {
        const d = text.charCodeAt(end);
        if (d === 0x22 || isSpace(d)) break;
        end++;
      }
      tokens.push(PAIR, i, k, end);
      i = end;
      continue;
    }
    let end = k;
    while (end < n && !isSpace(text.charCodeAt(end))) end++;
    tokens.push(WORD, i, -1, end);
    i = end;
  }
}
