import { rule } from '../../src/rules/catalog/missed-tail-call.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const missed = (endpoint: number, reason = 'Missed tail call') =>
  `xx drop (${reason}) flow 0x0 to endpoint ${endpoint}, ifindex 44, file bpf_lxc.c:1214, , identity 41002->18823: 10.16.2.61:33012 -> 10.16.4.20:8080 tcp SYN`;
const times = (n: number, line: string) => Array.from({ length: n }, () => line);

ruleTester(rule, {
  valid: [
    {
      name: 'other drops',
      inputs: { 'monitor.txt': lines('xx drop (Policy denied) flow 0x0 to endpoint 2201, ifindex 44, file bpf_lxc.c:2011, , identity 41002->18823: 10.16.2.61:33012 -> 10.16.4.20:8080 tcp SYN') },
    },
  ],
  invalid: [
    {
      name: 'nine drops towards one endpoint: a warning',
      inputs: { 'monitor.txt': lines(...times(9, missed(2201))) },
      findings: [
        {
          messageId: 'missed',
          severity: 'warning',
          lines: ['monitor.txt:1', 'monitor.txt:2', 'monitor.txt:3'],
          includes: ['9 packets dropped (Missed tail call) in monitor.txt towards endpoint 2201. Every program'],
        },
      ],
    },
    {
      name: 'ten drops are sustained: an error',
      inputs: { 'monitor.txt': lines(...times(10, missed(2201))) },
      findings: [{ messageId: 'missed', severity: 'error', lines: ['monitor.txt:1', 'monitor.txt:2', 'monitor.txt:3'], includes: ['10 packets dropped (Missed tail call) in monitor.txt towards endpoint 2201, sustained. Every'] }],
    },
    {
      name: 'one finding per endpoint; endpoint 0 (no endpoint) names none; the custom-program reason on its own',
      inputs: {
        'paste.txt': lines(
          '$ kubectl exec -n kube-system cilium-tc9qv -- cilium monitor -t drop',
          missed(2201),
          missed(0, 'Missed tail call, 2'),
          missed(3380),
          missed(2201, 'Missed tail call to custom program'),
          missed(3380),
        ),
      },
      findings: [
        { messageId: 'missed', severity: 'warning', lines: ['paste.txt:2'], includes: ['1 packet dropped (Missed tail call) on cilium-tc9qv towards endpoint 2201. '] },
        { messageId: 'missed', severity: 'warning', lines: ['paste.txt:3'], includes: ['1 packet dropped (Missed tail call) on cilium-tc9qv. '] },
        { messageId: 'missed', severity: 'warning', lines: ['paste.txt:4', 'paste.txt:6'], includes: ['2 packets dropped (Missed tail call) on cilium-tc9qv towards endpoint 3380. '] },
        { messageId: 'missed', severity: 'warning', lines: ['paste.txt:5'], includes: ['(Missed tail call to custom program)'] },
      ],
    },
  ],
});
