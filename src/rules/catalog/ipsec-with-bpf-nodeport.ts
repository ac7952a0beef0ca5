import { IPSEC_WITH_NODEPORT } from '../../knowledge/agent-messages.js';
import { versionWithin } from '../../knowledge/versions.js';
import type { Evidence } from '../../types/evidence.js';
import type { AgentState } from '../../types/state.js';
import { agentRelease, agentVersion, carrying, firstLines, flag, lastLine } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** The flags that ask for BPF NodePort (§1.4 Step 2), with the KPR mode; null when NodePort is not asked for. */
function nodePortRequested(agent: AgentState): { mode: string | null; evidence: Evidence[] } | null {
  const kpr = flag(agent, 'kube-proxy-replacement');
  const mode = kpr?.value.toLowerCase() ?? null;
  const nodePort = flag(agent, 'enable-node-port');
  if (mode === 'strict' || mode === 'true' || mode === 'probe') return { mode, evidence: lastLine(kpr!) };
  if (mode === 'disabled' || nodePort?.value !== 'true') return null;
  return { mode, evidence: [...(kpr ? lastLine(kpr) : []), ...lastLine(nodePort)] };
}

function ipsecEnabled(agent: AgentState): Evidence[] | null {
  const ipsec = flag(agent, 'enable-ipsec');
  if (ipsec) return ipsec.value === 'true' ? lastLine(ipsec) : null;
  const printed = agent.status?.facts.encryption;
  return printed?.value.mode.toLowerCase() === 'ipsec' ? printed.evidence : null;
}

export const rule: Rule = {
  meta: {
    name: 'ipsec-with-bpf-nodeport',
    specId: 'CFG-17',
    severity: 'error',
    title: 'IPsec together with BPF NodePort on a release that refuses it',
    meaning:
      'Releases 1.9–1.15 cannot combine IPsec with BPF NodePort: the agent refuses to start (≤1.12 with KPR strict/partial, ' +
      '1.13–1.15 always); with KPR probe on ≤1.12 it disables NodePort instead. From 1.16 the combination is supported.',
    checkNext: 'The support matrix of the release: upgrade to 1.16+, use WireGuard, or leave NodePort to kube-proxy.',
    reads: ['C', 'L'],
    messages: {
      logged: 'The agent rejected IPsec with BPF NodePort: "{{text}}". Upgrade to 1.16+, use WireGuard, or disable BPF NodePort.',
      loggedProbe:
        'IPsec is on, so the agent disabled BPF NodePort ("{{text}}"): NodePort, ExternalIP and HostPort services are left to kube-proxy.',
      fatal:
        'IPsec is enabled and BPF NodePort is requested ({{requested}}); {{release}} refuses this combination at start-up ' +
        '("IPSec cannot be used with BPF NodePort"). Upgrade to 1.16+, use WireGuard, or disable BPF NodePort.',
      probe:
        'IPsec is enabled with KPR probe on {{release}}: the agent disables BPF NodePort ("IPSec cannot be used with BPF NodePort. ' +
        'Disabling BPF NodePort feature."), so NodePort, ExternalIP and HostPort services need kube-proxy.',
      unknownRelease:
        'IPsec is enabled and BPF NodePort is requested ({{requested}}): releases 1.9–1.15 refuse this (KPR probe on ≤1.12 disables ' +
        'NodePort instead), 1.16+ support it. The release is unknown: confirm it is 1.16 or later.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const node = agent.node?.value ?? null;
      const logged = agent.log.signals['ipsec-with-nodeport'];
      if (logged) {
        const text = carrying(logged[0]!, [IPSEC_WITH_NODEPORT]);
        const disabled = text.includes('Disabling BPF NodePort');
        drafts.push({ messageId: disabled ? 'loggedProbe' : 'logged', severity: disabled ? 'warning' : 'error', data: { text }, node, evidence: firstLines(logged, 3) });
        continue;
      }
      const ipsec = ipsecEnabled(agent);
      const requested = ipsec ? nodePortRequested(agent) : null;
      if (!ipsec || !requested) continue;
      const v = agentVersion(agent);
      const release = agentRelease(agent);
      const evidence = [...ipsec, ...requested.evidence, ...(release ? lastLine(release) : [])];
      const data = { requested: requested.mode ? `kube-proxy-replacement=${requested.mode}` : 'enable-node-port=true', release: release?.value ?? '' };
      if (v === null) drafts.push({ messageId: 'unknownRelease', severity: 'info', data, node, evidence });
      else if (!versionWithin(v, { from: '1.9', to: '1.15' })) continue;
      else if (requested.mode === 'probe' && versionWithin(v, { to: '1.12' })) drafts.push({ messageId: 'probe', severity: 'warning', data, node, evidence });
      else drafts.push({ messageId: 'fatal', data, node, evidence });
    }
    return drafts;
  },
};
