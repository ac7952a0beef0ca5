import { mapRows, statusAgents, statusNode } from '../status-queries.js';
import type { Rule } from '../types.js';

/** Conntrack and NAT maps whose memory-derived size is checked (HLT-11). */
const CT_NAT_MAPS = new Set(['TCP connection tracking', 'Non-TCP connection tracking', 'NAT']);
/** Below this, a busy node fills CT/NAT (datapath-model.md HLT-11, threshold [U]). */
const MIN_ENTRIES = 131072;

export const rule: Rule = {
  meta: {
    name: 'map-pressure-dynamic-sizing',
    specId: 'HLT-11',
    severity: 'warning',
    title: 'Dynamically sized CT/NAT maps are small',
    meaning: 'Map sizes derived from node memory (bpf-map-dynamic-size-ratio) are too small for a busy workload: CT/NAT insertions fail under load.',
    checkNext: 'Set explicit `bpf-ct-global-tcp-max`, `bpf-ct-global-any-max`, `bpf-nat-global-max`; watch `cilium_bpf_map_pressure`.',
    reads: ['S'],
  },
  check({ state, db }) {
    return statusAgents(db).flatMap((s) => {
      const sizing = s.extra.bpfMapSizing;
      if (!sizing?.value.dynamicSizing) return [];
      const small = mapRows(db, s.key).filter((m) => CT_NAT_MAPS.has(m.name) && m.size < MIN_ENTRIES);
      if (small.length === 0) return [];
      return [
        {
          node: statusNode(state.agents, s),
          message:
            `Dynamic map sizing is on (ratio ${sizing.value.ratio ?? '?'}) and ${small.map((m) => `${m.name} has ${m.size} entries`).join(', ')} ` +
            `(below ${MIN_ENTRIES}). A busy node can fill these maps; set explicit CT/NAT map sizes.`,
          evidence: [...sizing.evidence, ...small],
        },
      ];
    });
  },
};
