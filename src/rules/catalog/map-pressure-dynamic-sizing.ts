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
    messages: {
      small:
        'Dynamic map sizing is on (ratio {{ratio}}) and {{maps}} (below {{min}}). A busy node can fill these maps; set explicit CT/NAT map sizes.',
    },
  },
  check({ state }) {
    return state.agents.flatMap((agent) => {
      const sizing = agent.status?.facts.bpfMapSizing;
      if (!sizing?.value.dynamicSizing) return [];
      const small = agent.status!.maps.filter((m) => CT_NAT_MAPS.has(m.name) && m.size < MIN_ENTRIES);
      if (small.length === 0) return [];
      return [
        {
          messageId: 'small',
          data: { ratio: sizing.value.ratio ?? '?', maps: small.map((m) => `${m.name} has ${m.size} entries`).join(', '), min: MIN_ENTRIES },
          node: agent.node?.value ?? null,
          evidence: [...sizing.evidence, ...small.map(({ source, line }) => ({ source, line }))],
        },
      ];
    });
  },
};
