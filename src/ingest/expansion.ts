/**
 * The bounds of one run's archive expansion: members counted, bytes expanded, and the stream
 * guards that refuse a hostile archive (InputError, exit 2) the moment it crosses a limit, so
 * memory and time stay bounded whatever the archive claims.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../types/errors.js';
import { DEFAULT_LIMITS, formatBytes, RATIO_FLOOR, type ContainerLimits } from './limits.js';
import { Progress } from './progress.js';

/** Why a stored member path is refused: it would name a place outside the archive. */
export function unsafeMemberPath(path: string): string | null {
  if (/^[a-zA-Z]:/.test(path) || path.startsWith('/') || path.startsWith('\\')) return 'an absolute path';
  if (path.split(/[\\/]/).includes('..')) return 'a path that climbs out of the archive (`..`)';
  if (path.includes('\0')) return 'a NUL byte in its path';
  return null;
}

export function refuse(container: string, what: string): InputError {
  return new InputError(`${container}: refusing the archive: ${what}`);
}

/** Counters and limits shared by every archive of one run. */
export class Expansion {
  private members = 0;
  private expanded = 0;

  constructor(
    readonly limits: ContainerLimits = DEFAULT_LIMITS,
    readonly progress: Progress = new Progress(null),
  ) {}

  /** A member more (or `count` announced by a zip's directory). */
  countMembers(container: string, count = 1): void {
    this.members += count;
    if (this.members > this.limits.maxMembers) {
      throw refuse(container, `more than ${this.limits.maxMembers} members (raise --max-members to read it)`);
    }
  }

  checkDepth(container: string, depth: number): void {
    if (depth > this.limits.maxDepth) {
      throw refuse(container, `archives nested more than ${this.limits.maxDepth} deep (raise --max-depth to read it)`);
    }
  }

  /** A zip entry whose declared sizes already say it is a bomb or too large. */
  checkDeclared(member: string, compressed: number, uncompressed: number): void {
    this.checkMemberSize(member, uncompressed);
    this.checkRatio(member, compressed, uncompressed);
  }

  /** An archive member's bytes, counted against the member and total limits as they flow. */
  async *guardMember(member: string, data: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let bytes = 0;
    for await (const chunk of data) {
      bytes += chunk.length;
      this.expanded += chunk.length;
      this.checkMemberSize(member, bytes);
      if (this.expanded > this.limits.maxExpandedBytes) {
        throw new InputError(
          `${member}: archive members expand past ${formatBytes(this.limits.maxExpandedBytes)} in all; refusing to read on (raise --max-expanded-size)`,
        );
      }
      yield chunk;
    }
  }

  /** A gzip stream's expansion, refused as a decompression bomb when it expands past --max-ratio. */
  gunzip(name: string, data: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const input = Readable.from(data, { objectMode: false });
    const inflate = input.pipe(createGunzip());
    input.once('error', (err) => inflate.destroy(err));
    const self = this;
    return (async function* () {
      let expanded = 0;
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        expanded += chunk.length;
        // bytesWritten: compressed bytes the engine has taken (not those still buffered ahead of it).
        self.checkRatio(name, inflate.bytesWritten, expanded);
        yield chunk;
      }
    })();
  }

  private checkMemberSize(member: string, bytes: number): void {
    if (bytes > this.limits.maxMemberBytes) {
      throw new InputError(`${member}: expands past ${formatBytes(this.limits.maxMemberBytes)}; refusing to read it (raise --max-member-size)`);
    }
  }

  private checkRatio(name: string, compressed: number, expanded: number): void {
    if (expanded <= RATIO_FLOOR || expanded <= compressed * this.limits.maxRatio) return;
    const ratio = Math.floor(expanded / Math.max(1, compressed));
    throw new InputError(
      `${name}: expands ${ratio} times its compressed size (over --max-ratio ${this.limits.maxRatio}); refusing it as a decompression bomb`,
    );
  }
}

/**
 * A member's bytes with a broken archive contained: an error other than a refusal ends the stream
 * cleanly and is handed to `problem` (the lines read so far stand).
 */
export async function* containErrors(data: AsyncIterable<Buffer>, problem: (reason: string) => void): AsyncGenerator<Buffer> {
  try {
    yield* data;
  } catch (err) {
    if (err instanceof InputError) throw err;
    problem(`cut short: ${brokenReason(err)}`);
  }
}

/** A one-line reason for a broken archive's error (zlib, yauzl, tar-stream). */
export function brokenReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e.message ?? '')) return 'the compressed data ends early (truncated)';
  if (e.code === 'Z_DATA_ERROR') return `corrupt compressed data (${e.message})`;
  if (/^Invalid tar header/.test(e.message ?? '')) return 'a corrupt tar header';
  if (/^Unexpected end of data/.test(e.message ?? '')) return 'the tar stream ends early (truncated)';
  return (e.message ?? String(err)).split('\n')[0]!;
}
