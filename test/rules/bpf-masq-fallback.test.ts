import { rule } from '../../src/rules/catalog/bpf-masq-fallback.js';
import { banner, flag, logLine, nodeName, prefixed } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const FALLBACK = 'Falling back to iptables-based masquerading.';
const NEEDS_NODEPORT = 'BPF masquerade requires NodePort (--enable-node-port="true")';
const NEEDS_REMOTE_ID = 'BPF masquerade requires remote-node identity (--enable-remote-node-identity="true")';

ruleTester(rule, {
  valid: [
    {
      name: 'BPF masquerading came up',
      inputs: {
        'agent.log': lines(
          flag('enable-bpf-masquerade', 'true'),
          flag('enable-ipv4-masquerade', 'true'),
          banner('1.13.9'),
          logLine('logrus', 'info', 'Masquerading IP selected for device', { device: 'ens5', ipv4: '10.0.12.33', subsys: 'node' }),
          logLine('logrus', 'info', 'Daemon initialization completed', { bootstrapTime: '6.0s', subsys: 'daemon' }),
        ),
      },
    },
    {
      name: 'a host-routing fallback is not a masquerading fallback',
      inputs: { 'agent.log': lines(logLine('logrus', 'info', 'BPF host routing requires enable-bpf-masquerade. Falling back to legacy host routing (enable-host-legacy-routing=true).', { subsys: 'daemon' })) },
    },
    { name: 'iptables masquerading requested', inputs: { 'agent.log': lines(flag('enable-bpf-masquerade', 'false'), flag('enable-ipv4-masquerade', 'true')) } },
  ],
  invalid: [
    {
      name: 'a 1.14 agent names the missing prerequisite in error= (1.15 and later stop instead)',
      inputs: {
        'agent.log': lines(
          flag('enable-bpf-masquerade', 'true', 'logrus-ts'),
          banner('1.14.7', 'logrus-ts'),
          nodeName('gpu-node-07', 'logrus-ts'),
          logLine('logrus-ts', 'warning', FALLBACK, { error: NEEDS_REMOTE_ID, subsys: 'daemon' }),
        ),
      },
      findings: [
        {
          messageId: 'fallback',
          severity: 'warning',
          lines: ['agent.log:4'],
          node: 'gpu-node-07',
          includes: [`the agent fell back to iptables-based masquerading: ${NEEDS_REMOTE_ID}. Masquerading runs in iptables`],
        },
      ],
    },
    {
      name: 'two agents in one prefixed paste, one finding each',
      inputs: {
        'pods.log': lines(
          ...prefixed('cilium-lw8rn', flag('enable-bpf-masquerade', 'true'), logLine('logrus', 'warning', FALLBACK, { error: NEEDS_NODEPORT, subsys: 'daemon' })),
          ...prefixed('cilium-p2x4c', flag('enable-bpf-masquerade', 'true'), logLine('logrus', 'warning', FALLBACK, { error: NEEDS_REMOTE_ID, subsys: 'daemon' })),
        ),
      },
      findings: [
        { messageId: 'fallback', severity: 'warning', lines: ['pods.log:2'], includes: ['requires NodePort'] },
        { messageId: 'fallback', severity: 'warning', lines: ['pods.log:4'], includes: ['requires remote-node identity'] },
      ],
    },
    {
      name: 'the same error logged at each restart is named once',
      inputs: {
        'agent.log': lines(
          logLine('logrus', 'warning', FALLBACK, { error: NEEDS_NODEPORT, subsys: 'daemon' }),
          logLine('logrus', 'info', 'Daemon initialization completed', { bootstrapTime: '5.2s', subsys: 'daemon' }),
          logLine('logrus', 'warning', FALLBACK, { error: NEEDS_NODEPORT, subsys: 'daemon' }),
        ),
      },
      findings: [{ messageId: 'fallback', severity: 'warning', lines: ['agent.log:1', 'agent.log:3'], includes: [`masquerading: ${NEEDS_NODEPORT}. Masq`] }],
    },
    {
      name: 'two different errors are both named',
      inputs: {
        'agent.log': lines(
          logLine('logrus-json', 'warning', FALLBACK, { error: NEEDS_NODEPORT, subsys: 'daemon' }),
          logLine('logrus-json', 'warning', FALLBACK, { error: NEEDS_REMOTE_ID, subsys: 'daemon' }),
        ),
      },
      findings: [{ messageId: 'fallback', severity: 'warning', lines: ['agent.log:1', 'agent.log:2'], includes: [`: ${NEEDS_NODEPORT}; ${NEEDS_REMOTE_ID}.`] }],
    },
    {
      name: '1.12 tunnel routing without full socket-LB: the fallback line has neither error field nor reason',
      inputs: { 'agent.log': lines(banner('1.12.8'), nodeName('tun-4'), logLine('logrus', 'warning', ` ${FALLBACK}`, { subsys: 'daemon' })) },
      findings: [
        {
          messageId: 'fallback',
          severity: 'warning',
          lines: ['agent.log:3'],
          node: 'tun-4',
          message:
            'Expected BPF masquerading (enable-bpf-masquerade=true); the agent fell back to iptables-based masquerading: no reason printed ' +
            '(1.11–1.12: tunnel routing without full socket-LB). Masquerading runs in iptables and host routing becomes legacy.',
        },
      ],
    },
    {
      name: '1.10: the reason leads the message',
      inputs: {
        'agent.log': lines(
          banner('1.10.20'),
          logLine('logrus', 'warning', `BPF masquerade requires --enable-host-reachable-services to be fully enabled (TCP and UDP). ${FALLBACK}`, { subsys: 'daemon' }),
        ),
      },
      findings: [
        {
          messageId: 'fallback',
          severity: 'warning',
          lines: ['agent.log:2'],
          includes: ['masquerading: BPF masquerade requires --enable-host-reachable-services to be fully enabled (TCP and UDP). Masquerading runs'],
        },
      ],
    },
  ],
});
