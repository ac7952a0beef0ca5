import type { Statement } from 'better-sqlite3';
import type { AgentLogEvent, LocatedRecord } from '../types/records.js';
import type { LogicalLine } from '../types/lines.js';
import type { BatchInsert, Batches } from './batch-insert.js';
import type { CaseDb } from './db.js';
import { hubbleWriter } from './writers/hubble.js';
import { hostWriter } from './writers/host.js';
import { kubernetesWriter } from './writers/kubernetes.js';
import { LOG_SIGNALS } from '../knowledge/agent-messages.js';
import { alternation } from '../knowledge/alternation.js';
import { generationCode, levelCode } from './log-codes.js';
import { lazyLogValues } from './log-values.js';
import { messageShape, ownedCopy } from './message-shape.js';
import { rowsTable } from './schema.js';
import { monitorWriter } from './writers/monitor.js';
import { statedbWriter } from './writers/statedb.js';
import { statusWriter } from './writers/status.js';
import { tcpdumpWriter } from './writers/tcpdump.js';

/** Per-source context a record is written with. */
export interface WriteContext {
  sourceId: number;
  /** The agent the line belongs to: a pod name, or `source:<name>` when none is known. */
  agent: string;
  /**
   * The `text` to store for a row quoting logical line (line, segment): null when it is that line's
   * own text and can be read back from the source (lazy-text tables), else the text itself.
   */
  storedText(line: number, segment: number, text: string): string | null;
}

/** Stores one record kind. Format families added later register their own. */
export interface RecordWriter {
  kinds: readonly string[];
  /**
   * `batches`: where a writer gets its batch inserts (`loadInputs` flushes them at the end);
   * `logLines`: the one writer of `log_lines` (the parse worker's rows go there too).
   */
  prepare(db: CaseDb, shapes: ShapeIds, batches: Batches, logLines: LogLines): (rec: LocatedRecord, ctx: WriteContext) => void;
}

/**
 * Interns the strings of one table (`value` column, unique) as integer ids. The cache is bounded
 * (cleared when full, ids read back on a miss); keys are owned copies, never slices of a read chunk.
 */
export class Interned {
  private readonly cache = new Map<string, number>();
  private readonly insert: Statement;
  private readonly select: Statement;

  constructor(db: CaseDb, table: string, column: string, private readonly limit: number, extra = '') {
    const columns = extra ? `${column}, ${extra}` : column;
    this.insert = db.prepare(`INSERT OR IGNORE INTO ${table} (${columns}) VALUES (${extra ? '?, ?' : '?'})`);
    this.select = db.prepare(`SELECT id FROM ${table} WHERE ${column} = ?`).pluck();
  }

  id(value: string, extra?: () => number): number {
    let id = this.cache.get(value);
    if (id === undefined) {
      const info = extra ? this.insert.run(value, extra()) : this.insert.run(value);
      id = info.changes > 0 ? Number(info.lastInsertRowid) : (this.select.get(value) as number);
      if (this.cache.size >= this.limit) this.cache.clear();
      this.cache.set(ownedCopy(value), id);
    }
    return id;
  }
}

/** Interns message shapes, and the messages of log lines with their shapes. */
export class ShapeIds {
  private readonly shapes: Interned;
  private readonly messages: Interned;

  constructor(db: CaseDb) {
    this.shapes = new Interned(db, 'shapes', 'shape', 100_000);
    this.messages = new Interned(db, 'messages', 'msg', 50_000, 'shape_id');
  }

  id(shape: string): number {
    return this.shapes.id(shape);
  }

  /** The id of a log message in `messages` (its shape interned with it). */
  ofMessage(msg: string): number {
    return this.messages.id(msg, () => this.id(messageShape(msg)));
  }
}

/**
 * Texts that mark a line for LOG_SIGNALS matched in fields, searched once at ingest. One
 * alternation: a quarter of the time of a search per text (≈0.6 vs 2.3 µs on a bench log line).
 */
export const FIELD_SIGNAL_TEXTS: readonly string[] = LOG_SIGNALS.filter((s) => s.inFields).flatMap((s) => [...s.texts]);
const FIELD_SIGNAL_TEXT = new RegExp(alternation(FIELD_SIGNAL_TEXTS));

/**
 * Whether a line's text holds a text of a signal the state also looks for in fields: as the block
 * scan flagged it (ingest scans blocks for FIELD_SIGNAL_TEXTS), else searched here.
 */
function holdsFieldSignal(at: LogicalLine): boolean {
  return at.flagged ?? FIELD_SIGNAL_TEXT.test(at.text);
}

/** Ids for a log line's names and message: the case's, or a parse worker's string tables. */
export interface LogLineIds<Id> {
  nameId(name: string | null | undefined): Id;
  messageId(msg: string): Id;
}

/**
 * An agent-log line's `log_lines` columns from `line` to `signal`, in column order: what both the
 * writer and the parse worker store of it.
 */
export function logLineColumns<Id>(
  ids: LogLineIds<Id>, record: AgentLogEvent, at: LogicalLine, agent: string,
): [number, number, Id, Id, Id, number, number, Id, Id, number] {
  const c = at.context;
  return [
    at.line, at.segment, ids.nameId(agent), ids.nameId(c.pod), ids.nameId(c.container), levelCode(record.level),
    generationCode(record.generation), ids.nameId(record.subsys), ids.messageId(record.msg), holdsFieldSignal(at) ? 1 : 0,
  ];
}

/** Writes `log_lines` rows, many to a statement, with their names and messages interned. */
export class LogLines implements LogLineIds<number | null> {
  private readonly names: Interned;
  private readonly rows: BatchInsert;

  constructor(db: CaseDb, private readonly shapes: ShapeIds, batches: Batches) {
    this.names = new Interned(db, 'names', 'name', 10_000);
    this.rows = batches.create('log_lines', [
      'source_id', 'line', 'segment', 'agent_id', 'pod_id', 'container_id', 'level', 'generation', 'subsys_id', 'msg_id', 'signal', 'record',
    ]);
  }

  nameId(name: string | null | undefined): number | null {
    return name == null ? null : this.names.id(name);
  }

  messageId(msg: string): number {
    return this.shapes.ofMessage(msg);
  }

  /**
   * One row: the columns from `logLineColumns` over this writer's ids, `record` the JSON of the
   * lazy columns when the line cannot be read back (else null).
   */
  add(sourceId: number, columns: readonly (number | null)[], record: string | null): void {
    this.rows.add(sourceId, ...columns, record);
  }
}

const agentLogWriter: RecordWriter = {
  kinds: ['agent-log'],
  prepare(db, _shapes, _batches, logLines) {
    const flag = db.prepare('INSERT INTO config_flags (source_id, line, agent, name, value) VALUES (?, ?, ?, ?, ?)');
    const banner = db.prepare(
      `INSERT INTO banners (source_id, line, agent, component, version, revision, date, go_version, platform)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const addressing = db.prepare('INSERT INTO addressing (source_id, line, agent, key, value) VALUES (?, ?, ?, ?, ?)');
    return ({ record, at }, ctx) => {
      if (record.kind !== 'agent-log') return;
      const { sourceId, agent } = ctx;
      const lazy = ctx.storedText(at.line, at.segment, at.text) === null;
      const values = lazy ? null : JSON.stringify(lazyLogValues(record, at.text, at.context.time ?? null));
      logLines.add(sourceId, logLineColumns(logLines, record, at, agent), values);
      const d = record.detail;
      if (!d) return;
      if (d.type === 'flag') flag.run(sourceId, at.line, agent, d.name, d.value);
      else if (d.type === 'banner') {
        banner.run(sourceId, at.line, agent, d.component, d.version, d.revision, d.date, d.goVersion, d.platform);
      } else addressing.run(sourceId, at.line, agent, d.key, d.value);
    };
  },
};

const agentRawWriter: RecordWriter = {
  kinds: ['agent-raw'],
  prepare(db) {
    const raw = db.prepare(
      `INSERT INTO ${rowsTable('raw_lines')} (source_id, line, segment, agent, category, level, text) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    return ({ record, at }, ctx) => {
      if (record.kind !== 'agent-raw') return;
      raw.run(ctx.sourceId, at.line, at.segment, ctx.agent, record.category, record.level, ctx.storedText(at.line, at.segment, record.text));
    };
  },
};

const shellWriter: RecordWriter = {
  kinds: ['shell-command'],
  prepare(db) {
    const cmd = db.prepare(
      `INSERT INTO ${rowsTable('shell_commands')} (source_id, line, segment, host, prompt, command, tool, pod, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return ({ record, at }, ctx) => {
      if (record.kind !== 'shell-command') return;
      cmd.run(
        ctx.sourceId, at.line, at.segment, record.host, record.prompt, record.command, record.tool, record.pod,
        ctx.storedText(at.line, at.segment, at.text),
      );
    };
  },
};

export const RECORD_WRITERS: readonly RecordWriter[] = [
  agentLogWriter, agentRawWriter, shellWriter, statusWriter, monitorWriter, tcpdumpWriter, hubbleWriter, kubernetesWriter, hostWriter,
  statedbWriter,
];
