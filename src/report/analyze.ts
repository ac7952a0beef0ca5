import type { Readable } from 'node:stream';
import { loadRules, persistFindings, runRules } from '../rules/index.js';
import { buildClusterState } from '../state/index.js';
import { buildMonitorDropReport, type MonitorDropReport } from '../state/monitor.js';
import { createCaseDb, finishCaseDb, type CaseDb } from '../store/db.js';
import { loadInputs, storedLoadResult } from '../store/load.js';
import { applyCaptureOption, type CaptureOption } from '../store/capture-option.js';
import { buildJsonReport } from './json.js';
import type { JsonReport } from './model.js';

/** The JSON report plus what only the text report shows. */
export interface Analysis {
  report: JsonReport;
  monitorDrops: MonitorDropReport;
}

/** State, rules and report over a loaded case database; state and findings are stored in it. */
export async function reportFromDb(db: CaseDb): Promise<Analysis> {
  const state = buildClusterState(db);
  const findings = runRules(await loadRules(), state, db);
  persistFindings(db, findings);
  return { report: buildJsonReport(db, storedLoadResult(db), state, findings), monitorDrops: buildMonitorDropReport(db) };
}

/** The whole job: read the inputs into a case database (a file, or a temporary one) and report. */
export async function analyzeInputs(
  inputs: string[],
  options: { db?: string; stdin: Readable; capture?: CaptureOption[] },
): Promise<Analysis & { db: CaseDb }> {
  const db = createCaseDb(options.db);
  try {
    await loadInputs(db, inputs, options.stdin);
    for (const c of options.capture ?? []) applyCaptureOption(db, c);
    finishCaseDb(db);
    return { ...(await reportFromDb(db)), db };
  } catch (err) {
    db.close();
    throw err;
  }
}
