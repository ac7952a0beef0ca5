import { dropCodesOf } from '../../knowledge/monitor/index.js';
import { plural } from '../agents.js';
import { agentLabel, dropRule } from '../monitor-queries.js';

/** From this many drops in one capture on, the problem is not a single regeneration blip. */
export const SUSTAINED = 10;

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
    messages: {
      missed:
        '{{packets}} dropped ({{reason}}) {{where}}{{towards}}{{sustained}}. ' +
        "Every program an endpoint needs should be loaded; check that endpoint's regeneration state and the agent log.",
    },
    covers: { dropCodes: dropCodesOf('Missed tail call', 'Missed tail call to custom program') },
  },
  groupBy: ['drop_reason', 'dest_ep'],
  severity: (g) => (g.count >= SUSTAINED ? 'error' : 'warning'),
  message: (g) => ({
    messageId: 'missed',
    data: {
      packets: plural(g.count, 'packet'),
      reason: g.key.drop_reason ?? 'unknown',
      where: agentLabel(g.key.agent),
      towards: g.key.dest_ep ? ` towards endpoint ${g.key.dest_ep}` : '',
      sustained: g.count >= SUSTAINED ? ', sustained' : '',
    },
  }),
});
