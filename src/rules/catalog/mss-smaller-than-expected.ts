import { evidenceOf, flowLabel, nodeOfFlow } from '../flow-queries.js';
import { headers, mssSightings } from '../mss.js';
import type { FindingDraft, Rule } from '../types.js';

/** More than this below the route MTU is a clamp, not rounding (MTU-03). */
const CLAMP_MARGIN = 100;

export const rule: Rule = {
  meta: {
    name: 'mss-smaller-than-expected',
    specId: 'MTU-03',
    severity: 'info',
    title: 'A pod announces a much smaller MSS than its route MTU allows',
    meaning: 'MSS clamping by a middlebox or the application; not a Cilium fault.',
    checkNext: 'MSS clamping rules (`iptables -t mangle`), the application\'s socket options.',
    reads: ['T', 'C'],
    messages: {
      small: 'Expected about mss {{expected}} from {{sender}} ({{flow}}, route MTU {{mtu}}); the {{kind}} announces mss {{mss}}: something clamps it.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      for (const s of mssSightings(flow, state)) {
        if (s.mss + headers(s.observation) >= s.mtu.low - CLAMP_MARGIN) continue;
        drafts.push({
          messageId: 'small',
          data: { expected: s.mtu.low - headers(s.observation), sender: flow[s.sender].ip, flow: flowLabel(flow), mtu: s.mtu.low, kind: s.sender === 'client' ? 'SYN' : 'SYN-ACK', mss: s.mss },
          node: nodeOfFlow(flow, s.sender),
          evidence: evidenceOf(s.observation),
          flow: { id: flow.id, hop: s.index },
        });
      }
    }
    return drafts;
  },
};
