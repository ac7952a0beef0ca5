import { existsSync, readFileSync } from 'node:fs';
import type { LoadResult } from '../store/load.js';
import type { Finding } from '../types/findings.js';
import type { InputCoverage, InputSummary } from '../types/inputs.js';
import { EFFECTIVE_KEYS, type AgentState, type ClusterState } from '../types/state.js';
import type { AgentReport, HealthReportJson, ReportHead } from './model.js';

/** The package version, found by walking up from this module (works from src/ and dist/src/). */
function packageVersion(): string {
  for (let dir = new URL('./', import.meta.url); dir.pathname !== '/'; dir = new URL('../', dir)) {
    const file = new URL('package.json', dir);
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'cilium-analyze' && pkg.version) return pkg.version;
  }
  return '0.0.0';
}

export const TOOL_VERSION = packageVersion();

/** How much of a read input was parsed. */
function readCoverage(i: InputSummary): InputCoverage {
  if (i.unparsed === 0) return 'parsed';
  return i.parsed === 0 ? 'unparsed' : 'partly-parsed';
}

/** Every input and bundle member with its coverage, sorted by name. */
function inputReports(load: LoadResult): InputSummary[] {
  const read: InputSummary[] = load.sources.map((s) => ({ ...s, coverage: readCoverage(s) }));
  const skipped: InputSummary[] = load.skipped.map((s) => ({
    source: s.name,
    lines: 0,
    parsed: 0,
    unparsed: 0,
    formats: {},
    records: {},
    skipped: s.reason,
    ...(s.member ? { member: s.member } : {}),
    ...(s.what ? { what: s.what } : {}),
    coverage: s.status,
  }));
  return [...read, ...skipped].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

function agentReport(a: AgentState): AgentReport {
  const effective: AgentReport['effective'] = {};
  const provenance: AgentReport['provenance'] = {};
  for (const k of EFFECTIVE_KEYS) {
    const f = a.effective[k];
    effective[k] = f ? f.value : null;
    if (f) provenance[k] = { origin: f.origin, evidence: f.evidence };
  }
  for (const [k, f] of Object.entries(a.status?.facts ?? {})) provenance[k] = { origin: f.origin, evidence: f.evidence };
  return {
    key: a.key,
    pod: a.pod,
    node: a.node?.value ?? null,
    version: a.version?.value ?? null,
    requested: Object.fromEntries(
      [...a.configured]
        .sort((x, y) => (x.name < y.name ? -1 : 1))
        .map((f) => [f.name, { value: f.value, origin: f.origin, evidence: f.evidence }]),
    ),
    effective,
    provenance,
    conflicts: a.conflicts.map((c) => ({
      key: c.key,
      values: c.facts.map((f) => ({ value: f.value, origin: f.origin, evidence: f.evidence })),
    })),
  };
}

function healthReports(state: ClusterState): HealthReportJson[] {
  return state.health.map((h) => ({
    reporter: h.reporter,
    reachable: h.reachable,
    total: h.total,
    nodes: h.nodes.map((n) => ({ name: n.name, ip: n.ip, node: n.node, endpoints: n.endpoints, evidence: [n.evidence] })),
    agent: h.agent,
    time: h.time,
    probes: h.probes,
    evidence: h.evidence,
  }));
}

/** The JSON report but its flows, from the input accounting, the cluster state and the findings. */
export function buildReportHead(load: LoadResult, state: ClusterState, findings: Finding[]): ReportHead {
  return {
    schemaVersion: 1,
    tool: { name: 'cilium-analyze', version: TOOL_VERSION },
    inputs: inputReports(load),
    agents: state.agents.map(agentReport),
    nodes: state.nodes.map((n) => ({ ...n })),
    health: healthReports(state),
    monitor: state.monitor.summary,
    packets: state.packets,
    endpoints: state.endpoints,
    services: state.services,
    pods: state.pods,
    events: state.events,
    routes: state.routes,
    links: state.links,
    neighbours: state.neighbours,
    findings,
  };
}
