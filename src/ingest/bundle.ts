/**
 * Expands an input into the text sources it holds, streaming: a plain file is one source; a zip,
 * tar or gzip stream (nested in one another, up to --max-depth) yields its members one at a time,
 * each named `archive!/member` and classified by the bundle registry (src/knowledge/bundle-members):
 * read with its pod as context, listed as recognised but unsupported, or, for a command's stderr,
 * listed as missing evidence. Nothing is unpacked to disk; a hostile archive is refused
 * (InputError) by the limits of `Expansion`, a broken one read up to where it breaks.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { Readable } from 'node:stream';
import { classifyMember, type MemberClass } from '../knowledge/bundle-members.js';
import { InputError } from '../types/errors.js';
import { notAFile, type ArchiveEntry } from './archive-entry.js';
import { binaryKind, peek } from './content.js';
import { brokenReason, containErrors, type Expansion } from './expansion.js';
import { formatBytes } from './limits.js';
import type { SkippedSource, SkipStatus, TextSource } from './source.js';
import { tarEntries } from './tar.js';
import { openZip, zipEntries } from './zip.js';

type Source = TextSource | SkippedSource;

/** Where a stream sits: its evidence name, its path inside the bundle, and how deep in archives. */
export interface Place {
  name: string;
  /** Path for the member registry (archive names are segments); null for an input named by the user. */
  path: string | null;
  /** Archives and compressed streams entered to reach it. */
  depth: number;
  /** Inside an archive: a member the registry does not know is listed as unknown. */
  inArchive: boolean;
}

const UNKNOWN: MemberClass = { kind: 'unknown', what: 'not a known bundle member', handling: 'read', pod: null, container: null };
/** Enough of a command's stderr to say why it failed. */
const STDERR_HEAD = 4096;

function skipped(at: Place, status: SkipStatus, reason: string, cls: MemberClass | null = null): SkippedSource {
  return { name: at.name, status, reason, ...(cls ? { member: cls.kind, what: cls.what } : {}) };
}

/** A bugtool run without a pod name is one agent: its folder, not each file. */
function agentOf(at: Place): string | undefined {
  const bugtool = at.path?.split('/').find((s) => /cilium-bugtool-/.test(s));
  return bugtool ? `source:${bugtool}` : undefined;
}

function textSource(at: Place, data: AsyncIterable<Buffer>, bytes: number | null, cls: MemberClass | null, exp: Expansion): TextSource {
  const agent = cls?.pod ? undefined : agentOf(at);
  const source: TextSource = {
    name: at.name,
    kind: at.inArchive ? 'member' : 'file',
    bytes,
    ...(cls?.pod ? { context: { pod: cls.pod, ...(cls.container ? { container: cls.container } : {}) } } : {}),
    ...(agent ? { agent } : {}),
    ...(cls ? { member: cls.kind, what: cls.what } : {}),
    problem: null,
    open: async () => {
      exp.progress.reading(at.name);
      return Readable.from(
        containErrors(data, (reason) => (source.problem = reason)),
        { objectMode: false },
      );
    },
  };
  return source;
}

/** A command's stderr: empty, it is read (no lines); with text, the evidence it should have printed is missing. */
async function* stderrMember(at: Place, data: AsyncIterable<Buffer>, cls: MemberClass, exp: Expansion): AsyncGenerator<Source> {
  const { head, all, close } = await peek(data, STDERR_HEAD);
  const first = head.toString('utf8').split('\n').find((l) => l.trim().length > 0);
  if (first === undefined) {
    yield textSource(at, all, 0, cls, exp);
    return;
  }
  await close();
  yield skipped(at, 'missing', `${cls.what}: ${first.trim().slice(0, 200)}`, cls);
}

/** A zip inside a compressed stream: held in memory (a zip is read from its end), within --max-nested-zip-size. */
async function bufferedZip(data: AsyncIterable<Buffer>, exp: Expansion): Promise<Buffer | string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.length;
    if (size > exp.limits.maxNestedZipBytes) {
      return `a zip inside a compressed archive member larger than ${formatBytes(exp.limits.maxNestedZipBytes)} is not read (raise --max-nested-zip-size, or extract it)`;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A stream whose kind its first bytes tell: an archive, a gzip stream, binary data or text. */
async function* expandContent(at: Place, data: AsyncIterable<Buffer>, bytes: number | null, cls: MemberClass | null, exp: Expansion): AsyncGenerator<Source> {
  const { head, all, close } = await peek(data);
  const kind = binaryKind(head);
  if (kind === 'gzip') {
    exp.checkDepth(at.name, at.depth + 1);
    // `x.log.gz` is read as the text it holds, under its own name.
    yield* expandContent({ ...at, depth: at.depth + 1 }, exp.gunzip(at.name, all), bytes, cls, exp);
  } else if (kind === 'tar archive') {
    yield* expandArchive(at, tarEntries(all, at.name, exp), exp);
  } else if (kind === 'zip archive') {
    const zip = await bufferedZip(all, exp);
    if (typeof zip === 'string') yield skipped(at, 'skipped', zip);
    else yield* expandArchive(at, zipEntries(await openZip(at.name, zip), at.name, exp), exp);
  } else if (kind) {
    await close();
    yield skipped(at, 'skipped', kind, cls === UNKNOWN ? null : cls);
  } else {
    yield textSource(at, all, bytes, cls, exp);
  }
}

/** A member's bytes: the registry decides whether it is read, listed as unsupported, or a stderr. */
async function* expandMember(at: Place, data: AsyncIterable<Buffer>, bytes: number | null, cls: MemberClass | null, exp: Expansion): AsyncGenerator<Source> {
  if (cls?.handling === 'unsupported') yield skipped(at, 'unsupported', cls.reason ?? 'not read', cls);
  else if (cls?.handling === 'stderr') yield* stderrMember(at, data, cls, exp);
  else yield* expandContent(at, data, bytes, cls ?? (at.inArchive ? UNKNOWN : null), exp);
}

/** The members of an archive; an archive that breaks off is read up to there and listed with the reason. */
async function* expandArchive(at: Place, entries: AsyncIterable<ArchiveEntry>, exp: Expansion): AsyncGenerator<Source> {
  exp.checkDepth(at.name, at.depth + 1);
  const base = at.path === null ? '' : `${at.path}/`;
  try {
    for await (const entry of entries) {
      if (entry.type === 'directory') continue;
      const member: Place = { name: `${at.name}!/${entry.path}`, path: `${base}${entry.path}`, depth: at.depth + 1, inArchive: true };
      const cls = classifyMember(member.path!);
      if (entry.type !== 'file') yield skipped(member, 'skipped', notAFile(entry), cls);
      else if (entry.unreadable) yield skipped(member, 'skipped', entry.unreadable, cls);
      else yield* expandMember(member, exp.guardMember(member.name, entry.data()), entry.size, cls, exp);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    yield skipped(at, 'skipped', `archive cut short: ${brokenReason(err)}; the members before it are read`);
  }
}

/** A file's bytes, counted into the progress as they are read; the file is opened when first read. */
async function* fileBytes(path: string, exp: Expansion): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    exp.progress.advance(chunk.length);
    yield chunk;
  }
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A file on disk: an input named by the user (`classify` false) or a file found in a folder, which
 * the bundle registry classifies like an archive member (an unpacked sysdump reads as its zip).
 */
export async function* expandFile(path: string, at: Place, exp: Expansion): AsyncGenerator<Source> {
  const cls = at.path === null ? null : classifyMember(at.path);
  if (cls?.handling === 'unsupported') {
    yield skipped(at, 'unsupported', cls.reason ?? 'not read', cls);
    return;
  }
  const { size } = await fsp.stat(path);
  exp.progress.addTotal(size);
  if (binaryKind(await readHead(path, 8)) === 'zip archive') {
    // A zip on disk is read in place, member by member, from its central directory.
    yield* expandArchive(at, zipEntries(await openZip(at.name, path), at.name, exp, true), exp);
    return;
  }
  yield* expandMember(at, fileBytes(path, exp), size, cls, exp);
}
