/** HLT-05 when `cilium status` could not reach the agent (datapath-scenarios.md S12). */
import { rule } from '../../src/rules/catalog/agent-not-ok.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const healthy = [
  'KVStore:                 Ok   Disabled',
  'Kubernetes:              Ok   1.30 (v1.30.2) [linux/amd64]',
  'Cilium:                  Ok   1.16.3 (v1.16.3-7a6b1c9d)',
];

const exec = (pod: string, cmd = 'cilium-dbg status') => `$ kubectl -n kube-system exec ${pod} -- ${cmd}`;
const dialError = (path: string, errno: string) => `Get "http://localhost/v1/${path}": dial unix /var/run/cilium/cilium.sock: connect: ${errno}`;

ruleTester(rule, {
  valid: [
    { name: 'a healthy status', inputs: { 'paste.txt': lines(exec('cilium-r8k2w'), ...healthy) } },
    {
      name: 'unreachable while restarting, then a healthy status of the same agent',
      inputs: { 'paste.txt': lines(exec('cilium-r8k2w'), dialError('healthz', 'connection refused'), 'Is the agent running?', exec('cilium-r8k2w'), ...healthy) },
    },
  ],
  invalid: [
    {
      name: 'the agent exited: the socket is gone (S12)',
      inputs: {
        'paste.txt': lines(
          exec('cilium-q2m7d'),
          'Defaulted container "cilium-agent" out of: cilium-agent, config (init), mount-cgroup (init), apply-sysctl-overwrites (init), clean-cilium-state (init)',
          dialError('healthz', 'no such file or directory'),
          'Is the agent running?',
          'command terminated with exit code 1',
        ),
      },
      findings: [
        {
          messageId: 'unreachable',
          severity: 'critical',
          lines: ['paste.txt:3', 'paste.txt:4'],
          includes: ['dial unix /var/run/cilium/cilium.sock: connect: no such file or directory'],
        },
      ],
    },
    {
      name: 'Go before 1.14 printed the URL unquoted',
      inputs: { 'paste.txt': lines(exec('cilium-q2m7d', 'cilium status'), 'Get http://localhost/v1/healthz: dial unix /var/run/cilium/cilium.sock: connect: connection refused', 'Is the agent running?') },
      findings: [{ messageId: 'unreachable', severity: 'critical', lines: ['paste.txt:2', 'paste.txt:3'] }],
    },
    {
      name: '--brief',
      inputs: { 'paste.txt': lines(exec('cilium-q2m7d', 'cilium status --brief'), 'cilium: daemon unreachable') },
      findings: [{ messageId: 'unreachable', severity: 'critical', lines: ['paste.txt:2'] }],
    },
    {
      name: 'a stuck agent: the API timed out',
      inputs: { 'paste.txt': lines(exec('cilium-q2m7d'), 'Cilium API client timeout exceeded') },
      findings: [{ messageId: 'unreachable', severity: 'critical', lines: ['paste.txt:2'] }],
    },
    {
      name: 'healthy first, unreachable last',
      inputs: { 'paste.txt': lines(exec('cilium-r8k2w'), ...healthy, exec('cilium-r8k2w'), dialError('healthz', 'connection refused'), 'Is the agent running?') },
      findings: [{ messageId: 'unreachable', severity: 'critical', lines: ['paste.txt:6', 'paste.txt:7'], includes: ['connection refused'] }],
    },
  ],
});
