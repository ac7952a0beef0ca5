import { isSyn } from '../../flows/index.js';
import { configAt, evidenceOf, flowLabel } from '../flow-queries.js';
import { northSouth, onNode } from '../north-south.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'dsr-option-dropped',
    specId: 'PKT-10',
    severity: 'error',
    title: 'A DSR SYN left the load-balancing node but never reached the backend\'s node',
    meaning: 'The fabric drops packets with IPv4 options (common in clouds): DSR with the `opt` dispatch carries the service address in one.',
    checkNext: 'Switch to the geneve DSR dispatch or to SNAT mode; check the cloud network\'s handling of IP options.',
    reads: ['T', 'C'],
    messages: {
      dropped:
        'Expected the DSR SYN of {{flow}} that left {{ingress}} to arrive on {{backendNode}}, whose capture covers the flow\'s ' +
        'other packets; it never did. The network between the nodes drops the DSR IP option.',
    },
  },
  flows: 'each',
  check({ state, flows, capturedNodes }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      const ns = northSouth(flow, state);
      if (!ns || ns.backendLocal !== false || !flow.server.node || !capturedNodes.has(flow.server.node)) continue;
      const config = configAt(state, ns.ingressNode);
      if (config.lbMode !== 'dsr' || (config.dsrDispatch !== null && config.dsrDispatch !== 'opt')) continue;
      const left = onNode(flow, ns.ingressNode, 'request').find(
        ({ hop }) => hop.observation.tuple?.dst === flow.server.ip && hop.observation.tuple.src === flow.client.ip && isSyn(hop.observation.tcpFlags),
      );
      if (!left) continue;
      const arrived = flow.observations.some((o) => o.node === flow.server.node && isSyn(o.tcpFlags));
      if (arrived) continue;
      drafts.push({
        messageId: 'dropped',
        data: { flow: flowLabel(flow), ingress: ns.ingressNode!, backendNode: flow.server.node },
        node: ns.ingressNode,
        evidence: evidenceOf(left.hop.observation),
        flow: { id: flow.id, hop: left.index },
      });
    }
    return drafts;
  },
};
