import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'health-node-unreachable',
    specId: 'HLT-03',
    severity: 'error',
    title: 'Peer node unreachable from cilium-health',
    meaning: 'The node is down, TCP 4240 or ICMP is blocked by a host firewall / security group, or its InternalIP is wrong.',
    checkNext: 'Firewall rules for 4240/tcp and ICMP between nodes; the node IPs in `cilium node list`.',
    reads: ['S'],
    messages: {
      unreachable:
        'Expected every peer to answer on the node path (ICMP and HTTP to TCP 4240); unreachable: {{peers}}. ' +
        'Check that the node is up, that 4240/tcp and ICMP are allowed between nodes, and that its InternalIP is right.',
    },
  },
  check({ state }) {
    return state.health.flatMap((r) => {
      const peers = r.nodes.filter((n) => n.nodePath.state === 'down');
      if (peers.length === 0) return [];
      const failures = r.probes.filter((p) => !p.ok && (p.path === 'host' || p.path === 'secondary-host'));
      return [
        {
          messageId: 'unreachable',
          data: { peers: peers.map((p) => `${p.name}${p.ip ? ` (${p.ip})` : ''}`).join(', ') },
          node: r.reporter,
          evidence: [...r.evidence.slice(0, 1), ...peers.map((p) => p.evidence), ...failures.map((p) => p.evidence)],
        },
      ];
    });
  },
};
