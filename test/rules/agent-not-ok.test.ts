import { rule } from '../../src/rules/catalog/agent-not-ok.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** The head of a 1.14 `cilium status`. */
const status = (kvstore: string, kubernetes: string, cilium: string) =>
  lines(
    `KVStore:                ${kvstore}`,
    `Kubernetes:             ${kubernetes}`,
    'KubeProxyReplacement:   True   [ens5 10.80.1.14 (Direct Routing)]',
    `Cilium:                 ${cilium}`,
    'NodeMonitor:            Listening for events on 4 CPUs with 64x4096 of shared memory',
  );

const OK_K8S = 'Ok   1.27 (v1.27.8) [linux/amd64]';
const OK_CILIUM = 'Ok   1.14.6 (v1.14.6-5f2ba4d1)';

ruleTester(rule, {
  valid: [
    { name: 'Cilium, Kubernetes and the kvstore Ok', inputs: { 'status.txt': status('Ok   Disabled', OK_K8S, OK_CILIUM) } },
    {
      name: '1.17+ prints a disabled kvstore and Kubernetes as Disabled',
      inputs: {
        'status.txt': lines('KVStore:                 Disabled   ', 'Kubernetes:              Disabled   ', 'Cilium:                  Ok   1.17.2 (v1.17.2-1d0b4f7e)'),
      },
    },
    { name: '1.9 prints Cilium as Ok OK', inputs: { 'status.txt': lines('KVStore:            Ok   Disabled', `Kubernetes:         ${OK_K8S}`, 'Cilium:             Ok   OK') } },
    {
      name: 'a kvstore Warning (lost quorum members) is not the agent being down',
      inputs: {
        'status.txt': status('Warning   etcd: 1/3 connected, leases=0, lock leases=0, has-quorum=true: https://10.0.0.5:2379 - 3.5.9 (Leader)', OK_K8S, OK_CILIUM),
      },
    },
    {
      name: 'a log without status, even one with errors',
      inputs: { 'agent.log': lines('level=error msg="Unable to contact k8s api-server" error="i/o timeout" subsys=k8s-client') },
    },
  ],
  invalid: [
    {
      name: '1.6 etcd connected without quorum',
      inputs: { 'status.txt': status('Ok   etcd: 1/1 connected, has-quorum=false: https://cilium-etcd-client.kube-system.svc:2379 - 3.3.25', OK_K8S, OK_CILIUM) },
      findings: [{ messageId: 'unhealthy', severity: 'critical', lines: ['status.txt:1'], includes: ['etcd has no quorum (has-quorum=false)'] }],
    },
    {
      name: '1.14 etcd connected without quorum, with leases',
      inputs: { 'status.txt': status('Ok   etcd: 3/3 connected, leases=1, lock leases=0, has-quorum=false: https://10.0.0.5:2379 - 3.5.9; https://10.0.0.6:2379 - 3.5.9; https://10.0.0.7:2379 - 3.5.9', OK_K8S, OK_CILIUM) },
      findings: [{ messageId: 'unhealthy', severity: 'critical', lines: ['status.txt:1'], includes: ['has-quorum=false'] }],
    },
    {
      name: 'Cilium Warning with stale status data',
      inputs: { 'status.txt': status('Ok   Disabled', OK_K8S, 'Warning   1.14.6 (v1.14.6-5f2ba4d1)    Stale status data') },
      findings: [{ messageId: 'unhealthy', severity: 'critical', lines: ['status.txt:4'], node: null, includes: ['status reports Cilium: Warning (Stale status data).'] }],
    },
    {
      name: '1.17+ not all probes executed',
      inputs: {
        'status.txt': lines('KVStore:                 Disabled   ', `Kubernetes:              Ok   1.31 (v1.31.2) [linux/amd64]`, 'Cilium:                  Warning   Not all probes executed at least once'),
      },
      findings: [{ messageId: 'unhealthy', severity: 'critical', lines: ['status.txt:3'], includes: ['Cilium: Warning (Not all probes executed at least once)'] }],
    },
    {
      name: 'Kubernetes unreachable',
      inputs: { 'status.txt': status('Ok   Disabled', 'Failure   Get "https://10.96.0.1:443/version": dial tcp 10.96.0.1:443: i/o timeout', OK_CILIUM) },
      findings: [
        {
          messageId: 'unhealthy',
          severity: 'critical',
          lines: ['status.txt:2'],
          includes: ['status reports Kubernetes: Failure (Get "https://10.96.0.1:443/version": dial tcp 10.96.0.1:443: i/o timeout).'],
        },
      ],
    },
    {
      name: 'a kvstore Failure alone',
      inputs: { 'status.txt': status('Failure   Err: quorum check failed 12 times in a row: timeout', OK_K8S, OK_CILIUM) },
      findings: [{ messageId: 'unhealthy', severity: 'critical', lines: ['status.txt:1'], includes: ['status reports KVStore: Failure (Err: quorum check failed 12 times in a row: timeout).'] }],
    },
    {
      name: 'states whose reasons were cut off the paste are named alone',
      inputs: { 'status.txt': status('Ok   Disabled', 'Failure', 'Warning   1.14.6 (v1.14.6-5f2ba4d1)') },
      findings: [{ messageId: 'unhealthy', severity: 'critical', lines: ['status.txt:2', 'status.txt:4'], includes: ['status reports Cilium: Warning; Kubernetes: Failure. Check'] }],
    },
    {
      name: 'every part failing: one finding naming all three, on the node the log names',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system logs cilium-4hx8c -c cilium-agent',
          'level=info msg="Retrieved node information from kubernetes node" nodeName=db-node-2 subsys=k8s',
          '$ kubectl -n kube-system exec cilium-4hx8c -c cilium-agent -- cilium status',
          'KVStore:                Failure   Err: not able to connect to any etcd endpoints',
          'Kubernetes:             Failure   Get "https://10.96.0.1:443/version": dial tcp 10.96.0.1:443: i/o timeout',
          'KubeProxyReplacement:   Disabled',
          'Cilium:                 Failure   1.13.9 (v1.13.9-2a8e4d16)    Kvstore service is not ready: not able to connect to any etcd endpoints',
          '$ kubectl -n kube-system exec cilium-9pmsw -c cilium-agent -- cilium status',
          'KVStore:                Ok   etcd: 3/3 connected, leases=0, lock leases=0, has-quorum=true: https://10.0.0.5:2379 - 3.5.9 (Leader)',
          'Kubernetes:             Ok   1.28 (v1.28.5) [linux/amd64]',
          'KubeProxyReplacement:   Disabled',
          'Cilium:                 Ok   1.13.9 (v1.13.9-2a8e4d16)',
        ),
      },
      findings: [
        {
          messageId: 'unhealthy',
          severity: 'critical',
          lines: ['paste.txt:4', 'paste.txt:5', 'paste.txt:7'],
          node: 'db-node-2',
          includes: [
            'Cilium: Failure (Kvstore service is not ready: not able to connect to any etcd endpoints); Kubernetes: Failure (Get',
            '; KVStore: Failure (Err: not able to connect to any etcd endpoints).',
          ],
        },
      ],
    },
  ],
});
