import { versionWithin } from '../../knowledge/versions.js';
import type { AgentState, RequestedFlag } from '../../types/state.js';
import { agentVersion, factEvidence, flag, lastLine } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** Releases whose NodePort-off fallback is silent: 1.9.0, and 1.10–1.18 (1.9.1–1.9.18 log it, main logs KPR off). */
function silentRelease(agent: AgentState): boolean {
  const v = agentVersion(agent);
  return v === null || versionWithin(v, { from: '1.9.0', to: '1.9.0' }) || versionWithin(v, { from: '1.10', to: '1.18' });
}

/** Flags showing that the BPF datapath was wanted: BPF masquerading, or KPR strict / true. */
function bpfIntent(agent: AgentState): RequestedFlag[] {
  const masq = flag(agent, 'enable-bpf-masquerade');
  const kpr = flag(agent, 'kube-proxy-replacement');
  return [
    ...(masq?.value === 'true' ? [masq] : []),
    ...(kpr && ['strict', 'true'].includes(kpr.value.toLowerCase()) ? [kpr] : []),
  ];
}

export const rule: Rule = {
  meta: {
    name: 'host-routing-silent-legacy',
    specId: 'CFG-02',
    severity: 'warning',
    title: 'Host routing is legacy because NodePort is off (no fallback logged)',
    meaning:
      'With NodePort disabled (KPR disabled, or partial/false without enable-node-port) the agent uses legacy host routing ' +
      'without logging why (1.9.0, 1.10–1.18). That is the expected result of a default install; it is a silent downgrade ' +
      'when the configuration asks for the BPF datapath (BPF masquerading, or KPR strict/true).',
    checkNext: 'Set kube-proxy-replacement to strict/true (or enable NodePort on ≤1.13) if BPF host routing is wanted.',
    reads: ['C', 'S', 'L'],
    messages: {
      silent:
        'Expected BPF host routing: the configuration asks for the BPF datapath ({{intent}}), enable-host-legacy-routing is not set ' +
        'and no fallback was logged; cilium status reports Host Routing: Legacy with NodePort disabled. Disabling NodePort ' +
        'silently forces legacy host routing: set kube-proxy-replacement to strict/true (or enable NodePort on ≤1.13).',
      expected:
        'Host Routing: Legacy with NodePort disabled and no fallback logged: the expected result of kube-proxy replacement ' +
        'without NodePort (every default install). Set kube-proxy-replacement to strict/true if BPF host routing is wanted.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const routing = agent.status?.printed.hostRouting;
      const nodePort = agent.nodePort;
      if (routing?.value !== 'Legacy' || !nodePort || nodePort.value || agent.log.signals['host-routing-fallback'] || !agent.configKnown) continue;
      if (flag(agent, 'enable-host-legacy-routing')?.value === 'true' || !silentRelease(agent)) continue;
      const intent = bpfIntent(agent);
      const node = agent.node?.value ?? null;
      const evidence = [...factEvidence(routing, nodePort), ...intent.flatMap(lastLine)];
      if (intent.length === 0) drafts.push({ messageId: 'expected', severity: 'info', node, evidence });
      else drafts.push({ messageId: 'silent', data: { intent: intent.map((f) => `${f.name}=${f.value}`).join(', ') }, node, evidence });
    }
    return drafts;
  },
};
