import { configAt, evidenceOf, flowLabel, nodeOfFlow } from '../flow-queries.js';
import { northSouth, onNode } from '../north-south.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'dsr-not-effective',
    specId: 'PKT-09',
    severity: 'warning',
    title: 'DSR configured, yet the flow is SNATed or its replies return through the ingress node',
    meaning: 'The service is annotated `forwarding-mode: snat`, hybrid mode handles UDP with SNAT, or DSR was disabled by a fallback.',
    checkNext: '`cilium service list` flags of the service, the KPR details `Mode:` line of `cilium status`.',
    reads: ['T', 'C', 'S'],
    messages: {
      snat: 'Expected DSR to keep the client {{client}} as source at the backend {{server}} ({{flow}}); it received the request from {{observed}}.',
      replies: 'Expected DSR replies of {{flow}} to leave the backend\'s node directly; they were seen on the ingress node {{ingress}}.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      const ns = northSouth(flow, state);
      if (!ns || ns.backendLocal !== false) continue;
      const config = configAt(state, ns.ingressNode);
      const dsr = config.lbMode === 'dsr' || (config.lbMode === 'hybrid' && flow.tuple.proto === 'tcp');
      const minor = config.version?.minor ?? null;
      if (!dsr || (config.routing !== 'native' && (minor === null || minor < 13))) continue;
      const lost = ns.snatAtBackend[0];
      if (lost) {
        drafts.push({
          messageId: 'snat',
          data: { client: flow.client.ip, server: flow.server.ip, flow: flowLabel(flow), observed: lost.hop.observation.tuple!.src },
          node: nodeOfFlow(flow, 'server'),
          evidence: evidenceOf(lost.hop.observation),
          flow: { id: flow.id, hop: lost.index },
        });
        continue;
      }
      const back = onNode(flow, ns.ingressNode, 'reply')[0];
      if (!back) continue;
      drafts.push({
        messageId: 'replies',
        data: { flow: flowLabel(flow), ingress: ns.ingressNode! },
        node: ns.ingressNode,
        evidence: evidenceOf(back.hop.observation),
        flow: { id: flow.id, hop: back.index },
      });
    }
    return drafts;
  },
};
