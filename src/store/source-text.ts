import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { brotliCompress, brotliDecompressSync, constants } from 'node:zlib';
import { logicalTexts } from '../ingest/index.js';
import type { LineContext } from '../types/lines.js';

/**
 * The inputs' bytes, kept once in the case database as compressed blocks of whole lines
 * (`source_blocks`): evidence texts are read back from them instead of being copied into every row.
 * Brotli at quality 1 compresses log text to about a seventh, faster than zlib at level 1.
 */
const COMPRESS = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_LGWIN]: 20, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};

/** Blocks being compressed at once (in libuv's thread pool, off the main thread). */
const IN_FLIGHT = 8;

/** Stores the blocks of the inputs as they are read; compression runs in the thread pool. */
export class SourceTextWriter {
  private readonly insert: Statement;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private failure: Error | null = null;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO source_blocks (source_id, first_line, lines, bytes, data) VALUES (?, ?, ?, ?, ?)');
  }

  /** Queues a block; resolves once there is room for another (bounded memory). */
  async add(sourceId: number, firstLine: number, lines: number, bytes: Buffer): Promise<void> {
    while (this.inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    brotliCompress(bytes, COMPRESS, (err, data) => {
      this.inFlight--;
      if (err) this.failure ??= err;
      else {
        try {
          this.insert.run(sourceId, firstLine, lines, bytes.length, data);
        } catch (e) {
          this.failure ??= e as Error;
        }
      }
      this.waiting.shift()?.();
    });
  }

  /** Waits until every queued block is stored; throws what failed. */
  async flush(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure;
  }
}

interface CachedBlock {
  firstLine: number;
  bytes: Buffer;
  /** Byte offset of each line's start (and one past the last line's end). */
  starts: number[];
}

/** Blocks kept decompressed: evidence lookups and lazy columns read rows in line order. */
const CACHED_BLOCKS = 8;

/**
 * Reads lines back from `source_blocks` through its own connection: SQL functions that need the
 * text run while the case database's connection is busy with the query calling them.
 */
export class SourceTextReader {
  private conn: Database.Database | null = null;
  private blocksOf = new Map<number, { firstLines: number[]; ids: number[] }>();
  private readonly cache = new Map<number, CachedBlock>();
  private last: { key: string; value: { context: LineContext; texts: string[] } | null } | null = null;

  constructor(private readonly path: string) {}

  private connection(): Database.Database {
    this.conn ??= new Database(this.path, { readonly: true, fileMustExist: true });
    return this.conn;
  }

  /** Forgets what was read (the case gained blocks). */
  reset(): void {
    this.blocksOf.clear();
    this.cache.clear();
    this.last = null;
  }

  close(): void {
    this.conn?.close();
    this.conn = null;
    this.reset();
  }

  private block(sourceId: number, line: number): CachedBlock | null {
    let index = this.blocksOf.get(sourceId);
    if (!index) {
      const rows = this.connection()
        .prepare('SELECT id, first_line FROM source_blocks WHERE source_id = ? ORDER BY first_line')
        .all(sourceId) as { id: number; first_line: number }[];
      index = { firstLines: rows.map((r) => r.first_line), ids: rows.map((r) => r.id) };
      this.blocksOf.set(sourceId, index);
    }
    let lo = 0;
    let hi = index.firstLines.length - 1;
    if (hi < 0 || line < index.firstLines[0]!) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (index.firstLines[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    const id = index.ids[lo]!;
    let cached = this.cache.get(id);
    if (cached) {
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    const row = this.connection().prepare('SELECT data FROM source_blocks WHERE id = ?').get(id) as { data: Buffer };
    const bytes = brotliDecompressSync(row.data);
    const starts = [0];
    for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, nl + 1)) starts.push(nl + 1);
    if (starts.at(-1) !== bytes.length) starts.push(bytes.length + 1);
    cached = { firstLine: index.firstLines[lo]!, bytes, starts };
    if (this.cache.size >= CACHED_BLOCKS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, cached);
    return cached;
  }

  /** The bytes of a physical line as read, without its `\n`; null when the case does not hold it. */
  lineBytes(sourceId: number, line: number): Buffer | null {
    const b = this.block(sourceId, line);
    if (!b) return null;
    const i = line - b.firstLine;
    if (i + 1 >= b.starts.length) return null;
    return b.bytes.subarray(b.starts[i]!, b.starts[i + 1]! - 1);
  }

  /** The context and logical texts of a physical line, as ingest read them. */
  logical(sourceId: number, line: number): { context: LineContext; texts: string[] } | null {
    const key = `${sourceId}:${line}`;
    if (this.last?.key !== key) {
      const bytes = this.lineBytes(sourceId, line);
      this.last = { key, value: bytes ? logicalTexts(bytes.toString('utf8')) : null };
    }
    return this.last.value;
  }

  /** The text of one logical line (a segment of a physical line); null when unknown. */
  text(sourceId: number, line: number, segment: number): string | null {
    return this.logical(sourceId, line)?.texts[segment] ?? null;
  }
}
