import { byAgent, linesContaining } from '../agent-log-queries.js';
import { statusAgents, statusNode } from '../status-queries.js';
import type { FindingDraft, Rule } from '../types.js';

const HUBBLE_QUEUE_FULL = 'hubble events queue is full';
const HUBBLE_MESSAGES_LOST = 'messages were lost';

export const rule: Rule = {
  meta: {
    name: 'monitor-events-lost',
    specId: 'HLT-06',
    severity: 'warning',
    title: 'Monitor / Hubble events were lost',
    meaning:
      'Observability is incomplete on this node: absence-based conclusions (an expected trace not seen) are unreliable.',
    checkNext: 'Raise the monitor queue / hubble-event-queue-size, use monitor aggregation, provision more CPU.',
    reads: ['S', 'L'],
  },
  check({ state, db }) {
    const findings: FindingDraft[] = [];
    const seen = new Set<string>();
    for (const s of statusAgents(db)) {
      const lost = s.extra.monitorLost;
      if (!lost || lost.value === 0) continue;
      seen.add(s.key);
      findings.push({
        node: statusNode(state.agents, s),
        message: `Expected no lost monitor events; NodeMonitor reports ${lost.value} events lost. Traces missing from a capture on this node prove nothing; raise the queue size or aggregation.`,
        evidence: lost.evidence,
      });
    }
    const logged = [...linesContaining(db, HUBBLE_QUEUE_FULL), ...linesContaining(db, HUBBLE_MESSAGES_LOST)].filter(
      (l) => l.msg.includes('hubble') || l.msg.includes(HUBBLE_MESSAGES_LOST),
    );
    for (const [agent, lines] of byAgent(logged)) {
      findings.push({
        node: state.agents.find((a) => a.key === agent)?.node?.value ?? null,
        message: `Expected Hubble to keep up with events; the agent logged that its event queue was full and messages were lost (${lines.length} line${lines.length === 1 ? '' : 's'}). Raise hubble-event-queue-size or provision more CPU.`,
        evidence: lines.slice(0, 5),
      });
    }
    return findings;
  },
};
