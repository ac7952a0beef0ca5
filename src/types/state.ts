import type { Evidence } from './evidence.js';

/** Where a fact was read from. */
export type FactOrigin = 'flag' | 'log' | 'status' | 'cli' | 'monitor' | 'tcpdump' | 'derived';

/** A derived fact with the lines that support it. */
export interface Fact<T> {
  value: T;
  origin: FactOrigin;
  evidence: Evidence[];
}

/** Version-independent datapath configuration (report-json.md `agents[].effective`). */
export interface EffectiveConfig {
  routingMode: Fact<'tunnel' | 'native'> | null;
  tunnelProtocol: Fact<'vxlan' | 'geneve'> | null;
  hostRouting: Fact<'BPF' | 'Legacy'> | null;
  kubeProxyReplacement: Fact<string> | null;
  masquerading: Fact<'BPF' | 'iptables' | 'disabled'> | null;
  mtu: Fact<number> | null;
}

export type EffectiveKey = keyof EffectiveConfig;

/** An effective configuration of which nothing is known yet. */
export function emptyEffective(): EffectiveConfig {
  return { routingMode: null, tunnelProtocol: null, hostRouting: null, kubeProxyReplacement: null, masquerading: null, mtu: null };
}

export const EFFECTIVE_KEYS: readonly EffectiveKey[] = [
  'routingMode',
  'tunnelProtocol',
  'hostRouting',
  'kubeProxyReplacement',
  'masquerading',
  'mtu',
];

/** Two sources disagreeing on one effective setting: both kept, with provenance. */
export interface FactConflict {
  key: string;
  facts: Fact<unknown>[];
}

/** One cilium-agent (a pod, or a whole input when no pod is named). */
export interface AgentState {
  /** Stable key: the pod name, or `source:<input>` when no pod is known. */
  key: string;
  pod: string | null;
  node: Fact<string> | null;
  version: Fact<string> | null;
  /** Flags as configured, named as that release names them (last value wins, all evidence kept). */
  requested: Record<string, Fact<string>>;
  effective: EffectiveConfig;
  /** Extra effective settings beyond the JSON contract's six (KPR sub-features, LB mode, …). */
  extra: Record<string, Fact<unknown>>;
  conflicts: FactConflict[];
  /** Did this agent's log reach the end of daemon initialisation? */
  startupComplete: Evidence | null;
}

export interface NodeState {
  name: string;
  internalIPs: string[];
  ciliumInternalIP: string | null;
  healthIP: string | null;
  podCIDRs: string[];
  evidence: Evidence[];
}

export interface ClusterState {
  agents: AgentState[];
  nodes: NodeState[];
}
