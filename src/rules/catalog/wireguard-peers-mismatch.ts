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
    messages: {
      mismatch:
        'Expected {{expected}} WireGuard peers on {{iface}} ({{nodes}} nodes in cluster health); status reports {{peers}}. Check the WireGuard keys of every CiliumNode.',
    },
  },
  check({ state }) {
    const findings: FindingDraft[] = [];
    for (const agent of state.agents) {
      const enc = agent.status?.facts.encryption;
      const health = agent.status?.facts.clusterHealth;
      const nodes = health?.value.total;
      if (!enc || enc.value.mode !== 'Wireguard' || !health || nodes === null || nodes === undefined) continue;
      for (const wg of enc.value.wireguard) {
        if (wg.peers === nodes - 1) continue;
        findings.push({
          messageId: 'mismatch',
          data: { expected: nodes - 1, iface: wg.iface, nodes, peers: wg.peers },
          node: agent.node?.value ?? null,
          evidence: [...enc.evidence, ...health.evidence],
        });
      }
    }
    return findings;
  },
};
