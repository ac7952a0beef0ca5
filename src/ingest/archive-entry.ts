/** One entry of an archive, as the zip and tar readers hand it to the bundle expansion. */
export type EntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'device' | 'fifo' | 'other';

export interface ArchiveEntry {
  /** The path as stored in the archive (already checked: relative, no `..`). */
  path: string;
  type: EntryType;
  /** A link's target, when the archive records it. */
  link: string | null;
  /** Size the archive declares, when it does. */
  size: number | null;
  /** Why the entry cannot be read, when its header already says (encryption, an unknown method). */
  unreadable: string | null;
  /** The entry's bytes; read at most once, before the next entry is asked for. */
  data(): AsyncIterable<Buffer>;
}

const TYPE_NAMES: Readonly<Record<Exclude<EntryType, 'file' | 'directory'>, string>> = {
  symlink: 'a symbolic link',
  hardlink: 'a hard link',
  device: 'a device file',
  fifo: 'a named pipe',
  other: 'not a regular file',
};

/** Why an entry that is not a regular file is not read. */
export function notAFile(entry: ArchiveEntry): string {
  const type = TYPE_NAMES[entry.type as keyof typeof TYPE_NAMES];
  return `${type}${entry.link ? ` to ${entry.link}` : ''}: not followed`;
}
