import { readHealthReports } from '../../state/status.js';
import type { Rule } from '../types.js';

const healthy = (s: string | null): boolean => s === null || s === 'reachable' || /^(\d+)\/\1\b/.test(s);

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
  },
  check({ db }) {
    return readHealthReports(db)
      .filter((r) => r.reachable !== null && r.total !== null && r.reachable < r.total)
      .map((r) => {
        const bad = r.nodes.filter((n) => !healthy(n.node) || !healthy(n.endpoints));
        return {
          severity: r.reachable! < r.total! / 2 ? 'error' : 'warning',
          node: r.reporter,
          message:
            `Expected ${r.total}/${r.total} peers reachable; cluster health reports ${r.reachable}/${r.total}` +
            (bad.length > 0 ? ` (unhealthy: ${bad.map((n) => `${n.name} node ${n.node}, endpoints ${n.endpoints}`).join('; ')})` : '') +
            '. Check the unhealthy rows and run `cilium-health status --probe` on the reporting node.',
          evidence: [...r.evidence.slice(0, 1), ...bad.map((n) => n.evidence)],
        };
      });
  },
};
