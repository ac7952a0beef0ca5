import { rule } from '../../src/rules/catalog/bandwidth-manager-inactive.js';
import { banner, flag, podPaste } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** One 1.15 agent: its flag dump and a status whose BandwidthManager line is given. */
const agent = (requested: string | null, bandwidth: string | null) =>
  lines(
    ...podPaste(
      'cilium-b7d4q',
      requested === null ? [] : [flag('enable-bandwidth-manager', requested), flag('enable-bbr', 'false'), banner('1.15.11')],
      bandwidth === null
        ? []
        : ['KVStore:                  Ok   Disabled', 'Cilium:                   Ok   1.15.11 (v1.15.11-7e3bd4a2)', `BandwidthManager:         ${bandwidth}`, 'Host Routing:             BPF'],
      'cilium-dbg',
    ),
  );

ruleTester(rule, {
  valid: [
    { name: 'requested and running (EDT with CUBIC)', inputs: { 'paste.txt': agent('true', 'EDT with BPF [CUBIC] [ens5]') } },
    { name: 'not requested, disabled', inputs: { 'paste.txt': agent('false', 'Disabled') } },
    { name: 'status alone: whether it was requested is unknown', inputs: { 'paste.txt': agent(null, 'Disabled') } },
    { name: 'flags alone: whether it runs is unknown', inputs: { 'paste.txt': agent('true', null) } },
    {
      name: '1.11 layout without the congestion control',
      inputs: {
        'agent.txt': lines(flag('enable-bandwidth-manager', 'true'), banner('1.11.20'), 'Cilium:                 Ok   1.11.20 (v1.11.20-4d8c1f0e)', 'BandwidthManager:       EDT with BPF   [eth0, eth1]'),
      },
    },
  ],
  invalid: [
    {
      name: 'requested but disabled: cites the flag and the status line',
      inputs: { 'paste.txt': agent('true', 'Disabled') },
      findings: [{ messageId: 'disabled', severity: 'warning', lines: ['paste.txt:2', 'paste.txt:8'], node: null }],
    },
    {
      name: 'flag and status from two inputs of one pod, the node from its log',
      inputs: {
        'agent.log': lines(
          `[pod/cilium-f9n2x/cilium-agent] ${flag('enable-bandwidth-manager', 'true', 'logrus-ts')}`,
          `[pod/cilium-f9n2x/cilium-agent] ${banner('1.14.9', 'logrus-ts')}`,
          '[pod/cilium-f9n2x/cilium-agent] time="2024-04-02T08:00:01Z" level=info msg="Retrieved node information from kubernetes node" nodeName=infra-04 subsys=k8s',
        ),
        'status.txt': lines('$ kubectl -n kube-system exec cilium-f9n2x -- cilium status', 'Cilium:                 Ok   1.14.9 (v1.14.9-16a8c2ef)', 'BandwidthManager:       Disabled'),
      },
      findings: [{ messageId: 'disabled', severity: 'warning', lines: ['agent.log:1', 'status.txt:3'], node: 'infra-04' }],
    },
  ],
});
