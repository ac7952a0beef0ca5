import { minorAtLeast } from '../../knowledge/versions.js';
import { datapathConfig } from '../../model/index.js';
import { agentVersion, flag, lastLine } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'endpoint-routes-policy-at-source',
    specId: 'CFG-20',
    severity: 'info',
    title: 'Endpoint routes with BPF host routing: ingress policy runs in the delivering program',
    meaning:
      'With BPF host routing and endpoint routes (possible from 1.14) ingress policy of a pod is enforced by the policy tail call ' +
      'of the program that delivers the packet — the sender’s cil_from_container on the same node, cil_from_netdev / ' +
      'cil_from_overlay on the destination node — not by cil_to_container; host-originated traffic still passes ' +
      'cil_to_container. Ingress-policy drops then happen before the packet reaches the destination’s lxc, still reported ' +
      'with FROM = the destination endpoint.',
    checkNext: '—',
    reads: ['C', 'S', 'L'],
    messages: {
      policyAtSource:
        'Endpoint routes and BPF host routing are both on: ingress policy for pods on {{node}} runs in the delivering program ' +
        '(cil_from_container of a same-node sender, cil_from_netdev / cil_from_overlay for cross-node traffic), not in ' +
        'cil_to_container. Ingress-policy drops appear before the destination lxc; host traffic still goes through cil_to_container.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const routes = flag(agent, 'enable-endpoint-routes');
      const cfg = datapathConfig(agent);
      if (routes?.value !== 'true' || cfg.hostRouting !== 'bpf') continue;
      // Before 1.14 endpoint routes force legacy host routing: a BPF reading there is host-routing-status-contradiction's.
      const v = agentVersion(agent);
      if (v !== null && !minorAtLeast(v, 14)) continue;
      drafts.push({
        messageId: 'policyAtSource',
        data: { node: agent.node?.value ?? 'this node' },
        node: agent.node?.value ?? null,
        evidence: [...lastLine(routes), ...(cfg.evidence.hostRouting ?? [])],
      });
    }
    return drafts;
  },
};
