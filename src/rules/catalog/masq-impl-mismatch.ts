import { flag, lastLine } from '../agents.js';
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
    messages: {
      iptables:
        'Expected BPF masquerading (enable-bpf-masquerade=true); cilium status reports IPTables. A BPF masquerade prerequisite ' +
        'is missing: look for "Falling back to iptables-based masquerading." in the start-up log.',
      disabled:
        'Expected masquerading on ({{flag}}=true); cilium status reports Masquerading: Disabled. Check the flag the agent really runs with.',
    },
  },
  check({ state }) {
    const findings: FindingDraft[] = [];
    for (const agent of state.agents) {
      const printed = agent.status?.printed.masquerading;
      if (!printed) continue;
      const bpf = flag(agent, 'enable-bpf-masquerade');
      const masq = flag(agent, 'enable-ipv4-masquerade');
      const node = agent.node?.value ?? null;
      if (bpf?.value === 'true' && printed.value === 'iptables' && masq?.value !== 'false') {
        findings.push({ messageId: 'iptables', node, evidence: [...lastLine(bpf), ...printed.evidence] });
      } else if (masq?.value === 'true' && printed.value === 'disabled') {
        findings.push({ messageId: 'disabled', data: { flag: masq.name }, node, evidence: [...lastLine(masq), ...printed.evidence] });
      }
    }
    return findings;
  },
};
