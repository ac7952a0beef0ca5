import { configAt, evidenceOf, flowLabel, receivedByServer } from '../flow-queries.js';
import { northSouth } from '../north-south.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'xdp-invisible-traffic',
    specId: 'PKT-16',
    severity: 'info',
    title: 'A load-balanced flow is invisible on the XDP-accelerated node',
    meaning:
      'Expected with XDP acceleration: packets handled in XDP (XDP_TX / XDP_REDIRECT) bypass both tcpdump taps. A request ' +
      'that is visible on RX was passed to the stack by XDP (e.g. a local backend).',
    checkNext: 'Use `cilium monitor` or the datapath metrics on that node instead of tcpdump.',
    reads: ['T', 'C', 'S'],
    messages: {
      invisible:
        '{{flow}} reached its backend, but the capture on {{ingress}} (XDP acceleration native) shows neither the request nor its ' +
        'forwarded copy: XDP handled it before the taps, as expected.',
    },
  },
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    const capturedNodes = new Set(flows.flatMap((f) => f.observations.filter((o) => o.tool === 'tcpdump' && o.node).map((o) => o.node!)));
    for (const flow of flows) {
      const ns = northSouth(flow, state);
      if (!ns || !ns.ingressNode || !capturedNodes.has(ns.ingressNode)) continue;
      if (configAt(state, ns.ingressNode).acceleration !== 'native') continue;
      if (flow.observations.some((o) => o.node === ns.ingressNode && o.tool === 'tcpdump')) continue;
      const received = receivedByServer(flow, state)[0];
      if (!received) continue;
      drafts.push({
        messageId: 'invisible',
        data: { flow: flowLabel(flow), ingress: ns.ingressNode },
        node: ns.ingressNode,
        evidence: evidenceOf(received.hop.observation),
        flow: { id: flow.id, hop: received.index },
      });
    }
    return drafts;
  },
};
