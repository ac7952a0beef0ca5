import { rule } from '../../src/rules/catalog/host-routing-fallback-logged.js';
import { banner, flag, logLine, nodeName, prefixed } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const SUFFIX = 'Falling back to legacy host routing (enable-host-legacy-routing=true).';
const because = (reason: string) => logLine('logrus', 'info', `${reason} ${SUFFIX}`, { subsys: 'daemon' });

ruleTester(rule, {
  valid: [
    {
      name: 'BPF host routing, and lines that merely mention a fallback',
      inputs: {
        'agent.log': lines(
          flag('enable-host-legacy-routing', 'false'),
          flag('enable-xt-socket-fallback', 'true'),
          banner('1.14.5'),
          logLine('logrus', 'debug', 'Skipping Leases support fallback discovery', { subsys: 'k8s' }),
          logLine('logrus', 'info', 'Daemon initialization completed', { bootstrapTime: '5.1s', subsys: 'daemon' }),
        ),
      },
    },
    { name: 'legacy host routing requested in the flags is no fallback', inputs: { 'agent.log': lines(flag('enable-host-legacy-routing', 'true'), banner('1.15.11')) } },
  ],
  invalid: [
    {
      name: 'BPF masquerade off: the reason and the node',
      inputs: {
        'agent.log': lines(
          flag('enable-bpf-masquerade', 'false'),
          flag('kube-proxy-replacement', 'strict'),
          banner('1.12.10'),
          nodeName('edge-3'),
          because('BPF host routing requires enable-bpf-masquerade.'),
        ),
      },
      findings: [
        {
          messageId: 'fallback',
          severity: 'warning',
          lines: ['agent.log:5'],
          node: 'edge-3',
          includes: ['fallback to legacy host routing because masquerading is done by iptables (enable-bpf-masquerade is off). Pod traffic'],
        },
      ],
    },
    {
      name: 'one finding per agent: the 1.9–1.15 BPF-masquerade wording and the kernel reason',
      inputs: {
        'pods.log': lines(
          ...prefixed(
            'cilium-lw8rn',
            logLine('logrus', 'warning', 'Falling back to iptables-based masquerading.', { error: 'BPF masquerade requires NodePort (--enable-node-port="true")', subsys: 'daemon' }),
            logLine('logrus', 'info', 'BPF masquerade could not be enabled. Falling back to legacy host routing (--enable-host-legacy-routing="true").', { subsys: 'daemon' }),
          ),
          ...prefixed('cilium-p2x4c', because('BPF host routing requires kernel 5.10 or newer.')),
        ),
      },
      findings: [
        { messageId: 'fallback', severity: 'warning', lines: ['pods.log:2'], includes: ['because BPF masquerade could not be enabled.'] },
        { messageId: 'fallback', severity: 'warning', lines: ['pods.log:3'], includes: ['because the kernel is older than 5.10.'] },
      ],
    },
    {
      name: 'two reasons of one agent, one of them logged at each restart',
      inputs: {
        'agent.log': lines(
          because('BPF host routing is incompatible with enable-endpoint-routes.'),
          because('BPF host routing requires enable-node-port.'),
          because('BPF host routing is incompatible with enable-endpoint-routes.'),
        ),
      },
      findings: [
        {
          messageId: 'fallback',
          severity: 'warning',
          lines: ['agent.log:1', 'agent.log:2', 'agent.log:3'],
          includes: ['because endpoint routes are enabled; NodePort is disabled. Pod'],
        },
      ],
    },
    {
      name: 'a reason the catalog does not know (a newer wording) is quoted as logged',
      inputs: { 'agent.log': lines(logLine('logrus-ts', 'info', `BPF host routing is not supported with netkit-l2 devices. ${SUFFIX}`, { subsys: 'daemon' })) },
      findings: [{ messageId: 'fallback', severity: 'warning', lines: ['agent.log:1'], includes: [`because BPF host routing is not supported with netkit-l2 devices. ${SUFFIX}. Pod`] }],
    },
  ],
});
