import { judgeFlag, type FlagVerdict } from '../knowledge/flags.js';
import { parseVersion } from '../knowledge/versions.js';
import type { AgentState, Fact } from '../types/state.js';
import type { FindingDraft } from './types.js';

/** Configured flags of agents with a known version, judged against that release. */
export function flagFindings(agents: readonly AgentState[], status: FlagVerdict['status']): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const agent of agents) {
    const version = agent.version ? parseVersion(agent.version.value) : null;
    if (!version || version.major !== 1) continue;
    for (const [name, flag] of Object.entries(agent.requested) as [string, Fact<string>][]) {
      const verdict = judgeFlag(name, flag.value, version.minor);
      if (verdict?.status !== status) continue;
      const instead = verdict.replacedBy ? ` Use ${verdict.replacedBy}.` : '';
      drafts.push({
        node: agent.node?.value ?? null,
        message:
          status === 'invalid'
            ? `--${name}='${flag.value}' is configured, but Cilium ${agent.version!.value} no longer accepts it ` +
              `(gone since 1.${verdict.since}): the agent ignores it or refuses to start.${instead}`
            : `--${name}='${flag.value}' is deprecated since 1.${verdict.since} (agent runs ${agent.version!.value}) ` +
              `and will break on upgrade.${instead}`,
        evidence: [...flag.evidence, ...agent.version!.evidence],
      });
    }
  }
  return drafts;
}
