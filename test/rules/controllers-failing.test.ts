import { rule } from '../../src/rules/catalog/controllers-failing.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const HEADER = '  Name                                  Last success   Last error   Count   Message';

/** A 1.14 `cilium status` (non-verbose: only failing controllers are listed). */
const status = (summary: string, ...rows: string[]) =>
  lines(
    'KVStore:                Ok   Disabled',
    'Kubernetes:             Ok   1.27 (v1.27.8) [linux/amd64]',
    'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)',
    `Controller Status:      ${summary}`,
    ...(rows.length > 0 ? [HEADER, ...rows] : []),
    'Proxy Status:           OK, ip 10.11.0.201, 0 redirects active on ports 10000-20000, Envoy: embedded',
  );

const row = (name: string, success: string, error: string, count: number, message: string) =>
  `  ${name.padEnd(38)}${success.padEnd(15)}${error.padEnd(13)}${String(count).padEnd(8)}${message}   `;

ruleTester(rule, {
  valid: [
    { name: 'every controller healthy (brief)', inputs: { 'status.txt': status('52/52 healthy') } },
    {
      name: 'every controller healthy, all listed (--verbose)',
      inputs: {
        'status.txt': status(
          '3/3 healthy',
          row('cilium-health-ep', '33s ago', 'never', 0, 'no error'),
          row('endpoint-1187-regeneration-recovery', 'never', 'never', 0, 'no error'),
          row('sync-lb-maps-with-k8s-services', '4m12s ago', 'never', 0, 'no error'),
        ),
      },
    },
    {
      name: 'the agent recovered: its last status counts',
      inputs: {
        'status.txt':
          status('40/41 healthy', row('k8s-heartbeat', '1m2s ago', '3s ago', 2, 'the server has asked for the client to provide credentials')) +
          status('41/41 healthy'),
      },
    },
    { name: 'a log without status', inputs: { 'agent.log': lines('level=warning msg="Controller run failed" consecutiveErrors=2 name=k8s-heartbeat subsys=controller') } },
  ],
  invalid: [
    {
      name: 'a failing heartbeat controller: a warning citing the summary and the row',
      inputs: { 'status.txt': status('39/40 healthy', row('k8s-heartbeat', '1m2s ago', '3s ago', 2, 'the server has asked for the client to provide credentials')) },
      findings: [
        {
          messageId: 'failing',
          severity: 'warning',
          lines: ['status.txt:4', 'status.txt:6'],
          node: null,
          includes: ['Expected all controllers healthy; 39/40 are healthy: k8s-heartbeat (2x: the server has asked for the client to provide credentials).'],
        },
      ],
    },
    {
      name: 'endpoint regeneration failing is an error',
      inputs: {
        'status.txt': status(
          '38/40 healthy',
          row('endpoint-2201-regeneration-recovery', 'never', '2s ago', 14, 'regeneration recovery failed'),
          row('resolve-identity-2201', '5m1s ago', '9s ago', 3, 'unable to resolve identity: context deadline exceeded'),
        ),
      },
      findings: [
        {
          messageId: 'failing',
          severity: 'error',
          lines: ['status.txt:4', 'status.txt:6', 'status.txt:7'],
          includes: ['endpoint-2201-regeneration-recovery (14x: regeneration recovery failed); resolve-identity-2201 (3x: unable to resolve identity: context deadline exceeded)'],
        },
      ],
    },
    {
      name: 'a BPF map sync controller failing is an error',
      inputs: { 'status.txt': status('51/52 healthy', row('sync-lb-maps-with-k8s-services', '6m0s ago', '1s ago', 31, 'unable to update element: argument list too long')) },
      findings: [{ messageId: 'failing', severity: 'error', lines: ['status.txt:4', 'status.txt:6'] }],
    },
    {
      name: 'an ipcache controller failing is an error',
      inputs: { 'status.txt': status('51/52 healthy', row('ipcache-inject-labels', 'never', '12s ago', 5, 'k8s cache not fully synced')) },
      findings: [{ messageId: 'failing', severity: 'error', lines: ['status.txt:4', 'status.txt:6'] }],
    },
    {
      name: 'a CiliumEndpoint sync controller (no BPF map) failing is a warning',
      inputs: { 'status.txt': status('51/52 healthy', row('sync-to-k8s-ciliumendpoint (2201)', '2m ago', '4s ago', 7, 'ciliumendpoints.cilium.io "web-0" is forbidden')) },
      findings: [{ messageId: 'failing', severity: 'warning', lines: ['status.txt:4', 'status.txt:6'] }],
    },
    {
      name: 'an unhealthy summary without the table',
      inputs: { 'status.txt': lines('Cilium:                 Ok   1.12.19 (v1.12.19-0a9c4e1f)', 'Controller Status:      17/18 healthy') },
      findings: [{ messageId: 'failing', severity: 'warning', lines: ['status.txt:2'], includes: ['Expected all controllers healthy; 17/18 are healthy. Read'] }],
    },
    {
      name: 'two agents in one paste, the node of the failing one from its log',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system logs cilium-zz9q2 -c cilium-agent | head -3',
          'level=info msg="Retrieved node information from kubernetes node" nodeName=ip-10-11-4-20.ec2.internal subsys=k8s',
          '$ kubectl -n kube-system exec cilium-zz9q2 -c cilium-agent -- cilium status',
          'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)',
          'Controller Status:      29/30 healthy',
          HEADER,
          row('sync-policymap-1550', '8s ago', '1s ago', 4, 'unable to update policy map: no space left on device'),
          '$ kubectl -n kube-system exec cilium-m4c8d -c cilium-agent -- cilium status',
          'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)',
          'Controller Status:      30/30 healthy',
        ),
      },
      findings: [{ messageId: 'failing', severity: 'error', lines: ['paste.txt:5', 'paste.txt:7'], node: 'ip-10-11-4-20.ec2.internal' }],
    },
  ],
});
