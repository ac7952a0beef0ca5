/**
 * Zip archives (cilium sysdump's `.zip`), read with yauzl: it reads the central directory one
 * entry at a time (lazyEntries), so a zip of a million members costs no memory up front; it
 * checks every entry's inflated size against the size declared (validateEntrySizes), so a member
 * cannot expand past what the directory promised; and it opens members from the file on demand,
 * so nothing is unpacked to disk.
 */
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import type { ArchiveEntry, EntryType } from './archive-entry.js';
import { refuse, unsafeMemberPath, type Expansion } from './expansion.js';

const OPTIONS: yauzl.Options = { lazyEntries: true, autoClose: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false };

const openFile = promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open);
const openBuffer = promisify<Buffer, yauzl.Options, yauzl.ZipFile>(yauzl.fromBuffer);

/** yauzl's own refusal of a member name (it checks names before handing out an entry). */
const NAME_ERROR = /^(?:invalid relative path|absolute path|invalid characters in fileName): (.*)$/s;

/** A zip that cannot be opened at all (no end-of-central-directory record) is refused. */
export async function openZip(container: string, source: string | Buffer): Promise<yauzl.ZipFile> {
  try {
    return typeof source === 'string' ? await openFile(source, OPTIONS) : await openBuffer(source, OPTIONS);
  } catch (err) {
    throw refuse(container, `not a readable zip (truncated or corrupt: ${(err as Error).message})`);
  }
}

const S_IFMT = 0o170000;
const UNIX_TYPES: ReadonlyMap<number, EntryType> = new Map([
  [0o120000, 'symlink'],
  [0o020000, 'device'],
  [0o060000, 'device'],
  [0o010000, 'fifo'],
  [0o140000, 'other'],
]);

function entryType(entry: yauzl.Entry): EntryType {
  if (entry.fileName.endsWith('/')) return 'directory';
  const madeOnUnix = entry.versionMadeBy >> 8 === 3;
  if (!madeOnUnix) return 'file';
  return UNIX_TYPES.get((entry.externalFileAttributes >>> 16) & S_IFMT) ?? 'file';
}

function unreadable(entry: yauzl.Entry): string | null {
  if (entry.isEncrypted()) return 'encrypted: not read';
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return `compression method ${entry.compressionMethod} is not supported`;
  return null;
}

/**
 * The entries of an opened zip, checked against the run's limits before any is read: the member
 * count from the directory, each name, each declared size and compression ratio. `onDisk`: the zip
 * is a file (not a member held in memory), whose members' reading counts into the progress.
 */
export async function* zipEntries(zip: yauzl.ZipFile, container: string, exp: Expansion, onDisk = false): AsyncGenerator<ArchiveEntry> {
  exp.countMembers(container, zip.entryCount);
  const openStream = promisify<yauzl.Entry, NodeJS.ReadableStream>(zip.openReadStream.bind(zip) as (e: yauzl.Entry, cb: (err: Error | null, s: NodeJS.ReadableStream) => void) => void);
  try {
    for await (const entry of zip.eachEntry()) {
      const unsafe = unsafeMemberPath(entry.fileName);
      if (unsafe) throw refuse(container, `member "${entry.fileName}" has ${unsafe}`);
      const type = entryType(entry);
      if (type === 'file') exp.checkDeclared(`${container}!/${entry.fileName}`, entry.compressedSize, entry.uncompressedSize);
      yield {
        path: entry.fileName,
        type,
        link: null,
        size: entry.uncompressedSize,
        unreadable: unreadable(entry),
        data: async function* () {
          // A zip on disk is read in place: its progress is the compressed share of what was inflated.
          const share = onDisk && entry.uncompressedSize > 0 ? entry.compressedSize / entry.uncompressedSize : 0;
          for await (const chunk of (await openStream(entry)) as AsyncIterable<Buffer>) {
            exp.progress.advance(chunk.length * share);
            yield chunk;
          }
        },
      };
    }
  } catch (err) {
    const name = NAME_ERROR.exec((err as Error).message);
    if (name) throw refuse(container, `member "${name[1]}" has ${unsafeMemberPath(name[1]!) ?? 'an invalid name'}`);
    throw err;
  } finally {
    zip.close();
  }
}
