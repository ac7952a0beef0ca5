import { MAGLEV_TABLE_SIZE_INVALID } from '../../knowledge/agent-messages.js';
import { MAGLEV_TABLE_SIZES } from '../../knowledge/load-balancing.js';
import type { Evidence } from '../../types/evidence.js';
import type { AgentState } from '../../types/state.js';
import { carrying, firstLines, flag, lastLine } from '../agents.js';
import { maglevSelected } from '../maglev.js';
import type { FindingDraft, Rule } from '../types.js';

/** The configured Maglev table size when the algorithm is Maglev and the size is not one the agent accepts. */
function invalidSize(agent: AgentState): { size: string; evidence: Evidence[] } | null {
  const maglev = maglevSelected(agent);
  const size = flag(agent, 'bpf-lb-maglev-table-size');
  if (!maglev || !size || MAGLEV_TABLE_SIZES.includes(Number(size.value))) return null;
  return { size: size.value, evidence: [...maglev, ...lastLine(size)] };
}

export const rule: Rule = {
  meta: {
    name: 'maglev-table-invalid',
    specId: 'CFG-10',
    severity: 'error',
    title: 'Maglev table size the agent does not accept',
    meaning: `With Maglev backend selection the table size must be one of ${MAGLEV_TABLE_SIZES.join(', ')}; any other value is a fatal start-up error.`,
    checkNext: 'Pick a listed prime of at least 100 × the largest number of backends of a service.',
    reads: ['C', 'L'],
    messages: {
      configured:
        `Expected bpf-lb-maglev-table-size to be one of ${MAGLEV_TABLE_SIZES.join(', ')} with Maglev; it is {{size}}, so the agent ` +
        'refuses to start. Pick a listed prime of at least 100 × the largest backend count.',
      logged: 'The agent refused its Maglev table size: "{{text}}". Pick a listed prime of at least 100 × the largest backend count.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const node = agent.node?.value ?? null;
      const logged = agent.log.signals['maglev-table-invalid'];
      const configured = invalidSize(agent);
      if (logged) {
        const text = carrying(logged[0]!, [MAGLEV_TABLE_SIZE_INVALID]);
        drafts.push({ messageId: 'logged', data: { text }, node, evidence: [...firstLines(logged, 3), ...(configured?.evidence ?? [])] });
      } else if (configured) drafts.push({ messageId: 'configured', data: { size: configured.size }, node, evidence: configured.evidence });
    }
    return drafts;
  },
};
