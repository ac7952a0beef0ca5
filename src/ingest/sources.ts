import { createReadStream, promises as fsp } from 'node:fs';
import { join, relative } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../types/errors.js';


/** A readable text input: a file, a file found in a directory, or standard input. */
export interface TextSource {
  name: string;
  kind: 'file' | 'stdin';
  bytes: number | null;
  /** `bytes` is the compressed size (gzip): the text read is larger. */
  compressed?: boolean;
  open(): Promise<Readable>;
}

/** A file found while walking a directory that is not text we can read. */
export interface SkippedSource {
  name: string;
  reason: string;
}

const SNIFF_BYTES = 8192;

/** What the first bytes of an input say about it; null when it looks like text. */
export function binaryKind(head: Buffer): string | null {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'zip archive';
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

async function readHead(path: string): Promise<Buffer> {
  const handle = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Checks a gzip stream's decompressed head, so `x.tar.gz` is refused while `x.log.gz` is read. */
async function gunzippedHead(path: string): Promise<Buffer> {
  const stream = createReadStream(path).pipe(createGunzip());
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= SNIFF_BYTES) break;
    }
  } catch (err) {
    throw new InputError(`${path}: corrupt gzip data (${(err as Error).message})`);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, SNIFF_BYTES);
}

async function fileSource(path: string, name: string): Promise<TextSource | SkippedSource> {
  const head = await readHead(path);
  const kind = binaryKind(head);
  const stat = await fsp.stat(path);
  if (kind === 'gzip') {
    const inner = binaryKind(await gunzippedHead(path));
    if (inner) return { name, reason: `gzip-compressed ${inner}; archives are not read yet: extract it and pass the folder` };
    return {
      name,
      kind: 'file',
      bytes: stat.size,
      compressed: true,
      open: async () => createReadStream(path).pipe(createGunzip()),
    };
  }
  if (kind) {
    const hint = kind.includes('archive') ? '; archives are not read yet: extract it and pass the folder' : '';
    return { name, reason: `${kind}${hint}` };
  }
  return {
    name,
    kind: 'file',
    bytes: stat.size,
    open: async () => createReadStream(path, { highWaterMark: 1 << 20 }),
  };
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** Standard input, with its first bytes checked like a file's. */
export function stdinSource(stdin: Readable): TextSource {
  return {
    name: '-',
    kind: 'stdin',
    bytes: null,
    open: async () => {
      const out = new PassThrough({ highWaterMark: 1 << 20 });
      const iterator = (stdin as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
      const first = await iterator.next();
      if (first.done) {
        out.end();
        return out;
      }
      const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value);
      const kind = binaryKind(head);
      if (kind === 'gzip') throw new InputError('standard input is gzip-compressed: pipe it through `zcat` first');
      if (kind) throw new InputError(`standard input is ${kind}, not text output of Cilium or tcpdump`);
      out.write(head);
      (async () => {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          if (!out.write(next.value)) await new Promise((resolve) => out.once('drain', resolve));
        }
        out.end();
      })().catch((err: unknown) => out.destroy(err as Error));
      return out;
    },
  };
}

/**
 * Expands the user's inputs into text sources. A named file that is not text is an error the user
 * must act on; a non-text file found inside a directory is skipped with its reason.
 */
export async function* expandInputs(
  inputs: string[],
  stdin: Readable,
): AsyncGenerator<TextSource | SkippedSource> {
  for (const input of inputs) {
    if (input === '-') {
      yield stdinSource(stdin);
      continue;
    }
    let stat;
    try {
      stat = await fsp.stat(input);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(`${input}: ${code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
    }
    if (stat.isDirectory()) {
      for await (const path of walk(input)) {
        yield await fileSource(path, relative(process.cwd(), path) || path);
      }
    } else {
      const source = await fileSource(input, input);
      if ('reason' in source) throw new InputError(`${input}: ${source.reason}`);
      yield source;
    }
  }
}

export function isSkipped(s: TextSource | SkippedSource): s is SkippedSource {
  return 'reason' in s;
}
