import type { Evidence } from '../types/evidence.js';
import type { FlowJson } from './flows.js';
import type { Finding } from '../types/findings.js';
import type { InputSummary } from '../types/inputs.js';
import type {
  EndpointState,
  HealthProbeResult,
  KubeEvent,
  LinkState,
  NeighbourState,
  MonitorSummary,
  NodeState,
  PacketSummary,
  PodState,
  RouteState,
  ServiceState,
} from '../types/state.js';

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
  endpoints: EndpointState[];
  services: ServiceState[];
  /** Siblings of the contract: Kubernetes pods and events, host routes, devices and neighbours. */
  pods: PodState[];
  events: KubeEvent[];
  routes: RouteState[];
  links: LinkState[];
  neighbours: NeighbourState[];
  flows: FlowJson[];
  findings: Finding[];
}

/**
 * The report without its flows: what an analysis keeps in memory and in the case. The flows are
 * written and read a chunk at a time (`flows[]` of tens of thousands of flows is never one object).
 */
export type ReportHead = Omit<JsonReport, 'flows'>;

export interface FactReport<T> {
  value: T;
  /** Where the value was configured: `flag` (the agent's dump), `configmap`, `helm`. */
  origin: string;
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
