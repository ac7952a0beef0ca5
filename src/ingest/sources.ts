import { promises as fsp } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { InputError } from '../types/errors.js';
import { expandFile } from './bundle.js';
import { binaryKind } from './content.js';
import { Expansion } from './expansion.js';
import type { SkippedSource, TextSource } from './source.js';

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
 * Expands the user's inputs into text sources: files, the files of folders (recursively), the
 * members of archives (zip, tar, gzip, nested) and standard input. A named file that is not text
 * nor an archive is an error the user must act on; one found in a folder or an archive is listed
 * with its reason. Sources are yielded one at a time: each is read before the next is asked for.
 */
export async function* expandInputs(
  inputs: string[],
  stdin: Readable,
  expansion: Expansion = new Expansion(),
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
      // Paths inside the folder keep its own name, so the bundle registry sees `cilium-sysdump-…/…`.
      const root = join(input, '..');
      for await (const path of walk(input)) {
        const at = { name: relative(process.cwd(), path) || path, path: relative(root, path) || basename(path), depth: 0, inArchive: false };
        yield* expandFile(path, at, expansion);
      }
      continue;
    }
    // Nothing of a named input read yet and it is skipped (not text, an archive broken from its start): the user must act.
    let read = false;
    for await (const source of expandFile(input, { name: input, path: null, depth: 0, inArchive: false }, expansion)) {
      if ('reason' in source && source.name === input && !read) throw new InputError(`${input}: ${source.reason}`);
      read = true;
      yield source;
    }
  }
}
