import { statusAgents, statusNode } from '../status-queries.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'wireguard-peers-mismatch',
    specId: 'HLT-14',
    severity: 'warning',
    title: 'WireGuard peers do not match the cluster size',
    meaning: 'Some node keys are missing: traffic to those nodes is dropped or leaves unencrypted.',
    checkNext: 'CiliumNode WireGuard public key annotations of every node.',
    reads: ['S'],
  },
  check({ state, db }) {
    const findings: FindingDraft[] = [];
    for (const s of statusAgents(db)) {
      const enc = s.extra.encryption;
      const health = s.extra.clusterHealth;
      const nodes = health?.value.total;
      if (!enc || enc.value.mode !== 'Wireguard' || !health || nodes === null || nodes === undefined) continue;
      for (const wg of enc.value.wireguard) {
        if (wg.peers === nodes - 1) continue;
        findings.push({
          node: statusNode(state.agents, s),
          message: `Expected ${nodes - 1} WireGuard peers on ${wg.iface} (${nodes} nodes in cluster health); status reports ${wg.peers}. Check the WireGuard keys of every CiliumNode.`,
          evidence: [...enc.evidence, ...health.evidence],
        });
      }
    }
    return findings;
  },
};
