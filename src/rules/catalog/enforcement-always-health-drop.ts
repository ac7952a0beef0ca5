import { dropCodesOf, reservedIdentity } from '../../knowledge/monitor/index.js';
import { selectMonitorGroups } from '../../state/monitor.js';
import type { AgentState, RequestedFlag } from '../../types/state.js';
import { flag, lastLine, nodeOfAgent, plural } from '../agents.js';
import { agentLabel, identityPair } from '../monitor-queries.js';
import type { FindingDraft, Rule } from '../types.js';

const IDENTITIES = [reservedIdentity('host'), reservedIdentity('health')];
const POLICY_DROPS = dropCodesOf('Policy denied', 'Policy denied by denylist');

/** The `enable-policy` flag of each agent whose configuration has it. */
function enablePolicy(agents: readonly AgentState[]): Map<string, RequestedFlag> {
  const flags = new Map<string, RequestedFlag>();
  for (const a of agents) {
    const f = flag(a, 'enable-policy');
    if (f) flags.set(a.key, f);
  }
  return flags;
}

export const rule: Rule = {
  meta: {
    name: 'enforcement-always-health-drop',
    specId: 'PKT-15',
    severity: 'warning',
    title: 'Policy enforcement "always" drops host or health traffic',
    meaning:
      'With `enable-policy=always` every endpoint, including the health endpoint, denies what no rule allows, so ' +
      'health probes and host-originated traffic (kubelet probes) are dropped unless a policy allows them.',
    checkNext: 'Add rules allowing `reserved:health` and `reserved:host` (fromEntities: health, host), or use enforcement `default`.',
    reads: ['C', 'M'],
    messages: {
      dropped:
        'enable-policy=always{{configuredFor}} and {{what}} of host/health traffic {{where}}: {{identities}}. Expected health and host ' +
        'traffic to be allowed explicitly under "always" enforcement; add a rule for reserved:health / reserved:host.',
    },
  },
  check({ state }) {
    const flags = enablePolicy(state.agents);
    const always = [...flags.entries()].filter(([, f]) => f.value === 'always');
    if (always.length === 0) return [];
    // Monitor output pasted without a pod name belongs to no agent: it inherits the setting
    // only when every agent that states it says `always`.
    const clusterWide = always.length === flags.size ? always[0]! : null;
    const groups = selectMonitorGroups(
      state.monitor.groups,
      { types: ['drop', 'policy-verdict'], dropCodes: POLICY_DROPS, policyActions: ['deny'], identities: IDENTITIES },
      ['agent', 'type', 'src_identity', 'dst_identity'],
    );
    const drafts: FindingDraft[] = [];
    for (const g of groups) {
      const agent = String(g.key.agent);
      const own = flags.get(agent);
      const [owner, setting] = own ? [agent, own] : (clusterWide ?? [null, null]);
      if (!setting || setting.value !== 'always') continue;
      drafts.push({
        messageId: 'dropped',
        data: {
          configuredFor: own ? '' : ` (configured for ${owner})`,
          what: g.key.type === 'drop' ? plural(g.count, 'policy drop') : plural(g.count, 'deny verdict'),
          where: agentLabel(agent),
          identities: identityPair(g),
        },
        node: nodeOfAgent(state, agent),
        evidence: [...lastLine(setting), ...g.evidence],
      });
    }
    return drafts;
  },
};
