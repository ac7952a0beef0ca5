import { healthyPeer } from '../../state/health.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'cluster-health-partial',
    specId: 'HLT-01',
    severity: 'warning',
    title: 'Cluster health: not every node is reachable',
    meaning:
      'cilium-health on this node cannot reach some peers. Which path fails tells why: node path (underlay, TCP 4240, ICMP) ' +
      'or endpoint path (pod network between nodes).',
    checkNext: 'The unhealthy rows (health-node-unreachable, health-endpoint-unreachable-only); `cilium-health status --probe`.',
    reads: ['S'],
    messages: {
      partial:
        'Expected {{total}}/{{total}} peers reachable; cluster health reports {{reachable}}/{{total}}{{unhealthy}}. ' +
        'Check the unhealthy rows and run `cilium-health status --probe` on the reporting node.',
    },
  },
  check({ state }) {
    return state.health
      .filter((r) => r.reachable !== null && r.total !== null && r.reachable < r.total)
      .map((r) => {
        const bad = r.nodes.filter((n) => !healthyPeer(n));
        return {
          messageId: 'partial',
          data: {
            total: r.total!,
            reachable: r.reachable!,
            unhealthy: bad.length > 0 ? ` (unhealthy: ${bad.map((n) => `${n.name} node ${n.node}, endpoints ${n.endpoints}`).join('; ')})` : '',
          },
          severity: r.reachable! < r.total! / 2 ? 'error' : 'warning',
          node: r.reporter,
          evidence: [...r.evidence.slice(0, 1), ...bad.map((n) => n.evidence)],
        };
      });
  },
};
