import {
  MAGLEV_DEFAULT_TABLE_SIZE,
  MAGLEV_TABLE_PER_BACKEND,
  MAGLEV_TABLE_SIZES,
  NORTH_SOUTH_SERVICE_TYPES,
  maglevTableFor,
} from '../../knowledge/load-balancing.js';
import type { Evidence } from '../../types/evidence.js';
import type { AgentState, ClusterState, ServiceState } from '../../types/state.js';
import { flag, lastLine } from '../agents.js';
import { maglevSelected } from '../maglev.js';
import type { FindingDraft, Rule } from '../types.js';

/** The agent's Maglev table size when it selects backends with Maglev, with the lines that say so. */
function maglevTable(agent: AgentState): { size: number; evidence: Evidence[] } | null {
  const maglev = maglevSelected(agent);
  if (!maglev) return null;
  const printedSize = agent.status?.facts.maglevTableSize;
  if (printedSize) return { size: printedSize.value, evidence: printedSize.evidence };
  const configured = flag(agent, 'bpf-lb-maglev-table-size');
  if (!configured) return { size: MAGLEV_DEFAULT_TABLE_SIZE, evidence: maglev };
  const size = Number(configured.value);
  // An unaccepted size stops the agent (maglev-table-invalid).
  return MAGLEV_TABLE_SIZES.includes(size) ? { size, evidence: [...maglev, ...lastLine(configured)] } : null;
}

/**
 * North-south service frontends this agent load-balances: its own listing (every listing when it is
 * the only agent), and Kubernetes services.
 */
function northSouthServices(state: ClusterState, agent: AgentState): ServiceState[] {
  const node = agent.node?.value ?? null;
  const only = state.agents.length === 1;
  return state.services.filter(
    (s) =>
      NORTH_SOUTH_SERVICE_TYPES.includes(s.type) &&
      (only || s.agent === null || s.agent === agent.key || s.agent === agent.status?.key || (node !== null && s.node === node)),
  );
}

/** Backends Maglev spreads new connections over: active ones (terminating and quarantined backends take none). */
const activeBackends = (s: ServiceState): number => s.backends.filter((b) => b.state === null || b.state === 'active').length;

export const rule: Rule = {
  meta: {
    name: 'maglev-table-too-small',
    specId: 'CFG-11',
    severity: 'warning',
    title: 'Maglev table too small for the backends of a service',
    meaning:
      `Maglev keeps backend reassignment under 1 % only while the table has more than ${MAGLEV_TABLE_PER_BACKEND} entries per backend; ` +
      'with fewer, a backend change moves more existing north-south connections to other backends.',
    checkNext: 'Raise bpf-lb-maglev-table-size (maglev.tableSize) to a listed prime of at least 100 × the largest backend count.',
    reads: ['C', 'S'],
    messages: {
      tooSmall:
        `Expected a Maglev table of at least ${MAGLEV_TABLE_PER_BACKEND} × the backends of each north-south service; the table has {{size}} entries ` +
        'and {{service}} ({{type}}) has {{backends}} active backends{{others}}. Raise bpf-lb-maglev-table-size to {{needed}}.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const table = maglevTable(agent);
      if (!table) continue;
      const over = northSouthServices(state, agent)
        .filter((s) => activeBackends(s) * MAGLEV_TABLE_PER_BACKEND > table.size)
        .sort((a, b) => activeBackends(b) - activeBackends(a));
      const largest = over[0];
      if (!largest) continue;
      const needed = maglevTableFor(activeBackends(largest));
      const others = over.length - 1;
      drafts.push({
        messageId: 'tooSmall',
        data: {
          size: table.size,
          service: largest.name ?? largest.frontend,
          type: largest.type,
          backends: activeBackends(largest),
          others: others > 0 ? ` (${others} more frontend${others === 1 ? '' : 's'} too)` : '',
          needed: needed === null ? `its maximum ${MAGLEV_TABLE_SIZES.at(-1)!} (no accepted size is large enough)` : String(needed),
        },
        node: agent.node?.value ?? null,
        // The frontend's row and its last backend row (which numbers the backends), for the largest few.
        evidence: [...table.evidence, ...over.slice(0, 5).flatMap((s) => [s.evidence[0]!, ...(s.evidence.length > 1 ? [s.evidence.at(-1)!] : [])])],
      });
    }
    return drafts;
  },
};
