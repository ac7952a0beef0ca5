/**
 * The pipeline driver: inputs → case database (ingest, sniff, grammars, store) → cluster state →
 * rules → report. The CLI calls only this; each stage stays ignorant of the ones after it.
 */
import type { Readable } from 'node:stream';
import { buildJsonReport } from '../report/json.js';
import type { JsonReport } from '../report/model.js';
import { loadRules, runRules } from '../rules/index.js';
import { buildClusterState } from '../state/index.js';
import { buildFlows } from '../flows/index.js';
import { releaseVariantHops, replayFlows } from '../model/index.js';
import type { ReplayedFlow } from '../types/flows.js';
import { applyCaptureOption, type CaptureOption } from '../store/capture-option.js';
import { createCaseDb, finishCaseDb, type CaseDb } from '../store/db.js';
import { EvidenceText } from '../store/evidence.js';
import { persistFindings } from '../store/findings.js';
import { topUnparsedShapes } from '../store/coverage.js';
import { loadInputs, storedLoadResult } from '../store/load.js';
import type { Expansion } from '../ingest/index.js';
import type { MonitorDropReport } from '../types/state.js';
import type { Evidence } from '../types/evidence.js';
import type { Finding } from '../types/findings.js';
import type { UnparsedShape } from '../types/inputs.js';

/** The JSON report plus what only the text report and `replay` show. */
export interface Analysis {
  report: JsonReport;
  monitorDrops: MonitorDropReport;
  /** The most frequent unparsed shapes over every input. */
  unparsedShapes: UnparsedShape[];
  flows: ReplayedFlow[];
  findings: Finding[];
}

/** State, flows, model, rules and report over a loaded case database; state and findings are stored in it. */
export async function reportFromDb(db: CaseDb): Promise<Analysis> {
  const state = buildClusterState(db);
  const flows = replayFlows(buildFlows(db, state), state);
  const evidence = new EvidenceText(db);
  const quote = (lines: Evidence[]): Required<Evidence>[] => evidence.complete(lines);
  // Every observation is quoted in the report's flows: read their texts in one pass.
  evidence.complete(flows.flatMap((f) => f.observations.map((o) => o.evidence)));
  const findings = runRules(await loadRules(), state, quote, flows);
  releaseVariantHops(flows);
  persistFindings(db, findings);
  return {
    report: buildJsonReport(storedLoadResult(db), state, findings, flows, quote),
    monitorDrops: state.monitor.drops,
    unparsedShapes: topUnparsedShapes(db, REPORTED_SHAPES),
    flows,
    findings,
  };
}

/** How many unparsed shapes of the case the text report names (`coverage` lists more). */
const REPORTED_SHAPES = 3;

/** Reads the inputs into a case database (a file, or a temporary one), without analysing them. */
export async function loadCase(
  inputs: string[],
  options: { db?: string; stdin: Readable; capture?: CaptureOption[]; expansion?: Expansion },
): Promise<CaseDb> {
  const db = createCaseDb(options.db);
  try {
    await loadInputs(db, inputs, options.stdin, options.expansion);
    for (const c of options.capture ?? []) applyCaptureOption(db, c);
    finishCaseDb(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The whole job: read the inputs into a case database (a file, or a temporary one) and report. */
export async function analyzeInputs(
  inputs: string[],
  options: { db?: string; stdin: Readable; capture?: CaptureOption[]; expansion?: Expansion },
): Promise<Analysis & { db: CaseDb }> {
  const db = await loadCase(inputs, options);
  try {
    options.expansion?.progress.phase('building the cluster state, flows and findings');
    return { ...(await reportFromDb(db)), db };
  } catch (err) {
    db.close();
    throw err;
  }
}
