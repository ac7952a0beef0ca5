import type { Evidence } from '../../types/evidence.js';
import type { AgentState, ClusterState, HealthPeer, HealthReport } from '../../types/state.js';
import type { FindingDraft, Rule } from '../types.js';

const down = (p: HealthPeer): string[] => [
  ...(p.nodePath.state === 'down' ? [`node ${p.node}`] : []),
  ...(p.endpointPath.state === 'down' ? [`endpoints ${p.endpoints}`] : []),
];

function reportingAgent(state: ClusterState, r: HealthReport): AgentState | null {
  return state.agents.find((a) => a.key === r.agent || a.status?.key === r.agent) ?? null;
}

/** What shows the agent itself is fine: `Cilium: Ok`, every controller healthy, the proxy OK (the last two when printed). */
function agentOk(agent: AgentState | null): Evidence[] | null {
  const status = agent?.status;
  const cilium = status?.facts.ciliumState;
  if (!status || !cilium || !/^ok$/i.test(cilium.value.state)) return null;
  const controllers = status.facts.controllers;
  if (controllers && controllers.value.healthy < controllers.value.total) return null;
  const proxy = status.fields['Proxy Status'];
  if (proxy && !/^(?:OK|No managed proxy)/.test(proxy.value)) return null;
  return [...cilium.evidence, ...(controllers?.evidence ?? []), ...(proxy ? [proxy.evidence] : [])];
}

export const rule: Rule = {
  meta: {
    name: 'health-self-unreachable',
    severity: 'warning',
    title: 'Cluster health reports the reporting node itself unreachable',
    meaning:
      'A health report lists its own node (`(localhost)`) as unreachable, or every node including itself, while the agent, its ' +
      'controllers and its proxy are Ok. A node always reaches itself: the health data is wrong or stale (health endpoint not ' +
      're-created after a restart, stale health IP, probe results from before a change), not the network.',
    checkNext:
      'Restart the health endpoint (restart the agent pod) and run `cilium-health status --probe` on that node before chasing the ' +
      'network; compare the probed health IP with `cilium endpoint list` (reserved:health) on the node.',
    reads: ['S'],
    messages: {
      self:
        '{{reporter}} reports itself unreachable ({{paths}}) while Cilium, its controllers and proxy are Ok: the health data is ' +
        'wrong or stale, not the network. Restart the health endpoint (the agent pod) and run `cilium-health status --probe` before ' +
        'chasing the network.',
      all:
        '{{reporter}} reports every node unreachable, itself included ({{paths}}), while Cilium, its controllers and proxy are Ok: ' +
        'the health prober or endpoint of this node is broken, not the whole network. Restart the agent pod and run ' +
        '`cilium-health status --probe` before chasing the network.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const r of state.health) {
      const self = r.nodes.find((n) => n.localhost);
      if (!self || down(self).length === 0) continue;
      const ok = agentOk(reportingAgent(state, r));
      if (!ok) continue;
      const everyone = r.nodes.length > 1 && r.nodes.every((n) => down(n).length > 0);
      drafts.push({
        messageId: everyone ? 'all' : 'self',
        data: { reporter: self.name, paths: down(self).join(', ') },
        node: r.reporter,
        evidence: [...r.evidence.slice(0, 1), self.evidence, ...ok],
      });
    }
    return drafts;
  },
};
