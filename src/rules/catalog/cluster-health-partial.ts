import { healthyPeer } from '../../state/health.js';
import type { HealthPeer } from '../../types/state.js';
import type { Rule } from '../types.js';

/** `node-c node unreachable, endpoints unreachable`; a path nobody printed or probed is left out. */
function describePeer(p: HealthPeer): string {
  const paths = [p.node === null ? null : `node ${p.node}`, p.endpoints === null ? null : `endpoints ${p.endpoints}`];
  return [p.name, paths.filter((x) => x !== null).join(', ')].join(' ');
}

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
            unhealthy: bad.length > 0 ? ` (unhealthy: ${bad.map(describePeer).join('; ')})` : '',
          },
          severity: r.reachable! < r.total! / 2 ? 'error' : 'warning',
          node: r.reporter,
          evidence: [...r.evidence.slice(0, 1), ...bad.map((n) => n.evidence)],
        };
      });
  },
};
