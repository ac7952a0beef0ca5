import type { Evidence } from '../types/evidence.js';
import type { Finding } from '../types/findings.js';
import type { InputSummary } from '../types/inputs.js';
import type { NodeState } from '../types/state.js';
import type { MonitorSummary } from '../state/monitor.js';
import type { PacketSummary } from '../state/packets.js';
import type { HealthPeer, HealthProbeResult, StatusEndpoint, StatusService } from '../state/status.js';

/** report-json.md `health[]`; `agent`, `time`, `probes` and `evidence` are siblings. */
export interface HealthReportJson {
  reporter: string | null;
  reachable: number | null;
  total: number | null;
  nodes: { name: string; ip: string | null; node: string | null; endpoints: string | null; evidence: Evidence[] }[];
  agent: string;
  time: string | null;
  probes: HealthProbeResult[];
  evidence: Evidence[];
}

export type { HealthPeer };

/** The JSON report (report-json.md): a public contract; fields may gain siblings, never change meaning. */
export interface JsonReport {
  schemaVersion: 1;
  tool: { name: 'cilium-analyze'; version: string };
  inputs: InputSummary[];
  agents: AgentReport[];
  nodes: NodeReport[];
  health: HealthReportJson[];
  monitor: MonitorSummary;
  packets: PacketSummary;
  endpoints: StatusEndpoint[];
  services: StatusService[];
  flows: unknown[];
  findings: Finding[];
}

export interface FactReport<T> {
  value: T;
  evidence: Evidence[];
}

export interface AgentReport {
  key: string;
  pod: string | null;
  node: string | null;
  version: string | null;
  requested: Record<string, FactReport<string>>;
  effective: Record<string, string | number | null>;
  /** Where each effective value comes from. */
  provenance: Record<string, { origin: string; evidence: Evidence[] }>;
  conflicts: { key: string; values: { value: unknown; origin: string; evidence: Evidence[] }[] }[];
}

/** Nodes are reported as the state holds them. */
export type NodeReport = NodeState;
