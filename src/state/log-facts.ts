import { LOG_SIGNALS, type LogSignalId } from '../knowledge/agent-messages.js';
import { logValuesOf, type CaseDb } from '../store/db.js';
import { LOG_LEVEL_CODES } from '../store/log-codes.js';
import type { LogValues } from '../store/log-values.js';
import type { Evidence } from '../types/evidence.js';
import type { LogLevel } from '../types/records.js';
import type { Fact, FactOrigin, LogErrorGroup, LogSignalHit } from '../types/state.js';

/** A stored log event as state builders read it. */
export interface LogRow {
  source: string;
  line: number;
  msg: string;
  level: string;
  /** The record's own time, else the wrapper's (`kubectl logs --timestamps`); null when neither was printed. */
  readonly time: string | null;
  /** Read back from the line when asked for (log_lines keeps no fields). */
  readonly fields: Record<string, unknown>;
  readonly text: string;
}

interface StoredRow {
  source: string;
  source_id: number;
  line: number;
  segment: number;
  record: string | null;
  msg: string;
  level: number;
}

/** A row of log_lines whose fields and text are parsed from its line only when read. */
class LazyLogRow implements LogRow {
  readonly source: string;
  readonly line: number;
  readonly msg: string;
  readonly level: string;

  constructor(private readonly row: StoredRow, private readonly values: LogValues) {
    this.source = row.source;
    this.line = row.line;
    this.msg = row.msg;
    this.level = LOG_LEVEL_CODES[row.level]!;
  }

  get fields(): Record<string, unknown> {
    const r = this.row;
    return this.values.fields(r.source_id, r.line, r.segment, r.record);
  }

  get time(): string | null {
    const r = this.row;
    return this.values.value(r.source_id, r.line, r.segment, r.record, 'time') ?? this.values.value(r.source_id, r.line, r.segment, r.record, 'runtime_time');
  }

  get text(): string {
    const r = this.row;
    return this.values.value(r.source_id, r.line, r.segment, r.record, 'text') ?? '';
  }
}

/** Read access to one case database's log events, shaped for state builders. */
export class LogFacts {
  private readonly byMsg;
  private readonly byMsgPrefix;
  private readonly flags;
  private readonly banners;
  private readonly addressing;
  private readonly errors;
  /** One scan of an agent's events finds the lines of every signal (texts compared case-sensitively, as printed). */
  private readonly signalQuery;
  private readonly signalArgs: string[];
  private readonly values: LogValues;

  constructor(db: CaseDb) {
    this.values = logValuesOf(db);
    // log_lines rather than the log_events view: messages are matched once in their own table, and
    // fields are parsed only for the rows found.
    const select = `SELECT s.name AS source, l.source_id, l.line, l.segment, l.record, m.msg, l.level
      FROM log_lines l JOIN sources s ON s.id = l.source_id JOIN messages m ON m.id = l.msg_id`;
    const agent = '(SELECT id FROM names WHERE name = @agent)';
    this.byMsg = db.prepare(`${select} WHERE m.msg = @msg AND l.agent_id = ${agent} ORDER BY l.id`);
    this.byMsgPrefix = db.prepare(
      `${select} WHERE l.agent_id = ${agent} AND l.msg_id IN (SELECT id FROM messages WHERE msg LIKE @pattern ESCAPE '\\') ORDER BY l.id`,
    );
    this.flags = db.prepare(
      `SELECT s.name AS source, f.line, f.name, f.value FROM config_flags f JOIN sources s ON s.id = f.source_id
       WHERE f.agent = ? ORDER BY f.id`,
    );
    this.banners = db.prepare(
      `SELECT s.name AS source, b.line, b.version FROM banners b JOIN sources s ON s.id = b.source_id
       WHERE b.agent = ? AND b.component = 'agent' ORDER BY b.id`,
    );
    this.addressing = db.prepare(
      `SELECT s.name AS source, a.line, a.key, a.value FROM addressing a JOIN sources s ON s.id = a.source_id
       WHERE a.agent = ? ORDER BY a.id`,
    );
    const levels = (names: readonly LogLevel[]): string => names.map((l) => LOG_LEVEL_CODES.indexOf(l)).join(', ');
    // Ranked per shape in SQL: an agent may log millions of errors, the state keeps counts and the first lines.
    this.errors = db.prepare(
      `SELECT source, line, shape, n, worst FROM (
         SELECT source, line, shape, source_id, COUNT(*) OVER w AS n, ROW_NUMBER() OVER (w ORDER BY source_id, line) AS rn,
                MAX(CASE level WHEN 'panic' THEN 2 WHEN 'fatal' THEN 1 ELSE 0 END) OVER w AS worst
         FROM (SELECT s.name AS source, l.source_id, l.line, CASE l.level WHEN ${levels(['panic'])} THEN 'panic'
                      WHEN ${levels(['fatal'])} THEN 'fatal' ELSE 'error' END AS level, sh.shape
                 FROM log_lines l JOIN sources s ON s.id = l.source_id JOIN messages m ON m.id = l.msg_id
                 JOIN shapes sh ON sh.id = m.shape_id
                WHERE l.agent_id = (SELECT id FROM names WHERE name = @agent) AND l.level IN (${levels(['error', 'fatal', 'panic'])})
               UNION ALL
               SELECT s.name, r.source_id, r.line, r.level, r.category || ': ' || substr(r.text, 1, 80) FROM raw_lines r
                 JOIN sources s ON s.id = r.source_id
                WHERE r.agent = @agent AND r.level IN ('error', 'fatal', 'panic') AND r.category IN ('panic', 'verifier', 'klog'))
         WINDOW w AS (PARTITION BY shape))
       WHERE rn <= @sample ORDER BY source_id, line`,
    );
    // Messages are matched in their table; a text a signal also looks for in fields was flagged at ingest.
    const texts = LOG_SIGNALS.flatMap((signal) => [...signal.texts]);
    this.signalQuery = db.prepare(
      `${select} WHERE l.agent_id = ${agent}
         AND (l.msg_id IN (SELECT id FROM messages WHERE ${texts.map((_, i) => `instr(msg, @t${i})`).join(' OR ')}) OR l.signal = 1)
       ORDER BY l.id`,
    );
    this.signalArgs = texts;
  }

  private rows(stmt: { all(...a: unknown[]): unknown[] }, params: Record<string, unknown>): LogRow[] {
    return (stmt.all(params) as StoredRow[]).map((r) => new LazyLogRow(r, this.values));
  }

  /** Events of one agent whose message is exactly one of `msgs`, in input order. */
  withMessage(agent: string, ...msgs: readonly string[]): LogRow[] {
    return msgs.flatMap((msg) => this.rows(this.byMsg, { agent, msg })).sort(byPosition);
  }

  /** Events of one agent whose message is exactly `msg`, in input order, read as they are asked for (a message may be on millions of lines). */
  *eachWithMessage(agent: string, msg: string): Generator<LogRow> {
    for (const r of this.byMsg.iterate({ agent, msg }) as IterableIterator<StoredRow>) yield new LazyLogRow(r, this.values);
  }

  /** Events of one agent whose message contains `text`. */
  containing(agent: string, text: string): LogRow[] {
    const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.rows(this.byMsgPrefix, { agent, pattern: `%${escaped}%` });
  }

  /** Lines of one agent that carry each signal of `LOG_SIGNALS`, in input order; signals not seen are absent. */
  signals(agent: string): Partial<Record<LogSignalId, LogSignalHit[]>> {
    const params: Record<string, unknown> = { agent };
    this.signalArgs.forEach((t, i) => (params[`t${i}`] = t));
    const found: Partial<Record<LogSignalId, LogSignalHit[]>> = {};
    for (const r of this.rows(this.signalQuery, params)) {
      let hit: LogSignalHit | null = null;
      let fieldsJson: string | null = null;
      const inFields = (t: string): boolean => (fieldsJson ??= JSON.stringify(r.fields)).includes(t);
      for (const signal of LOG_SIGNALS) {
        if (!signal.texts.some((t) => r.msg.includes(t) || (signal.inFields && inFields(t)))) continue;
        hit ??= {
          source: r.source,
          line: r.line,
          level: r.level as LogLevel,
          time: r.time,
          msg: r.msg,
          fields: Object.fromEntries(Object.entries(r.fields).filter((e): e is [string, string] => typeof e[1] === 'string')),
        };
        (found[signal.id] ??= []).push(hit);
      }
    }
    return found;
  }

  /**
   * Error, fatal and panic lines of one agent (panics, verifier dumps and klog errors included),
   * grouped by message shape, with the first `sample` lines of each group.
   */
  errorGroups(agent: string, sample: number): LogErrorGroup[] {
    const rows = this.errors.all({ agent, sample }) as { source: string; line: number; shape: string; n: number; worst: number }[];
    const groups = new Map<string, LogErrorGroup>();
    for (const r of rows) {
      let g = groups.get(r.shape);
      if (!g) {
        g = { level: WORST_LEVEL[r.worst]!, shape: r.shape, count: r.n, evidence: [] };
        groups.set(r.shape, g);
      }
      g.evidence.push({ source: r.source, line: r.line });
    }
    return [...groups.values()];
  }

  flagDump(agent: string): { source: string; line: number; name: string; value: string }[] {
    return this.flags.all(agent) as { source: string; line: number; name: string; value: string }[];
  }

  banner(agent: string): { source: string; line: number; version: string }[] {
    return this.banners.all(agent) as { source: string; line: number; version: string }[];
  }

  addressingBlock(agent: string): { source: string; line: number; key: string; value: string }[] {
    return this.addressing.all(agent) as { source: string; line: number; key: string; value: string }[];
  }
}

const WORST_LEVEL: readonly LogLevel[] = ['error', 'fatal', 'panic'];

function byPosition(a: LogRow, b: LogRow): number {
  return a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line;
}

export function evidenceOf(row: { source: string; line: number }): Evidence {
  return { source: row.source, line: row.line };
}

export function fact<T>(value: T, origin: FactOrigin, ...rows: { source: string; line: number }[]): Fact<T> {
  return { value, origin, evidence: rows.map(evidenceOf) };
}

/** A string field of a log event, or null when absent, empty or `<nil>`. */
export function stringField(row: LogRow, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = row.fields[key];
    if (typeof v === 'string' && v !== '' && v !== '<nil>') return v;
    if (typeof v === 'number') return String(v);
  }
  return null;
}
