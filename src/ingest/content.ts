/** What the first bytes of an input or archive member say it is. */

export const SNIFF_BYTES = 8192;

/** What the first bytes of an input say about it; null when it looks like text. */
export function binaryKind(head: Buffer): string | null {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && (head.readUInt32BE(0) === 0x504b0304 || head.readUInt32BE(0) === 0x504b0506)) return 'zip archive';
  if (head.length >= 4) {
    const magic = head.readUInt32BE(0);
    if (magic === 0xd4c3b2a1 || magic === 0xa1b2c3d4 || magic === 0x4d3cb2a1 || magic === 0xa1b23c4d) {
      return 'pcap capture (convert it with `tcpdump -nn -r FILE > FILE.txt`)';
    }
    if (magic === 0x0a0d0d0a) return 'pcapng capture (convert it with `tcpdump -nn -r FILE > FILE.txt`)';
    if (magic === 0x7f454c46) return 'ELF executable';
  }
  if (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar archive';
  const sample = head.subarray(0, Math.min(head.length, SNIFF_BYTES));
  let nul = 0;
  let control = 0;
  for (const b of sample) {
    if (b === 0) nul++;
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (nul > 0) return 'binary data (NUL bytes)';
  if (sample.length > 64 && control / sample.length > 0.1) return 'binary data (control bytes)';
  return null;
}

/** The first bytes of a stream, and the whole stream again (those bytes first). */
export interface Peeked {
  head: Buffer;
  all: AsyncIterable<Buffer>;
  /** Stops reading the stream (when only its head was wanted). */
  close(): Promise<void>;
}

export async function peek(data: AsyncIterable<Buffer>, bytes = SNIFF_BYTES): Promise<Peeked> {
  const it = data[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(chunks);
  return {
    head: head.subarray(0, bytes),
    all: (async function* () {
      if (head.length > 0) yield head;
      if (ended) return;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    })(),
    close: async () => {
      if (!ended) await it.return?.();
    },
  };
}
