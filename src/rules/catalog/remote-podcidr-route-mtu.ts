import { datapathConfig, routeMtu } from '../../model/index.js';
import type { Evidence } from '../../types/evidence.js';
import type { AgentState, ClusterState } from '../../types/state.js';
import { hostRoutes, remotePodCidrs, routeCidr } from '../routes.js';
import type { FindingDraft, Rule } from '../types.js';

/** The native device MTU: the agent's (log or `mtu` flag), else the node's `cilium_host` link, which Cilium gives the same MTU. */
function deviceMtu(state: ClusterState, agent: AgentState): { mtu: number; evidence: Evidence[] } | null {
  const effective = agent.effective.mtu;
  if (effective) return { mtu: effective.value, evidence: effective.evidence };
  const node = agent.node?.value ?? null;
  const link = state.links.find(
    (l) => l.name === 'cilium_host' && l.mtu !== null && (l.node === null ? state.agents.length === 1 : l.node === node) && (l.netns === null || l.netns === 'host'),
  );
  return link ? { mtu: link.mtu!, evidence: link.evidence } : null;
}

export const rule: Rule = {
  meta: {
    name: 'remote-podcidr-route-mtu',
    specId: 'MTU-02',
    severity: 'warning',
    title: 'Route MTU towards a remote PodCIDR does not match the tunnel overhead',
    meaning:
      'In tunnel mode Cilium routes every remote PodCIDR via cilium_host with the route MTU = device MTU − encapsulation ' +
      '(and encryption) overhead. Another value means a wrong `mtu` setting or detection: too large black-holes full-size ' +
      'packets inside the tunnel, too small wastes throughput.',
    checkNext: 'The `Detected MTU` / `Inheriting MTU from external network interface` log line, the `mtu` flag, the underlay MTU.',
    reads: ['C', 'R', 'L'],
    messages: {
      wrongMtu:
        'Expected route MTU {{expected}} ({{basis}}) on the routes to remote PodCIDRs via cilium_host on {{node}}; {{routes}}. ' +
        'Check the MTU the agent detected or was given and the underlay MTU.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const cfg = datapathConfig(agent);
      if (cfg.routing !== 'tunnel') continue;
      const device = deviceMtu(state, agent);
      if (!device) continue;
      const expected = routeMtu({ ...cfg, deviceMtu: device.mtu })!;
      const remote = new Set(remotePodCidrs(state, agent).map((p) => p.cidr));
      const wrong = hostRoutes(state, agent).filter((r) => {
        const cidr = routeCidr(r);
        return r.dev === 'cilium_host' && r.mtu !== null && cidr !== null && remote.has(cidr) && r.mtu !== expected.mtu;
      });
      if (wrong.length === 0) continue;
      drafts.push({
        messageId: 'wrongMtu',
        data: {
          expected: expected.mtu,
          basis: expected.basis,
          node: agent.node!.value,
          routes: wrong.map((r) => `${r.dst} has mtu ${r.mtu}`).join(', '),
        },
        node: agent.node!.value,
        evidence: [...device.evidence, ...wrong.flatMap((r) => r.evidence)],
      });
    }
    return drafts;
  },
};
