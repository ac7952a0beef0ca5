import { flagEvidence, requestedFlag, statusAgents, statusNode } from '../status-queries.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'masq-impl-mismatch',
    specId: 'CFG-13',
    severity: 'error',
    title: 'Masquerading implementation differs from the configured one',
    meaning:
      'BPF masquerade was requested but the agent fell back to iptables (missing NodePort, remote-node identity, ' +
      'egress-masquerade-interfaces set, tunnel without socket LB), or masquerading is off although requested.',
    checkNext: 'The agent log around start-up (`Falling back to iptables-based masquerading.`), enable-ipv4-masquerade.',
    reads: ['C', 'S'],
  },
  check({ state, db }) {
    const findings: FindingDraft[] = [];
    for (const s of statusAgents(db)) {
      const printed = s.effective.masquerading;
      if (!printed) continue;
      const bpf = requestedFlag(state.agents, s, 'enable-bpf-masquerade');
      const masq = requestedFlag(state.agents, s, 'enable-ipv4-masquerade', 'masquerade');
      const node = statusNode(state.agents, s);
      if (bpf?.value === 'true' && printed.value === 'iptables' && masq?.value !== 'false') {
        findings.push({
          node,
          message:
            'Expected BPF masquerading (enable-bpf-masquerade=true); cilium status reports IPTables. A BPF masquerade prerequisite ' +
            'is missing: look for "Falling back to iptables-based masquerading." in the start-up log.',
          evidence: [flagEvidence(bpf), ...printed.evidence],
        });
      } else if (masq?.value === 'true' && printed.value === 'disabled') {
        findings.push({
          node,
          message: `Expected masquerading on (${masq.name}=true); cilium status reports Masquerading: Disabled. Check the flag the agent really runs with.`,
          evidence: [flagEvidence(masq), ...printed.evidence],
        });
      }
    }
    return findings;
  },
};
