import { atLeast, flagEvidence, requestedFlag, statusAgents, statusNode } from '../status-queries.js';
import type { Rule } from '../types.js';

/** 1.14 introduced true/false next to strict/disabled with the same meaning. */
function sameMode(requested: string, printed: string, newNames: boolean): boolean {
  if (requested === printed) return true;
  if (!newNames) return false;
  const canon = (m: string): string => (m === 'strict' ? 'true' : m === 'disabled' ? 'false' : m);
  return canon(requested) === canon(printed);
}

export const rule: Rule = {
  meta: {
    name: 'kpr-mode-mismatch',
    specId: 'CFG-04',
    severity: 'error',
    title: 'kube-proxy replacement mode differs from the configured one',
    meaning: 'The ConfigMap was not rolled out, the agent was not restarted, or the Helm value does not reach the ConfigMap.',
    checkNext: 'ConfigMap `kube-proxy-replacement`, the agent pod age against the ConfigMap change.',
    reads: ['C', 'S'],
  },
  check({ state, db }) {
    return statusAgents(db).flatMap((s) => {
      const printed = s.effective.kubeProxyReplacement;
      const flag = requestedFlag(state.agents, s, 'kube-proxy-replacement');
      if (!printed || !flag || flag.value === '') return [];
      const requested = flag.value.toLowerCase();
      const newNames = atLeast(state.agents, s, 14) || s.version === null;
      if (sameMode(requested, printed.value, newNames)) return [];
      return [
        {
          node: statusNode(state.agents, s),
          message:
            `Expected KubeProxyReplacement ${flag.value} as configured; cilium status reports ${printed.value}. ` +
            'Check that the ConfigMap change reached this agent and that the agent was restarted.',
          evidence: [flagEvidence(flag), ...printed.evidence],
        },
      ];
    });
  },
};
