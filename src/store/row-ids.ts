import type { CaseDb } from './db.js';

/**
 * The id the next row of `table` gets when a writer numbers its rows itself: rows written in
 * batches have no insert id to read back, yet other rows must point at them. One writer per table.
 */
export function nextRowId(db: CaseDb, table: string): number {
  return (db.prepare(`SELECT coalesce(max(id), 0) + 1 FROM ${table}`).pluck().get() as number);
}
