import { rule } from '../../src/rules/catalog/cluster-health-partial.js';
import { ciliumHealthStatus, ok } from '../helpers/health-status.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.14 `cilium status --verbose` tail: the cluster health summary and its table. */
const status = (summary: string, ...rows: string[]) =>
  lines(
    'KVStore:                Ok   Disabled',
    'Kubernetes:             Ok   1.27 (v1.27.8) [linux/amd64]',
    'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)',
    `Cluster health:         ${summary}   (2024-02-19T13:02:11Z)`,
    ...(rows.length > 0 ? ['  Name                 IP            Node          Endpoints', ...rows] : []),
  );

const LOCAL = '  edge-1 (localhost)   10.60.0.11    reachable     reachable';
const row = (name: string, ip: string, node: string, endpoints: string) =>
  `  ${name.padEnd(21)}${ip.padEnd(14)}${node.padEnd(14)}${endpoints}`;

const GPU_1 = { name: 'ml-gpu-1', localhost: true, host: { ip: '10.30.8.11', icmp: ok('180.221µs'), http: ok('291.07µs') } };
const GPU_2_HOST = { ip: '10.30.8.12', icmp: ok('512.003µs'), http: ok('870.1µs') };

ruleTester(rule, {
  valid: [
    {
      name: 'every node reachable',
      inputs: { 'status.txt': status('3/3 reachable', LOCAL, row('edge-2', '10.60.0.12', 'reachable', 'reachable'), row('edge-3', '10.60.0.13', 'reachable', 'reachable')) },
    },
    { name: 'a brief status of a healthy one-node cluster', inputs: { 'status.txt': status('1/1 reachable') } },
    {
      name: 'probing disabled: no counts to judge',
      inputs: { 'status.txt': lines('KVStore:                Ok   Disabled', 'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)', 'Cluster health:         Probe disabled') },
    },
    {
      name: 'the health daemon unreachable: no counts to judge',
      inputs: {
        'status.txt': lines('KVStore:                Ok   Disabled', 'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)', 'Cluster health:         Warning   cilium-health daemon unreachable'),
      },
    },
    {
      name: 'cilium-health status where every probe succeeded',
      inputs: { 'health.txt': lines(...ciliumHealthStatus('2024-09-14T21:03:44Z', GPU_1, { name: 'ml-gpu-2', host: GPU_2_HOST })) },
    },
  ],
  invalid: [
    {
      name: 'three of four reachable: a warning citing the summary and the unhealthy row',
      inputs: {
        'status.txt': status(
          '3/4 reachable',
          LOCAL,
          row('edge-2', '10.60.0.12', 'reachable', 'reachable'),
          row('edge-3', '10.60.0.13', 'reachable', 'reachable'),
          row('edge-4', '10.60.0.14', 'unreachable', 'unreachable'),
        ),
      },
      findings: [
        {
          messageId: 'partial',
          severity: 'warning',
          lines: ['status.txt:4', 'status.txt:9'],
          node: 'edge-1',
          includes: ['Expected 4/4 peers reachable; cluster health reports 3/4 (unhealthy: edge-4 node unreachable, endpoints unreachable).'],
        },
      ],
    },
    {
      name: 'exactly half reachable is still a warning',
      inputs: {
        'status.txt': status(
          '2/4 reachable',
          LOCAL,
          row('edge-2', '10.60.0.12', 'reachable', 'reachable'),
          row('edge-3', '10.60.0.13', 'reachable', 'unreachable'),
          row('edge-4', '10.60.0.14', 'unreachable', 'unreachable'),
        ),
      },
      findings: [{ messageId: 'partial', severity: 'warning', lines: ['status.txt:4', 'status.txt:8', 'status.txt:9'], includes: ['edge-3 node reachable, endpoints unreachable; edge-4'] }],
    },
    {
      name: 'fewer than half reachable is an error',
      inputs: { 'status.txt': status('1/3 reachable', LOCAL, row('edge-2', '10.60.0.12', 'unknown', 'unknown'), row('edge-3', '10.60.0.13', 'unreachable', 'unreachable')) },
      findings: [{ messageId: 'partial', severity: 'error', lines: ['status.txt:4', 'status.txt:7', 'status.txt:8'], includes: ['reports 1/3 (unhealthy: edge-2 node unknown, endpoints unknown;'] }],
    },
    {
      name: 'a summary without its table names no rows',
      inputs: { 'status.txt': status('4/5 reachable') },
      findings: [{ messageId: 'partial', severity: 'warning', lines: ['status.txt:4'], node: null, includes: ['reports 4/5. Check'] }],
    },
    {
      name: '1.17+ layout: unindented header, probe counts, only the unhealthy rows',
      inputs: {
        'status.txt': lines(
          '$ kubectl -n kube-system exec cilium-t2vbn -c cilium-agent -- cilium-dbg status',
          'KVStore:                 Disabled   ',
          'Kubernetes:              Ok   1.31 (v1.31.4) [linux/amd64]',
          'Cilium:                  Ok   1.17.3 (v1.17.3-81c7c1e2)',
          'Cluster health:          2/4 reachable   (2025-04-02T06:11:52Z)   (Probe interval: 1m52s)',
          'Name                     IP              Node   Endpoints',
          '  ml-gpu-3               10.30.8.13      0/1    0/1',
          '  ml-gpu-4               10.30.8.14      1/1    0/1',
        ),
      },
      findings: [{ messageId: 'partial', severity: 'warning', lines: ['status.txt:5', 'status.txt:7', 'status.txt:8'], includes: ['ml-gpu-4 node 1/1, endpoints 0/1'] }],
    },
    {
      name: 'cilium-health status --probe: counted from the probes, reported by the localhost node',
      inputs: {
        'health.txt': lines(
          'root@ml-gpu-1:/home/cilium# cilium-health status --probe',
          ...ciliumHealthStatus(
            '2024-09-14T21:03:44Z',
            GPU_1,
            { name: 'ml-gpu-2', host: GPU_2_HOST, endpoint: { ip: '10.244.2.40', icmp: ok('601.12µs'), http: ok('1.093311ms') } },
            { name: 'ml-gpu-3', host: { ip: '10.30.8.13', icmp: 'Connection timed out', http: 'Get "http://10.30.8.13:4240/hello": dial tcp 10.30.8.13:4240: connect: no route to host' } },
          ),
        ),
      },
      findings: [
        {
          messageId: 'partial',
          severity: 'warning',
          lines: ['health.txt:4', 'health.txt:15'],
          node: 'ml-gpu-1',
          includes: ['Expected 3/3 peers reachable; cluster health reports 2/3 (unhealthy: ml-gpu-3 node unreachable). Check'],
        },
      ],
    },
    {
      name: 'a peer whose host path was not printed is named by its endpoint path alone',
      inputs: {
        'health.txt': lines(
          ...ciliumHealthStatus('2024-09-14T21:03:44Z', GPU_1, {
            name: 'ml-gpu-4',
            endpoint: { ip: '10.244.4.2', icmp: 'Connection timed out', http: 'Get "http://10.244.4.2:4240/hello": context deadline exceeded' },
          }),
        ),
      },
      findings: [{ messageId: 'partial', severity: 'warning', lines: ['health.txt:3', 'health.txt:7'], includes: ['(unhealthy: ml-gpu-4 endpoints unreachable). Check'] }],
    },
    {
      name: 'two agents in one paste: each report on its own',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system exec cilium-a1b2c -- cilium status',
          'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)',
          'Cluster health:         2/3 reachable   (2024-02-19T13:02:11Z)',
          '  Name     IP           Node          Endpoints',
          '  edge-3   10.60.0.13   unreachable   unreachable',
          '$ kubectl -n kube-system exec cilium-d3e4f -- cilium status',
          'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)',
          'Cluster health:         3/3 reachable   (2024-02-19T13:02:40Z)',
          '$ kubectl -n kube-system exec cilium-g5h6i -- cilium status',
          'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)',
          'Cluster health:         1/3 reachable   (2024-02-19T13:03:05Z)',
        ),
      },
      findings: [
        { messageId: 'partial', severity: 'error', lines: ['paste.txt:11'], includes: ['reports 1/3.'] },
        { messageId: 'partial', severity: 'warning', lines: ['paste.txt:3', 'paste.txt:5'], includes: ['reports 2/3 (unhealthy: edge-3'] },
      ],
    },
  ],
});
