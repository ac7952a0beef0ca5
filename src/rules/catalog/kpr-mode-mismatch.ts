import { currentFlagValue } from '../../knowledge/flags.js';
import { agentVersion, flag, lastLine } from '../agents.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'kpr-mode-mismatch',
    specId: 'CFG-04',
    severity: 'error',
    title: 'kube-proxy replacement mode differs from the configured one',
    meaning: 'The ConfigMap was not rolled out, the agent was not restarted, or the Helm value does not reach the ConfigMap.',
    checkNext: 'ConfigMap `kube-proxy-replacement`, the agent pod age against the ConfigMap change.',
    reads: ['C', 'S'],
    messages: {
      mismatch:
        'Expected KubeProxyReplacement {{requested}} as configured; cilium status reports {{printed}}. ' +
        'Check that the ConfigMap change reached this agent and that the agent was restarted.',
    },
  },
  check({ state }) {
    return state.agents.flatMap((agent) => {
      const printed = agent.status?.printed.kubeProxyReplacement;
      const requested = flag(agent, 'kube-proxy-replacement');
      if (!printed || !requested || requested.value === '') return [];
      // An unknown release is read leniently: `strict` and `True` may then be the same mode.
      const minor = agentVersion(agent)?.minor ?? null;
      const same = (v: string): string => currentFlagValue('kube-proxy-replacement', v, minor);
      if (same(requested.value) === same(printed.value)) return [];
      return [
        {
          messageId: 'mismatch',
          data: { requested: requested.value, printed: printed.value },
          node: agent.node?.value ?? null,
          evidence: [...lastLine(requested), ...printed.evidence],
        },
      ];
    });
  },
};
