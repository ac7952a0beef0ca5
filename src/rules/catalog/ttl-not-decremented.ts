import { evidenceOf, flowLabel, hopLabel, nodeOfFlow, pathLabel } from '../flow-queries.js';
import { ttlApplies, ttlMismatch } from '../ttl.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'ttl-not-decremented',
    specId: 'PKT-01',
    severity: 'error',
    title: 'TTL higher than the path predicts',
    meaning:
      'A BPF hop did not perform its L3 handling (e.g. BPF NodePort forwarding on ≤1.13), or the capture point is earlier ' +
      'in the path than assumed.',
    checkNext: 'The agent version; which device and direction the capture was taken on.',
    reads: ['M', 'T', 'C', 'S'],
    messages: {
      high:
        'Expected TTL {{expected}} at {{hop}} for {{flow}} ({{path}}); observed {{observed}}: a hop that decrements the TTL ' +
        'did not. Check the capture device and direction, and the agent version.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      if (!ttlApplies(flow, state)) continue;
      const m = ttlMismatch(flow, 1);
      if (!m) continue;
      drafts.push({
        messageId: 'high',
        data: { expected: m.expected.ttl!, observed: m.hop.ttl!, hop: hopLabel(m.hop), flow: flowLabel(flow), path: pathLabel(flow) },
        severity: m.expected.basis === 'V' ? 'error' : 'warning',
        node: nodeOfFlow(flow, m.expected.side === 'client' ? 'client' : 'server'),
        evidence: evidenceOf(m.hop.observation),
        flow: { id: flow.id, hop: m.index },
      });
    }
    return drafts;
  },
};
