import { factEvidence, flag } from '../agents.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'host-routing-silent-legacy',
    specId: 'CFG-02',
    severity: 'warning',
    title: 'Host routing is legacy because NodePort is off (no fallback logged)',
    meaning:
      'A silent downgrade: with NodePort disabled (KPR disabled, or partial/false without enable-node-port) the agent uses ' +
      'legacy host routing without logging why.',
    checkNext: 'Set kube-proxy-replacement strict/true (or enable NodePort on ≤1.12) if BPF host routing is wanted.',
    reads: ['C', 'S', 'L'],
    messages: {
      silent:
        'Expected BPF host routing (enable-host-legacy-routing is not set and no fallback was logged); cilium status reports ' +
        'Host Routing: Legacy with NodePort disabled. Disabling NodePort silently forces legacy host routing: set ' +
        'kube-proxy-replacement to strict/true if BPF host routing is wanted.',
    },
  },
  check({ state }) {
    return state.agents.flatMap((agent) => {
      const routing = agent.status?.printed.hostRouting;
      const nodePort = agent.nodePort;
      if (routing?.value !== 'Legacy' || !nodePort || nodePort.value || agent.log.signals['host-routing-fallback'] || !agent.configKnown) return [];
      if (flag(agent, 'enable-host-legacy-routing')?.value === 'true') return [];
      return [{ messageId: 'silent', node: agent.node?.value ?? null, evidence: factEvidence(routing, nodePort) }];
    });
  },
};
