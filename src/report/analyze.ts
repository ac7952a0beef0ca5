import type { Readable } from 'node:stream';
import { loadRules, persistFindings, runRules } from '../rules/index.js';
import { buildClusterState } from '../state/index.js';
import { createCaseDb, finishCaseDb, type CaseDb } from '../store/db.js';
import { loadInputs, storedLoadResult } from '../store/load.js';
import { buildJsonReport } from './json.js';
import type { JsonReport } from './model.js';

/** State, rules and report over a loaded case database; state and findings are stored in it. */
export async function reportFromDb(db: CaseDb): Promise<JsonReport> {
  const state = buildClusterState(db);
  const findings = runRules(await loadRules(), state, db);
  persistFindings(db, findings);
  return buildJsonReport(storedLoadResult(db), state, findings);
}

/** The whole job: read the inputs into a case database (a file, or a temporary one) and report. */
export async function analyzeInputs(
  inputs: string[],
  options: { db?: string; stdin: Readable },
): Promise<{ report: JsonReport; db: CaseDb }> {
  const db = createCaseDb(options.db);
  try {
    await loadInputs(db, inputs, options.stdin);
    finishCaseDb(db);
    return { report: await reportFromDb(db), db };
  } catch (err) {
    db.close();
    throw err;
  }
}
