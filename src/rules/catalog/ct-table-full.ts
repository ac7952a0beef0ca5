import { agentLabel, dropRule, plural } from '../monitor-queries.js';

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
  },
  codes: [155],
  groupBy: [],
  message: (g) =>
    `${plural(g.count, 'packet')} dropped with "CT: Map insertion failed" ${agentLabel(g.key.agent)}. ` +
    'Every new connection should get a conntrack entry; the map is too small for the connection rate or GC falls behind.',
});
