import { configAt, configEvidence, evidenceOf, flowLabel } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'wrong-tunnel-port',
    specId: 'ENC-03',
    severity: 'error',
    title: 'Encapsulated traffic on another port than the configured tunnel port',
    meaning: 'Nodes disagree on the tunnel port, or a firewall rule was opened for the wrong port.',
    checkNext: 'ConfigMap `tunnel-port` (and `tunnel-protocol`) on every node; firewall rules for the port in use.',
    reads: ['T', 'C'],
    messages: {
      port:
        'Expected {{protocol}} on UDP {{expected}} (the configured tunnel port); {{flow}} was encapsulated to UDP {{observed}}. ' +
        'Check `tunnel-port` on every node and the firewall rules.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      for (const hop of flow.observed) {
        const o = hop.observation;
        if (!o.outer || o.outer.dport === null) continue;
        const config = configAt(state, o.node ?? flow.client.node);
        if (config.routing !== 'tunnel' || config.tunnelPort === null) continue;
        if (o.outer.dport === config.tunnelPort || o.outer.sport === config.tunnelPort) continue;
        drafts.push({
          messageId: 'port',
          data: { protocol: (config.tunnelProtocol ?? 'vxlan').toUpperCase(), expected: config.tunnelPort, flow: flowLabel(flow), observed: o.outer.dport },
          node: o.node,
          evidence: [...evidenceOf(o), ...configEvidence(config, 'routing', 'tunnelProtocol')],
          flow: { id: flow.id, hop: flow.observed.indexOf(hop) },
        });
        break;
      }
    }
    return drafts;
  },
};
