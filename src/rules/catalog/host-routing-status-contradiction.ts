import { hostRoutingFallbackLines } from '../agent-log-queries.js';
import {
  atLeast,
  factEvidence,
  flagEvidence,
  hasFlagDump,
  requestedFlag,
  stateKey,
  statusAgents,
  statusNodePort,
  statusNode,
  type RequestedFlag,
} from '../status-queries.js';
import type { StatusAgent } from '../../state/status.js';
import type { AgentState } from '../../types/state.js';
import type { Evidence } from '../../types/evidence.js';
import type { FindingDraft, Rule } from '../types.js';

/**
 * Host routing the model of datapath-model.md §1.4 (steps 2, 4, 5) predicts from the flags and status, or
 * null when a prerequisite is unknown. A kernel below 5.10 is the one unknown condition: it logs its fallback.
 */
function predicted(agents: readonly AgentState[], s: StatusAgent): { mode: 'BPF' | 'Legacy'; why: Evidence[] } | null {
  const flag = (...names: string[]): RequestedFlag | null => requestedFlag(agents, s, ...names);
  const legacy = flag('enable-host-legacy-routing');
  if (legacy?.value === 'true') return { mode: 'Legacy', why: [flagEvidence(legacy)] };
  const nodePort = statusNodePort(s);
  if (!nodePort || !nodePort.value) return null;
  const kpr = s.effective.kubeProxyReplacement;
  if (atLeast(agents, s, 13) && (!kpr || (kpr.value !== 'strict' && kpr.value !== 'true'))) return null;
  const masq = flag('enable-ipv4-masquerade', 'masquerade');
  const bpfMasq = flag('enable-bpf-masquerade');
  if (!masq || (masq.value === 'true' && bpfMasq?.value !== 'true')) return null;
  for (const blocker of ['enable-ipsec', 'enable-endpoint-routes', 'enable-wireguard']) {
    const f = flag(blocker);
    if (!f || f.value === 'true') return null;
  }
  return { mode: 'BPF', why: [...factEvidence(nodePort), flagEvidence(masq), ...(bpfMasq ? [flagEvidence(bpfMasq)] : [])] };
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
  },
  check({ state, db }) {
    const explained = new Set(hostRoutingFallbackLines(db).map((l) => l.agent));
    const findings: FindingDraft[] = [];
    for (const s of statusAgents(db)) {
      const printed = s.effective.hostRouting;
      if (!printed || !hasFlagDump(state.agents, s) || explained.has(stateKey(state.agents, s))) continue;
      const model = predicted(state.agents, s);
      if (!model || model.mode === printed.value) continue;
      findings.push({
        node: statusNode(state.agents, s),
        message:
          `Expected ${model.mode} host routing from the configuration (NodePort, masquerading and legacy-routing flags); ` +
          `cilium status reports ${printed.value} and no log line explains the difference. Confirm the version and read the start-up log.`,
        evidence: [...model.why, ...printed.evidence],
      });
    }
    return findings;
  },
};
