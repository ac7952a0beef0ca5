import { rule } from '../../src/rules/catalog/xdp-not-active.js';
import { banner, flag, logLine, nodeName, podPaste } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** One 1.15 agent: its log lines and the XDP line of its KPR details. */
const agent = (log: string[], xdp: string | null) =>
  lines(
    ...podPaste(
      'cilium-x4pl9',
      [...log, banner('1.15.11')],
      xdp === null
        ? []
        : [
            'KubeProxyReplacement:   True   [enp65s0f0 10.77.0.21 (Direct Routing)]',
            'Cilium:                 Ok   1.15.11 (v1.15.11-7e3bd4a2)',
            'KubeProxyReplacement Details:',
            '  Status:                 True',
            '  Mode:                   DSR',
            '    DSR Dispatch Mode:    IP Option/Extension',
            `  XDP Acceleration:       ${xdp}`,
          ],
      'cilium-dbg',
    ),
  );

const CANNOT = 'Cannot set NodePort acceleration due to missing native XDP support in driver';
const failed = (device: string) => logLine('logrus', 'warning', CANNOT, { device, subsys: 'daemon' });

ruleTester(rule, {
  valid: [
    { name: 'native requested and active', inputs: { 'paste.txt': agent([flag('bpf-lb-acceleration', 'native')], 'Native') } },
    { name: 'not requested', inputs: { 'paste.txt': agent([flag('bpf-lb-acceleration', 'disabled')], 'Disabled') } },
    { name: 'generic mode is not native: status Generic', inputs: { 'paste.txt': agent([flag('bpf-lb-acceleration', 'generic')], 'Generic') } },
    { name: 'status alone', inputs: { 'status.txt': lines('Cilium:                 Ok   1.15.11 (v1.15.11-7e3bd4a2)', 'KubeProxyReplacement Details:', '  XDP Acceleration:       Disabled') } },
  ],
  invalid: [
    {
      name: 'native requested, status Disabled, on the node the log names',
      inputs: { 'paste.txt': agent([flag('bpf-lb-acceleration', 'native'), nodeName('lb-edge-2')], 'Disabled') },
      findings: [
        { messageId: 'statusDisabled', severity: 'error', lines: ['paste.txt:2', 'paste.txt:12'], node: 'lb-edge-2', includes: ['Expected native XDP acceleration (bpf-lb-acceleration=native)'] },
      ],
    },
    {
      name: 'the old flag name (node-port-acceleration) is named as given',
      inputs: { 'paste.txt': agent([flag('node-port-acceleration', 'native')], 'Disabled') },
      findings: [{ messageId: 'statusDisabled', severity: 'error', lines: ['paste.txt:2', 'paste.txt:11'], includes: ['(node-port-acceleration=native)'] }],
    },
    {
      name: 'status and log both tell: the status finding stands for both',
      inputs: { 'paste.txt': agent([flag('bpf-lb-acceleration', 'native'), failed('enp65s0f0')], 'Disabled') },
      findings: [{ messageId: 'statusDisabled', severity: 'error', lines: ['paste.txt:2', 'paste.txt:12'] }],
    },
    {
      name: 'logged without status: the first three lines are cited',
      inputs: { 'agent.log': lines(flag('bpf-lb-acceleration', 'native'), failed('enp65s0f0'), failed('enp65s0f1'), failed('enp65s0f0'), failed('enp65s0f1')) },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['agent.log:2', 'agent.log:3', 'agent.log:4'] }],
    },
    {
      name: 'logged by a 1.18 agent (slog)',
      inputs: { 'agent.log': lines(banner('1.18.2', 'slog'), logLine('slog', 'warning', CANNOT, { module: 'agent.datapath.loader', device: 'eth1' })) },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['agent.log:2'] }],
    },
  ],
});
