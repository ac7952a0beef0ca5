import { rule } from '../../src/rules/catalog/masq-impl-mismatch.js';
import { banner, flag, nodeName, podPaste } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** One 1.14 agent: the masquerading flags given and its status Masquerading line. */
const agent = (flags: string[], masquerading: string) =>
  lines(
    ...podPaste('cilium-mq5vz', [...flags, banner('1.14.9')], [
      'KVStore:                Ok   Disabled',
      'Cilium:                 Ok   1.14.9 (v1.14.9-16a8c2ef)',
      'Host Routing:           Legacy',
      `Masquerading:           ${masquerading}`,
    ]),
  );

const BPF = 'BPF   [ens5]   10.0.0.0/8 [IPv4: Enabled, IPv6: Disabled]';
const IPTABLES = 'IPTables [IPv4: Enabled, IPv6: Disabled]';

ruleTester(rule, {
  valid: [
    { name: 'BPF requested and running', inputs: { 'paste.txt': agent([flag('enable-bpf-masquerade', 'true'), flag('enable-ipv4-masquerade', 'true')], BPF) } },
    { name: 'iptables requested and running', inputs: { 'paste.txt': agent([flag('enable-bpf-masquerade', 'false'), flag('enable-ipv4-masquerade', 'true')], IPTABLES) } },
    { name: 'masquerading off as configured', inputs: { 'paste.txt': agent([flag('enable-bpf-masquerade', 'false'), flag('enable-ipv4-masquerade', 'false')], 'Disabled') } },
    {
      name: 'BPF masquerade requested with IPv4 masquerading off: IPv6 by iptables is no fallback',
      inputs: {
        'paste.txt': agent(
          [flag('enable-bpf-masquerade', 'true'), flag('enable-ipv4-masquerade', 'false'), flag('enable-ipv6-masquerade', 'true')],
          'IPTables [IPv4: Disabled, IPv6: Enabled]',
        ),
      },
    },
    { name: 'status alone', inputs: { 'status.txt': lines('Cilium:                 Ok   1.14.9 (v1.14.9-16a8c2ef)', `Masquerading:           ${IPTABLES}`) } },
    { name: 'flags alone', inputs: { 'agent.log': lines(flag('enable-bpf-masquerade', 'true'), flag('enable-ipv4-masquerade', 'true'), banner('1.14.9')) } },
  ],
  invalid: [
    {
      name: 'BPF requested, iptables running, on the node the log names',
      inputs: { 'paste.txt': agent([flag('enable-bpf-masquerade', 'true'), flag('enable-ipv4-masquerade', 'true'), nodeName('rack4-n2')], IPTABLES) },
      findings: [{ messageId: 'iptables', severity: 'error', lines: ['paste.txt:2', 'paste.txt:10'], node: 'rack4-n2' }],
    },
    {
      name: 'BPF requested without an IPv4 masquerade flag in the paste',
      inputs: { 'paste.txt': agent([flag('enable-bpf-masquerade', 'true')], IPTABLES) },
      findings: [{ messageId: 'iptables', severity: 'error', lines: ['paste.txt:2', 'paste.txt:8'] }],
    },
    {
      name: 'masquerading requested but disabled',
      inputs: { 'paste.txt': agent([flag('enable-bpf-masquerade', 'false'), flag('enable-ipv4-masquerade', 'true')], 'Disabled') },
      findings: [{ messageId: 'disabled', severity: 'error', lines: ['paste.txt:3', 'paste.txt:9'], includes: ['Expected masquerading on (enable-ipv4-masquerade=true)'] }],
    },
    {
      name: '1.9 names the flag masquerade',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system logs cilium-legacy1',
          flag('masquerade', 'true'),
          banner('1.9.18'),
          '$ kubectl -n kube-system exec cilium-legacy1 -- cilium status',
          'Cilium:             Ok   OK',
          'Masquerading:       Disabled',
        ),
      },
      findings: [{ messageId: 'disabled', severity: 'error', lines: ['paste.txt:2', 'paste.txt:6'], includes: ['Expected masquerading on (masquerade=true)'] }],
    },
  ],
});
