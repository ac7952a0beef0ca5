import { reservedIdentity } from '../../knowledge/monitor/index.js';
import { inCidr } from '../../model/index.js';
import type { Evidence } from '../../types/evidence.js';
import type { Observation, ReplayedFlow } from '../../types/flows.js';
import type { ClusterState } from '../../types/state.js';
import { evidenceOf } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

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

interface WorldSighting {
  o: Observation;
  flow: ReplayedFlow;
  index: number;
  ip: string;
  why: string;
  evidence: Evidence[];
}

/** Drops, verdicts and ipcache look-ups that resolved a cluster address to `reserved:world`. */
function worldSightings(state: ClusterState, flows: readonly ReplayedFlow[]): WorldSighting[] {
  const member = clusterMembership(state);
  const found: WorldSighting[] = [];
  for (const flow of flows) {
    flow.observations.forEach((o, index) => {
      const candidates: string[] = [];
      if (o.kind === 'drop' || o.kind === 'policy-verdict') {
        if (o.tuple && o.srcIdentity !== null && WORLD.has(o.srcIdentity)) candidates.push(o.tuple.src);
        if (o.tuple && o.dstIdentity !== null && WORLD.has(o.dstIdentity)) candidates.push(o.tuple.dst);
      }
      if (o.debug?.mappedIp && o.debug.mappedIdentity !== null && WORLD.has(o.debug.mappedIdentity)) candidates.push(o.debug.mappedIp);
      for (const ip of candidates) {
        const m = member(ip);
        if (m) found.push({ o, flow, index, ip, ...m });
      }
    });
  }
  return found;
}

export const rule: Rule = {
  meta: {
    name: 'identity-world-for-cluster-ip',
    severity: 'error',
    title: 'A cluster address resolved to reserved:world',
    meaning:
      'A drop, a policy verdict or an ipcache look-up gave identity 2 (`reserved:world`) to an address inside a PodCIDR, a known ' +
      'pod or endpoint, a health endpoint or a `cilium_host` address. The ipcache has no entry for that IP: its CiliumEndpoint is ' +
      'stale or missing (pod restarted, IP reused, CiliumEndpoint removed or not yet synced), so policy treats the pod as the ' +
      'outside world.',
    checkNext:
      '`cilium bpf ipcache get <ip>` (or `cilium bpf ipcache list | grep <ip>`) on the node that resolved it, `kubectl get ' +
      'ciliumendpoints -A -o wide | grep <ip>`, and the pod that owns the IP now.',
    reads: ['M', 'S', 'K'],
    messages: {
      world:
        '{{where}} resolved {{ips}} to identity 2 (reserved:world) although {{why}}: the ipcache has no entry for {{them}} — a stale or ' +
        'missing CiliumEndpoint (pod restarted, IP reused). Run `cilium bpf ipcache get {{first}}` on {{where}} and `kubectl get ' +
        'ciliumendpoints -A -o wide | grep {{first}}`.',
    },
  },
  check({ flows, state }) {
    const byPlace = new Map<string, WorldSighting[]>();
    for (const s of worldSightings(state, flows)) byPlace.set(s.o.place, [...(byPlace.get(s.o.place) ?? []), s]);
    const drafts: FindingDraft[] = [];
    for (const [place, sightings] of byPlace) {
      const ips = [...new Set(sightings.map((s) => s.ip))];
      const firstPerIp = ips.map((ip) => sightings.find((s) => s.ip === ip)!);
      const first = sightings[0]!;
      drafts.push({
        messageId: 'world',
        data: {
          where: first.o.node ?? place.replace(/^agent:/, ''),
          ips: ips.join(', '),
          why: firstPerIp.map((s) => `${s.ip}: ${s.why}`).join('; '),
          them: ips.length === 1 ? 'it' : 'them',
          first: ips[0]!,
        },
        node: first.o.node,
        evidence: [...evidenceOf(...sightings.slice(0, 5).map((s) => s.o)), ...firstPerIp.flatMap((s) => s.evidence)],
        flow: { id: first.flow.id, hop: first.index },
      });
    }
    return drafts;
  },
};
