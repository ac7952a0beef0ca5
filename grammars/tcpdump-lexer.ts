/**
 * Tokens of a tcpdump text line and a cursor over them. One scanner lexes every line (packet
 * lines, continuation lines, inner packets) once; the printers' structure is read by the
 * recursive-descent reader in tcpdump-packet.ts.
 *
 *   05:45:21.964248 02:42:ac:12:00:02 > 02:42:ac:12:00:03, ethertype IPv4 (0x0800), length 74: …
 *   → Time Mac Gt Mac Comma Word Word LParen Hex RParen Comma Word Num Colon …
 *
 * The token rules are tried in a fixed order at each offset, the first that matches wins (as a
 * chevrotain lexer does); the scanner tries only the rules the offset's character and the run of
 * characters after it can start, so most tokens take no regular expression at all. A character no
 * rule can start is skipped (chevrotain's recovery). Spaces and tabs separate tokens.
 */
import { CLOCK_STAMP, DATE_TIME_STAMP, EPOCH_STAMP } from '../src/knowledge/tcpdump-timestamp.js';
import { isSpace } from './text-chars.js';

/** A kind of token; compared by identity. */
export interface TokenType {
  readonly name: string;
}

export interface Token {
  tokenType: TokenType;
  image: string;
  startOffset: number;
}

const kind = (name: string): TokenType => ({ name });

export const DateTime = kind('DateTime');
export const Epoch = kind('Epoch');
/** A time of day, or a `-ttt`/`-ttttt` delta (negative ones carry their `-`). */
export const Time = kind('Time');
export const Mac = kind('Mac');
/** An IPv6 address with an optional `.port`. */
export const Ip6 = kind('Ip6');
export const Ip4 = kind('Ip4');
export const Hex = kind('Hex');
/** Digits followed by the end, a space or a delimiter (`80,` but not `80.1`). */
export const Num = kind('Num');
export const Arrow = kind('Arrow');
export const Gt = kind('Gt');
export const Comma = kind('Comma');
export const Colon = kind('Colon');
export const LParen = kind('LParen');
export const RParen = kind('RParen');
export const LBracket = kind('LBracket');
export const RBracket = kind('RBracket');
export const LBrace = kind('LBrace');
export const RBrace = kind('RBrace');
/** A run of anything but spaces and delimiters, started by a printable ASCII character. */
export const Word = kind('Word');

const sticky = (source: string): RegExp => new RegExp(source, 'y');
const DATE_TIME = sticky(DATE_TIME_STAMP);
const EPOCH = sticky(EPOCH_STAMP);
const TIME = sticky(`-?${CLOCK_STAMP}`);
const MAC = sticky(/[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}(?![0-9a-fA-F]|:[0-9a-fA-F])/.source);
const IP4 = sticky(/\d{1,3}(?:\.\d{1,3}){3}(?:\.[A-Za-z0-9][\w-]*)?/.source);
const IP6_BODY = sticky(/(?:[0-9a-fA-F]{1,4}|(?=:))(?::[0-9a-fA-F]{0,4}){2,7}(?:\d{1,3}(?:\.\d{1,3}){3})?/.source);
const PORT_SUFFIX = sticky(/\.(?:\d+|[A-Za-z][\w-]*)/.source);

/** The length of a rule's match at `offset`, 0 when it does not match there. */
function matchAt(re: RegExp, text: string, offset: number): number {
  re.lastIndex = offset;
  return re.test(text) ? re.lastIndex - offset : 0;
}

/**
 * The end of an IPv6 address (and `.port`) at `offset`, or -1. Hand-matched because a greedy regex
 * would swallow the `:` tcpdump prints after the destination (`ff02::1:ff00:3: ICMP6`).
 */
function ip6End(text: string, offset: number): number {
  const body = matchAt(IP6_BODY, text, offset);
  if (body === 0) return -1;
  let end = offset + body;
  if (text.charCodeAt(end - 1) === 0x3a && text.charCodeAt(end - 2) !== 0x3a) end--;
  const image = text.slice(offset, end);
  if (!image.includes('::') && image.split(':').length < 8) return -1;
  return end + matchAt(PORT_SUFFIX, text, end);
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** The characters that end a Word, besides white space: they are tokens of their own. */
const isDelimiter = (c: number): boolean =>
  c === 0x2c || c === 0x3a || c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x3e;

/** Whether a Word may start with this character: printable ASCII but a delimiter. */
const startsWord = (c: number): boolean => c > 0x20 && c < 0x7f && !isDelimiter(c);

function wordEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (isSpace(c) || isDelimiter(c)) break;
    end++;
  }
  return end;
}

const SINGLE: Record<number, TokenType> = {
  0x3e: Gt, 0x2c: Comma, 0x3a: Colon, 0x28: LParen, 0x29: RParen, 0x5b: LBracket, 0x5d: RBracket, 0x7b: LBrace, 0x7d: RBrace,
};

/** The kind of the token scanToken found last. */
let scanned: TokenType = Word;

function found(tokenType: TokenType, end: number): number {
  scanned = tokenType;
  return end;
}

/** Where the token at `offset` ends (its kind in `scanned`); -(`offset` + 1) when no rule starts there. */
function scanToken(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  if (isDigit(c)) {
    let digits = offset + 1;
    while (digits < text.length && isDigit(text.charCodeAt(digits))) digits++;
    const n = digits - offset;
    const after = text.charCodeAt(digits);
    let m: number;
    // Each rule is tried only where the digits before its first non-digit allow it.
    if (n === 4 && after === 0x2d && (m = matchAt(DATE_TIME, text, offset))) return found(DateTime, offset + m);
    if ((n === 9 || n === 10) && after === 0x2e && (m = matchAt(EPOCH, text, offset))) return found(Epoch, offset + m);
    if (n >= 2 && after === 0x3a && (m = matchAt(TIME, text, offset))) return found(Time, offset + m);
    if (isHex(text.charCodeAt(offset + 1)) && text.charCodeAt(offset + 2) === 0x3a && (m = matchAt(MAC, text, offset))) return found(Mac, offset + m);
    // An IPv6 group is at most four hex digits, then `:`.
    const ip6 = n <= 4 && (after === 0x3a || isHex(after)) && startsIp6(text, offset) ? ip6End(text, offset) : -1;
    if (ip6 !== -1) return found(Ip6, ip6);
    if (n <= 3 && after === 0x2e && (m = matchAt(IP4, text, offset))) return found(Ip4, offset + m);
    if (n === 1 && c === 0x30 && after === 0x78 && isHex(text.charCodeAt(digits + 1))) {
      let end = digits + 2;
      while (end < text.length && isHex(text.charCodeAt(end))) end++;
      return found(Hex, end);
    }
    if (digits === text.length || isSpace(after) || isDelimiter(after)) return found(Num, digits);
    return found(Word, wordEnd(text, offset));
  }
  if (isHex(c)) {
    let m: number;
    if (isHex(text.charCodeAt(offset + 1)) && text.charCodeAt(offset + 2) === 0x3a && (m = matchAt(MAC, text, offset))) return found(Mac, offset + m);
    const ip6 = startsIp6(text, offset) ? ip6End(text, offset) : -1;
    if (ip6 !== -1) return found(Ip6, ip6);
    return found(Word, wordEnd(text, offset));
  }
  if (c === 0x3a) {
    const ip6 = ip6End(text, offset);
    return ip6 !== -1 ? found(Ip6, ip6) : found(Colon, offset + 1);
  }
  if (c === 0x2d) {
    let m: number;
    if (isDigit(text.charCodeAt(offset + 1)) && (m = matchAt(TIME, text, offset))) return found(Time, offset + m);
    if (text.charCodeAt(offset + 1) === 0x3e) return found(Arrow, offset + 2);
    return found(Word, wordEnd(text, offset));
  }
  const single = SINGLE[c];
  if (single) return found(single, offset + 1);
  if (startsWord(c)) return found(Word, wordEnd(text, offset));
  return -(offset + 1);
}

/** An IPv6 address can start here: 1–4 hex digits then `:` (longer runs of hex digits cannot). */
function startsIp6(text: string, offset: number): boolean {
  let end = offset;
  while (end - offset < 5 && isHex(text.charCodeAt(end))) end++;
  return end - offset <= 4 && text.charCodeAt(end) === 0x3a;
}

/**
 * Reads a lexed line left to right; `text` is kept for the free-text tails tcpdump prints. The
 * tokens are kept as their kinds and offsets, in arrays reused from line to line: a token's image
 * is cut from the text only when a reader asks for it.
 */
export class Cursor {
  private readonly types: TokenType[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private count = 0;
  i = 0;
  text = '';

  /** Lexes a line (spaces and tabs dropped) and moves to its first token. */
  reset(text: string): this {
    const { types, starts, ends } = this;
    let n = 0;
    let offset = 0;
    while (offset < text.length) {
      const c = text.charCodeAt(offset);
      if (c === 0x20 || c === 0x09) {
        offset++;
        continue;
      }
      const end = scanToken(text, offset);
      if (end < 0) offset = -end;
      else {
        types[n] = scanned;
        starts[n] = offset;
        ends[n] = end;
        n++;
        offset = end;
      }
    }
    this.text = text;
    this.count = n;
    this.i = 0;
    return this;
  }

  get done(): boolean {
    return this.i >= this.count;
  }

  peek(k = 0): Token | undefined {
    const j = this.i + k;
    if (j >= this.count) return undefined;
    return { tokenType: this.types[j]!, image: this.text.slice(this.starts[j], this.ends[j]), startOffset: this.starts[j]! };
  }

  is(type: TokenType, k = 0): boolean {
    const j = this.i + k;
    return j < this.count && this.types[j] === type;
  }

  isWord(image: string, k = 0): boolean {
    const j = this.i + k;
    return j < this.count && this.ends[j]! - this.starts[j]! === image.length && this.text.startsWith(image, this.starts[j]);
  }

  next(): void {
    this.i++;
  }

  /** Consumes the token when it has that type; returns its image. */
  take(type: TokenType): string | null {
    const j = this.i;
    if (j >= this.count || this.types[j] !== type) return null;
    this.i++;
    return this.text.slice(this.starts[j], this.ends[j]);
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
    return this.i < this.count ? this.starts[this.i]! : this.text.length;
  }

  /** The raw text from the current token to the end of the line. */
  rest(): string {
    return this.done ? '' : this.text.slice(this.offset()).trimEnd();
  }

  /** Moves to the first token at or after a text offset. */
  seek(offset: number): void {
    while (this.i < this.count && this.starts[this.i]! < offset) this.i++;
  }

  /**
   * The raw text inside the bracket pair that starts at the current token (`[`…`]`, `(`…`)`),
   * nesting respected; the cursor moves past the closing bracket. Null when unbalanced.
   */
  group(): string | null {
    if (this.i >= this.count) return null;
    const { types } = this;
    const open = types[this.i]!;
    const close = open === LBracket ? RBracket : open === LParen ? RParen : null;
    if (!close) return null;
    let depth = 0;
    for (let j = this.i; j < this.count; j++) {
      const t = types[j]!;
      if (t === open) depth++;
      else if (t === close && --depth === 0) {
        const inner = this.text.slice(this.starts[this.i]! + 1, this.starts[j]);
        this.i = j + 1;
        return inner;
      }
    }
    return null;
  }

  /** Skips to just after the next top-level comma (or to the end). */
  skipItem(): void {
    let depth = 0;
    const { types } = this;
    while (this.i < this.count) {
      const t = types[this.i++]!;
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
