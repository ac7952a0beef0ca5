import { evidenceOf, flowLabel, isNodeAddress, nodeOfFlow, receivedByServer } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'unexpected-snat-pod-to-pod',
    specId: 'PKT-05',
    severity: 'error',
    title: 'Pod-to-pod traffic arrives masqueraded to a node address',
    meaning:
      'The masquerade exclusion is wrong (native-routing CIDR missing or too small, CFG-14/CFG-15), ip-masq-agent lacks ' +
      'the pod ranges, or the traffic was hair-pinned through a service SNAT: the server and its policy see the node, not the pod.',
    checkNext: '`cilium bpf nat list` on the client\'s node, `ipv4-native-routing-cidr`, iptables `CILIUM_POST_nat`, ip-masq-agent config.',
    reads: ['T', 'M', 'C', 'S'],
    messages: {
      snat:
        'Expected {{server}} to see the client pod {{client}} as source ({{flow}}); it received the request from {{observed}}, ' +
        'an address of a node. Check the masquerade exclusion (native-routing CIDR, ip-masq-agent) on the client\'s node.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      if (flow.client.kind !== 'pod' || flow.server.kind !== 'pod') continue;
      const snat = receivedByServer(flow, state).find(({ hop }) => {
        const src = hop.observation.tuple!.src;
        return src !== flow.client.ip && isNodeAddress(state, src);
      });
      if (!snat) continue;
      drafts.push({
        messageId: 'snat',
        data: { server: flow.server.ip, client: flow.client.ip, flow: flowLabel(flow), observed: snat.hop.observation.tuple!.src },
        node: nodeOfFlow(flow, 'server'),
        evidence: evidenceOf(snat.hop.observation),
        flow: { id: flow.id, hop: snat.index },
      });
    }
    return drafts;
  },
};
