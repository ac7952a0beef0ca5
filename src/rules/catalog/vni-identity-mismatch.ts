import { reservedIdentity } from '../../knowledge/monitor/index.js';
import { evidenceOf, flowLabel } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

const REMOTE_NODE = reservedIdentity('remote-node');

export const rule: Rule = {
  meta: {
    name: 'vni-identity-mismatch',
    specId: 'ENC-04',
    severity: 'warning',
    title: 'Tunnel VNI differs from the source identity',
    meaning:
      'The sending node encapsulated with another identity than the receiving side knows for the pod (stale identity, ' +
      'cluster-mesh identity bits): ingress policy on the receiving node uses the wrong identity.',
    checkNext: '`cilium identity get <id>` on both nodes, the CiliumEndpoint of the pod, kvstore / CRD synchronisation.',
    reads: ['T', 'M', 'S', 'K'],
    messages: {
      pod: 'Expected VNI {{expected}} (the identity of {{src}}) on {{flow}}; the packet carries VNI {{vni}}. Compare the identity of {{src}} on both nodes.',
      host: 'Expected VNI {{expected}} (remote-node: host traffic is sent as identity 6) on {{flow}}; the packet carries VNI {{vni}}.',
    },
  },
  flows: 'each',
  check({ flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      for (const [i, hop] of flow.observed.entries()) {
        const o = hop.observation;
        if (!o.outer || o.outer.vni === null || !o.tuple) continue;
        const sender = o.tuple.src === flow.client.ip ? flow.client : o.tuple.src === flow.server.ip ? flow.server : null;
        if (!sender) continue;
        const host = sender.kind === 'node' || sender.kind === 'cilium-host';
        const expected = host ? REMOTE_NODE : sender.kind === 'pod' ? sender.identity : null;
        if (expected === null || expected === o.outer.vni) continue;
        drafts.push({
          messageId: host ? 'host' : 'pod',
          data: { expected, src: o.tuple.src, flow: flowLabel(flow), vni: o.outer.vni },
          node: o.node,
          evidence: [...evidenceOf(o), ...sender.evidence.slice(0, 1)],
          flow: { id: flow.id, hop: i },
        });
        break;
      }
    }
    return drafts;
  },
};
