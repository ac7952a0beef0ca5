import { IPTABLES_MASQ_FALLBACK } from '../../knowledge/agent-messages.js';
import { agentNode, byAgent, linesContaining } from '../agent-log-queries.js';
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
  },
  check({ state, db }) {
    return [...byAgent(linesContaining(db, IPTABLES_MASQ_FALLBACK))].map(([agent, found]) => {
      const errors = [...new Set(found.map((l) => l.fields['error']).filter((e): e is string => typeof e === 'string'))];
      return {
        node: agentNode(state.agents, agent),
        message:
          'Expected BPF masquerading (enable-bpf-masquerade=true); the agent fell back to iptables-based masquerading' +
          (errors.length > 0 ? `: ${errors.join('; ')}` : '') +
          '. Masquerading runs in iptables and host routing becomes legacy.',
        evidence: found,
      };
    });
  },
};
