import { configAt, evidenceOf, flowLabel, receivedByServer } from '../flow-queries.js';
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
  flows: 'each',
  check({ state, flows, capturedNodes }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      // The backend of a NodePort / LoadBalancer service received it SNATed by the node that load-balanced it.
      if (!flow.service || !/nodeport|loadbalancer/i.test(flow.service.type) || flow.client.kind !== 'node') continue;
      const lb = state.nodes.find((n) => n.internalIPs.includes(flow.client.ip))?.name;
      if (!lb || !capturedNodes.has(lb) || configAt(state, lb).acceleration !== 'native') continue;
      if (flow.observations.some((o) => o.tool === 'tcpdump' && o.node === lb)) continue;
      const received = receivedByServer(flow, state)[0];
      if (!received) continue;
      drafts.push({
        messageId: 'invisible',
        data: { flow: flowLabel(flow), ingress: lb },
        node: lb,
        evidence: evidenceOf(received.hop.observation),
        flow: { id: flow.id, hop: received.index },
      });
    }
    return drafts;
  },
};
