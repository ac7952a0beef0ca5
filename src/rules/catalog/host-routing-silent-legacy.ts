import { hostRoutingFallbackLines } from '../agent-log-queries.js';
import { factEvidence, hasFlagDump, requestedFlag, stateKey, statusAgents, statusNode, statusNodePort } from '../status-queries.js';
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
  },
  check({ state, db }) {
    const logged = new Set(hostRoutingFallbackLines(db).map((l) => l.agent));
    return statusAgents(db).flatMap((s) => {
      const routing = s.effective.hostRouting;
      const nodePort = statusNodePort(s);
      if (routing?.value !== 'Legacy' || !nodePort || nodePort.value || logged.has(stateKey(state.agents, s)) || !hasFlagDump(state.agents, s)) return [];
      if (requestedFlag(state.agents, s, 'enable-host-legacy-routing')?.value === 'true') return [];
      return [
        {
          node: statusNode(state.agents, s),
          message:
            'Expected BPF host routing (enable-host-legacy-routing is not set and no fallback was logged); cilium status reports ' +
            'Host Routing: Legacy with NodePort disabled. Disabling NodePort silently forces legacy host routing: set ' +
            'kube-proxy-replacement to strict/true if BPF host routing is wanted.',
          evidence: factEvidence(routing, nodePort),
        },
      ];
    });
  },
};
