import { INVALID_FLAG_VALUE } from '../knowledge/agent-messages.js';
import { currentFlagName, judgeFlag, type FlagVerdict } from '../knowledge/flags.js';
import { parseVersion } from '../knowledge/versions.js';
import type { AgentState, LogSignalHit } from '../types/state.js';
import type { FindingDraft } from './types.js';

/** The agent's start-up lines refusing this flag's value (`Invalid value for --NAME`). */
function refusals(agent: AgentState, flag: string): LogSignalHit[] {
  const names = [flag, currentFlagName(flag)].map((n) => `${INVALID_FLAG_VALUE}${n}:`);
  const says = (text: string): boolean => names.some((n) => text.includes(n));
  return (agent.log.signals['invalid-flag-value'] ?? []).filter((h) => says(h.msg) || Object.values(h.fields).some(says));
}

/**
 * Configured flags of agents with a known version, judged against that release under the name the
 * configuration used. The message id is the verdict (`deprecated` or `invalid`).
 */
export function flagFindings(agents: readonly AgentState[], status: FlagVerdict['status']): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const agent of agents) {
    const version = agent.version ? parseVersion(agent.version.value) : null;
    if (!version || version.major !== 1) continue;
    for (const flag of agent.configured) {
      const verdict = judgeFlag(flag.name, flag.value, version.minor);
      if (verdict?.status !== status) continue;
      const refused = refusals(agent, flag.name);
      drafts.push({
        messageId: status,
        data: {
          flag: flag.name,
          value: flag.value,
          since: verdict.since,
          version: agent.version!.value,
          instead: verdict.replacedBy ? ` Use ${verdict.replacedBy}.` : '',
          effect: refused.length > 0 ? 'the agent refused it at start-up' : 'the agent ignores it or refuses to start',
        },
        node: agent.node?.value ?? null,
        evidence: [...flag.evidence, ...agent.version!.evidence, ...refused.map((h) => ({ source: h.source, line: h.line }))],
      });
    }
  }
  return drafts;
}
