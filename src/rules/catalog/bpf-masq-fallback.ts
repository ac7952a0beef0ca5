import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'bpf-masq-fallback',
    specId: 'CFG-12',
    severity: 'warning',
    title: 'BPF masquerading fell back to iptables',
    meaning:
      'enable-bpf-masquerade was requested but a prerequisite is missing (NodePort, remote-node identity, ' +
      'egress-masquerade-interfaces set, tunnel without socket-LB); this also forces legacy host routing.',
    checkNext: 'The error quoted on the line; fix that prerequisite and restart the agent.',
    reads: ['L'],
    messages: {
      fallback:
        'Expected BPF masquerading (enable-bpf-masquerade=true); the agent fell back to iptables-based masquerading{{errors}}. ' +
        'Masquerading runs in iptables and host routing becomes legacy.',
    },
  },
  check({ state }) {
    return state.agents.flatMap((agent) => {
      const found = agent.log.signals['iptables-masq-fallback'];
      if (!found) return [];
      const errors = [...new Set(found.map((l) => l.fields['error']).filter((e): e is string => e !== undefined))];
      return [
        {
          messageId: 'fallback',
          data: { errors: errors.length > 0 ? `: ${errors.join('; ')}` : '' },
          node: agent.node?.value ?? null,
          evidence: found,
        },
      ];
    });
  },
};
