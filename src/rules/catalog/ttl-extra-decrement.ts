import { evidenceOf, flowLabel, hopLabel, nodeOfFlow, pathLabel } from '../flow-queries.js';
import { ttlApplies, ttlMismatch } from '../ttl.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'ttl-extra-decrement',
    specId: 'PKT-02',
    severity: 'warning',
    title: 'TTL lower than the path predicts',
    meaning:
      'The packet went through the host stack (legacy path, kube-proxy DNAT, a proxy) or an extra router; where BPF host ' +
      'routing is predicted this means the path is effectively legacy.',
    checkNext: 'host-routing findings (CFG-01/CFG-02); whether the traces show `-> stack`.',
    reads: ['M', 'T', 'C', 'S'],
    messages: {
      low:
        'Expected TTL {{expected}} at {{hop}} for {{flow}} ({{path}}); observed {{observed}}: {{extra}} more than the modelled ' +
        'path. The packet crossed the host stack or a router; check the host routing mode and the traces for `-> stack`.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      if (!ttlApplies(flow, state)) continue;
      const m = ttlMismatch(flow, -1);
      if (!m) continue;
      const extra = m.expected.ttl! - m.hop.ttl!;
      drafts.push({
        messageId: 'low',
        data: {
          expected: m.expected.ttl!, observed: m.hop.ttl!, hop: hopLabel(m.hop), flow: flowLabel(flow),
          path: pathLabel(flow), extra: extra === 1 ? 'one hop' : `${extra} hops`,
        },
        node: nodeOfFlow(flow, m.expected.side === 'client' ? 'client' : 'server'),
        evidence: evidenceOf(m.hop.observation),
        flow: { id: flow.id, hop: m.index },
      });
    }
    return drafts;
  },
};
