import { readHealthReports } from '../../state/status.js';
import type { Rule } from '../types.js';

const down = (s: string | null): boolean =>
  s === 'unreachable' || (s !== null && /^(\d+)\/(\d+)/.test(s) && !/^(\d+)\/\1\b/.test(s));

export const rule: Rule = {
  meta: {
    name: 'health-node-unreachable',
    specId: 'HLT-03',
    severity: 'error',
    title: 'Peer node unreachable from cilium-health',
    meaning: 'The node is down, TCP 4240 or ICMP is blocked by a host firewall / security group, or its InternalIP is wrong.',
    checkNext: 'Firewall rules for 4240/tcp and ICMP between nodes; the node IPs in `cilium node list`.',
    reads: ['S'],
  },
  check({ db }) {
    return readHealthReports(db).flatMap((r) => {
      const peers = r.nodes.filter((n) => down(n.node));
      if (peers.length === 0) return [];
      const failures = r.probes.filter((p) => !p.ok && (p.path === 'host' || p.path === 'secondary-host'));
      return [
        {
          node: r.reporter,
          message:
            `Expected every peer to answer on the node path (ICMP and HTTP to TCP 4240); unreachable: ` +
            `${peers.map((p) => `${p.name}${p.ip ? ` (${p.ip})` : ''}`).join(', ')}. ` +
            'Check that the node is up, that 4240/tcp and ICMP are allowed between nodes, and that its InternalIP is right.',
          evidence: [...r.evidence.slice(0, 1), ...peers.map((p) => p.evidence), ...failures.map((p) => p.evidence)],
        },
      ];
    });
  },
};
