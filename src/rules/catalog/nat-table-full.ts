import { dropCodesOf } from '../../knowledge/monitor/index.js';
import { plural } from '../agents.js';
import { agentLabel, dropRule, portOf } from '../monitor-queries.js';

export const rule = dropRule({
  meta: {
    name: 'nat-table-full',
    specId: 'HLT-10',
    severity: 'error',
    title: 'NAT mapping exhausted',
    meaning:
      'Packets were dropped with `No mapping for NAT masquerade`: BPF SNAT found no entry or could not allocate a ' +
      'source port, typically port exhaustion when many pods talk to the same destination.',
    checkNext: '`bpf-nat-global-max`, `cilium bpf nat list` entries per destination, NAT map pressure metric.',
    reads: ['M'],
    messages: {
      exhausted:
        '{{packets}} dropped with "No mapping for NAT masquerade" {{where}}{{towards}}. ' +
        'Masqueraded connections should always find a NAT entry; check NAT map size and the number of connections to this destination.',
    },
    covers: { dropCodes: dropCodesOf('No mapping for NAT masquerade') },
  },
  groupBy: ['dst_ip', 'protocol', 'dst_port'],
  message: (g) => {
    const port = portOf(g);
    return {
      messageId: 'exhausted',
      data: {
        packets: plural(g.count, 'packet'),
        where: agentLabel(g.key.agent),
        towards: g.key.dst_ip ? ` towards ${g.key.dst_ip}${port ? ` ${port}` : ''}` : '',
      },
    };
  },
});
