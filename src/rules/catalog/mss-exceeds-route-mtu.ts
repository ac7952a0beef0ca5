import { configEvidence, evidenceOf, flowLabel, nodeOfFlow } from '../flow-queries.js';
import { DEFAULT_DEVICE_MTU } from '../../model/index.js';
import { headers, mssSightings } from '../mss.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'mss-exceeds-route-mtu',
    specId: 'MTU-01',
    severity: 'error',
    title: 'A pod announces an MSS larger than its route MTU allows',
    meaning:
      'The pod route MTU was not lowered for encapsulation/encryption (CNI chaining keeps the primary plugin\'s route MTU ' +
      'unless `enable-route-mtu-for-cni-chaining` (≥1.16) is on; a pod created before an MTU change): full-size segments ' +
      'are fragmented or black-holed inside the tunnel.',
    checkNext:
      '`ip route` inside the pod (the `mtu` of its default route), the `mtu` of the `cilium_host` routes, ' +
      '`enable-route-mtu-for-cni-chaining` under CNI chaining; restart the pod after fixing.',
    reads: ['T', 'C'],
    messages: {
      exceeds:
        'Expected an MSS of at most {{max}} from {{sender}} ({{flow}}): its route MTU is {{mtu}} ({{basis}}); the ' +
        '{{kind}} announces mss {{mss}} ({{total}} bytes with headers). Full-size segments will not fit: check the pod\'s route MTU{{chaining}}.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      for (const s of mssSightings(flow, state)) {
        const total = s.mss + headers(s.observation);
        if (total <= s.mtu.high) continue;
        // Cilium gives a pod's eth0 the native device's MTU: a segment larger than an assumed
        // 1500-byte device says the device is larger (jumbo frames), not that the route is wrong.
        if (s.mtu.assumed && total > DEFAULT_DEVICE_MTU) continue;
        drafts.push({
          messageId: 'exceeds',
          data: {
            max: s.mtu.high - headers(s.observation), sender: flow[s.sender].ip, flow: flowLabel(flow), mtu: s.mtu.high, basis: s.mtu.basis,
            kind: s.sender === 'client' ? 'SYN' : 'SYN-ACK', mss: s.mss, total,
            chaining: s.config.cniChaining ? ' (CNI chaining: enable-route-mtu-for-cni-chaining, ≥1.16)' : '',
          },
          // A device MTU the inputs do not state is assumed (1500): the finding is then only a warning.
          severity: s.mtu.assumed ? 'warning' : 'error',
          node: nodeOfFlow(flow, s.sender),
          evidence: [...evidenceOf(s.observation), ...configEvidence(s.config, 'routing', 'deviceMtu')],
          flow: { id: flow.id, hop: s.index },
        });
      }
    }
    return drafts;
  },
};
