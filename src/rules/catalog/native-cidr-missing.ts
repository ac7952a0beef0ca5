import { NATIVE_CIDR_MISSING } from '../../knowledge/agent-messages.js';
import type { Evidence } from '../../types/evidence.js';
import type { AgentState } from '../../types/state.js';
import { agentNode, byAgent, linesContaining } from '../agent-log-queries.js';
import type { FindingDraft, Rule } from '../types.js';

const MANAGED_IPAM = new Set(['eni', 'azure', 'alibabacloud']);

/** CFG-14 from the configuration: native routing, masquerading on, no native-routing CIDR. */
function missingFromConfig(agent: AgentState): Evidence[] | null {
  const r = agent.requested;
  if (agent.effective.routingMode?.value !== 'native') return null;
  const masq = r['enable-ipv4-masquerade'] ?? r['masquerade'];
  if (!masq || masq.value !== 'true') return null;
  const cidr = r['ipv4-native-routing-cidr'] ?? r['native-routing-cidr'];
  if (!cidr || cidr.value !== '') return null;
  const ipam = r['ipam'];
  if (!ipam || MANAGED_IPAM.has(ipam.value)) return null;
  if (r['enable-ip-masq-agent']?.value === 'true') return null;
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
  },
  check({ state, db }) {
    const drafts = new Map<string, FindingDraft>();
    for (const [agent, found] of byAgent(linesContaining(db, NATIVE_CIDR_MISSING))) {
      const fatal = found.some((l) => l.level === 'fatal' || l.level === 'panic');
      drafts.set(agent, {
        node: agentNode(state.agents, agent),
        message:
          `The agent ${fatal ? 'refused to start' : 'reported an invalid configuration'}: native routing is on with ` +
          'masquerading but no native-routing CIDR is configured. Set ipv4-native-routing-cidr to the pod CIDR range.',
        evidence: found,
      });
    }
    for (const agent of state.agents) {
      const evidence = missingFromConfig(agent);
      if (!evidence) continue;
      const existing = drafts.get(agent.key);
      if (existing) existing.evidence.push(...evidence);
      else {
        drafts.set(agent.key, {
          node: agent.node?.value ?? null,
          message:
            'Routing is native and masquerading is on, but ipv4-native-routing-cidr is empty: expected a CIDR ' +
            'covering all pod CIDRs. The agent refuses to start or masquerades pod-to-pod traffic across nodes.',
          evidence,
        });
      }
    }
    return [...drafts.values()];
  },
};
