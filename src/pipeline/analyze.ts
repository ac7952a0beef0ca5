/**
 * The pipeline driver: inputs → case database (ingest, sniff, grammars, store) → cluster state →
 * rules → report. The CLI calls only this; each stage stays ignorant of the ones after it.
 */
import type { Readable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { buildJsonReport, TOOL_VERSION } from '../report/json.js';
import type { JsonReport } from '../report/model.js';
import { loadRules, runRules } from '../rules/index.js';
import { buildClusterState } from '../state/index.js';
import { buildFlows } from '../flows/index.js';
import { releaseVariantHops, replayFlows } from '../model/index.js';
import type { ReplayedFlow } from '../types/flows.js';
import { applyCaptureOption, type CaptureOption } from '../store/capture-option.js';
import { abortCaseDb, appendCaseDb, createCaseDb, finishCaseDb, type CaseDb } from '../store/db.js';
import { EvidenceText } from '../store/evidence.js';
import { persistFindings } from '../store/findings.js';
import { topUnparsedShapes } from '../store/coverage.js';
import { loadInputs, storedLoadResult } from '../store/load.js';
import { SCHEMA_VERSION } from '../store/schema.js';
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

/**
 * What the case keeps of its analysis, so that reopening it reports without rebuilding state,
 * flows and findings: all but the replayed flows themselves (the report has their summary).
 * Those are an order of magnitude larger (250 MB of JSON for the bench's 10 k flows) and only
 * `replay` shows them; it rebuilds them.
 */
export type StoredAnalysis = Omit<Analysis, 'flows'>;

const ANALYSIS_KEY = `analysis/${TOOL_VERSION}/${SCHEMA_VERSION}`;

/**
 * Brotli's default quality (11) is far too slow for the MB an analysis of a busy log makes: on
 * the 300 k-line bench case's 2.4 MB, quality 11 takes 19 s for 94 KB, quality 5 0.25 s for 171 KB.
 */
const ANALYSIS_COMPRESSION = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

function storeAnalysis(db: CaseDb, { report, monitorDrops, unparsedShapes, findings }: Analysis): void {
  const stored: StoredAnalysis = { report, monitorDrops, unparsedShapes, findings };
  const data = brotliCompressSync(JSON.stringify(stored), ANALYSIS_COMPRESSION);
  db.transaction(() => {
    db.exec('DELETE FROM analysis');
    db.prepare('INSERT INTO analysis (key, data) VALUES (?, ?)').run(ANALYSIS_KEY, data);
  })();
}

function storedAnalysis(db: CaseDb): StoredAnalysis | null {
  const data = db.prepare('SELECT data FROM analysis WHERE key = ?').pluck().get(ANALYSIS_KEY) as Buffer | undefined;
  return data ? (JSON.parse(brotliDecompressSync(data).toString('utf8')) as StoredAnalysis) : null;
}

/** State, flows, model, rules and report over a loaded case database; state, findings and the analysis are stored in it. */
export async function analyzeDb(db: CaseDb): Promise<Analysis> {
  const state = buildClusterState(db);
  const flows = replayFlows(buildFlows(db, state), state);
  const evidence = new EvidenceText(db);
  const quote = (lines: Evidence[]): Required<Evidence>[] => evidence.complete(lines);
  // Every observation is quoted in the report's flows: read their texts in one pass.
  evidence.complete(flows.flatMap((f) => f.observations.map((o) => o.evidence)));
  const findings = runRules(await loadRules(), state, quote, flows);
  releaseVariantHops(flows);
  persistFindings(db, findings);
  const analysis: Analysis = {
    report: buildJsonReport(storedLoadResult(db), state, findings, flows, quote),
    monitorDrops: state.monitor.drops,
    unparsedShapes: topUnparsedShapes(db, REPORTED_SHAPES),
    flows,
    findings,
  };
  storeAnalysis(db, analysis);
  return analysis;
}

/** How many unparsed shapes of the case the text report names (`coverage` lists more). */
const REPORTED_SHAPES = 3;

/** The analysis of a case database: the one ingest stored, or built now (a case written by another release). */
export async function reportFromDb(db: CaseDb): Promise<StoredAnalysis> {
  return storedAnalysis(db) ?? analyzeDb(db);
}

export interface IngestOptions {
  /** The case database file to write (replaced on success); a private temporary one when absent. */
  db?: string;
  /** Add the inputs to the existing case database `db` instead of replacing it. */
  append?: boolean;
  stdin: Readable;
  capture?: CaptureOption[];
  /** How archives are expanded, within which limits, and where reading reports its progress. */
  expansion?: Expansion;
  /** A named input the case already holds (appending): it is not read again. */
  onDuplicate?: (name: string) => void;
}

/** Reads the inputs into a case database (a file, or a temporary one), without analysing them. */
export async function loadCase(inputs: string[], options: IngestOptions): Promise<CaseDb> {
  const db = options.append && options.db ? appendCaseDb(options.db) : createCaseDb(options.db);
  try {
    // The stored analysis no longer describes the case once inputs are added.
    if (options.append) db.exec('DELETE FROM analysis');
    await loadInputs(db, inputs, options.stdin, { expansion: options.expansion, onDuplicate: options.onDuplicate });
    for (const c of options.capture ?? []) applyCaptureOption(db, c);
    finishCaseDb(db);
    return db;
  } catch (err) {
    abortCaseDb(db);
    throw err;
  }
}

/** The whole job: read the inputs into a case database (a file, or a temporary one) and report. */
export async function analyzeInputs(inputs: string[], options: IngestOptions): Promise<Analysis & { db: CaseDb }> {
  const db = await loadCase(inputs, options);
  try {
    options.expansion?.progress.phase('building the cluster state, flows and findings');
    return { ...(await analyzeDb(db)), db };
  } catch (err) {
    abortCaseDb(db);
    throw err;
  }
}
