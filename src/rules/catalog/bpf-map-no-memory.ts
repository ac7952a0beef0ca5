import { MAP_NO_MEMORY } from '../../knowledge/agent-messages.js';
import type { LogSignalHit } from '../../types/state.js';
import { carrying, firstLines, plural } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** A BPF map named in the line (`cilium_ct4_global`, `/sys/fs/bpf/tc/globals/cilium_ipcache`). */
const MAP_NAME = /\b(cilium_[a-z0-9_]+)/;
/** The line is about a BPF map (creating, opening or updating one), not another allocation (XFRM, netlink). */
const ABOUT_A_MAP = /\bmaps?\b|cilium_[a-z0-9_]+/i;

const texts = (h: LogSignalHit): string[] => [h.msg, ...Object.values(h.fields)];

export const rule: Rule = {
  meta: {
    name: 'bpf-map-no-memory',
    severity: 'error',
    title: 'The kernel refused memory for a BPF map',
    meaning:
      'Creating or updating a BPF map failed with ENOMEM (`cannot allocate memory`). At start-up the agent cannot open its maps ' +
      'and exits (`error while opening/creating BPF maps`); later, map updates fail (`unable to update bpf map`). The kernel ' +
      'charges map memory to the agent\'s cgroup (kernels ≥5.11) or to RLIMIT_MEMLOCK (older kernels): the agent\'s memory limit, ' +
      'the node\'s free memory, or the configured map sizes (conntrack, NAT, `bpf-map-dynamic-size-ratio`) do not fit.',
    checkNext:
      'The agent\'s memory limit (`kubectl -n kube-system describe pod <agent>`) and the node\'s free memory; lower the map sizes ' +
      '(`bpf-ct-global-tcp-max`, `bpf-ct-global-any-max`, `bpf-nat-global-max`, `bpf-map-dynamic-size-ratio`) or raise the limit.',
    reads: ['L'],
    messages: {
      startup:
        '{{agent}} could not {{action}} {{map}} ("{{error}}") and stopped: the kernel refused the map\'s memory. Raise the agent\'s ' +
        'memory limit or lower the map sizes (bpf-ct-global-*-max, bpf-nat-global-max, bpf-map-dynamic-size-ratio).',
      update:
        '{{agent}}: {{count}} refused for lack of memory ({{map}}, "{{error}}"): entries are missing from the map. Raise the ' +
        'agent\'s memory limit or lower the map sizes, and check the node\'s free memory.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const hits = (agent.log.signals['map-no-memory'] ?? []).filter(
        (h) => (h.level === 'error' || h.level === 'fatal' || h.level === 'warning') && texts(h).some((t) => t.includes(MAP_NO_MEMORY) && ABOUT_A_MAP.test(t)),
      );
      if (hits.length === 0) continue;
      const fatal = hits.filter((h) => h.level === 'fatal');
      const first = fatal[0] ?? hits[0]!;
      const error = carrying(first, [MAP_NO_MEMORY]);
      const map = MAP_NAME.exec(error)?.[1];
      drafts.push({
        messageId: fatal.length > 0 ? 'startup' : 'update',
        data: {
          agent: agent.node?.value ?? agent.pod ?? 'The agent',
          action: /\bcreat/i.test(error) ? 'create' : 'open',
          map: map ? `the map ${map}` : 'a BPF map',
          error: error.length > 200 ? `${error.slice(0, 200)}…` : error,
          count: plural(hits.length, 'map operation'),
        },
        severity: fatal.length > 0 ? 'critical' : 'error',
        node: agent.node?.value ?? null,
        evidence: firstLines(hits, 3),
      });
    }
    return drafts;
  },
};
