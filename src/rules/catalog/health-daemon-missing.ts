import type { Evidence } from '../../types/evidence.js';
import type { AgentState, StatusFieldFact } from '../../types/state.js';
import { flag, lastLine } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

const at = (f: StatusFieldFact): Evidence => f.evidence;

/**
 * `cilium status` prints `Cilium health daemon:` between `NodeMonitor:` (and its `events lost` line)
 * and `IPAM:` whenever the agent launched its health daemon; a block where those two lines meet
 * without it is a status of an agent whose health daemon never started.
 */
function missingBetween(fields: Record<string, StatusFieldFact>): Evidence[] | null {
  const monitor = fields['NodeMonitor'];
  const ipam = fields['IPAM'];
  if (!monitor || !ipam || monitor.evidence.source !== ipam.evidence.source) return null;
  const lost = fields['Events lost'];
  const gap = ipam.evidence.line - monitor.evidence.line;
  const adjacent = gap === 1 || (gap === 2 && lost !== undefined && lost.evidence.line === monitor.evidence.line + 1);
  return adjacent ? [at(monitor), at(ipam)] : null;
}

/** Health checking is on unless the agent's configuration turns it off (it is on by default in every release). */
function healthChecking(agent: AgentState): { on: boolean; evidence: Evidence[] } {
  const f = flag(agent, 'enable-health-checking');
  return { on: f?.value !== 'false', evidence: f ? lastLine(f) : [] };
}

export const rule: Rule = {
  meta: {
    name: 'health-daemon-missing',
    severity: 'error',
    title: 'The cilium-health daemon is not running',
    meaning:
      '`cilium status` prints `Cilium health daemon:` whenever the agent launched its health daemon. A status of an agent with ' +
      'health checking on that lacks the line (between `NodeMonitor:` and `IPAM:`), or shows it failing, means the health ' +
      'responder never started or is broken: cluster health seen from and towards this node is meaningless.',
    checkNext:
      'The agent log around `cilium-health` / `health-server` (`Serving cilium health API`), `cilium-health status`, and restart ' +
      'the agent pod; do not read this node\'s cluster-health table as network evidence.',
    reads: ['S', 'C'],
    messages: {
      missing:
        '{{agent}}: `cilium status` goes from `NodeMonitor:` to `IPAM:` without a `Cilium health daemon:` line while health checking ' +
        'is on{{flag}}: the health daemon never started. Cluster health from this node is meaningless; check the agent log for ' +
        'the health server and restart the agent.',
      failing:
        '{{agent}}: `Cilium health daemon: {{value}}` while health checking is on: the health responder is not working, so cluster ' +
        'health from this node is meaningless. Check the agent log for the health server and run `cilium-health status`.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const fields = agent.status?.fields;
      if (!fields) continue;
      const checking = healthChecking(agent);
      if (!checking.on) continue;
      const name = agent.node?.value ?? agent.pod ?? 'this agent';
      const daemon = fields['Cilium health daemon'];
      const unreachable = fields['Cluster health']?.value.includes('cilium-health daemon unreachable') ? [at(fields['Cluster health']!)] : [];
      if (daemon && !/^(?:Ok|OK)\b/.test(daemon.value)) {
        drafts.push({ messageId: 'failing', data: { agent: name, value: daemon.value.trim() }, node: agent.node?.value ?? null, evidence: [at(daemon), ...unreachable] });
        continue;
      }
      const gap = missingBetween(fields);
      if (!gap || (daemon && daemon.evidence.source === gap[0]!.source && daemon.evidence.line > gap[0]!.line && daemon.evidence.line < gap[1]!.line)) continue;
      drafts.push({
        messageId: 'missing',
        data: { agent: name, flag: checking.evidence.length > 0 ? ' (`enable-health-checking` is not false)' : ' (the default)' },
        node: agent.node?.value ?? null,
        evidence: [...gap, ...checking.evidence, ...unreachable],
      });
    }
    return drafts;
  },
};
