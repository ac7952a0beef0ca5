/**
 * What per-flow rules ask of a replayed flow. A divergence counts only when every configuration
 * variant the model evaluated shows it; when some variants do and others do not, the rule stays
 * silent and the `model-ambiguous` finding names the unknown instead.
 */
import { datapathConfig, deviceRole, type DatapathConfig } from '../model/index.js';
import type { Evidence } from '../types/evidence.js';
import type { ExpectedHop, FlowVariant, Hop, Observation, ObservedHop, ReplayedFlow } from '../types/flows.js';
import type { AgentState, ClusterState } from '../types/state.js';

/** The value every variant agrees on (non-null in all of them), else null. */
export function inEveryVariant<T>(flow: ReplayedFlow, find: (v: FlowVariant) => T | null): T | null {
  let first: T | null = null;
  for (const v of flow.variants) {
    const found = find(v);
    if (found === null) return null;
    first ??= found;
  }
  return first;
}

/** Observed hops with the expected hop they were matched to. */
export function matched(v: FlowVariant): { hop: ObservedHop; index: number; expected: ExpectedHop }[] {
  return v.observed.flatMap((hop, index) => (hop.expected === null ? [] : [{ hop, index, expected: v.expected[hop.expected]! }]));
}

export function evidenceOf(...observations: Observation[]): Evidence[] {
  return observations.map((o) => ({ source: o.evidence.source, line: o.evidence.line }));
}

/** `tcp 10.0.0.23:45678 → 10.0.1.60:80`, `tcp [fd00::1a]:45678 → [fd00::5]:80`, `icmp 10.0.0.23 → 10.0.1.60 (id 17)`. */
export function describeTuple(flow: Pick<ReplayedFlow, 'tuple'>): string {
  const t = flow.tuple;
  if (t.proto === 'icmp' || t.proto === 'icmp6') return `${t.proto} ${t.src} → ${t.dst}${t.sport !== null ? ` (id ${t.sport})` : ''}`;
  const end = (ip: string, port: number | null): string => `${ip.includes(':') ? `[${ip}]` : ip}:${port ?? '?'}`;
  return `${t.proto} ${end(t.src, t.sport)} → ${end(t.dst, t.dport)}`;
}

/** `flow 3 (F2, tcp 10.0.0.23:45678 → 10.0.1.60:80)`. */
export function flowLabel(flow: ReplayedFlow): string {
  return `flow ${flow.id} (${flow.class ?? 'unclassified'}, ${describeTuple(flow)})`;
}

/** The path the prediction is for: the class, and how many configurations were evaluated. */
export function pathLabel(flow: ReplayedFlow): string {
  const open = flow.variants.length > 1 ? `, in each of the ${flow.variants.length} configurations the inputs leave open` : '';
  return `${flow.class ?? 'unclassified'}${open}`;
}

/** Where a hop is, in words: `the lxc TX tap on k8s-w2`, `-> endpoint trace on k8s-w1`. */
export function hopLabel(hop: Hop): string {
  const at = hop.at;
  const where = hop.node ? ` on ${hop.node}` : '';
  if (at.kind === 'capture') return `${hop.device ?? at.device ?? 'a capture'}${at.direction ? ` ${at.direction.toUpperCase()}` : ''}${where}`;
  return `${at.point ?? 'an event'}${where}`;
}

/** The agent at a place (node name or `agent:<key>`), else the only agent of the case. */
export function agentAt(state: ClusterState, place: string | null): AgentState | null {
  const found = place === null ? undefined : state.agents.find((a) => a.node?.value === place || `agent:${a.key}` === place);
  return found ?? (state.agents.length === 1 ? state.agents[0]! : null);
}

const configs = new WeakMap<ClusterState, Map<string | null, DatapathConfig>>();

/** The datapath configuration of the node at a place (derived once per state and place). */
export function configAt(state: ClusterState, place: string | null): DatapathConfig {
  let byPlace = configs.get(state);
  if (!byPlace) configs.set(state, (byPlace = new Map()));
  let c = byPlace.get(place);
  if (!c) byPlace.set(place, (c = datapathConfig(agentAt(state, place))));
  return c;
}

/** The node of a flow's side, for a finding. */
export function nodeOfFlow(flow: ReplayedFlow, side: 'client' | 'server'): string | null {
  const place = side === 'client' ? flow.client.node : flow.server.node;
  return place && !place.startsWith('agent:') && !place.startsWith('capture:') ? place : null;
}

export function isPodRole(kind: string): boolean {
  return kind === 'pod';
}

/** The device role of a capture (`native`, `lxc`, `pod-eth0`, `overlay`…); null for monitor events. */
export function captureRole(o: Observation): string | null {
  return o.tool === 'tcpdump' ? deviceRole(o.device, o.netns) : null;
}

/** The side of the flow an observed hop was placed on (primary variant), when the model placed it. */
export function sideOfHop(flow: ReplayedFlow, index: number): ExpectedHop['side'] | null {
  const h = flow.observed[index];
  return h && h.expected !== null ? flow.expected[h.expected]!.side : null;
}

/** Whether the observation was made where the server lives: its pod, its node, its endpoint's trace. */
export function atServer(flow: ReplayedFlow, index: number, podIps: ReadonlyMap<string, readonly string[]>): boolean {
  const side = sideOfHop(flow, index);
  if (side !== null) return side === 'server';
  const o = flow.observed[index]!.observation;
  if (o.netns?.startsWith('pod/')) return (podIps.get(o.netns.slice('pod/'.length)) ?? []).includes(flow.server.ip);
  if (o.point === 'to-endpoint' && flow.server.endpoint !== null) return o.destEndpoint === flow.server.endpoint;
  return flow.server.node !== null && o.place === flow.server.node;
}

const podIps = new WeakMap<ClusterState, Map<string, readonly string[]>>();

/** Pod IPs by pod name (captures in a pod's network namespace name the pod). */
export function podIpsOf(state: ClusterState): Map<string, readonly string[]> {
  let ips = podIps.get(state);
  if (!ips) podIps.set(state, (ips = new Map(state.pods.map((p) => [p.name, p.ips]))));
  return ips;
}

/** Cluster members: pods, health endpoints, nodes and their `cilium_host` addresses. */
export function inCluster(kind: string): boolean {
  return kind === 'pod' || kind === 'health' || kind === 'node' || kind === 'cilium-host';
}

/** The lines a configuration setting was read from. */
export function configEvidence(config: DatapathConfig, ...keys: (keyof DatapathConfig)[]): Evidence[] {
  return keys.flatMap((k) => config.evidence[k] ?? []);
}

/** Request packets the server received (at its pod, its node or its endpoint's trace), with their index. */
export function receivedByServer(flow: ReplayedFlow, state: ClusterState): { hop: ObservedHop; index: number }[] {
  const podIps = podIpsOf(state);
  return flow.observed.flatMap((hop, index) =>
    hop.leg === 'request' && hop.observation.tuple?.dst === flow.server.ip && atServer(flow, index, podIps) ? [{ hop, index }] : [],
  );
}

/** The role of an address as the model's address book would give it, from the flows' parties and the nodes. */
export function isNodeAddress(state: ClusterState, ip: string): boolean {
  return state.nodes.some((n) => n.internalIPs.includes(ip) || n.ciliumInternalIP === ip);
}
