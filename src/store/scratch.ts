/**
 * A private scratch database beside a case: SQLite's temporary file (deleted when closed), for
 * what a stage must set aside while it reads the case and read back later. Its page cache is
 * small, so what it holds stays on disk, not in memory. A separate connection: the case can be
 * iterated while the scratch is written.
 */
import Database from 'better-sqlite3';

export type ScratchDb = Database.Database;

export function openScratchDb(): ScratchDb {
  const db = new Database('');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  return db;
}
