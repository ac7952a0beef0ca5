import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../types/errors.js';
import { LogValues, type LazyLogColumn } from './log-values.js';
import { INDEXES, SCHEMA_VERSION, TABLES } from './schema.js';
import { SourceTextReader } from './source-text.js';

export type CaseDb = Database.Database;

const TOOL_MARK = 'cilium-analyze';

/** The file of an open case database and what reads its lines back. */
interface CaseFile {
  /** A private case's directory, removed with it. */
  privateDir: string | null;
  text: SourceTextReader;
  logs: LogValues;
}

const files = new Map<CaseDb, CaseFile>();

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

/** SQL functions the views need: the text of a line, and the log columns read back from it. */
function registerFunctions(db: CaseDb, text: SourceTextReader, logs: LogValues): void {
  db.function('line_text', { deterministic: true }, (source: unknown, line: unknown, segment: unknown) =>
    text.text(Number(source), Number(line), Number(segment)),
  );
  db.function('log_value', { deterministic: true }, (source: unknown, line: unknown, segment: unknown, record: unknown, column: unknown) =>
    logs.value(Number(source), Number(line), Number(segment), (record as string | null) ?? null, column as LazyLogColumn),
  );
}

function tuned(db: CaseDb): CaseDb {
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -32768');
  return db;
}

function track(db: CaseDb, path: string, privateDir: string | null): CaseDb {
  const text = new SourceTextReader(path);
  const file: CaseFile = { privateDir, text, logs: new LogValues(text) };
  files.set(db, file);
  registerFunctions(db, file.text, file.logs);
  const close = db.close.bind(db);
  db.close = () => {
    files.delete(db);
    file.text.close();
    if (db.open) close();
    if (file.privateDir) rmSync(file.privateDir, { recursive: true, force: true });
    return db;
  };
  return db;
}

/**
 * Creates a fresh case database. Without a path it is a private temporary file, removed on close
 * (a file, not SQLite's anonymous database: lines are read back through a second connection). An
 * existing file is replaced only when it is a case database of ours.
 */
export function createCaseDb(path?: string): CaseDb {
  let file: string;
  let privateDir: string | null = null;
  if (path && path !== ':memory:') {
    if (existsSync(path)) {
      if (!isOurs(path)) throw new InputError(`${path} exists and is not a cilium-analyze database; not overwriting it`);
      unlinkSync(path);
    }
    file = path;
  } else {
    privateDir = mkdtempSync(join(tmpdir(), 'cilium-analyze-'));
    file = join(privateDir, 'case.sqlite');
  }
  const db = tuned(new Database(file));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(TABLES);
  db.prepare(`INSERT INTO meta (key, value) VALUES ('tool', ?), ('complete', '0')`).run(TOOL_MARK);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return track(db, file, privateDir);
}

/** Marks the load complete and builds the query indexes. */
export function finishCaseDb(db: CaseDb): void {
  db.exec(INDEXES);
  db.prepare(`UPDATE meta SET value = '1' WHERE key = 'complete'`).run();
  files.get(db)?.text.reset();
}

/** The log columns a case database reads back from its lines (see LogValues). */
export function logValuesOf(db: CaseDb): LogValues {
  const f = files.get(db);
  if (!f) throw new Error('not a case database opened by createCaseDb / openCaseDb');
  return f.logs;
}

/** Opens an existing case database (read-only for `query`). */
export function openCaseDb(path: string, options: { readonly: boolean }): CaseDb {
  if (!existsSync(path)) throw new InputError(`${path}: no such database`);
  if (!isOurs(path)) throw new InputError(`${path} is not a cilium-analyze database`);
  const db = tuned(new Database(path, { readonly: options.readonly, fileMustExist: true }));
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new InputError(`${path} has schema version ${version}, this tool reads ${SCHEMA_VERSION}: ingest the inputs again`);
  }
  return track(db, path, null);
}
