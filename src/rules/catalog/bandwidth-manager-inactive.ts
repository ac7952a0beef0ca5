import { flagEvidence, requestedFlag, statusAgents, statusNode } from '../status-queries.js';
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
  },
  check({ state, db }) {
    return statusAgents(db).flatMap((s) => {
      const bw = s.extra.bandwidthManager;
      const flag = requestedFlag(state.agents, s, 'enable-bandwidth-manager');
      if (!bw || bw.value.enabled || flag?.value !== 'true') return [];
      return [
        {
          node: statusNode(state.agents, s),
          message: 'Expected the bandwidth manager on (enable-bandwidth-manager=true); cilium status reports BandwidthManager: Disabled. Check the kernel version and kube-proxy replacement.',
          evidence: [flagEvidence(flag), ...bw.evidence],
        },
      ];
    });
  },
};
