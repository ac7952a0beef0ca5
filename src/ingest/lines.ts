import type { Readable } from 'node:stream';

/** Lines longer than this are not parsed: they are kept as unparsed with their length. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

/** A line is cut at this many bytes while reading: enough for MAX_LINE_CHARS + 1 characters of any UTF-8. */
const MAX_LINE_BYTES = 4 * (MAX_LINE_CHARS + 1);

/** Size of the text blocks an input is cut into (at line ends; a longer line makes a longer block). */
const BLOCK_BYTES = 256 * 1024;

const ANSI = /\x1b\[[0-9;?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/** Removes terminal colour codes and stray carriage returns (CRLF files, `\r` progress output). */
export function cleanLine(raw: string): string {
  let text = raw;
  if (text.includes('\x1b')) text = text.replace(ANSI, '');
  if (text.includes('\r')) {
    text = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (text.includes('\r')) text = text.replace(/\r/g, '');
  }
  return text;
}

/** A run of whole physical lines of one input: its bytes as read and the lines they decode to. */
export interface LineBlock {
  /** The bytes of the lines, each with its `\n` (the input's last line may lack it). */
  bytes: Buffer;
  /** The decoded lines without their `\n`, each at most MAX_LINE_CHARS + 1 characters. */
  lines: string[];
}

/** Decodes a block's bytes into its lines (only `\n` ends a line). */
export function blockLines(bytes: Buffer): string[] {
  const text = bytes.toString('utf8');
  const lines: string[] = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    lines.push(text.slice(start, nl));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  for (let i = 0; i < lines.length; i++) if (lines[i]!.length > MAX_LINE_CHARS) lines[i] = lines[i]!.slice(0, MAX_LINE_CHARS + 1);
  return lines;
}

/**
 * Cuts a byte stream into blocks of whole lines of about BLOCK_BYTES. A line without end (a binary
 * blob, a hostile input) is cut at MAX_LINE_BYTES and the rest of it skipped while reading, so
 * memory stays bounded and time linear: the bytes of an open line are joined once, when its end or
 * the limit comes, not at every chunk.
 */
class LineBlocker {
  /** Bytes read and not yet given out: whole lines shorter than a block, then the open line. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes of the open line (after the last `\n`) among them. */
  private openBytes = 0;
  /** Skipping the rest of a line that was cut. */
  private skipping = false;

  push(chunk: Buffer): Buffer[] {
    let data = chunk;
    if (this.skipping) {
      const nl = data.indexOf(0x0a);
      if (nl === -1) return [];
      // The cut line already ends with its own `\n`.
      data = data.subarray(nl + 1);
      this.skipping = false;
    }
    this.pending.push(data);
    this.pendingBytes += data.length;
    const nl = data.lastIndexOf(0x0a);
    if (nl === -1) {
      this.openBytes += data.length;
      return this.openBytes > MAX_LINE_BYTES ? this.cutOpenLine() : [];
    }
    this.openBytes = data.length - (nl + 1);
    const buf = Buffer.concat(this.pending, this.pendingBytes);
    const blocks: Buffer[] = [];
    let pos = 0;
    while (buf.length - pos >= BLOCK_BYTES) {
      let cut = buf.lastIndexOf(0x0a, pos + BLOCK_BYTES - 1);
      if (cut < pos) cut = buf.indexOf(0x0a, pos + BLOCK_BYTES);
      if (cut === -1) break;
      blocks.push(buf.subarray(pos, cut + 1));
      pos = cut + 1;
    }
    // A copy: what is kept must not hold the whole chunk alive.
    const rest = Buffer.from(buf.subarray(pos));
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    if (this.openBytes > MAX_LINE_BYTES) blocks.push(...this.cutOpenLine());
    return blocks;
  }

  /** The pending lines with the open line's head, ended; the rest of that line is skipped. */
  private cutOpenLine(): Buffer[] {
    const buf = Buffer.concat(this.pending, this.pendingBytes);
    const head = buf.subarray(0, buf.length - this.openBytes + MAX_LINE_BYTES);
    this.pending = [];
    this.pendingBytes = 0;
    this.openBytes = 0;
    this.skipping = true;
    return [Buffer.concat([head, Buffer.from('\n')])];
  }

  end(): Buffer[] {
    const rest = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    return rest.length > 0 ? [Buffer.concat(rest)] : [];
  }
}

/** Streams a text input (chunks may be bytes or strings) as the bytes of blocks of whole lines. */
export async function* readByteBlocks(stream: Readable): AsyncGenerator<Buffer> {
  const blocker = new LineBlocker();
  for await (const chunk of stream as AsyncIterable<Buffer | string>) yield* blocker.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  yield* blocker.end();
}

/** Streams the blocks of a text input with their decoded lines. */
export async function* readBlocks(stream: Readable): AsyncGenerator<LineBlock> {
  for await (const bytes of readByteBlocks(stream)) yield { bytes, lines: blockLines(bytes) };
}

/**
 * Streams the lines of a text input; the final line may lack a newline. Only `\n` ends a line
 * (a trailing `\r` is removed by cleanLine): readline would also break at a lone `\r` (progress
 * output), so line numbers would no longer match the file as editors and `grep -n` count it.
 */
export async function* readLines(stream: Readable): AsyncGenerator<string> {
  for await (const block of readBlocks(stream)) yield* block.lines;
}
