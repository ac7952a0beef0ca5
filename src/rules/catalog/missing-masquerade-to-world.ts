import { captureRole, configAt, configEvidence, evidenceOf, flowLabel, nodeOfFlow } from '../flow-queries.js';
import { inCidr } from '../../model/index.js';
import type { FindingDraft, Rule } from '../types.js';

/** ip-masq-agent's default non-masquerade list when its config file is empty (masquerading.rst). */
const IP_MASQ_AGENT_DEFAULTS = [
  '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24',
  '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4', '169.254.0.0/16',
];

export const rule: Rule = {
  meta: {
    name: 'missing-masquerade-to-world',
    specId: 'PKT-06',
    severity: 'warning',
    title: 'Pod traffic to the world leaves a node with the pod address',
    meaning:
      'The egress device is not in the BPF-masquerade device list (BPF masquerading runs only on the selected devices), ' +
      'ip-masq-agent\'s non-masquerade CIDRs cover the destination, or an egress gateway policy applies.',
    checkNext: 'The `Masquerading:` device list of `cilium status` against the route to the destination; ip-masq-agent config.',
    reads: ['T', 'C', 'S'],
    messages: {
      unmasqueraded:
        'Expected {{flow}} to leave {{device}} masqueraded to a node address (masquerading is {{impl}}); it left with the pod ' +
        'address {{pod}}. Check that {{device}} is in the masquerading device list.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      if (flow.class !== 'F7' || flow.client.kind !== 'pod') continue;
      const config = configAt(state, flow.client.node);
      if (config.masquerade !== true) continue;
      const dst = flow.server.ip;
      if (config.nativeRoutingCIDR && inCidr(dst, config.nativeRoutingCIDR)) continue;
      if (config.ipMasqAgent && IP_MASQ_AGENT_DEFAULTS.some((c) => inCidr(dst, c))) continue;
      const index = flow.observed.findIndex(
        (h) => h.leg === 'request' && captureRole(h.observation) === 'native' && h.observation.tuple?.src === flow.client.ip &&
          (h.observation.node === null || h.observation.node === flow.client.node),
      );
      if (index === -1) continue;
      const o = flow.observed[index]!.observation;
      drafts.push({
        messageId: 'unmasqueraded',
        data: { flow: flowLabel(flow), device: o.device ?? 'the native device', impl: config.masqueradeImpl ?? 'on', pod: flow.client.ip },
        node: nodeOfFlow(flow, 'client'),
        evidence: [...evidenceOf(o), ...configEvidence(config, 'masquerade')],
        flow: { id: flow.id, hop: index },
      });
    }
    return drafts;
  },
};
