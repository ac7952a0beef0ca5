import { evidenceOf, flowLabel } from '../flow-queries.js';
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
      needFrag: '{{from}} answered {{to}} with "{{icmp}}" (mtu {{mtu}}) in {{flow}}: a hop on the path cannot carry packets of that size.',
    },
  },
  flows: 'each',
  check({ flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      for (const [i, hop] of flow.observed.entries()) {
        const o = hop.observation;
        if (o.icmpMtu === null || !o.tuple) continue;
        drafts.push({
          messageId: 'needFrag',
          data: { from: o.tuple.src, to: o.tuple.dst, icmp: o.icmp ?? 'need to frag', mtu: o.icmpMtu, flow: flowLabel(flow) },
          node: o.node,
          evidence: evidenceOf(o),
          flow: { id: flow.id, hop: i },
        });
      }
    }
    return drafts;
  },
};
