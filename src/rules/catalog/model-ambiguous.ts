import type { Evidence } from '../../types/evidence.js';
import { evidenceOf } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

const MAX_FLOWS = 5;

/** The model's variant dimensions in words. */
const DIMENSIONS: Record<string, string> = {
  routing: 'the routing mode (tunnel or native)',
  hostRouting: 'the host routing mode (BPF or legacy)',
  endpointRoutes: 'endpoint routes',
  aggregation: 'the monitor aggregation level',
};

export const rule: Rule = {
  meta: {
    name: 'model-ambiguous',
    severity: 'info',
    title: 'The path depends on configuration the inputs do not state',
    meaning:
      'For these flows the model evaluated every value of the unknown settings (datapath-model.md §7.4) and they predict ' +
      'different observations: per-packet divergence rules stay silent for them rather than guess.',
    checkNext: 'Add the agents\' flag dumps (start-up log), `cilium status` or the cilium-config ConfigMap of the nodes involved.',
    reads: ['C', 'S', 'M', 'T'],
    messages: {
      ambiguous:
        '{{count}} flow(s) ({{flows}}) would be seen differently depending on {{dimensions}}, which the inputs do not state; ' +
        'no divergence is reported for them. Provide the agents\' configuration to decide.',
    },
  },
  flows: (flow) => flow.ambiguity !== null,
  check({ flows }) {
    // Per unknown, the flow count and the first few flows (their ids and first lines): never every flow.
    const groups = new Map<string, { dimensions: string[]; count: number; ids: number[]; evidence: Evidence[] }>();
    for (const flow of flows) {
      if (!flow.ambiguity) continue;
      const key = flow.ambiguity.dimensions.join(', ');
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { dimensions: flow.ambiguity.dimensions, count: 0, ids: [], evidence: [] }));
      group.count++;
      if (group.ids.length < MAX_FLOWS) {
        group.ids.push(flow.id);
        group.evidence.push(...evidenceOf(flow.observations[0]!));
      }
    }
    const drafts: FindingDraft[] = [];
    for (const group of groups.values()) {
      drafts.push({
        messageId: 'ambiguous',
        data: {
          count: group.count,
          flows: group.ids.join(', ') + (group.count > MAX_FLOWS ? ', …' : ''),
          dimensions: group.dimensions.map((d) => DIMENSIONS[d] ?? d).join(', '),
        },
        node: null,
        evidence: group.evidence,
        flow: { id: group.ids[0]!, hop: null },
      });
    }
    return drafts;
  },
};
