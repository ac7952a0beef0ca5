import { rule } from '../../src/rules/catalog/health-node-unreachable.js';
import { ciliumHealthStatus, ok, type HealthNode } from '../helpers/health-status.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.13 `cilium status --verbose` cluster health section of node `w-1`. */
const status = (summary: string, ...rows: string[]) =>
  lines(
    'KVStore:                Ok   Disabled',
    'Cilium:                 Ok   1.13.12 (v1.13.12-4e1b7a3c)',
    `Cluster health:         ${summary}   (2023-06-01T08:00:00Z)`,
    '  Name              IP            Node          Endpoints',
    '  w-1 (localhost)   10.2.0.1      reachable     reachable',
    ...rows,
  );

/** `cilium-health status --probe` of node `rack1-a` (lines 1–6) and the given peers. */
const probe = (...peers: HealthNode[]) =>
  lines(...ciliumHealthStatus('2024-05-02T10:00:03Z', { name: 'rack1-a', localhost: true, host: { ip: '172.16.1.10', icmp: ok('150.2µs'), http: ok('240.77µs') } }, ...peers));

const TIMED_OUT = 'Connection timed out';

ruleTester(rule, {
  valid: [
    { name: 'every node reachable', inputs: { 'status.txt': status('2/2 reachable', '  w-2               10.2.0.2      reachable     reachable') } },
    {
      name: 'endpoints unreachable with the node reachable belong to another rule',
      inputs: { 'status.txt': status('1/2 reachable', '  w-2               10.2.0.2      reachable     unreachable') },
    },
    { name: 'a node path of unknown state is not a failure', inputs: { 'status.txt': status('1/2 reachable', '  w-2               10.2.0.2      unknown       unknown') } },
    { name: 'a summary without rows names no peer', inputs: { 'status.txt': lines('Cilium:                 Ok   1.13.12 (v1.13.12-4e1b7a3c)', 'Cluster health:         1/2 reachable   (2023-06-01T08:00:00Z)') } },
    {
      name: 'only a secondary address failing: the node path (primary) is up',
      inputs: {
        'health.txt': probe({
          name: 'rack1-b',
          host: { ip: '172.16.1.11', icmp: ok('402.1µs'), http: ok('611.7µs') },
          secondary: { ip: '172.17.1.11', icmp: TIMED_OUT, http: 'Get "http://172.17.1.11:4240/hello": dial tcp 172.17.1.11:4240: i/o timeout' },
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'a node unreachable in the status table',
      inputs: { 'status.txt': status('2/3 reachable', '  w-2               10.2.0.2      reachable     reachable', '  w-3               10.2.0.3      unreachable   unreachable') },
      findings: [{ messageId: 'unreachable', severity: 'error', lines: ['status.txt:3', 'status.txt:7'], node: 'w-1', includes: ['unreachable: w-3 (10.2.0.3).'] }],
    },
    {
      name: 'two nodes unreachable, one without a known address',
      inputs: { 'status.txt': status('1/3 reachable', '  w-2               Unavailable   unreachable   unknown', '  w-3               10.2.0.3      unreachable   unreachable') },
      findings: [{ messageId: 'unreachable', severity: 'error', lines: ['status.txt:3', 'status.txt:6', 'status.txt:7'], includes: ['unreachable: w-2 (Unavailable), w-3 (10.2.0.3).'] }],
    },
    {
      name: '1.17+ probe counts: a node answering some probes only is down',
      inputs: {
        'status.txt': lines(
          '$ kubectl -n kube-system exec cilium-9xk2p -- cilium-dbg status',
          'Cilium:                  Ok   1.17.3 (v1.17.3-81c7c1e2)',
          'Cluster health:          3/4 reachable   (2025-04-02T06:11:52Z)',
          'Name                     IP                        Node          Endpoints',
          '  zone-b/db-2            10.30.9.2,fd00:30:9::2    1/2           2/2',
        ),
      },
      findings: [{ messageId: 'unreachable', severity: 'error', lines: ['status.txt:3', 'status.txt:5'], includes: ['unreachable: zone-b/db-2 (10.30.9.2).'] }],
    },
    {
      name: 'cilium-health status: the row and the failing host probes are cited',
      inputs: {
        'health.txt': probe(
          { name: 'rack1-b', host: { ip: '172.16.1.11', icmp: ok('402.1µs'), http: ok('611.7µs') } },
          {
            name: 'rack1-c',
            host: { ip: '172.16.1.12', icmp: TIMED_OUT, http: 'Get "http://172.16.1.12:4240/hello": dial tcp 172.16.1.12:4240: connect: no route to host' },
            endpoint: { ip: '10.9.2.7', icmp: TIMED_OUT, http: 'Get "http://10.9.2.7:4240/hello": context deadline exceeded (Client.Timeout exceeded while awaiting headers)' },
          },
        ),
      },
      findings: [
        {
          messageId: 'unreachable',
          severity: 'error',
          lines: ['health.txt:3', 'health.txt:11', 'health.txt:13', 'health.txt:14'],
          node: 'rack1-a',
          includes: ['unreachable: rack1-c (172.16.1.12).'],
        },
      ],
    },
    {
      name: 'cilium-health status: a failing secondary address of a down node is cited too',
      inputs: {
        'health.txt': probe({
          name: 'rack1-d',
          host: { ip: '172.16.1.13', icmp: ok('388.4µs'), http: 'Get "http://172.16.1.13:4240/hello": dial tcp 172.16.1.13:4240: connect: connection refused' },
          secondary: { ip: '172.17.1.13', icmp: TIMED_OUT, http: ok('922.31µs') },
        }),
      },
      findings: [{ messageId: 'unreachable', severity: 'error', lines: ['health.txt:3', 'health.txt:7', 'health.txt:10', 'health.txt:12'] }],
    },
  ],
});
