/**
 * Tar streams (bugtool's `.tar` / `.tar.gz`, a sysdump re-packed as `.tgz`), read with tar-stream:
 * a streaming parser that hands out one entry at a time and waits until it is consumed, so a
 * member never sits in memory whole and nothing is unpacked to disk. It reads the ustar, pax and
 * GNU long-name headers cilium-bugtool and GNU tar write.
 */
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { ArchiveEntry, EntryType } from './archive-entry.js';
import { refuse, unsafeMemberPath, type Expansion } from './expansion.js';

const TYPES: Readonly<Record<string, EntryType>> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'hardlink',
  'character-device': 'device',
  'block-device': 'device',
  fifo: 'fifo',
};

/** The entries of a tar stream; each entry's rest is skipped when the next is asked for. */
export async function* tarEntries(data: AsyncIterable<Buffer>, container: string, exp: Expansion): AsyncGenerator<ArchiveEntry> {
  const extract = tar.extract();
  const input = Readable.from(data, { objectMode: false });
  input.once('error', (err) => extract.destroy(err));
  input.pipe(extract);
  const entries = extract[Symbol.asyncIterator]();
  try {
    for (let next = await entries.next(); !next.done; next = await entries.next()) {
      const entry = next.value;
      const header = entry.header;
      exp.countMembers(container);
      const unsafe = unsafeMemberPath(header.name);
      if (unsafe) throw refuse(container, `member "${header.name}" has ${unsafe}`);
      const body = entry[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => body };
      yield {
        path: header.name,
        type: TYPES[header.type ?? 'file'] ?? 'other',
        link: header.linkname ?? null,
        size: header.size ?? null,
        unreadable: null,
        data: () => rest,
      };
      for await (const _ of rest) {
        // what the reader left of the entry
      }
    }
  } finally {
    input.unpipe(extract);
    input.destroy();
    await entries.return?.();
  }
}
