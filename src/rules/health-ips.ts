/**
 * Health-endpoint IPs as each reporter probes them, against the IP the node itself has: its own
 * health report, its `cilium status` addresses (`(health)`), its CiliumNode. A peer that keeps
 * probing an old IP after the node's agent restarted reports the node's endpoints unreachable.
 */
import { dropCodesOf } from '../knowledge/monitor/index.js';
import { CILIUM_PORTS } from '../knowledge/ports.js';
import { evidenceKey, type Evidence } from '../types/evidence.js';
import type { Observation, ReplayedFlow } from '../types/flows.js';
import type { ClusterState, HealthReport } from '../types/state.js';
import { append } from '../types/collections.js';
import { nodeOfAgent } from './agents.js';

/** `cluster/node` (a cluster not named `default`) and `node` are one node. */
const bare = (name: string): string => name.slice(name.lastIndexOf('/') + 1).toLowerCase();

export interface ProbedHealthIp {
  reporter: string;
  ip: string;
  evidence: Evidence;
}

export interface StaleHealthIps {
  node: string;
  /** The node's own health IP and where it was read, when known. */
  own: { ip: string; evidence: Evidence[] } | null;
  /** The reporters whose probed IP is not the node's (all of them, when the node's own is unknown). */
  stale: ProbedHealthIp[];
  /** Every reporter's probed IP, for the message. */
  probed: ProbedHealthIp[];
}

/** The last report of each reporter (a reporter printing twice shows the newer state last). */
function lastReports(state: ClusterState): HealthReport[] {
  const byReporter = new Map<string, HealthReport>();
  for (const r of state.health) byReporter.set(r.reporter ?? `agent:${r.agent}`, r);
  return [...byReporter.values()];
}

/** The node's own health IP: its own report's endpoint probe, its status `(health)` address, its CiliumNode. */
function ownHealthIps(state: ClusterState, reports: readonly HealthReport[]): Map<string, { ip: string; evidence: Evidence[] }> {
  const own = new Map<string, { ip: string; evidence: Evidence[] }>();
  // A node's lines other than health-report lines are where it published its health IP (log, CiliumNode).
  const reportLines = new Set(state.health.flatMap((r) => [...r.evidence, ...r.probes.map((p) => p.evidence)]).map(evidenceKey));
  for (const n of state.nodes) {
    if (n.healthIP && n.healthIPBy === 'node') own.set(bare(n.name), { ip: n.healthIP, evidence: n.evidence.filter((e) => !reportLines.has(evidenceKey(e))).slice(0, 1) });
  }
  for (const a of state.agents) {
    const node = a.node?.value;
    const health = a.status?.addresses.find((x) => x.owner === 'health');
    if (node && health) own.set(bare(node), { ip: health.ip, evidence: [{ source: health.source, line: health.line }] });
  }
  for (const r of reports) {
    const self = r.reporter ? r.probes.find((p) => p.path === 'endpoint' && p.ip && bare(p.node) === bare(r.reporter!)) : undefined;
    if (self?.ip) own.set(bare(self.node), { ip: self.ip, evidence: [self.evidence] });
  }
  return own;
}

/** Nodes whose health IP differs between reporters, or between a reporter and the node itself. */
export function staleHealthIps(state: ClusterState): StaleHealthIps[] {
  const reports = lastReports(state);
  const own = ownHealthIps(state, reports);
  const probedByNode = new Map<string, ProbedHealthIp[]>();
  for (const r of reports) {
    const reporter = r.reporter ?? nodeOfAgent(state, r.agent) ?? r.agent;
    for (const p of r.probes) {
      if (p.path !== 'endpoint' || !p.ip || (r.reporter !== null && bare(p.node) === bare(r.reporter))) continue;
      if (!(probedByNode.get(bare(p.node)) ?? []).some((x) => x.reporter === reporter)) append(probedByNode, bare(p.node), { reporter, ip: p.ip, evidence: p.evidence });
    }
  }
  const found: StaleHealthIps[] = [];
  for (const [node, probed] of probedByNode) {
    const mine = own.get(node) ?? null;
    const stale = mine ? probed.filter((p) => p.ip !== mine.ip) : new Set(probed.map((p) => p.ip)).size > 1 ? probed : [];
    if (stale.length > 0) found.push({ node, own: mine, stale, probed });
  }
  return found;
}

const STALE_IP_DROPS = dropCodesOf('Stale or unroutable IP');

/**
 * Health probes dropped because their destination is no longer on the node: `Not a local target
 * address` / `Stale or unroutable IP` drops of TCP to the health port, or of ICMP echo requests from
 * another node's address.
 */
export function staleHealthProbeDrops(state: ClusterState, flows: Iterable<ReplayedFlow>): Observation[] {
  const nodeAddresses = new Set(state.nodes.flatMap((n) => [...n.internalIPs, n.ciliumInternalIP, n.healthIP].filter((ip): ip is string => ip !== null)));
  const found: Observation[] = [];
  for (const f of flows) {
    for (const o of f.observations) {
      const t = o.tuple;
      if (o.kind !== 'drop' || !o.drop || !t || o.drop.code === null || !STALE_IP_DROPS.includes(o.drop.code)) continue;
      const probe = t.proto === 'tcp' ? t.dport === CILIUM_PORTS.health : (t.proto === 'icmp' || t.proto === 'icmp6') && /echo ?request/i.test(o.icmp ?? '') && nodeAddresses.has(t.src);
      if (probe) found.push(o);
    }
  }
  return found;
}
