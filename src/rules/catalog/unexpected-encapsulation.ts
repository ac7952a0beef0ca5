import { captureRole, configAt, configEvidence, evidenceOf, flowLabel } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'unexpected-encapsulation',
    specId: 'ENC-02',
    severity: 'error',
    title: 'Pod traffic between nodes is encapsulated in native routing mode',
    meaning: 'Some nodes still run tunnel mode (a partial rollout of a routing-mode change).',
    checkNext: 'The routing mode of every agent (`cilium status`, the flag dump), agent restarts after the ConfigMap change.',
    reads: ['T', 'C', 'S'],
    messages: {
      encapsulated:
        'Expected native routing to carry pod traffic unencapsulated; {{flow}} crossed {{device}} inside {{protocol}} ' +
        '(UDP {{port}}). Some node still runs tunnel mode: compare the routing mode of every agent.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      if (flow.client.kind !== 'pod' || flow.server.kind !== 'pod') continue;
      for (const hop of flow.observed) {
        const o = hop.observation;
        if (captureRole(o) !== 'native' || !o.outer) continue;
        const config = configAt(state, o.node ?? flow.client.node);
        if (config.routing !== 'native' || (config.lbMode === 'dsr' && config.dsrDispatch === 'geneve')) continue;
        drafts.push({
          messageId: 'encapsulated',
          data: { flow: flowLabel(flow), device: o.device ?? 'a native device', protocol: o.outer.protocol.toUpperCase(), port: o.outer.dport ?? '?' },
          node: o.node,
          evidence: [...evidenceOf(o), ...configEvidence(config, 'routing')],
          flow: { id: flow.id, hop: flow.observed.indexOf(hop) },
        });
        break;
      }
    }
    return drafts;
  },
};
