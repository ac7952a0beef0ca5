import { evidenceOf, flowLabel, nodeOfFlow } from '../flow-queries.js';
import { northSouth } from '../north-south.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'client-ip-lost-with-etp-local',
    specId: 'PKT-08',
    severity: 'error',
    title: 'externalTrafficPolicy=Local, yet the backend sees a node address',
    meaning:
      'Traffic entered a node without a local backend and was forwarded anyway (the load balancer ignores the health-check ' +
      'NodePort), or a kube-proxy handled it: with BPF NodePort such a node drops or rejects instead of forwarding.',
    checkNext: 'The health-check NodePort and the load balancer\'s target nodes; whether the ingress device is in Cilium\'s `devices`; kube-proxy presence.',
    reads: ['T', 'K', 'S'],
    messages: {
      lost:
        'Expected the backend {{server}} of {{service}} (externalTrafficPolicy=Local) to see the client {{client}} ({{flow}}); it ' +
        'received the request from {{observed}}: the packet was forwarded with SNAT by a node without a local backend ({{ingress}}).',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      if (flow.service?.externalTrafficPolicy !== 'Local') continue;
      const ns = northSouth(flow, state);
      const lost = ns?.snatAtBackend[0];
      if (!ns || !lost) continue;
      drafts.push({
        messageId: 'lost',
        data: {
          server: flow.server.ip, service: flow.service.name ?? `${flow.service.vip}:${flow.service.port ?? ''}`, client: flow.client.ip,
          flow: flowLabel(flow), observed: lost.hop.observation.tuple!.src, ingress: ns.ingressNode ?? 'the ingress node',
        },
        node: nodeOfFlow(flow, 'server'),
        evidence: evidenceOf(...flow.observations.filter((o) => o.tuple?.src === flow.client.ip).slice(0, 1), lost.hop.observation),
        flow: { id: flow.id, hop: lost.index },
      });
    }
    return drafts;
  },
};
