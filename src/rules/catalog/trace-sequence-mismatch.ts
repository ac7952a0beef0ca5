import type { ExpectedHop, FlowVariant, ObservedHop, ReplayedFlow } from '../../types/flows.js';
import { agentAt, evidenceOf, flowLabel, inEveryVariant, nodeOfFlow } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

interface Mismatch {
  side: 'client' | 'server';
  leg: 'request' | 'reply';
  observed: ObservedHop[];
  unexpected: ObservedHop[];
  missing: ExpectedHop[];
}

const arrow = (point: string): string => (point.startsWith('to-') ? `-> ${point.slice(3)}` : `<- ${point.slice(5)}`);

function sideOf(flow: ReplayedFlow, hop: ObservedHop, v: FlowVariant): 'client' | 'server' | null {
  if (hop.expected !== null) {
    const side = v.expected[hop.expected]!.side;
    return side === 'lb' ? null : side;
  }
  const place = hop.observation.place;
  if (flow.client.node !== null && place === flow.client.node && place !== flow.server.node) return 'client';
  if (flow.server.node !== null && place === flow.server.node && place !== flow.client.node) return 'server';
  return null;
}

/**
 * Whether the monitor demonstrably ran while the packet passed expected hop `index`: events of the
 * same leg on the same node were printed both before and after it (a paste may start or end mid-flow).
 */
function covered(v: FlowVariant, leg: 'request' | 'reply', side: 'client' | 'server', index: number): boolean {
  const seen = v.observed
    .filter((h) => h.leg === leg && h.observation.tool === 'monitor' && h.expected !== null && v.expected[h.expected]!.side === side)
    .map((h) => h.expected!);
  return seen.some((i) => i < index) && seen.some((i) => i > index);
}

/** Trace points of one leg on one node: seen but not predicted, or predicted (and emitted) but not seen. */
function mismatch(flow: ReplayedFlow, v: FlowVariant): Mismatch | null {
  // An unclassified flow has no predicted path to differ from.
  if (v.expected.length === 0) return null;
  for (const leg of ['request', 'reply'] as const) {
    for (const side of ['client', 'server'] as const) {
      const observed = v.observed.filter((h) => h.leg === leg && h.observation.kind === 'trace' && sideOf(flow, h, v) === side);
      if (observed.length === 0) continue;
      const expected = v.expected.filter((e) => e.leg === leg && e.side === side && e.at.kind === 'trace');
      const unexpected = observed.filter((h) => h.expected === null && !expected.some((e) => e.at.point === h.at.point && e.emitted !== 'no'));
      const seen = new Set(observed.map((h) => h.at.point));
      const missing = v.expected.filter((e, i) => e.leg === leg && e.side === side && e.at.kind === 'trace' && e.emitted === 'yes' && !seen.has(e.at.point) && covered(v, leg, side, i));
      if (unexpected.length > 0 || missing.length > 0) return { side, leg, observed, unexpected, missing };
    }
  }
  return null;
}

export const rule: Rule = {
  meta: {
    name: 'trace-sequence-mismatch',
    specId: 'PKT-12',
    severity: 'warning',
    title: 'Monitor trace points differ from the predicted path',
    meaning:
      'The datapath took another routing decision than modelled: an ipcache entry without tunnel endpoint, a missing route, ' +
      'a policy redirect to the proxy. Only points the configured monitor aggregation can emit are compared.',
    checkNext: '`cilium bpf ipcache get <destination>`, `cilium bpf tunnel list`, L7 policies selecting the endpoints.',
    reads: ['M', 'C', 'S'],
    messages: {
      unexpected:
        'Expected {{expected}} for the {{leg}} of {{flow}} on {{node}}; the monitor shows {{observed}}. The datapath routed ' +
        'it differently: check the ipcache and tunnel entries of the destination.',
      missing:
        'Expected {{missing}} for the {{leg}} of {{flow}} on {{node}} (monitor aggregation emits it); the monitor shows only {{observed}}.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      const m = inEveryVariant(flow, (v) => mismatch(flow, v));
      if (!m) continue;
      const expectedPoints = flow.expected.filter((e) => e.leg === m.leg && e.side === m.side && e.at.kind === 'trace' && e.emitted !== 'no');
      const node = nodeOfFlow(flow, m.side);
      const lost = agentAt(state, m.side === 'client' ? flow.client.node : flow.server.node)?.status?.facts.monitorLost?.value ?? 0;
      drafts.push({
        messageId: m.unexpected.length > 0 ? 'unexpected' : 'missing',
        data: {
          expected: expectedPoints.map((e) => arrow(e.at.point!)).join(', ') || 'no trace',
          leg: m.leg,
          flow: flowLabel(flow),
          node: node ?? `the ${m.side}'s node`,
          observed: m.observed.map((h) => arrow(h.at.point!)).join(', '),
          missing: m.missing.map((e) => arrow(e.at.point!)).join(', '),
        },
        // Lost events make absences meaningless (HLT-06).
        severity: lost > 0 ? 'info' : 'warning',
        node,
        evidence: evidenceOf(...(m.unexpected.length > 0 ? m.unexpected : m.observed).map((h) => h.observation)),
        flow: { id: flow.id, hop: flow.observed.findIndex((h) => h.observation === (m.unexpected[0] ?? m.observed[0])!.observation) },
      });
    }
    return drafts;
  },
};
