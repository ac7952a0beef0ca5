/**
 * What drops, verdicts and ipcache look-ups say of state the datapath lost: conntrack entries of
 * established connections, ipcache entries of cluster addresses. Shared by the signature rules and
 * the known issues whose observation they are.
 */
import { tcpFlags } from '../flows/index.js';
import { dropCodesOf, reservedIdentity } from '../knowledge/monitor/index.js';
import { inCidr } from '../model/index.js';
import type { Evidence } from '../types/evidence.js';
import type { Observation, ReplayedFlow } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';

/** Conntrack refusing a packet it has no entry for: every release's code, and 136's pre-1.12 text. */
const CT_CODES = dropCodesOf("CT: Can't create entry from packet", 'Unknown connection tracking state');
const CT_TEXTS = ["CT: Can't create entry from packet", 'CT: Missing TCP ACK flag', 'Unknown connection tracking state'];
const POLICY_CODES = dropCodesOf('Policy denied');

/** A TCP segment in the middle of a connection: no SYN, and an ACK (or FIN/RST) flag. */
function midStream(o: Observation): boolean {
  const f = tcpFlags(o.tcpFlags);
  return o.tuple?.proto === 'tcp' && !f.has('SYN') && (f.has('ACK') || f.has('FIN') || f.has('RST'));
}

export interface LostState {
  o: Observation;
  flow: ReplayedFlow;
  index: number;
  why: 'ct' | 'policy-reply';
}

/**
 * Drops of mid-stream segments that only a missing conntrack entry explains: a conntrack drop, or a
 * policy drop of a reply (a reply is allowed by its connection's entry, never by policy).
 */
export function lostState(flows: Iterable<ReplayedFlow>): LostState[] {
  const found: LostState[] = [];
  for (const flow of flows) {
    flow.observations.forEach((o, index) => {
      if (o.kind !== 'drop' || !o.drop || !midStream(o)) return;
      const { code, reason } = o.drop;
      if ((code !== null && CT_CODES.includes(code)) || CT_TEXTS.includes(reason)) found.push({ o, flow, index, why: 'ct' });
      else if (((code !== null && POLICY_CODES.includes(code)) || /^Policy denied$/.test(reason)) && flow.observed[index]!.leg === 'reply') {
        found.push({ o, flow, index, why: 'policy-reply' });
      }
    });
  }
  return found;
}

const WORLD = new Set([reservedIdentity('world'), reservedIdentity('world-ipv4'), reservedIdentity('world-ipv6')]);

/** Why an address belongs to the cluster, with the line that says so; null for an address outside it. */
type Membership = (ip: string) => { why: string; evidence: Evidence[] } | null;

function clusterMembership(state: ClusterState): Membership {
  const known = new Map<string, { why: string; evidence: Evidence[] }>();
  for (const p of state.pods) {
    if (p.hostNetwork) continue;
    for (const ip of p.ips) if (!state.nodes.some((n) => n.internalIPs.includes(ip))) known.set(ip, { why: `it is pod ${p.name}'s`, evidence: p.evidence.slice(0, 1) });
  }
  for (const ep of state.endpoints) for (const ip of [ep.ipv4, ep.ipv6]) if (ip) known.set(ip, { why: `it is endpoint ${ep.id}'s`, evidence: ep.evidence.slice(0, 1) });
  for (const n of state.nodes) {
    if (n.ciliumInternalIP) known.set(n.ciliumInternalIP, { why: `it is ${n.name}'s cilium_host address`, evidence: n.evidence.slice(0, 1) });
    if (n.healthIP && n.healthIPBy === 'node') known.set(n.healthIP, { why: `it is ${n.name}'s health endpoint`, evidence: n.evidence.slice(0, 1) });
  }
  return (ip) => {
    const k = known.get(ip);
    if (k) return k;
    for (const n of state.nodes) {
      const cidr = n.podCIDRs.find((c) => inCidr(ip, c));
      if (cidr) return { why: `it is inside ${n.name}'s PodCIDR ${cidr}`, evidence: n.evidence.slice(0, 1) };
    }
    return null;
  };
}

/** The addresses an observation says are `reserved:world`: a drop's or verdict's peers, an ipcache look-up. */
function worldAddresses(o: Observation): string[] {
  const found: string[] = [];
  if (o.kind === 'drop' || o.kind === 'policy-verdict') {
    if (o.tuple && o.srcIdentity !== null && WORLD.has(o.srcIdentity)) found.push(o.tuple.src);
    if (o.tuple && o.dstIdentity !== null && WORLD.has(o.dstIdentity)) found.push(o.tuple.dst);
  }
  if (o.debug?.mappedIp && o.debug.mappedIdentity !== null && WORLD.has(o.debug.mappedIdentity)) found.push(o.debug.mappedIp);
  return found;
}

/** Whether a flow holds an observation that resolved an address to `reserved:world` (a cheap superset of its sightings). */
export function seesWorld(flow: ReplayedFlow): boolean {
  return flow.observations.some((o) => worldAddresses(o).length > 0);
}

/** Whether a flow holds a drop of a mid-stream segment that lost state may explain. */
export function dropsMidStream(flow: ReplayedFlow): boolean {
  return flow.observations.some((o) => o.kind === 'drop' && midStream(o));
}

export interface WorldSighting {
  o: Observation;
  flow: ReplayedFlow;
  index: number;
  ip: string;
  why: string;
  evidence: Evidence[];
}

/** Drops, verdicts and ipcache look-ups that resolved a cluster address to `reserved:world`. */
export function worldSightings(state: ClusterState, flows: Iterable<ReplayedFlow>): WorldSighting[] {
  const member = clusterMembership(state);
  const found: WorldSighting[] = [];
  for (const flow of flows) {
    flow.observations.forEach((o, index) => {
      for (const ip of worldAddresses(o)) {
        const m = member(ip);
        if (m) found.push({ o, flow, index, ip, ...m });
      }
    });
  }
  return found;
}

