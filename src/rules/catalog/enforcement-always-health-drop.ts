import { groupMonitorEvents } from '../../state/monitor.js';
import type { AgentState } from '../../types/state.js';
import type { Evidence } from '../../types/evidence.js';
import { agentNode } from '../agent-log-queries.js';
import { agentLabel, identityPair, plural } from '../monitor-queries.js';
import type { FindingDraft, Rule } from '../types.js';

const HOST = 1;
const HEALTH = 4;

interface PolicyFlag extends Evidence {
  agent: string;
  value: string;
}

/** The `enable-policy` value of each agent whose flag dump has it. */
function enablePolicy(agents: readonly AgentState[]): Map<string, PolicyFlag> {
  const flags = new Map<string, PolicyFlag>();
  for (const a of agents) {
    const f = a.requested['enable-policy'];
    const at = f?.evidence.at(-1);
    if (f && at) flags.set(a.key, { agent: a.key, value: f.value, source: at.source, line: at.line });
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
  },
  check({ state, db }) {
    const flags = enablePolicy(state.agents);
    const always = [...flags.values()].filter((f) => f.value === 'always');
    if (always.length === 0) return [];
    // Monitor output pasted without a pod name belongs to no agent: it inherits the setting
    // only when every agent that states it says `always`.
    const clusterWide = always.length === flags.size ? always[0]! : null;
    const groups = groupMonitorEvents(
      db,
      { types: ['drop', 'policy-verdict'], dropCodes: [133, 181], policyActions: ['deny'], identities: [HOST, HEALTH] },
      ['agent', 'type', 'src_identity', 'dst_identity'],
    );
    const drafts: FindingDraft[] = [];
    for (const g of groups) {
      const agent = String(g.key.agent);
      const own = flags.get(agent);
      const flag = own ?? clusterWide;
      if (!flag || flag.value !== 'always') continue;
      const what = g.key.type === 'drop' ? plural(g.count, 'policy drop') : plural(g.count, 'deny verdict');
      drafts.push({
        node: agentNode(state.agents, agent),
        message:
          `enable-policy=always${own ? '' : ` (configured for ${flag.agent})`} and ${what} of host/health traffic ` +
          `${agentLabel(agent)}: ${identityPair(g)}. Expected health and host traffic to be allowed explicitly under ` +
          '"always" enforcement; add a rule for reserved:health / reserved:host.',
        evidence: [{ source: flag.source, line: flag.line }, ...g.evidence],
      });
    }
    return drafts;
  },
};
