import { statusAgents, statusNode } from '../status-queries.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'kpr-subfeature-missing',
    specId: 'CFG-05',
    severity: 'error',
    title: 'Full kube-proxy replacement without socket LB or NodePort',
    meaning: 'Impossible in a healthy agent: strict/true forces socket LB and NodePort on. An old agent or probe mode.',
    checkNext: 'The agent version and its kernel feature probes in the start-up log.',
    reads: ['S'],
  },
  check({ state, db }) {
    return statusAgents(db).flatMap((s) => {
      const mode = s.effective.kubeProxyReplacement;
      if (!mode || (mode.value !== 'strict' && mode.value !== 'true')) return [];
      const missing = [
        ['socket LB', s.extra.socketLB],
        ['NodePort', s.extra.nodePort],
      ].filter(([, f]) => f && typeof f === 'object' && f.value === false) as [string, { evidence: { source: string; line: number }[] }][];
      if (missing.length === 0) return [];
      return [
        {
          node: statusNode(state.agents, s),
          message:
            `Expected KubeProxyReplacement ${mode.value} to enable socket LB and NodePort; the details show ` +
            `${missing.map(([n]) => n).join(' and ')} disabled. Check the agent version and its kernel probes.`,
          evidence: [...mode.evidence, ...missing.flatMap(([, f]) => f.evidence)],
        },
      ];
    });
  },
};
