/**
 * The pipeline driver: inputs → case database (ingest, sniff, grammars, store) → cluster state →
 * rules → report. The CLI calls only this; each stage stays ignorant of the ones after it.
 */
import type { Readable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { buildReportHead, TOOL_VERSION } from '../report/json.js';
import { flowJson, type FlowJson } from '../report/flows.js';
import type { ReportHead } from '../report/model.js';
import { divergencesOf, loadRules, noteCapturedNode, RuleRun } from '../rules/index.js';
import { buildClusterState } from '../state/index.js';
import { buildFlows, type FlowSet } from '../flows/index.js';
import { FlowReplayer } from '../model/index.js';
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
import type { Finding } from '../types/findings.js';
import type { UnparsedShape } from '../types/inputs.js';
import { ANALYSIS_COMPRESSION, FlowChunkWriter, storedFlows } from './stored-flows.js';

/**
 * What an analysis keeps, in memory and in the case: the report but its flows, and what only the
 * text report shows. The report's flows are stored in the case as they are replayed, a chunk at a
 * time, and read back as they are written (`reportFlows`); `replay` replays them again
 * (`replayedFlows`). A replay of tens of thousands of flows is never held whole.
 */
export interface Analysis {
  report: ReportHead;
  monitorDrops: MonitorDropReport;
  /** The most frequent unparsed shapes over every input. */
  unparsedShapes: UnparsedShape[];
  findings: Finding[];
  /** How many flows were replayed. */
  flowCount: number;
}

/** `chunked`: the report's flows are rows of their own (an analysis stored whole by an older build is not read). */
const ANALYSIS_KEY = `analysis/${TOOL_VERSION}/${SCHEMA_VERSION}/chunked`;
/** Flows replayed, checked and written before the next ones are replayed. */
const FLOW_CHUNK = 256;

function storeAnalysis(db: CaseDb, analysis: Analysis): void {
  db.prepare('INSERT INTO analysis (key, data) VALUES (?, ?)').run(ANALYSIS_KEY, brotliCompressSync(JSON.stringify(analysis), ANALYSIS_COMPRESSION));
}

function storedAnalysis(db: CaseDb): Analysis | null {
  const data = db.prepare('SELECT data FROM analysis WHERE key = ?').pluck().get(ANALYSIS_KEY) as Buffer | undefined;
  return data ? (JSON.parse(brotliDecompressSync(data).toString('utf8')) as Analysis) : null;
}

/** The report's flows of an analysed case, read a chunk at a time, each with the rules that diverge in it. */
export function reportFlows(db: CaseDb, analysis: Analysis): Iterable<FlowJson> {
  return storedFlows(db, `${ANALYSIS_KEY}/`, divergencesOf(analysis.findings));
}

/** Replays the flows of a set a chunk at a time, handing each chunk to `visit`: a flow is let go once its chunk is visited. */
function replayInChunks(set: FlowSet, replayer: FlowReplayer, visit: (flows: ReplayedFlow[]) => void): void {
  let chunk: ReplayedFlow[] = [];
  for (const f of set.flows()) {
    chunk.push(replayer.replay(f));
    if (chunk.length < FLOW_CHUNK) continue;
    visit(chunk);
    chunk = [];
  }
  if (chunk.length > 0) visit(chunk);
}

/**
 * State, flows, model, rules and report over a loaded case database. Flows are replayed, checked
 * by the rules that read each flow alone, and stored as the report shows them a chunk at a time;
 * the rules relating flows get the few they ask for at the end. State, findings and the analysis
 * are stored in the case.
 */
export async function analyzeDb(db: CaseDb): Promise<Analysis> {
  const state = buildClusterState(db);
  const set = buildFlows(db, state);
  const flowCount = set.count;
  let findings: Finding[];
  try {
    const capturedNodes = new Set<string>();
    const replayer = new FlowReplayer(set, state, (o) => noteCapturedNode(capturedNodes, o));
    const evidence = new EvidenceText(db);
    const revive = function* (ids: readonly number[]): Generator<ReplayedFlow> {
      for (const id of ids) {
        const flow = set.flow(id);
        if (flow) yield replayer.replay(flow);
      }
    };
    const run = new RuleRun(await loadRules(), state, (lines) => evidence.complete(lines), capturedNodes, revive);
    db.exec('DELETE FROM analysis');
    const stored = new FlowChunkWriter(db, `${ANALYSIS_KEY}/`);
    const texts = new EvidenceText(db);
    replayInChunks(set, replayer, (flows) => {
      run.flows(flows);
      // Every observation is quoted in the report's flows: their texts are read in one pass per chunk, and let go with it.
      texts.complete(flows.flatMap((f) => f.observations.map((o) => o.evidence)));
      stored.add(flows.map((f) => flowJson(f, (lines) => texts.complete(lines))));
      texts.forget();
    });
    findings = run.finish();
  } finally {
    set.close();
  }
  persistFindings(db, findings);
  const analysis: Analysis = {
    report: buildReportHead(storedLoadResult(db), state, findings),
    monitorDrops: state.monitor.drops,
    unparsedShapes: topUnparsedShapes(db, REPORTED_SHAPES),
    findings,
    flowCount,
  };
  storeAnalysis(db, analysis);
  return analysis;
}

/**
 * The case's flows replayed again, one at a time, for `replay` (a flow's hops are not kept in the
 * case): each with the rules the analysis found diverging in it. `only` picks the flow to replay.
 */
export function* replayedFlows(db: CaseDb, analysis: Analysis, only?: number): Generator<ReplayedFlow> {
  const state = buildClusterState(db);
  const set = buildFlows(db, state);
  try {
    const divergences = divergencesOf(analysis.findings);
    const replayer = new FlowReplayer(set, state);
    const flows = only === undefined ? set.flows() : [set.flow(only)].filter((f) => f !== null);
    for (const f of flows) {
      const flow = replayer.replay(f);
      flow.divergences = divergences.get(flow.id) ?? [];
      yield flow;
    }
  } finally {
    set.close();
  }
}

/** How many unparsed shapes of the case the text report names (`coverage` lists more). */
const REPORTED_SHAPES = 3;

/** The analysis of a case database: the one ingest stored, or built now (a case written by another release). */
export async function reportFromDb(db: CaseDb): Promise<Analysis> {
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
