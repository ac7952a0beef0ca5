import { captureRole, configAt, configEvidence, evidenceOf, flowLabel } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'missing-encapsulation',
    specId: 'ENC-01',
    severity: 'error',
    title: 'Pod traffic between nodes left a native device unencapsulated in tunnel mode',
    meaning:
      'The ipcache lacks a tunnel endpoint for the destination, auto-direct-node-routes or a stale native route leaks ' +
      'traffic, or the node runs native routing (mixed configuration).',
    checkNext: '`cilium bpf tunnel list` / `cilium bpf ipcache get <ip>` on the sending node, the per-node ConfigMap, `ip route`.',
    reads: ['T', 'C', 'S'],
    messages: {
      plain:
        'Expected pod traffic between nodes to leave {{device}} inside {{protocol}} (tunnel mode); {{flow}} was captured there ' +
        'as a plain {{src}} → {{dst}} packet. Check the tunnel and ipcache entries for {{dst}} and the node routes.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      if (flow.client.kind !== 'pod' || flow.server.kind !== 'pod' || flow.client.node === null || flow.client.node === flow.server.node) continue;
      for (const hop of flow.observed) {
        const o = hop.observation;
        if (captureRole(o) !== 'native' || o.outer || !o.tuple) continue;
        const pods = [flow.client.ip, flow.server.ip];
        if (!pods.includes(o.tuple.src) || !pods.includes(o.tuple.dst)) continue;
        const config = configAt(state, o.node ?? flow.client.node);
        if (config.routing !== 'tunnel') continue;
        drafts.push({
          messageId: 'plain',
          data: { device: o.device ?? 'the native device', protocol: config.tunnelProtocol ?? 'the tunnel', flow: flowLabel(flow), src: o.tuple.src, dst: o.tuple.dst },
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
