import { statusAgents, statusNode } from '../status-queries.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'ipam-exhausted',
    specId: 'HLT-08',
    severity: 'error',
    title: 'IPAM pool of the node is (nearly) exhausted',
    meaning:
      'New pods on this node cannot get an address: PodCIDR too small for max pods, leaked IPs, or ranges conflicting with the pool.',
    checkNext: '`cilium status --verbose` allocated addresses and their owners; `cluster-pool-ipv4-mask-size`.',
    reads: ['S'],
  },
  check({ state, db }) {
    const findings: FindingDraft[] = [];
    for (const s of statusAgents(db)) {
      const ipam = s.extra.ipam;
      for (const pool of ipam?.value.pools ?? []) {
        if (pool.size === null || pool.size === 0 || pool.used < 0.95 * pool.size) continue;
        findings.push({
          severity: pool.used >= pool.size ? 'error' : 'warning',
          node: statusNode(state.agents, s),
          message:
            `Expected free ${pool.family} addresses; IPAM has ${pool.used}/${pool.size} allocated${pool.from ? ` from ${pool.from}` : ''}. ` +
            'Check the allocated addresses for leaked owners and the per-node pool size.',
          evidence: ipam!.evidence,
        });
      }
    }
    return findings;
  },
};
