import { createInterface } from 'node:readline';
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

/** Streams the lines of a text input; the final line may lack a newline. */
export async function* readLines(stream: Readable): AsyncGenerator<string> {
  stream.setEncoding('utf8');
  const rl = createInterface({ input: stream, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of rl) yield line;
  } finally {
    rl.close();
  }
}
