import { evidenceOf } from '../flow-queries.js';
import { seesWorld, worldSightings, type WorldSighting } from '../lost-state.js';
import { append } from '../../types/collections.js';
import type { FindingDraft, Rule } from '../types.js';

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
        '{{subject}} resolved {{ips}} to identity 2 (reserved:world) although {{why}}: the ipcache has no entry for {{them}} — a stale or ' +
        'missing CiliumEndpoint (pod restarted, IP reused). Run `cilium bpf ipcache get {{first}}` on {{where}} and `kubectl get ' +
        'ciliumendpoints -A -o wide | grep {{first}}`.',
    },
  },
  flows: seesWorld,
  check({ flows, state }) {
    const byPlace = new Map<string, WorldSighting[]>();
    for (const s of worldSightings(state, flows)) append(byPlace, s.o.place, s);
    const drafts: FindingDraft[] = [];
    for (const [place, sightings] of byPlace) {
      const ips = [...new Set(sightings.map((s) => s.ip))];
      const firstPerIp = ips.map((ip) => sightings.find((s) => s.ip === ip)!);
      const first = sightings[0]!;
      const agent = place.replace(/^agent:/, '');
      drafts.push({
        messageId: 'world',
        data: {
          // An agent known only by its input (`source:…`) is named by what it did, not by a file path.
          where: first.o.node ?? (agent.startsWith('source:') ? 'the node that observed these flows' : agent),
          subject: first.o.node ?? (agent.startsWith('source:') ? 'The node that observed these flows' : agent),
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
