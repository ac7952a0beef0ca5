import { configAt, evidenceOf, flowLabel } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'wrong-source-for-host-to-remote-pod',
    specId: 'PKT-18',
    severity: 'info',
    title: 'Host traffic to a remote pod uses an unusual source address',
    meaning: 'In tunnel mode host-originated traffic to remote pods takes the route via cilium_host and leaves with its address (or the node address); another source means custom routes or source hints.',
    checkNext: 'The node\'s routes to the remote PodCIDRs (`src` hint), policy routing rules.',
    reads: ['M', 'C'],
    messages: {
      source: '{{flow}} left the host (`<- host`) with source {{src}}, neither the node\'s cilium_host address nor its node address.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      if (flow.server.kind !== 'pod') continue;
      const index = flow.observed.findIndex((h) => h.leg === 'request' && h.observation.point === 'from-host');
      if (index === -1) continue;
      const o = flow.observed[index]!.observation;
      const node = state.nodes.find((n) => n.name === o.node);
      if (!node || !o.tuple || configAt(state, o.node).routing !== 'tunnel') continue;
      if (o.tuple.src === node.ciliumInternalIP || node.internalIPs.includes(o.tuple.src) || node.ciliumInternalIP === null) continue;
      if (flow.server.node === o.node) continue;
      drafts.push({ messageId: 'source', data: { flow: flowLabel(flow), src: o.tuple.src }, node: o.node, evidence: evidenceOf(o), flow: { id: flow.id, hop: index } });
    }
    return drafts;
  },
};
