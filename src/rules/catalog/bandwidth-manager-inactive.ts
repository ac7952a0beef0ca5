import { flag, lastLine } from '../agents.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'bandwidth-manager-inactive',
    specId: 'CFG-19',
    severity: 'warning',
    title: 'Bandwidth manager requested but disabled',
    meaning: 'Kernel or kube-proxy-replacement prerequisites are missing: pod egress bandwidth annotations are not enforced.',
    checkNext: 'Kernel ≥ 5.1 (≥ 5.18 for BBR), kube-proxy replacement, the start-up log.',
    reads: ['C', 'S'],
    messages: {
      disabled:
        'Expected the bandwidth manager on (enable-bandwidth-manager=true); cilium status reports BandwidthManager: Disabled. Check the kernel version and kube-proxy replacement.',
    },
  },
  check({ state }) {
    return state.agents.flatMap((agent) => {
      const bw = agent.status?.facts.bandwidthManager;
      const requested = flag(agent, 'enable-bandwidth-manager');
      if (!bw || bw.value.enabled || requested?.value !== 'true') return [];
      return [{ messageId: 'disabled', node: agent.node?.value ?? null, evidence: [...lastLine(requested), ...bw.evidence] }];
    });
  },
};
