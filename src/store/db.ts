import Database from 'better-sqlite3';
import { existsSync, unlinkSync } from 'node:fs';
import { InputError } from '../types/errors.js';
import { INDEXES, SCHEMA_VERSION, TABLES } from './schema.js';

export type CaseDb = Database.Database;

const TOOL_MARK = 'cilium-analyze';

function isOurs(path: string): boolean {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare(`SELECT value FROM meta WHERE key = 'tool'`).get() as { value: string } | undefined;
      return row?.value === TOOL_MARK;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * Creates a fresh case database. Without a path it is SQLite's anonymous temporary database:
 * private and deleted on close like `:memory:`, but it spills to disk, so memory stays bounded on
 * large inputs. An existing file is replaced only when it is a case database of ours.
 */
export function createCaseDb(path?: string): CaseDb {
  if (path && path !== ':memory:' && existsSync(path)) {
    if (!isOurs(path)) throw new InputError(`${path} exists and is not a cilium-analyze database; not overwriting it`);
    unlinkSync(path);
  }
  const db = new Database(path ?? '');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // Sorts larger than the cache (index builds over millions of lines) spill to a temporary file;
  // temp_store = MEMORY kept them resident, so memory grew with the input.
  db.pragma('cache_size = -32768');
  db.exec(TABLES);
  db.prepare(`INSERT INTO meta (key, value) VALUES ('tool', ?), ('complete', '0')`).run(TOOL_MARK);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}

/** Marks the load complete and builds the query indexes. */
export function finishCaseDb(db: CaseDb): void {
  db.exec(INDEXES);
  db.prepare(`UPDATE meta SET value = '1' WHERE key = 'complete'`).run();
}

/** Opens an existing case database (read-only for `query`). */
export function openCaseDb(path: string, options: { readonly: boolean }): CaseDb {
  if (!existsSync(path)) throw new InputError(`${path}: no such database`);
  if (!isOurs(path)) throw new InputError(`${path} is not a cilium-analyze database`);
  const db = new Database(path, { readonly: options.readonly, fileMustExist: true });
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new InputError(`${path} has schema version ${version}, this tool reads ${SCHEMA_VERSION}: ingest the inputs again`);
  }
  return db;
}
