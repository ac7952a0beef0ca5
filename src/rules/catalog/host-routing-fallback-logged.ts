import { hostRoutingFallbackCause } from '../../knowledge/agent-messages.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'host-routing-fallback-logged',
    specId: 'CFG-01',
    severity: 'warning',
    title: 'BPF host routing fell back to legacy host routing',
    meaning:
      'BPF host routing was wanted (not explicitly disabled) but a prerequisite is missing, so pod traffic goes ' +
      'through the host network stack (iptables, routing) instead of being redirected in BPF.',
    checkNext:
      'The reason before "Falling back": kernel version (uname -r, needs 5.10), enable-bpf-masquerade, ' +
      'kube-proxy-replacement mode, enable-endpoint-routes, IPsec/WireGuard.',
    reads: ['L'],
    messages: {
      fallback:
        'Expected BPF host routing; the agent logged a fallback to legacy host routing because {{causes}}. ' +
        'Pod traffic is routed by the host stack (slower; iptables applies). Fix the prerequisite and restart the agent.',
    },
  },
  check({ state }) {
    return state.agents.flatMap((agent) => {
      const found = agent.log.signals['host-routing-fallback'];
      if (!found) return [];
      const causes = [...new Set(found.map((l) => hostRoutingFallbackCause(l.msg) ?? l.msg))];
      return [{ messageId: 'fallback', data: { causes: causes.join('; ') }, node: agent.node?.value ?? null, evidence: found }];
    });
  },
};
