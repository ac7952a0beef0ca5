import { dropCodesOf } from '../../knowledge/monitor/index.js';
import { configAt, configEvidence, evidenceOf, flowLabel, nodeOfFlow } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

const ROUTING_DROPS = dropCodesOf('FIB lookup failed', 'Stale or unroutable IP');

export const rule: Rule = {
  meta: {
    name: 'cross-node-without-route',
    specId: 'PKT-17',
    severity: 'error',
    title: 'Pod traffic to another node dropped for lack of a route',
    meaning:
      'In native routing the node has no route to the remote PodCIDR (no auto-direct-node-routes, no BGP/cloud routes) or ' +
      'the ipcache is stale. On ≤1.13 such FIB failures in the pod program are silent (metrics only).',
    checkNext: '`ip route` on the sending node for the remote PodCIDR, `auto-direct-node-routes`, `cilium bpf ipcache get <ip>`.',
    reads: ['M', 'C'],
    messages: {
      noRoute:
        'Expected native routing to forward {{flow}} to the node of {{dst}}; the datapath dropped it ("{{reason}}"). ' +
        'Check the route to the remote PodCIDR on the sending node and the ipcache entry of {{dst}}.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      if (flow.server.kind !== 'pod' || flow.client.node === flow.server.node) continue;
      const index = flow.observed.findIndex((h) => h.observation.drop?.code !== null && ROUTING_DROPS.includes(h.observation.drop?.code ?? -1));
      if (index === -1) continue;
      const o = flow.observed[index]!.observation;
      const config = configAt(state, o.node ?? flow.client.node);
      if (config.routing !== 'native') continue;
      drafts.push({
        messageId: 'noRoute',
        data: { flow: flowLabel(flow), dst: flow.server.ip, reason: o.drop!.reason },
        node: nodeOfFlow(flow, 'client'),
        evidence: [...evidenceOf(o), ...configEvidence(config, 'routing')],
        flow: { id: flow.id, hop: index },
      });
    }
    return drafts;
  },
};
