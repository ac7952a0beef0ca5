import type { ReplayedFlow } from '../../types/flows.js';
import { evidenceOf } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';
import { append } from '../../types/collections.js';

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
    const groups = new Map<string, ReplayedFlow[]>();
    for (const flow of flows) {
      if (!flow.ambiguity) continue;
      const key = flow.ambiguity.dimensions.join(', ');
      append(groups, key, flow);
    }
    const drafts: FindingDraft[] = [];
    for (const group of groups.values()) {
      const first = group[0]!;
      drafts.push({
        messageId: 'ambiguous',
        data: {
          count: group.length,
          flows: group.slice(0, MAX_FLOWS).map((f) => f.id).join(', ') + (group.length > MAX_FLOWS ? ', …' : ''),
          dimensions: first.ambiguity!.dimensions.map((d) => DIMENSIONS[d] ?? d).join(', '),
        },
        node: null,
        evidence: evidenceOf(...group.slice(0, MAX_FLOWS).map((f) => f.observations[0]!)),
        flow: { id: first.id, hop: null },
      });
    }
    return drafts;
  },
};
