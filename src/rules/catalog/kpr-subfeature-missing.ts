import type { Fact } from '../../types/state.js';
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
    messages: {
      missing:
        'Expected KubeProxyReplacement {{mode}} to enable socket LB and NodePort; the details show {{missing}} disabled. ' +
        'Check the agent version and its kernel probes.',
    },
  },
  check({ state }) {
    return state.agents.flatMap((agent) => {
      const status = agent.status;
      const mode = status?.printed.kubeProxyReplacement;
      if (!status || !mode || (mode.value !== 'strict' && mode.value !== 'true')) return [];
      const features: [string, Fact<boolean> | undefined][] = [
        ['socket LB', status.facts.socketLB],
        ['NodePort', status.facts.nodePort],
      ];
      const missing = features.filter((e): e is [string, Fact<boolean>] => e[1]?.value === false);
      if (missing.length === 0) return [];
      return [
        {
          messageId: 'missing',
          data: { mode: mode.value, missing: missing.map(([n]) => n).join(' and ') },
          node: agent.node?.value ?? null,
          evidence: [...mode.evidence, ...missing.flatMap(([, f]) => f.evidence)],
        },
      ];
    });
  },
};
