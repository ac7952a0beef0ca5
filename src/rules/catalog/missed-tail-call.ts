import { agentLabel, dropRule, plural } from '../monitor-queries.js';

/** Above this many drops in one capture the problem is not a single regeneration blip. */
const SUSTAINED = 10;

export const rule = dropRule({
  meta: {
    name: 'missed-tail-call',
    specId: 'HLT-12',
    severity: 'warning',
    title: 'Packets dropped by missed tail calls',
    meaning:
      'A BPF program jumped to the next program of its pipeline and found the slot empty: the endpoint program ' +
      'was missing or being replaced, typically during a failed or slow endpoint regeneration.',
    checkNext:
      '`Failed endpoint regeneration` notifications and agent log errors, `cilium endpoint list` for endpoints not ' +
      'ready, agent restarts at the time of the drops.',
    reads: ['M'],
  },
  codes: [140, 11],
  groupBy: ['drop_reason', 'dest_ep'],
  severity: (g) => (g.count >= SUSTAINED ? 'error' : 'warning'),
  message: (g) =>
    `${plural(g.count, 'packet')} dropped (${g.key.drop_reason}) ${agentLabel(g.key.agent)}` +
    `${g.key.dest_ep ? ` towards endpoint ${g.key.dest_ep}` : ''}${g.count >= SUSTAINED ? ', sustained' : ''}. ` +
    'Every program an endpoint needs should be loaded; check that endpoint\'s regeneration state and the agent log.',
});
