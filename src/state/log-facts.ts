import type { CaseDb } from '../store/db.js';
import type { Evidence } from '../types/evidence.js';
import type { Fact, FactOrigin } from '../types/state.js';

/** A stored log event as state builders read it. */
export interface LogRow {
  source: string;
  line: number;
  msg: string;
  level: string;
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

  constructor(db: CaseDb) {
    const select = `SELECT s.name AS source, e.line, e.msg, e.level, e.fields, e.text
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
