import type { Readable } from 'node:stream';

/** Lines longer than this are not parsed: they are kept as unparsed with their length. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

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

/**
 * Streams the lines of a text input; the final line may lack a newline. Only `\n` ends a line
 * (a trailing `\r` is removed by cleanLine): readline would also break at a lone `\r` (progress
 * output), so line numbers would no longer match the file as editors and `grep -n` count it.
 */
export async function* readLines(stream: Readable): AsyncGenerator<string> {
  stream.setEncoding('utf8');
  // A line without end (a binary blob, a hostile input) is kept to MAX_LINE_CHARS + 1 characters and
  // the rest of it is skipped while reading, so memory stays bounded and time linear; the caller
  // sees it is over the limit and keeps it as unparsed.
  const cap = (s: string) => (s.length > MAX_LINE_CHARS ? s.slice(0, MAX_LINE_CHARS + 1) : s);
  let carry = '';
  const take = (piece: string): void => {
    if (carry.length <= MAX_LINE_CHARS) carry = cap(carry + piece);
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      start = nl + 1;
      if (carry.length > 0) {
        take(piece);
        yield carry;
        carry = '';
      } else yield cap(piece);
    }
    if (start < chunk.length) take(chunk.slice(start));
  }
  if (carry.length > 0) yield carry;
}
