import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createCaseDb, type CaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));

/** The seed paste whose name starts with `prefix` (`000`, `001`, …). */
export function seed(prefix: string): string {
  const dir = join(SHARED, 'seeds');
  const name = readdirSync(dir).find((f) => f.startsWith(`${prefix}_`));
  if (!name) throw new Error(`no seed ${prefix}`);
  return join(dir, name);
}

export async function loadFiles(...paths: string[]): Promise<CaseDb> {
  const db = createCaseDb();
  await loadInputs(db, paths, Readable.from([]));
  return db;
}

/** Loads text as one input named `name` (written to a temporary directory). */
export async function loadText(name: string, text: string): Promise<CaseDb> {
  const path = join(mkdtempSync(join(tmpdir(), 'cilium-status-')), name);
  writeFileSync(path, text);
  return loadFiles(path);
}

export function unparsed(db: CaseDb): { line: number; reason: string; text: string }[] {
  return db.prepare('SELECT line, reason, text FROM unparsed ORDER BY line, segment').all() as { line: number; reason: string; text: string }[];
}
