import type { Evidence } from '../../types/evidence.js';
import type { AgentState } from '../../types/state.js';
import { flag } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

const MANAGED_IPAM = new Set(['eni', 'azure', 'alibabacloud']);

/** CFG-14 from the configuration: native routing, masquerading on, no native-routing CIDR. */
function missingFromConfig(agent: AgentState): Evidence[] | null {
  if (agent.effective.routingMode?.value !== 'native') return null;
  const masq = flag(agent, 'enable-ipv4-masquerade');
  if (!masq || masq.value !== 'true') return null;
  const cidr = flag(agent, 'ipv4-native-routing-cidr');
  if (!cidr || cidr.value !== '') return null;
  const ipam = flag(agent, 'ipam');
  if (!ipam || MANAGED_IPAM.has(ipam.value)) return null;
  if (flag(agent, 'enable-ip-masq-agent')?.value === 'true') return null;
  return [...agent.effective.routingMode.evidence, ...masq.evidence, ...cidr.evidence, ...ipam.evidence];
}

export const rule: Rule = {
  meta: {
    name: 'native-cidr-missing',
    specId: 'CFG-14',
    severity: 'error',
    title: 'Native routing without a native-routing CIDR',
    meaning:
      'In native routing mode with masquerading on, Cilium must know which destinations are routable without ' +
      'SNAT. Without ipv4-native-routing-cidr the agent refuses to start, or pod-to-pod traffic across nodes is ' +
      'masqueraded.',
    checkNext:
      'Set ipv4-native-routing-cidr (1.9–1.10: native-routing-cidr) to the whole pod CIDR range, or use ' +
      'ip-masq-agent / tunnel mode.',
    reads: ['L', 'C'],
    messages: {
      logged:
        'The agent {{what}}: native routing is on with masquerading but no native-routing CIDR is configured. ' +
        'Set ipv4-native-routing-cidr to the pod CIDR range.',
      configured:
        'Routing is native and masquerading is on, but ipv4-native-routing-cidr is empty: expected a CIDR ' +
        'covering all pod CIDRs. The agent refuses to start or masquerades pod-to-pod traffic across nodes.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const node = agent.node?.value ?? null;
      const logged = agent.log.signals['native-cidr-missing'];
      const fromConfig = missingFromConfig(agent);
      if (logged) {
        const fatal = logged.some((l) => l.level === 'fatal' || l.level === 'panic');
        drafts.push({
          messageId: 'logged',
          data: { what: fatal ? 'refused to start' : 'reported an invalid configuration' },
          node,
          evidence: [...logged, ...(fromConfig ?? [])],
        });
      } else if (fromConfig) drafts.push({ messageId: 'configured', node, evidence: fromConfig });
    }
    return drafts;
  },
};
