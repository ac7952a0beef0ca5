import type { FindingDraft, Rule } from '../types.js';

/** From this share of the pool allocated on, new pods may soon get no address (HLT-08). */
export const NEARLY_FULL = 0.95;

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
    messages: {
      exhausted:
        'Expected free {{family}} addresses; IPAM has {{used}}/{{size}} allocated{{from}}. ' +
        'Check the allocated addresses for leaked owners and the per-node pool size.',
    },
  },
  check({ state }) {
    const findings: FindingDraft[] = [];
    for (const agent of state.agents) {
      const ipam = agent.status?.facts.ipam;
      for (const pool of ipam?.value.pools ?? []) {
        if (pool.size === null || pool.size === 0 || pool.used < NEARLY_FULL * pool.size) continue;
        findings.push({
          messageId: 'exhausted',
          data: { family: pool.family, used: pool.used, size: pool.size, from: pool.from ? ` from ${pool.from}` : '' },
          severity: pool.used >= pool.size ? 'error' : 'warning',
          node: agent.node?.value ?? null,
          evidence: ipam!.evidence,
        });
      }
    }
    return findings;
  },
};
