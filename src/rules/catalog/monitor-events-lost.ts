import { firstLines, plural } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

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
    messages: {
      statusLost:
        'Expected no lost monitor events; NodeMonitor reports {{lost}} events lost. Traces missing from a capture on this node prove nothing; raise the queue size or aggregation.',
      hubbleQueue:
        'Expected Hubble to keep up with events; the agent logged that its event queue was full and messages were lost ({{lines}}). Raise hubble-event-queue-size or provision more CPU.',
    },
  },
  check({ state }) {
    const findings: FindingDraft[] = [];
    for (const agent of state.agents) {
      const node = agent.node?.value ?? null;
      const lost = agent.status?.facts.monitorLost;
      if (lost && lost.value !== 0) findings.push({ messageId: 'statusLost', data: { lost: lost.value }, node, evidence: lost.evidence });
      const logged = agent.log.signals['hubble-queue-full'];
      if (logged) findings.push({ messageId: 'hubbleQueue', data: { lines: plural(logged.length, 'line') }, node, evidence: firstLines(logged) });
    }
    return findings;
  },
};
