import { readHealthReports, type HealthPeer } from '../../state/status.js';
import type { Rule } from '../types.js';

const reachable = (s: string | null): boolean => s === 'reachable' || (s !== null && /^(\d+)\/\1\b/.test(s));
const unreachable = (s: string | null): boolean => s === 'unreachable' || (s !== null && /^(\d+)\/(\d+)/.test(s) && !reachable(s));

export const rule: Rule = {
  meta: {
    name: 'health-endpoint-unreachable-only',
    specId: 'HLT-02',
    severity: 'error',
    title: 'Peer node reachable but its health endpoint is not',
    meaning:
      'The underlay works (node path) but the pod network between these nodes is broken: tunnel port 8472/6081 blocked, ' +
      'PodCIDR route missing in native routing, MTU black hole, or an IPsec/WireGuard key mismatch.',
    checkNext: 'Security groups / firewalls for UDP 8472 (vxlan) or 6081 (geneve), routes to the peer PodCIDR, `cilium-health status --probe`, tcpdump on the tunnel port.',
    reads: ['S'],
  },
  check({ db }) {
    return readHealthReports(db).flatMap((r) => {
      const peers: HealthPeer[] = r.nodes.filter((n) => reachable(n.node) && unreachable(n.endpoints));
      if (peers.length === 0) return [];
      return [
        {
          node: r.reporter,
          message:
            `Expected the health endpoints of reachable nodes to answer; ${peers.map((p) => p.name).join(', ')} ` +
            `answer${peers.length === 1 ? 's' : ''} on the node path but not on the endpoint path. ` +
            'The pod network between these nodes is broken: check the tunnel port (8472/6081) or the PodCIDR routes, MTU and encryption keys.',
          evidence: [...r.evidence.slice(0, 1), ...peers.map((p) => p.evidence)],
        },
      ];
    });
  },
};
