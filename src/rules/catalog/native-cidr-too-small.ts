import { datapathConfig } from '../../model/index.js';
import type { Evidence } from '../../types/evidence.js';
import type { AgentState } from '../../types/state.js';
import { flag, lastLine } from '../agents.js';
import { cidrWithin, isIPv4Cidr } from '../cidrs.js';
import type { FindingDraft, Rule } from '../types.js';

/** Where masquerading keeps to the native-routing CIDR: native routing, IPv4 masquerading, no ip-masq-agent. */
function nativeRoutingCidr(agent: AgentState): { cidr: string; evidence: Evidence[] } | null {
  const cfg = datapathConfig(agent);
  if (cfg.routing !== 'native' || cfg.masquerade !== true || cfg.ipMasqAgent) return null;
  if (flag(agent, 'enable-ipv4-masquerade')?.value === 'false') return null;
  const configured = flag(agent, 'ipv4-native-routing-cidr');
  const printed = agent.status?.facts.masqueradeCIDR;
  // A configuration without the CIDR is native-cidr-missing's; status prints the exclusion CIDR after the devices.
  const source = configured ? (configured.value !== '' ? configured : null) : printed;
  if (!source || !isIPv4Cidr(source.value)) return null;
  return { cidr: source.value, evidence: [...lastLine(source), ...(cfg.evidence.routing ?? []), ...(cfg.evidence.masquerade ?? [])] };
}

export const rule: Rule = {
  meta: {
    name: 'native-cidr-too-small',
    specId: 'CFG-15',
    severity: 'error',
    title: 'A node PodCIDR lies outside the native-routing CIDR',
    meaning:
      'In native routing with IPv4 masquerading, Cilium masquerades every destination outside ipv4-native-routing-cidr. Pod ' +
      'traffic to a node whose PodCIDR lies outside it is SNATed to the node address, so the receiving side sees the node ' +
      'identity instead of the pod (policy and source IP break).',
    checkNext: 'Widen ipv4-native-routing-cidr to cover the whole pod range (cluster-pool CIDR or every node PodCIDR).',
    reads: ['C', 'S', 'K', 'R'],
    messages: {
      outside:
        'Expected every node PodCIDR inside the native-routing CIDR {{cidr}}; {{outside}} {{verb}} outside it, so pod traffic to ' +
        '{{them}} is masqueraded to the node address. Widen ipv4-native-routing-cidr to the whole pod range.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const native = nativeRoutingCidr(agent);
      if (!native) continue;
      const outside = state.nodes.flatMap((n) =>
        n.podCIDRs.filter((c) => isIPv4Cidr(c) && !cidrWithin(c, native.cidr)).map((cidr) => ({ node: n, cidr })),
      );
      if (outside.length === 0) continue;
      drafts.push({
        messageId: 'outside',
        data: {
          cidr: native.cidr,
          outside: outside.map((o) => `${o.cidr} of ${o.node.name}`).join(', '),
          verb: outside.length === 1 ? 'lies' : 'lie',
          them: outside.length === 1 ? 'that node' : 'those nodes',
        },
        node: agent.node?.value ?? null,
        evidence: [...native.evidence, ...outside.flatMap((o) => o.node.evidence.slice(0, 3))],
      });
    }
    return drafts;
  },
};
