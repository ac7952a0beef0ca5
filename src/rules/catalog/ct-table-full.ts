import { dropCodesOf } from '../../knowledge/monitor/index.js';
import { plural } from '../agents.js';
import { agentLabel, dropRule } from '../monitor-queries.js';

export const rule = dropRule({
  meta: {
    name: 'ct-table-full',
    specId: 'HLT-09',
    severity: 'error',
    title: 'Connection tracking table full',
    meaning:
      'New connections were dropped because the conntrack map could not take another entry (`CT: Map insertion failed`).',
    checkNext:
      'CT map sizes in `cilium status --verbose` (BPF Maps) and `bpf-ct-global-tcp-max`/`-any-max`, the ' +
      '`cilium_bpf_map_pressure` metric, conntrack GC interval log lines, clients opening many connections.',
    reads: ['M'],
    messages: {
      full:
        '{{packets}} dropped with "CT: Map insertion failed" {{where}}. ' +
        'Every new connection should get a conntrack entry; the map is too small for the connection rate or GC falls behind.',
    },
    covers: { dropCodes: dropCodesOf('CT: Map insertion failed') },
  },
  groupBy: [],
  message: (g) => ({ messageId: 'full', data: { packets: plural(g.count, 'packet'), where: agentLabel(g.key.agent) } }),
});
