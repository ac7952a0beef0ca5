import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../types/errors.js';
import { LogValues, type LazyLogColumn } from './log-values.js';
import type { MonitorEventColumn, MonitorLineLazyColumn } from './monitor-schema.js';
import { MonitorValues } from './monitor-values.js';
import { PacketValueReader } from './packet-values.js';
import type { PacketColumn } from './tcpdump-schema.js';
import { INDEXES, SCHEMA_VERSION, TABLES } from './schema.js';
import { SourceTextReader } from './source-text.js';

export type CaseDb = Database.Database;

const TOOL_MARK = 'cilium-analyze';

/** Where a case database lives while it is written, and where it goes when it is complete. */
interface CaseFile {
  /** The file being written (a temporary one unless appending). */
  path: string;
  /** The user's `--db` file, replaced by `path` on success; null for a private case. */
  target: string | null;
  /** A private case's directory, removed with it. */
  privateDir: string | null;
  /** An existing case opened in place: closing leaves the file where it is. */
  existing: boolean;
  text: SourceTextReader;
  logs: LogValues;
  monitor: MonitorValues;
  packets: PacketValueReader;
  /** Loaded and indexed: closing publishes it. */
  complete: boolean;
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

/** Readers of what the case keeps once: the lines, and the columns read back from them. */
type LineReaders = Pick<CaseFile, 'text' | 'logs' | 'monitor' | 'packets'>;

/** Where a case database is: its file without the readers of its lines. */
type CaseLocation = Omit<CaseFile, keyof LineReaders>;

/** SQL functions the views need: the text of a line, and the log, monitor and packet columns read back from it. */
function registerFunctions(db: CaseDb, { text, logs, monitor, packets }: LineReaders): void {
  db.function('line_text', { deterministic: true }, (source: unknown, line: unknown, segment: unknown) =>
    text.text(Number(source), Number(line), Number(segment)),
  );
  db.function('log_value', { deterministic: true }, (source: unknown, line: unknown, segment: unknown, record: unknown, column: unknown) =>
    logs.value(Number(source), Number(line), Number(segment), (record as string | null) ?? null, column as LazyLogColumn),
  );
  db.function('monitor_value', { deterministic: true }, (source: unknown, line: unknown, segment: unknown, record: unknown, column: unknown) =>
    monitor.event(Number(source), Number(line), Number(segment), (record as string | null) ?? null, column as MonitorEventColumn),
  );
  db.function('monitor_line_value', { deterministic: true }, (source: unknown, line: unknown, segment: unknown, record: unknown, column: unknown) =>
    monitor.line(Number(source), Number(line), Number(segment), (record as string | null) ?? null, column as MonitorLineLazyColumn),
  );
  db.function(
    'packet_value',
    { deterministic: true },
    (source: unknown, line: unknown, segment: unknown, depth: unknown, seqAbs: unknown, ackAbs: unknown, text: unknown, column: unknown) =>
      packets.value(
        Number(source), Number(line), Number(segment), Number(depth), seqAbs === null ? null : Number(seqAbs), ackAbs === null ? null : Number(ackAbs),
        (text as string | null) ?? null, column as PacketColumn,
      ),
  );
}

function tuned(db: CaseDb): CaseDb {
  // Sorts larger than the cache (index builds over millions of lines) spill to a temporary file;
  // temp_store = MEMORY kept them resident, so memory grew with the input.
  db.pragma('cache_size = -32768');
  return db;
}

/** Temporary files of earlier runs on `target` whose process is gone (killed while writing). */
function removeStaleTemps(target: string): void {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    // The temporary file and its journal (SQLite creates one while the schema is written).
    const pid = name.startsWith(prefix) ? Number(/^(\d+)\.tmp(?:-journal)?$/.exec(name.slice(prefix.length))?.[1]) : NaN;
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(dir, name), { force: true });
    }
  }
}

function track(db: CaseDb, opened: CaseLocation): CaseDb {
  const text = new SourceTextReader(opened.path);
  const file: CaseFile = { ...opened, text, logs: new LogValues(text), monitor: new MonitorValues(text), packets: new PacketValueReader(text) };
  files.set(db, file);
  registerFunctions(db, file);
  const close = db.close.bind(db);
  db.close = () => {
    const f = files.get(db);
    files.delete(db);
    f?.text.close();
    if (db.open) close();
    if (f) settle(f);
    return db;
  };
  return db;
}

/** Publishes a complete case (rename over the target) or removes an incomplete one. */
function settle(f: CaseLocation): void {
  if (f.existing) return;
  if (f.target && f.complete) renameSync(f.path, f.target);
  else rmSync(f.path, { force: true });
  if (f.privateDir) rmSync(f.privateDir, { recursive: true, force: true });
}

/** What writing a case database to `path` does to an existing file there. */
export function caseFileAction(path: string): 'create' | 'replace' {
  if (!existsSync(path)) return 'create';
  if (!isOurs(path)) throw new InputError(`${path} exists and is not a cilium-analyze database; not overwriting it`);
  return 'replace';
}

/**
 * Creates a fresh case database. It is written to a temporary file beside `path` and renamed over
 * it when closed complete, so an interrupted run leaves no half-written case file and an existing
 * case stays as it was. Without a path it is a private temporary file, removed on close.
 */
export function createCaseDb(path?: string): CaseDb {
  let file: CaseLocation;
  if (path && path !== ':memory:') {
    caseFileAction(path);
    removeStaleTemps(path);
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    rmSync(temp, { force: true });
    file = { path: temp, target: path, privateDir: null, existing: false, complete: false };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'cilium-analyze-'));
    file = { path: join(dir, 'case.sqlite'), target: null, privateDir: dir, existing: false, complete: false };
  }
  const db = tuned(new Database(file.path));
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(TABLES);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('tool', ?), ('complete', '0')`).run(TOOL_MARK);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  } catch (err) {
    db.close();
    settle({ ...file, complete: false });
    throw err;
  }
  return track(db, file);
}

/** Marks the load complete and builds the query indexes; closing the database now publishes it. */
export function finishCaseDb(db: CaseDb): void {
  db.exec(INDEXES);
  db.prepare(`UPDATE meta SET value = '1' WHERE key = 'complete'`).run();
  const f = files.get(db);
  if (f) {
    f.complete = true;
    f.text.reset();
  }
}

/** Closes a case database without publishing it: an interrupted or failed run. */
export function abortCaseDb(db: CaseDb): void {
  const f = files.get(db);
  if (f) f.complete = false;
  if (db.open && db.inTransaction) db.exec('ROLLBACK');
  db.close();
}

function caseFile(db: CaseDb): CaseFile {
  const f = files.get(db);
  if (!f) throw new Error('not a case database opened by createCaseDb / openCaseDb');
  return f;
}

/** The log columns a case database reads back from its lines (see LogValues). */
export function logValuesOf(db: CaseDb): LogValues {
  return caseFile(db).logs;
}

/** The monitor event columns a case database reads back from its lines (see MonitorValues). */
export function monitorValuesOf(db: CaseDb): MonitorValues {
  return caseFile(db).monitor;
}

/**
 * Aborts every case database still open (on a signal): new ones are removed, appends rolled back.
 * Returns the user's case files that were being written, each left as it was.
 */
export function abortOpenCaseDbs(): string[] {
  const written: string[] = [];
  for (const [db, f] of [...files]) {
    if (f.target) written.push(f.target);
    else if (f.existing && !db.readonly) written.push(f.path);
    abortCaseDb(db);
  }
  return written;
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
  return track(db, { path, target: null, privateDir: null, existing: true, complete: true });
}

/**
 * Opens an existing complete case database to add inputs to it. The additions are one transaction
 * with a rollback journal: an interrupted append leaves the case as it was.
 */
export function appendCaseDb(path: string): CaseDb {
  const db = openCaseDb(path, { readonly: false });
  const complete = db.prepare(`SELECT value FROM meta WHERE key = 'complete'`).pluck().get();
  if (complete !== '1') {
    db.close();
    throw new InputError(`${path} is an incomplete case database: ingest its inputs again without --append`);
  }
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = NORMAL');
  return db;
}
