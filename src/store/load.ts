import type { Readable } from 'node:stream';
import { GRAMMARS } from '../../grammars/index.js';
import { Expansion, expandInputs, ingestSource, isSkipped, type SkippedSource, type SkipStatus, type TextSource } from '../ingest/index.js';
import { Sniffer } from '../sniff/index.js';
import { TEXT_FORMATS, type FormatId } from '../types/formats.js';
import type { InputSummary } from '../types/inputs.js';
import type { LogicalLine } from '../types/lines.js';
import type { LocatedRecord, ShellCommand } from '../types/records.js';
import { ContainedSession, GrammarFailure } from './contained-session.js';
import { unparsedShapesBySource } from './coverage.js';
import type { CaseDb } from './db.js';
import { messageShape } from './message-shape.js';
import { outOfRange } from './record-ranges.js';
import { RECORD_WRITERS, ShapeIds, type WriteContext } from './writer.js';

export interface LoadResult {
  sources: InputSummary[];
  skipped: SkippedSource[];
}

const BATCH_LINES = 4096;

class SourceLoader {
  private readonly sniffer = new Sniffer();
  /** One per grammar; each opens its session at its format's first line. */
  private readonly sessions = new Map<FormatId, ContainedSession>();
  /** Pod named by the last pasted shell command, until prose or another command. */
  private commandPod: string | null = null;
  readonly summary: InputSummary;

  constructor(
    private readonly source: TextSource,
    private readonly sourceId: number,
    private readonly write: (rec: LocatedRecord, ctx: WriteContext) => void,
    private readonly unparsed: (line: number, segment: number, format: FormatId | null, reason: string, text: string) => void,
  ) {
    this.summary = { source: source.name, lines: 0, parsed: 0, unparsed: 0, formats: {}, records: {} };
    for (const [format, grammar] of GRAMMARS) this.sessions.set(format, new ContainedSession(grammar));
  }

  async run(onBatch: () => void): Promise<void> {
    const { summary } = this;
    let last: LogicalLine | null = null;
    for await (const phys of ingestSource(this.source)) {
      summary.lines++;
      if (summary.lines % BATCH_LINES === 0) onBatch();
      if (phys.skipReason) {
        summary.unparsed++;
        this.unparsed(phys.line, 0, null, phys.skipReason, phys.text);
        continue;
      }
      if (phys.joinedToNext) {
        this.count('cri-partial');
        continue;
      }
      let primary: FormatId | null = null;
      let failed = false;
      for (const seg of phys.segments) {
        const format = this.sniffer.classify(seg.text);
        if (format === null) {
          failed = true;
          this.unparsed(seg.line, seg.segment, null, this.sniffer.unrecognisedReason(), seg.text);
          continue;
        }
        if (format === 'prose') this.commandPod = null;
        const session = this.sessions.get(format);
        if (session) {
          const result = session.feed(seg);
          if (!result.ok) {
            failed = true;
            this.unparsed(seg.line, seg.segment, format, result.reason, seg.text);
            continue;
          }
          const agent = this.agentOf(seg);
          for (const record of result.records) {
            const damaged = outOfRange(record);
            if (damaged) {
              failed = true;
              this.unparsed(seg.line, seg.segment, format, `${format}: ${damaged}`, seg.text);
              continue;
            }
            const refused = record.kind === 'shell-command' ? this.commandIssued(record) : null;
            this.write({ record, at: seg, format }, { sourceId: this.sourceId, agent });
            if (refused) {
              failed = true;
              this.unparsed(seg.line, seg.segment, format, refused, seg.text);
            }
          }
        }
        summary.records[format] = (summary.records[format] ?? 0) + 1;
        if (primary === null || (TEXT_FORMATS.has(primary) && !TEXT_FORMATS.has(format))) primary = format;
      }
      if (failed || primary === null) summary.unparsed++;
      else this.count(primary);
      last = phys.segments.at(-1) ?? last;
    }
    this.flush(last);
  }

  /** The agent a line belongs to: its kubectl prefix's (or bundle member's) pod, the pasted command's pod, the member's bugtool run, or the input. */
  private agentOf(line: LogicalLine): string {
    return line.context.pod ?? this.commandPod ?? this.source.agent ?? `source:${this.source.name}`;
  }

  /** Every grammar learns the command; the failure of one that could not take it, if any. */
  private commandIssued(command: ShellCommand): string | null {
    this.commandPod = command.pod;
    let refused: string | null = null;
    for (const s of this.sessions.values()) refused = s.onCommand(command.command)?.reason ?? refused;
    return refused;
  }

  /**
   * Stores what sessions still hold at the end of the source (their lines are already counted);
   * a session that fails there is reported at the last line.
   */
  private flush(last: LogicalLine | null): void {
    if (!last) return;
    const agent = this.agentOf(last);
    for (const [format, session] of this.sessions) {
      const held = session.end();
      if (held instanceof GrammarFailure) this.unparsed(last.line, last.segment, format, `end of input: ${held.reason}`, last.text);
      else {
        for (const record of held) {
          const damaged = outOfRange(record);
          if (damaged) this.unparsed(last.line, last.segment, format, `end of input: ${format}: ${damaged}`, last.text);
          else this.write({ record, at: last, format }, { sourceId: this.sourceId, agent });
        }
      }
    }
  }

  private count(format: FormatId): void {
    this.summary.parsed++;
    this.summary.formats[format] = (this.summary.formats[format] ?? 0) + 1;
  }
}

/**
 * Reads every input into the case database: each physical line ends up parsed (its records
 * stored) or in `unparsed` with a reason; per-source counts are stored in `sources`.
 */
export async function loadInputs(db: CaseDb, inputs: string[], stdin: Readable, expansion = new Expansion()): Promise<LoadResult> {
  const shapes = new ShapeIds(db);
  const writers = new Map<string, (rec: LocatedRecord, ctx: WriteContext) => void>();
  for (const w of RECORD_WRITERS) {
    const write = w.prepare(db, shapes);
    for (const kind of w.kinds) writers.set(kind, write);
  }
  const write = (rec: LocatedRecord, ctx: WriteContext): void => writers.get(rec.record.kind)?.(rec, ctx);
  const insertSource = db.prepare('INSERT INTO sources (name, kind, bytes, skipped_reason, member, what) VALUES (?, ?, ?, ?, ?, ?)');
  const updateSource = db.prepare('UPDATE sources SET lines = ?, parsed = ?, unparsed = ?, note = ? WHERE id = ?');
  const insertFormat = db.prepare('INSERT INTO source_formats (source_id, format, lines, records) VALUES (?, ?, ?, ?)');
  const insertUnparsed = db.prepare(
    'INSERT INTO unparsed (source_id, line, segment, format, reason, shape_id, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  const result: LoadResult = { sources: [], skipped: [] };
  const seen = new Set<string>();
  db.exec('BEGIN');
  try {
    for await (const source of expandInputs(inputs, stdin, expansion)) {
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
      const unparsed = (line: number, segment: number, format: FormatId | null, reason: string, text: string): void => {
        insertUnparsed.run(sourceId, line, segment, format, reason, shapes.id(messageShape(text.slice(0, 500))), text);
      };
      const loader = new SourceLoader(source, sourceId, write, unparsed);
      await loader.run(() => {
        db.exec('COMMIT');
        db.exec('BEGIN');
      });
      const s = loader.summary;
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
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
  expansion.progress.finish();
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
