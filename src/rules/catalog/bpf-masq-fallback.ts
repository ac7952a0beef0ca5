import { IPTABLES_MASQ_FALLBACK } from '../../knowledge/agent-messages.js';
import { minorAtLeast } from '../../knowledge/versions.js';
import type { LogSignalHit } from '../../types/state.js';
import { agentVersion } from '../agents.js';
import type { Rule } from '../types.js';

/**
 * The prerequisite a fallback line names: 1.13–1.14 in `error=`, 1.9–1.12 before the fallback text in
 * the message. 1.11–1.12 print an empty reason for tunnel routing without full socket-LB.
 */
function reason(hit: LogSignalHit): string {
  const error = hit.fields['error'];
  if (error) return error;
  // The message's reason is a sentence of its own; the finding's text supplies the full stop.
  const prefix = hit.msg.slice(0, hit.msg.indexOf(IPTABLES_MASQ_FALLBACK)).trim().replace(/\.$/, '');
  return prefix || 'no reason printed (1.11–1.12: tunnel routing without full socket-LB)';
}

export const rule: Rule = {
  meta: {
    name: 'bpf-masq-fallback',
    specId: 'CFG-12',
    severity: 'warning',
    title: 'BPF masquerading fell back to iptables',
    meaning:
      'enable-bpf-masquerade was requested but a prerequisite is missing (NodePort, remote-node identity (1.9.5+), ' +
      'egress-masquerade-interfaces set, tunnel without socket-LB); from 1.9.5 this also forces legacy host routing. Only ' +
      'releases up to 1.14 fall back: from 1.15 the same prerequisites stop the agent (agent-not-ok, agent-log-errors).',
    checkNext: 'The prerequisite quoted on the line; fix it and restart the agent.',
    reads: ['L'],
    messages: {
      fallback:
        'Expected BPF masquerading (enable-bpf-masquerade=true); the agent fell back to iptables-based masquerading: {{errors}}. ' +
        'Masquerading runs in iptables and host routing becomes legacy.',
    },
  },
  check({ state }) {
    return state.agents.flatMap((agent) => {
      const found = agent.log.signals['iptables-masq-fallback'];
      if (!found) return [];
      // From 1.15 these conditions are fatal and never print a fallback.
      const v = agentVersion(agent);
      if (v !== null && minorAtLeast(v, 15)) return [];
      return [{ messageId: 'fallback', data: { errors: [...new Set(found.map(reason))].join('; ') }, node: agent.node?.value ?? null, evidence: found }];
    });
  },
};
