/**
 * A case of inline inputs run through ingest, grammars and store into a case database, for tests
 * of what comes after: the cluster state and the rules.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildClusterState } from '../../src/state/index.js';
import { createCaseDb, finishCaseDb, type CaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import type { Evidence } from '../../src/types/evidence.js';
import type { ClusterState } from '../../src/types/state.js';
import { stdinOf, tempDir } from './files.js';

/** Inputs written to files of these names (evidence cites them by path; `cite` makes `name:line`). */
export type Inputs = Record<string, string>;

/**
 * Loads the inputs (and existing `files`) into a fresh case database and hands it, with the
 * directory the inputs were written to, to `use`; the database and the files go afterwards.
 */
export async function withCase<T>(inputs: Inputs, files: readonly string[], use: (db: CaseDb, dir: string) => T): Promise<T> {
  const dir = tempDir();
  const paths = Object.entries(inputs).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
  const db = createCaseDb();
  try {
    await loadInputs(db, [...paths, ...files], stdinOf(null));
    finishCaseDb(db);
    return use(db, dir);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The cluster state of inline inputs. */
export function stateOn(inputs: Inputs): Promise<ClusterState> {
  return withCase(inputs, [], (db) => buildClusterState(db));
}

/** Evidence as `file:line` with the file's base name. */
export function cite(e: Evidence): string {
  return `${basename(e.source)}:${e.line}`;
}
