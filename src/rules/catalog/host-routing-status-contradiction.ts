import type { Evidence } from '../../types/evidence.js';
import type { AgentState } from '../../types/state.js';
import { atLeast, factEvidence, flag, lastLine } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/**
 * Host routing the model of datapath-model.md §1.4 (steps 2, 4, 5) predicts from the flags and status, or
 * null when a prerequisite is unknown. A kernel below 5.10 is the one unknown condition: it logs its fallback.
 */
function predicted(agent: AgentState): { mode: 'BPF' | 'Legacy'; why: Evidence[] } | null {
  const legacy = flag(agent, 'enable-host-legacy-routing');
  if (legacy?.value === 'true') return { mode: 'Legacy', why: lastLine(legacy) };
  const nodePort = agent.nodePort;
  if (!nodePort || !nodePort.value) return null;
  const kpr = agent.status?.printed.kubeProxyReplacement;
  if (atLeast(agent, 13) && (!kpr || (kpr.value !== 'strict' && kpr.value !== 'true'))) return null;
  const masq = flag(agent, 'enable-ipv4-masquerade');
  const bpfMasq = flag(agent, 'enable-bpf-masquerade');
  if (!masq || (masq.value === 'true' && bpfMasq?.value !== 'true')) return null;
  for (const blocker of ['enable-ipsec', 'enable-endpoint-routes', 'enable-wireguard']) {
    const f = flag(agent, blocker);
    if (!f || f.value === 'true') return null;
  }
  return { mode: 'BPF', why: [...factEvidence(nodePort), ...lastLine(masq), ...(bpfMasq ? lastLine(bpfMasq) : [])] };
}

export const rule: Rule = {
  meta: {
    name: 'host-routing-status-contradiction',
    specId: 'CFG-03',
    severity: 'error',
    title: 'Host routing in status contradicts the configuration',
    meaning: 'The model predicts one host routing mode and status shows the other, with no log line explaining it: wrong version bucket, incomplete log, or an undocumented condition.',
    checkNext: 'Confirm the agent version; look at the first 200 log lines after start-up; re-check with the neighbouring version bucket.',
    reads: ['C', 'S', 'L'],
    messages: {
      contradiction:
        'Expected {{predicted}} host routing from the configuration (NodePort, masquerading and legacy-routing flags); ' +
        'cilium status reports {{printed}} and no log line explains the difference. Confirm the version and read the start-up log.',
    },
  },
  check({ state }) {
    const findings: FindingDraft[] = [];
    for (const agent of state.agents) {
      const printed = agent.status?.printed.hostRouting;
      if (!printed || !agent.configKnown || agent.log.signals['host-routing-fallback']) continue;
      const model = predicted(agent);
      if (!model || model.mode === printed.value) continue;
      findings.push({
        messageId: 'contradiction',
        data: { predicted: model.mode, printed: printed.value },
        node: agent.node?.value ?? null,
        evidence: [...model.why, ...printed.evidence],
      });
    }
    return findings;
  },
};
