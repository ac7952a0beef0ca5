import { MAP_AUTO_MINIMUMS } from '../../knowledge/bpf-maps.js';
import { dropCodesOf } from '../../knowledge/monitor/index.js';
import { selectMonitorGroups } from '../../state/monitor.js';
import type { AgentState, ClusterState } from '../../types/state.js';
import { nodeOfAgent, plural } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** Drops of a full CT or NAT map. */
const INSERT_DROP_CODES = dropCodesOf('CT: Map insertion failed', 'No mapping for NAT masquerade');

/**
 * Whether monitor output of agent key `key` is this agent's: same key, same node, or — output no pod is
 * known for (`source:<input>`) — the only agent. Output of another named agent pod is never this agent's.
 */
function ownMonitor(state: ClusterState, agent: AgentState, key: string): boolean {
  if (key === agent.key || key === agent.status?.key || (state.agents.length === 1 && key.startsWith('source:'))) return true;
  const node = agent.node?.value;
  return node !== undefined && nodeOfAgent(state, key) === node;
}

export const rule: Rule = {
  meta: {
    name: 'map-pressure-dynamic-sizing',
    specId: 'HLT-11',
    severity: 'warning',
    title: 'Dynamically sized CT/NAT maps are too small for the workload',
    meaning:
      'Map sizes derived from node memory (bpf-map-dynamic-size-ratio) never go below their auto-minimums (CT TCP 131072, ' +
      'CT any 65536, NAT 131072); sizes at the minimum are normal on small nodes. They are too small when CT/NAT insertions ' +
      'fail, or when a map is below its own minimum.',
    checkNext: 'Set explicit `bpf-ct-global-tcp-max`, `bpf-ct-global-any-max`, `bpf-nat-global-max`; watch `cilium_bpf_map_pressure`.',
    reads: ['S', 'M'],
    messages: {
      insertDrops:
        'Dynamic map sizing is on (ratio {{ratio}}{{sizes}}) and the datapath dropped {{drops}}: the memory-derived CT/NAT maps are ' +
        'too small for this workload. Set explicit CT/NAT map sizes.',
      belowMinimum:
        'Dynamic map sizing is on (ratio {{ratio}}) and {{maps}}, below the auto-minimum dynamic sizing keeps. Set explicit CT/NAT map sizes.',
    },
    covers: { dropCodes: INSERT_DROP_CODES },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    const dropGroups = selectMonitorGroups(state.monitor.groups, { types: ['drop'], dropCodes: INSERT_DROP_CODES }, ['agent', 'drop_reason'], 3);
    for (const agent of state.agents) {
      const sizing = agent.status?.facts.bpfMapSizing;
      if (!sizing?.value.dynamicSizing) continue;
      const maps = agent.status!.maps.filter((m) => MAP_AUTO_MINIMUMS[m.name] !== undefined);
      const mapLines = maps.map(({ source, line }) => ({ source, line }));
      const ratio = sizing.value.ratio ?? '?';
      const node = agent.node?.value ?? null;
      const drops = dropGroups.filter((g) => ownMonitor(state, agent, String(g.key.agent)));
      if (drops.length > 0) {
        drafts.push({
          messageId: 'insertDrops',
          data: {
            ratio,
            sizes: maps.length > 0 ? `; ${maps.map((m) => `${m.name} ${m.size}`).join(', ')}` : '',
            drops: drops.map((g) => `${plural(g.count, 'packet')} with "${g.key.drop_reason}"`).join(' and '),
          },
          node,
          evidence: [...sizing.evidence, ...mapLines, ...drops.flatMap((g) => g.evidence.map(({ source, line }) => ({ source, line })))],
        });
        continue;
      }
      const small = maps.filter((m) => m.size < MAP_AUTO_MINIMUMS[m.name]!);
      if (small.length === 0) continue;
      drafts.push({
        messageId: 'belowMinimum',
        data: { ratio, maps: small.map((m) => `${m.name} has ${m.size} entries (minimum ${MAP_AUTO_MINIMUMS[m.name]})`).join(', ') },
        node,
        evidence: [...sizing.evidence, ...small.map(({ source, line }) => ({ source, line }))],
      });
    }
    return drafts;
  },
};
