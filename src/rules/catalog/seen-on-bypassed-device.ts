import { configAt, configEvidence, evidenceOf, flowLabel, hopLabel, inEveryVariant, matched, nodeOfFlow } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'seen-on-bypassed-device',
    specId: 'PKT-11',
    severity: 'warning',
    title: 'A packet was seen where BPF host routing bypasses the device',
    meaning:
      'With BPF host routing, traffic from remote pods or the world is delivered with redirect_peer straight into the pod: ' +
      'neither the pod\'s lxc TX tap nor `<- host` sees it. Seeing it there means the path is legacy (CFG-01/CFG-02), the ' +
      'veth/netkit assumption is wrong, or endpoint routes are on. Host, kubelet-probe and L7-proxy traffic is expected on lxc TX.',
    checkNext: 'The `Host Routing:` line of `cilium status`, whether the traces show `-> stack`, `enable-endpoint-routes`.',
    reads: ['T', 'M', 'C', 'S'],
    messages: {
      bypassed:
        'Expected BPF host routing to deliver {{flow}} with redirect_peer, unseen at {{hop}}; it was seen there. The path is ' +
        'effectively legacy or endpoint routes are on: check the host routing mode.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      // Remote pods and the world only: local host traffic and proxies are delivered through the lxc on purpose.
      if (flow.client.kind !== 'pod' && flow.client.kind !== 'world') continue;
      if (flow.client.kind === 'pod' && flow.client.node !== null && flow.client.node === flow.server.node) continue;
      const server = configAt(state, flow.server.node);
      if (server.hostRouting !== 'bpf' || server.endpointRoutes === true) continue;
      if (flow.observations.some((o) => o.point === 'to-proxy' || o.point === 'from-proxy')) continue;
      const seen = inEveryVariant(flow, (v) => matched(v).find((m) => m.expected.visible === 'no' && m.expected.at.kind === 'capture') ?? null);
      if (!seen) continue;
      drafts.push({
        messageId: 'bypassed',
        data: { flow: flowLabel(flow), hop: hopLabel(seen.hop) },
        node: nodeOfFlow(flow, 'server'),
        evidence: [...evidenceOf(seen.hop.observation), ...configEvidence(server, 'hostRouting')],
        flow: { id: flow.id, hop: seen.index },
      });
    }
    return drafts;
  },
};
