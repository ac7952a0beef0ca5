import { staleHealthIps } from '../health-ips.js';
import type { Rule } from '../types.js';

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
    messages: {
      endpointOnly:
        'Expected the health endpoints of reachable nodes to answer; {{peers}} {{verb}} on the node path but not on the endpoint path. ' +
        'The pod network between these nodes is broken: check the tunnel port (8472/6081) or the PodCIDR routes, MTU and encryption keys.',
    },
  },
  check({ state }) {
    // A peer probed at a health IP it no longer has is the health-ip-stale finding, not a broken pod network.
    const stale = new Set(staleHealthIps(state).flatMap((s) => s.own ? s.stale.map((p) => `${p.reporter.toLowerCase()}>${s.node}`) : []));
    const probedStale = (reporter: string | null, peer: string): boolean =>
      reporter !== null && stale.has(`${reporter.toLowerCase()}>${peer.slice(peer.lastIndexOf('/') + 1).toLowerCase()}`);
    return state.health.flatMap((r) => {
      const peers = r.nodes.filter((n) => n.nodePath.state === 'up' && n.endpointPath.state === 'down' && !probedStale(r.reporter, n.name));
      if (peers.length === 0) return [];
      return [
        {
          messageId: 'endpointOnly',
          data: { peers: peers.map((p) => p.name).join(', '), verb: peers.length === 1 ? 'answers' : 'answer' },
          node: r.reporter,
          evidence: [...r.evidence.slice(0, 1), ...peers.map((p) => p.evidence)],
        },
      ];
    });
  },
};
