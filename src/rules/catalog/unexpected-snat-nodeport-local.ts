import { configAt, evidenceOf, flowLabel, nodeOfFlow } from '../flow-queries.js';
import { northSouth } from '../north-south.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'unexpected-snat-nodeport-local',
    specId: 'PKT-07',
    severity: 'warning',
    title: 'NodePort traffic to a local backend was SNATed',
    meaning: 'With BPF NodePort a backend on the receiving node is reached by DNAT only, keeping the client address; SNAT means another path handled it (hairpin, kube-proxy).',
    checkNext: 'The service\'s `externalTrafficPolicy`, hairpin traffic, kube-proxy rules on the node.',
    reads: ['T', 'C', 'S'],
    messages: {
      snat:
        'Expected {{server}} on {{node}} to see the client {{client}} (BPF NodePort, backend on the receiving node; {{flow}}); it ' +
        'received the request from {{observed}}.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      const ns = northSouth(flow, state);
      const lost = ns?.snatAtBackend[0];
      if (!ns || !lost || ns.backendLocal !== true) continue;
      const config = configAt(state, ns.ingressNode);
      if (config.nodePort !== true || (config.lbMode !== null && config.lbMode !== 'snat')) continue;
      drafts.push({
        messageId: 'snat',
        data: { server: flow.server.ip, node: ns.ingressNode!, client: flow.client.ip, flow: flowLabel(flow), observed: lost.hop.observation.tuple!.src },
        node: nodeOfFlow(flow, 'server'),
        evidence: evidenceOf(lost.hop.observation),
        flow: { id: flow.id, hop: lost.index },
      });
    }
    return drafts;
  },
};
