import type { Readable } from 'node:stream';
import { blockLines, BlockStarts, Expansion, expandInputs, isSkipped, LineReader, logicalTexts, readByteBlocks, type SkippedSource, type SkipStatus, type TextSource } from '../ingest/index.js';
import { Sniffer } from '../sniff/index.js';
import type { InputSummary } from '../types/inputs.js';
import type { LocatedRecord } from '../types/records.js';
import { Batches } from './batch-insert.js';
import { unparsedShapesBySource } from './coverage.js';
import type { CaseDb } from './db.js';
import { messageShape } from './message-shape.js';
import { rowsTable } from './schema.js';
import { LINES_PER_STEP, SourceParser, type LoadOp } from './source-parser.js';
import { BatchDecoder, type ParsedBatch } from './parsed-batch.js';
import { ParseThread, parseWorkerAvailable } from './parse-thread.js';
import { SourceTextWriter } from './source-text.js';
import { FIELD_SIGNAL_TEXTS, LogLines, RECORD_WRITERS, ShapeIds, type WriteContext } from './writer.js';

export interface LoadResult {
  sources: InputSummary[];
  skipped: SkippedSource[];
}

export interface LoadOptions {
  /** How archives are expanded, within which limits, and where reading reports its progress. */
  expansion?: Expansion;
  /** Names of sources the case already holds (appending): they are not read again. */
  onDuplicate?: (name: string) => void;
  /**
   * Where sources are parsed: `auto` (default) in a worker thread, beside the writer, for an agent
   * log of at least WORKER_MIN_BYTES or of unknown size when the built worker script is there;
   * `always` in the worker; `never` on the main thread.
   */
  parseWorker?: 'auto' | 'always' | 'never';
}

/** A smaller source is parsed on the main thread: starting the worker costs about as much as parsing it. */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/** Physical lines remembered for `storedText`: block grammars write a record a few lines after its first. */
const RECENT_LINES = 1024;

/** The texts of the logical lines of the last RECENT_LINES physical lines, by line number modulo RECENT_LINES. */
class RecentLines {
  private readonly lineAt = new Float64Array(RECENT_LINES).fill(-1);
  private readonly recoverable = new Uint8Array(RECENT_LINES);
  private readonly texts: string[][] = Array.from({ length: RECENT_LINES }, () => []);

  remember(line: number, segment: number, text: string, recoverable: boolean): void {
    const slot = line % RECENT_LINES;
    if (this.lineAt[slot] !== line) {
      this.lineAt[slot] = line;
      this.recoverable[slot] = recoverable ? 1 : 0;
      this.texts[slot]!.length = 0;
    }
    this.texts[slot]![segment] = text;
  }

  /** Whether logical line (line, segment) was remembered with this text, on a line its text can be read back from. */
  readable(line: number, segment: number, text: string): boolean {
    const slot = line % RECENT_LINES;
    return this.lineAt[slot] === line && this.recoverable[slot] === 1 && this.texts[slot]![segment] === text;
  }
}

/** Writes one source's ops: records through the writers, unparsed lines into `unparsed`. */
class OpWriter {
  /** Texts of the logical lines ops quoted: what `storedText` compares with. */
  private readonly recent = new RecentLines();
  private readonly context: WriteContext;

  constructor(
    sourceId: number,
    private readonly write: (rec: LocatedRecord, ctx: WriteContext) => void,
    private readonly unparsed: (ctx: WriteContext, line: number, segment: number, format: string | null, reason: string, text: string) => void,
  ) {
    this.context = {
      sourceId,
      agent: '',
      storedText: (line, segment, text) => (this.recent.readable(line, segment, text) ? null : text),
    };
  }

  apply(ops: readonly LoadOp[]): void {
    for (const op of ops) this.applyOne(op);
  }

  applyOne(op: LoadOp): void {
    if (op.op === 'record') {
      this.recent.remember(op.at.line, op.at.segment, op.at.text, op.recoverable);
      this.context.agent = op.agent;
      this.write({ record: op.record, at: op.at, format: op.format }, this.context);
    } else {
      this.recent.remember(op.line, op.segment, op.text, op.recoverable);
      this.unparsed(this.context, op.line, op.segment, op.format, op.reason, op.text);
    }
  }
}

interface SourceRun {
  source: TextSource;
  sourceId: number;
  texts: SourceTextWriter;
  writer: OpWriter;
}

/**
 * Whether most lines of a source's first block are agent log: the worker pays for sources of
 * those (their lines cross as integers); other records cost more to send than to parse here.
 */
export function mostlyAgentLog(bytes: Buffer): boolean {
  const sniffer = new Sniffer();
  let lines = 0;
  let agentLog = 0;
  for (const raw of blockLines(bytes)) {
    for (const text of logicalTexts(raw).texts) {
      lines++;
      if (sniffer.classify(text) === 'agent-log') agentLog++;
    }
  }
  return agentLog >= 0.9 * lines;
}

/** The blocks of a source, its first one read already. */
async function* blocksFrom(first: IteratorResult<Buffer>, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  for (let next = first; !next.done; next = await rest.next()) yield next.value;
}

/** Blocks sent to the parse worker and not yet written: enough to keep both threads busy. */
const BLOCKS_IN_FLIGHT = 3;

/** Parses a source in the worker while this thread writes what it answered, block by block, in order. */
async function parseInWorker(run: SourceRun, blocks: AsyncIterable<Buffer>, thread: ParseThread, logLines: LogLines): Promise<InputSummary> {
  const { source, sourceId, texts, writer } = run;
  const decoder = new BatchDecoder(sourceId, logLines, (op) => writer.applyOne(op));
  thread.open(source.name, source.agent, source.context);
  let firstLine = 1;
  const inFlight: { bytes: Buffer; batch: Promise<ParsedBatch> }[] = [];
  const writeOldest = async (): Promise<void> => {
    const { bytes, batch } = inFlight.shift()!;
    const parsed = await batch;
    await texts.add(sourceId, firstLine, parsed.lines, bytes);
    firstLine += parsed.lines;
    decoder.apply(parsed);
  };
  for await (const bytes of blocks) {
    inFlight.push({ bytes, batch: thread.block(bytes) });
    if (inFlight.length >= BLOCKS_IN_FLIGHT) await writeOldest();
  }
  while (inFlight.length > 0) await writeOldest();
  const { batch, summary } = await thread.end();
  decoder.apply(batch);
  return summary;
}

/** Parses a source on the main thread, block by block. */
async function parseInline(run: SourceRun, blocks: AsyncIterable<Buffer>): Promise<InputSummary> {
  const { source, sourceId, texts, writer } = run;
  const reader = new LineReader(source.name, source.context);
  const parser = new SourceParser(source.name, source.agent);
  let firstLine = 1;
  for await (const bytes of blocks) {
    const lines = blockLines(bytes);
    const starts = new BlockStarts(bytes, lines.length, FIELD_SIGNAL_TEXTS);
    await texts.add(sourceId, firstLine, lines.length, bytes);
    firstLine += lines.length;
    const ops: LoadOp[] = [];
    for (let i = 0; i < lines.length; i += LINES_PER_STEP) {
      parser.lines(reader.block(lines.slice(i, i + LINES_PER_STEP), starts, i), ops);
      writer.apply(ops);
      ops.length = 0;
    }
  }
  const ops: LoadOp[] = [];
  parser.lines(reader.end(), ops);
  parser.end(ops);
  writer.apply(ops);
  return parser.summary;
}

/**
 * Reads every input into the case database: each physical line ends up parsed (its records
 * stored) or in `unparsed` with a reason; per-source counts are stored in `sources`, the source's
 * bytes in `source_blocks`. One transaction: an append that fails leaves the case as it was.
 */
export async function loadInputs(db: CaseDb, inputs: string[], stdin: Readable, options: LoadOptions = {}): Promise<LoadResult> {
  const shapes = new ShapeIds(db);
  const batches = new Batches(db);
  const logLines = new LogLines(db, shapes, batches);
  const writers = new Map<string, (rec: LocatedRecord, ctx: WriteContext) => void>();
  for (const w of RECORD_WRITERS) {
    const write = w.prepare(db, shapes, batches, logLines);
    for (const kind of w.kinds) writers.set(kind, write);
  }
  const write = (rec: LocatedRecord, ctx: WriteContext): void => writers.get(rec.record.kind)?.(rec, ctx);
  const insertSource = db.prepare('INSERT INTO sources (name, kind, bytes, skipped_reason, member, what) VALUES (?, ?, ?, ?, ?, ?)');
  const updateSource = db.prepare('UPDATE sources SET lines = ?, parsed = ?, unparsed = ?, note = ? WHERE id = ?');
  const insertFormat = db.prepare('INSERT INTO source_formats (source_id, format, lines, records) VALUES (?, ?, ?, ?)');
  const insertUnparsed = db.prepare(
    `INSERT INTO ${rowsTable('unparsed')} (source_id, line, segment, format, reason, shape_id, text) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const known = new Set(db.prepare('SELECT name FROM sources').pluck().all() as string[]);
  const texts = new SourceTextWriter(db);
  const expansion = options.expansion ?? new Expansion();
  const workerMode = options.parseWorker ?? 'auto';
  const useWorker = (source: TextSource, first: IteratorResult<Buffer>): boolean =>
    workerMode === 'always' ||
    (workerMode === 'auto' &&
      (source.bytes === null || source.bytes >= WORKER_MIN_BYTES) &&
      !first.done &&
      mostlyAgentLog(first.value) &&
      parseWorkerAvailable());
  let thread: ParseThread | null = null;

  const result: LoadResult = { sources: [], skipped: [] };
  const seen = new Set<string>();
  db.exec('BEGIN');
  try {
    for await (const source of expandInputs(inputs, stdin, expansion)) {
      if (known.has(source.name)) {
        options.onDuplicate?.(source.name);
        continue;
      }
      if (seen.has(source.name)) continue;
      seen.add(source.name);
      if (isSkipped(source)) {
        insertSource.run(source.name, source.status, null, source.reason, source.member ?? null, source.what ?? null);
        result.skipped.push(source);
        continue;
      }
      const sourceId = Number(
        insertSource.run(source.name, source.kind, source.bytes, null, source.member ?? null, source.what ?? null).lastInsertRowid,
      );
      const unparsed = (ctx: WriteContext, line: number, segment: number, format: string | null, reason: string, text: string): void => {
        insertUnparsed.run(sourceId, line, segment, format, reason, shapes.id(messageShape(text.slice(0, 500))), ctx.storedText(line, segment, text));
      };
      const run: SourceRun = { source, sourceId, texts, writer: new OpWriter(sourceId, write, unparsed) };
      const reading = readByteBlocks(await source.open());
      const first = await reading.next();
      const blocks = blocksFrom(first, reading);
      const s = useWorker(source, first) ? await parseInWorker(run, blocks, (thread ??= new ParseThread()), logLines) : await parseInline(run, blocks);
      if (source.member) s.member = source.member;
      if (source.what) s.what = source.what;
      if (source.problem) s.note = source.problem;
      updateSource.run(s.lines, s.parsed, s.unparsed, source.problem ?? null, sourceId);
      for (const [format, lines] of Object.entries(s.formats)) insertFormat.run(sourceId, format, lines, s.records[format] ?? 0);
      for (const [format, records] of Object.entries(s.records)) {
        if (!(format in s.formats)) insertFormat.run(sourceId, format, 0, records);
      }
      result.sources.push(s);
    }
    batches.flush();
    await texts.flush();
    expansion.progress.finish();
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK'); // SQLite ends it itself on some errors (a full disk)
    throw err;
  } finally {
    await thread?.close();
  }
  return result;
}

/** How many unparsed shapes of each input the report names (`coverage` lists more). */
const REPORTED_SHAPES = 3;

/** The per-input accounting of a loaded case database (also for `report --db`), with each input's top unparsed shapes. */
export function storedLoadResult(db: CaseDb): LoadResult {
  const rows = db
    .prepare('SELECT id, name, kind, lines, parsed, unparsed, skipped_reason, member, what, note FROM sources ORDER BY id')
    .all() as {
    id: number;
    name: string;
    kind: string;
    lines: number;
    parsed: number;
    unparsed: number;
    skipped_reason: string | null;
    member: string | null;
    what: string | null;
    note: string | null;
  }[];
  const formats = db.prepare('SELECT format, lines, records FROM source_formats WHERE source_id = ?');
  const shapes = unparsedShapesBySource(db, REPORTED_SHAPES);
  const result: LoadResult = { sources: [], skipped: [] };
  for (const r of rows) {
    const member = { ...(r.member ? { member: r.member } : {}), ...(r.what ? { what: r.what } : {}) };
    if (r.skipped_reason !== null) {
      result.skipped.push({ name: r.name, status: r.kind as SkipStatus, reason: r.skipped_reason, ...member });
      continue;
    }
    const summary: InputSummary = {
      source: r.name,
      lines: r.lines,
      parsed: r.parsed,
      unparsed: r.unparsed,
      formats: {},
      records: {},
      ...member,
      ...(r.note ? { note: r.note } : {}),
      unparsedShapes: shapes.get(r.id) ?? [],
    };
    for (const f of formats.all(r.id) as { format: string; lines: number; records: number }[]) {
      if (f.lines > 0) summary.formats[f.format] = f.lines;
      if (f.records > 0) summary.records[f.format] = f.records;
    }
    result.sources.push(summary);
  }
  return result;
}
