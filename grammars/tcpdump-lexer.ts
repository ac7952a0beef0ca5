/**
 * Tokens of a tcpdump text line and a cursor over them. One chevrotain lexer, built once, lexes
 * every line (packet lines, continuation lines, inner packets); the printers' structure is read
 * by the recursive-descent reader in tcpdump-packet.ts.
 *
 *   05:45:21.964248 02:42:ac:12:00:02 > 02:42:ac:12:00:03, ethertype IPv4 (0x0800), length 74: …
 *   → Time Mac Gt Mac Comma Word Word LParen Hex RParen Comma Word Num Colon …
 */
import type { IToken, TokenType } from 'chevrotain';
import { createToken, Lexer } from './chevrotain.js';
import { CLOCK_STAMP, DATE_TIME_STAMP, EPOCH_STAMP } from '../src/knowledge/tcpdump-timestamp.js';

const IP6_BODY = /(?:[0-9a-fA-F]{1,4}|(?=:))(?::[0-9a-fA-F]{0,4}){2,7}(?:\d{1,3}(?:\.\d{1,3}){3})?/y;
const PORT_SUFFIX = /\.(?:\d+|[A-Za-z][\w-]*)/y;

/**
 * An IPv6 address with an optional `.port`. Hand-matched because a greedy regex would swallow the
 * `:` tcpdump prints after the destination (`ff02::1:ff00:3: ICMP6`).
 */
function matchIp6(text: string, offset: number): RegExpExecArray | null {
  IP6_BODY.lastIndex = offset;
  const m = IP6_BODY.exec(text);
  if (!m) return null;
  let end = offset + m[0].length;
  if (text.charCodeAt(end - 1) === 0x3a && text.charCodeAt(end - 2) !== 0x3a) end--;
  if (!text.slice(offset, end).includes('::') && text.slice(offset, end).split(':').length < 8) return null;
  PORT_SUFFIX.lastIndex = end;
  const port = PORT_SUFFIX.exec(text);
  if (port) end += port[0].length;
  const image = text.slice(offset, end);
  return [image] as unknown as RegExpExecArray;
}

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t]+/, group: Lexer.SKIPPED });
export const DateTime = createToken({ name: 'DateTime', pattern: new RegExp(DATE_TIME_STAMP) });
export const Epoch = createToken({ name: 'Epoch', pattern: new RegExp(EPOCH_STAMP) });
/** A time of day, or a `-ttt`/`-ttttt` delta (negative ones carry their `-`). */
export const Time = createToken({ name: 'Time', pattern: new RegExp(`-?${CLOCK_STAMP}`) });
export const Mac = createToken({ name: 'Mac', pattern: /[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}(?![0-9a-fA-F]|:[0-9a-fA-F])/ });
export const Ip6 = createToken({
  name: 'Ip6',
  pattern: { exec: matchIp6 },
  line_breaks: false,
  start_chars_hint: [...'0123456789abcdefABCDEF:'],
});
export const Ip4 = createToken({ name: 'Ip4', pattern: /\d{1,3}(?:\.\d{1,3}){3}(?:\.[A-Za-z0-9][\w-]*)?/ });
export const Hex = createToken({ name: 'Hex', pattern: /0x[0-9a-fA-F]+/ });
export const Num = createToken({ name: 'Num', pattern: /\d+(?![^\s,:()[\]{}>])/ });
export const Arrow = createToken({ name: 'Arrow', pattern: /->/ });
export const Gt = createToken({ name: 'Gt', pattern: />/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/ });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /}/ });
/** Printable ASCII that can start a Word; the hint keeps chevrotain's first-char optimisation on. */
const WORD_START = Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)).filter((c) => !',:()[]{}>'.includes(c));
export const Word = createToken({ name: 'Word', pattern: /[^\s,:()[\]{}>]+/, start_chars_hint: WORD_START });

const lexer = new Lexer(
  [
    WhiteSpace, DateTime, Epoch, Time, Mac, Ip6, Ip4, Hex, Num, Arrow, Gt, Comma, Colon,
    LParen, RParen, LBracket, RBracket, LBrace, RBrace, Word,
  ],
  { positionTracking: 'onlyOffset', ensureOptimizations: false },
);

/** Reads a lexed line left to right; `text` is kept for the free-text tails tcpdump prints. */
export class Cursor {
  tokens: IToken[] = [];
  i = 0;
  text = '';

  reset(text: string): this {
    this.text = text;
    this.tokens = lexer.tokenize(text).tokens;
    this.i = 0;
    return this;
  }

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(k = 0): IToken | undefined {
    return this.tokens[this.i + k];
  }

  is(type: TokenType, k = 0): boolean {
    return this.tokens[this.i + k]?.tokenType === type;
  }

  isWord(image: string, k = 0): boolean {
    const t = this.tokens[this.i + k];
    return t !== undefined && t.tokenType !== WhiteSpace && t.image === image;
  }

  next(): IToken | undefined {
    return this.tokens[this.i++];
  }

  /** Consumes the token when it has that type; returns its image. */
  take(type: TokenType): string | null {
    const t = this.tokens[this.i];
    if (t?.tokenType !== type) return null;
    this.i++;
    return t.image;
  }

  takeWord(image: string): boolean {
    if (!this.isWord(image)) return false;
    this.i++;
    return true;
  }

  takeNum(): number | null {
    const img = this.take(Num);
    return img === null ? null : Number(img);
  }

  /** Offset in `text` of the current token (end of text when done). */
  offset(): number {
    return this.tokens[this.i]?.startOffset ?? this.text.length;
  }

  /** The raw text from the current token to the end of the line. */
  rest(): string {
    return this.done ? '' : this.text.slice(this.offset()).trimEnd();
  }

  /** Moves to the first token at or after a text offset. */
  seek(offset: number): void {
    while (this.i < this.tokens.length && this.tokens[this.i]!.startOffset < offset) this.i++;
  }

  /**
   * The raw text inside the bracket pair that starts at the current token (`[`…`]`, `(`…`)`),
   * nesting respected; the cursor moves past the closing bracket. Null when unbalanced.
   */
  group(): string | null {
    const open = this.tokens[this.i];
    if (!open) return null;
    const close = open.tokenType === LBracket ? RBracket : open.tokenType === LParen ? RParen : null;
    if (!close) return null;
    let depth = 0;
    for (let j = this.i; j < this.tokens.length; j++) {
      const t = this.tokens[j]!.tokenType;
      if (t === open.tokenType) depth++;
      else if (t === close && --depth === 0) {
        const inner = this.text.slice(open.startOffset + 1, this.tokens[j]!.startOffset);
        this.i = j + 1;
        return inner;
      }
    }
    return null;
  }

  /** Skips to just after the next top-level comma (or to the end). */
  skipItem(): void {
    let depth = 0;
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i++]!.tokenType;
      if (t === LParen || t === LBracket || t === LBrace) depth++;
      else if ((t === RParen || t === RBracket || t === RBrace) && depth > 0) depth--;
      else if (t === Comma && depth === 0) return;
    }
  }
}

/** Splits text on commas outside brackets/parentheses/braces. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if ((c === 0x29 || c === 0x5d || c === 0x7d) && depth > 0) depth--;
    else if (c === 0x2c && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}
