import { evidenceOf, flowLabel } from '../flow-queries.js';
import type { Observation, ReplayedFlow } from '../../types/flows.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'frag-needed-seen',
    specId: 'MTU-04',
    severity: 'warning',
    title: 'ICMP "fragmentation needed" / "packet too big" seen',
    meaning: 'A path MTU problem: a hop could not forward a packet with DF set. Compare the MTU it names with the route MTU Cilium sets.',
    checkNext: 'The underlay MTU between the nodes, DF handling on the path, the pod route MTU (datapath-model.md §1.3).',
    reads: ['T'],
    messages: {
      needFrag:
        '{{from}} answered {{to}} with "{{icmp}}" (mtu {{mtu}}){{times}} in {{flow}}: a hop on the path cannot carry packets of that size.',
    },
  },
  // Repeated answers of one hop (each retransmission draws one, often seen as a flow of its own) are one finding.
  flows: (flow) => flow.observed.some((h) => h.observation.icmpMtu !== null && h.observation.tuple !== null),
  check({ flows }) {
    const groups = new Map<string, { flow: ReplayedFlow; hop: number; observations: Observation[] }>();
    for (const flow of flows) {
      for (const [i, hop] of flow.observed.entries()) {
        const o = hop.observation;
        if (o.icmpMtu === null || !o.tuple) continue;
        const key = JSON.stringify([o.node, o.tuple.src, o.tuple.dst, o.icmpMtu]);
        const group = groups.get(key);
        if (group) group.observations.push(o);
        else groups.set(key, { flow, hop: i, observations: [o] });
      }
    }
    return [...groups.values()].map(({ flow, hop, observations }): FindingDraft => {
      const o = observations[0]!;
      return {
        messageId: 'needFrag',
        data: {
          from: o.tuple!.src,
          to: o.tuple!.dst,
          icmp: o.icmp ?? 'need to frag',
          mtu: o.icmpMtu!,
          times: observations.length > 1 ? ` ${observations.length} times` : '',
          flow: flowLabel(flow),
        },
        node: o.node,
        evidence: evidenceOf(...observations.slice(0, 3)),
        flow: { id: flow.id, hop },
      };
    });
  },
};
