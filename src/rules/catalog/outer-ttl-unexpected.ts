import { ENCAPSULATION_TTL } from '../../model/index.js';
import { evidenceOf, flowLabel } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'outer-ttl-unexpected',
    specId: 'ENC-05',
    severity: 'info',
    title: 'Outer TTL of tunnel packets leaving a node is not 64',
    meaning: 'Cilium sets TTL 64 in the tunnel key; another value means the default changed or a middlebox rewrote it.',
    checkNext: 'Where the capture was taken (the sending node itself?), devices between the nodes.',
    reads: ['T'],
    messages: {
      ttl: 'Expected outer TTL {{expected}} on tunnel packets leaving {{node}}; {{flow}} left with outer TTL {{observed}}.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      for (const [i, hop] of flow.observed.entries()) {
        const o = hop.observation;
        if (!o.outer || o.outer.ttl === null || o.outer.ttl === ENCAPSULATION_TTL || !o.node || !o.outer.src) continue;
        // Only where the capture is the sending node: its own address is the outer source.
        const sender = state.nodes.find((n) => n.name === o.node && n.internalIPs.includes(o.outer!.src!));
        if (!sender) continue;
        drafts.push({
          messageId: 'ttl',
          data: { expected: ENCAPSULATION_TTL, node: o.node, flow: flowLabel(flow), observed: o.outer.ttl },
          node: o.node,
          evidence: evidenceOf(o),
          flow: { id: flow.id, hop: i },
        });
        break;
      }
    }
    return drafts;
  },
};
