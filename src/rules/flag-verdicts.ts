import { judgeFlag, type FlagVerdict } from '../knowledge/flags.js';
import { parseVersion } from '../knowledge/versions.js';
import type { AgentState } from '../types/state.js';
import type { FindingDraft } from './types.js';

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
      drafts.push({
        messageId: status,
        data: {
          flag: flag.name,
          value: flag.value,
          since: verdict.since,
          version: agent.version!.value,
          instead: verdict.replacedBy ? ` Use ${verdict.replacedBy}.` : '',
        },
        node: agent.node?.value ?? null,
        evidence: [...flag.evidence, ...agent.version!.evidence],
      });
    }
  }
  return drafts;
}
