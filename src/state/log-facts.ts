import { LOG_SIGNALS, type LogSignalId } from '../knowledge/agent-messages.js';
import type { CaseDb } from '../store/db.js';
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
  time: string | null;
  fields: Record<string, unknown>;
  text: string;
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

  constructor(db: CaseDb) {
    const select = `SELECT s.name AS source, e.line, e.msg, e.level, COALESCE(e.time, e.runtime_time) AS time, e.fields, e.text
      FROM log_events e JOIN sources s ON s.id = e.source_id`;
    this.byMsg = db.prepare(`${select} WHERE e.agent = ? AND e.msg = ? ORDER BY e.id`);
    this.byMsgPrefix = db.prepare(`${select} WHERE e.agent = ? AND (e.msg LIKE ? ESCAPE '\\' ) ORDER BY e.id`);
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
    // Ranked per shape in SQL: an agent may log millions of errors, the state keeps counts and the first lines.
    this.errors = db.prepare(
      `SELECT source, line, shape, n, worst FROM (
         SELECT source, line, shape, source_id, COUNT(*) OVER w AS n, ROW_NUMBER() OVER (w ORDER BY source_id, line) AS rn,
                MAX(CASE level WHEN 'panic' THEN 2 WHEN 'fatal' THEN 1 ELSE 0 END) OVER w AS worst
         FROM (SELECT s.name AS source, e.source_id, e.line, e.level, sh.shape FROM log_events e
                 JOIN sources s ON s.id = e.source_id JOIN shapes sh ON sh.id = e.shape_id
                WHERE e.agent = @agent AND e.level IN ('error', 'fatal', 'panic')
               UNION ALL
               SELECT s.name, r.source_id, r.line, r.level, r.category || ': ' || substr(r.text, 1, 80) FROM raw_lines r
                 JOIN sources s ON s.id = r.source_id
                WHERE r.agent = @agent AND r.level IN ('error', 'fatal', 'panic') AND r.category IN ('panic', 'verifier', 'klog'))
         WINDOW w AS (PARTITION BY shape))
       WHERE rn <= @sample ORDER BY source_id, line`,
    );
    const texts = LOG_SIGNALS.flatMap((signal) => signal.texts.map((text) => ({ text, inFields: signal.inFields })));
    const where = texts.map((t) => (t.inFields ? '(instr(e.msg, ?) OR instr(e.fields, ?))' : 'instr(e.msg, ?)'));
    this.signalQuery = db.prepare(`${select} WHERE e.agent = ? AND (${where.join(' OR ')}) ORDER BY e.id`);
    this.signalArgs = texts.flatMap((t) => (t.inFields ? [t.text, t.text] : [t.text]));
  }

  private rows(stmt: { all(...a: unknown[]): unknown[] }, ...args: unknown[]): LogRow[] {
    return (stmt.all(...args) as (Omit<LogRow, 'fields'> & { fields: string })[]).map((r) => ({
      ...r,
      fields: JSON.parse(r.fields) as Record<string, unknown>,
    }));
  }

  /** Events of one agent whose message is exactly one of `msgs`, in input order. */
  withMessage(agent: string, ...msgs: readonly string[]): LogRow[] {
    return msgs.flatMap((m) => this.rows(this.byMsg, agent, m)).sort(byPosition);
  }

  /** Events of one agent whose message contains `text`. */
  containing(agent: string, text: string): LogRow[] {
    const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.rows(this.byMsgPrefix, agent, `%${escaped}%`);
  }

  /** Lines of one agent that carry each signal of `LOG_SIGNALS`, in input order; signals not seen are absent. */
  signals(agent: string): Partial<Record<LogSignalId, LogSignalHit[]>> {
    const rows = this.signalQuery.all(agent, ...this.signalArgs) as (Omit<LogRow, 'fields'> & { fields: string })[];
    const found: Partial<Record<LogSignalId, LogSignalHit[]>> = {};
    for (const r of rows) {
      let hit: LogSignalHit | null = null;
      for (const signal of LOG_SIGNALS) {
        if (!signal.texts.some((t) => r.msg.includes(t) || (signal.inFields && r.fields.includes(t)))) continue;
        hit ??= {
          source: r.source,
          line: r.line,
          level: r.level as LogLevel,
          time: r.time,
          msg: r.msg,
          fields: Object.fromEntries(Object.entries(JSON.parse(r.fields) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string')),
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
