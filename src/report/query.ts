import type { CaseDb } from '../store/db.js';
import { InputError } from '../types/errors.js';

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
}

/** Runs one statement on a read-only connection; only statements that return rows are accepted. */
export function runQuery(db: CaseDb, sql: string): QueryResult {
  const stmt = db.prepare(sql);
  if (!stmt.reader) throw new InputError('query: only statements that return rows (SELECT, PRAGMA …) are allowed');
  const columns = stmt.columns().map((c) => c.name);
  const rows = (stmt.raw(true).all() as unknown[][]).map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  return { columns, rows };
}

export function renderQuery(result: QueryResult, format: 'text' | 'json'): string {
  if (format === 'json') {
    const objects = result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, r[i] ?? null])));
    return `${JSON.stringify(objects, null, 2)}\n`;
  }
  const cells = [result.columns, ...result.rows.map((r) => r.map((v) => (v === null ? 'NULL' : String(v))))];
  const widths = result.columns.map((_, i) => Math.max(...cells.map((r) => Math.min((r[i] ?? '').length, 80))));
  const line = (r: string[]) => r.map((c, i) => (c.length > 80 ? `${c.slice(0, 79)}…` : c).padEnd(widths[i]!)).join('  ').trimEnd();
  return `${[line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n')}\n(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})\n`;
}
