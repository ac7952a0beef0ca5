import type { Observation, ReplayedFlow } from '../../types/flows.js';
import { configAt, evidenceOf, flowLabel } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

/** Events that end a local delivery: the trace to the endpoint or its proxy, or a drop. */
function delivered(o: Observation, endpoint: number): boolean {
  return (o.point === 'to-endpoint' && o.destEndpoint === endpoint) || o.point === 'to-proxy' || o.kind === 'drop';
}

export const rule: Rule = {
  meta: {
    name: 'local-delivery-without-endpoint-trace',
    specId: 'PKT-13',
    severity: 'warning',
    title: 'A local delivery was not followed by the endpoint\'s trace',
    meaning:
      'The destination\'s policy program did not run or did not trace: a missed tail call, an endpoint not ready or being ' +
      'regenerated. Judged only without monitor aggregation, or for new connections (debug lines are never aggregated).',
    checkNext: 'Drops `Missed tail call`, `cilium endpoint list` state of the endpoint, regeneration errors in the agent log.',
    reads: ['M', 'C'],
    messages: {
      noTrace:
        'Expected `-> endpoint {{endpoint}}` (or a proxy redirect or a drop) after "Attempting local delivery for container id ' +
        '{{endpoint}}" in {{flow}}; the monitor printed none on that node. Check endpoint {{endpoint}} and missed tail calls.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      const obs = flow.observations;
      for (const [i, o] of obs.entries()) {
        if (o.debug?.name !== 'DBG_LOCAL_DELIVERY' || o.destEndpoint === null) continue;
        const aggregation = configAt(state, o.node ?? (o.agent ? `agent:${o.agent}` : null)).monitorAggregation;
        if (aggregation !== 'none' && !newFlow(flow)) continue;
        if (obs.slice(i + 1).some((later) => later.place === o.place && delivered(later, o.destEndpoint!))) continue;
        drafts.push({
          messageId: 'noTrace',
          data: { endpoint: o.destEndpoint, flow: flowLabel(flow) },
          node: o.node,
          evidence: evidenceOf(o),
          flow: { id: flow.id, hop: i },
        });
        break;
      }
    }
    return drafts;
  },
};

/** The flow's conntrack verdict says New: its first packets are reported at any aggregation. */
function newFlow(flow: ReplayedFlow): boolean {
  return flow.observations.some((o) => o.debug?.name === 'DBG_CT_VERDICT' && /^New/.test(o.debug.message.replace(/^CT verdict: /, '')));
}
