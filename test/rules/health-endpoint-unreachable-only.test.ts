import { rule } from '../../src/rules/catalog/health-endpoint-unreachable-only.js';
import { ciliumHealthStatus, ok, type HealthNode } from '../helpers/health-status.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.15 `cilium-dbg status --verbose` health section of node `hz-fsn1-01` with peer rows. */
const status = (summary: string, ...rows: string[]) =>
  lines(
    'KVStore:                 Ok   Disabled',
    'Cilium:                  Ok   1.15.9 (v1.15.9-7a1c3f20)',
    `Cluster health:          ${summary}   (2024-10-08T22:41:09Z)`,
    '  Name                     IP            Node          Endpoints',
    '  hz-fsn1-01 (localhost)   10.0.0.2      reachable     reachable',
    ...rows,
  );

/** `cilium-health status` of node `hz-fsn1-01` (lines 1–6) and the given peers. */
const health = (...peers: HealthNode[]) =>
  ciliumHealthStatus('2024-10-08T22:42:00Z', { name: 'hz-fsn1-01', localhost: true, host: { ip: '10.0.0.2', icmp: ok('98.1µs'), http: ok('201.33µs') } }, ...peers);

const PEER_HOST = { ip: '10.0.0.3', icmp: ok('310.9µs'), http: ok('502.77µs') };

ruleTester(rule, {
  valid: [
    {
      name: 'a peer probed at a health IP it no longer has (1.11): health-ip-stale, not a broken pod network',
      inputs: {
        'health-a.txt': lines(
          'Probe time:   2022-06-02T14:21:05Z',
          'Nodes:',
          '  infra-1 (localhost):',
          '    Host connectivity to 10.70.0.21:',
          '      ICMP to stack:   OK, RTT=301.4µs',
          '    Endpoint connectivity to 10.245.1.19:',
          '      ICMP to stack:   OK, RTT=388.2µs',
          '  infra-2:',
          '    Host connectivity to 10.70.0.22:',
          '      ICMP to stack:   OK, RTT=702.6µs',
          '      HTTP to agent:   OK, RTT=880.1µs',
          '    Endpoint connectivity to 10.245.2.144:',
          '      ICMP to stack:   Connection timed out',
          '      HTTP to agent:   Get "http://10.245.2.144:4240/hello": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
        ),
        'status-b.txt': lines(
          '$ kubectl -n kube-system exec cilium-zl2q6 -- cilium status --all-addresses',
          'Cilium:                 Ok   1.11.3 (v1.11.3-62aa82d)',
          'Allocated addresses:',
          '  10.245.2.1 (router)',
          '  10.245.2.57 (health)',
          'Cluster health:         2/2 reachable   (2022-06-02T14:21:05Z)',
          '  Name                IP            Node        Endpoints',
          '  infra-2 (localhost) 10.70.0.22    reachable   reachable',
          '  infra-1             10.70.0.21    reachable   reachable',
        ),
      },
    },
    { name: 'both paths up', inputs: { 'status.txt': status('2/2 reachable', '  hz-fsn1-02               10.0.0.3      reachable     reachable') } },
    { name: 'both paths down is a node problem', inputs: { 'status.txt': status('1/2 reachable', '  hz-fsn1-02               10.0.0.3      unreachable   unreachable') } },
    { name: 'an endpoint path of unknown state', inputs: { 'status.txt': status('1/2 reachable', '  hz-fsn1-02               10.0.0.3      reachable     unknown') } },
    {
      name: 'a peer without a health endpoint (no endpoint block) in cilium-health status',
      inputs: { 'health.txt': lines(...health({ name: 'hz-fsn1-02', host: PEER_HOST })) },
    },
  ],
  invalid: [
    {
      name: 'one peer answering on the node path only',
      inputs: {
        'status.txt': status('2/3 reachable', '  hz-fsn1-02               10.0.0.3      reachable     reachable', '  hz-fsn1-03               10.0.0.4      reachable     unreachable'),
      },
      findings: [
        {
          messageId: 'endpointOnly',
          severity: 'error',
          lines: ['status.txt:3', 'status.txt:7'],
          node: 'hz-fsn1-01',
          includes: ['; hz-fsn1-03 answers on the node path but not on the endpoint path.'],
        },
      ],
    },
    {
      name: 'two such peers in one finding; a peer down on both paths is left out',
      inputs: {
        'status.txt': status(
          '1/4 reachable',
          '  hz-fsn1-02               10.0.0.3      reachable     unreachable',
          '  hz-fsn1-03               10.0.0.4      unreachable   unreachable',
          '  hz-fsn1-04               10.0.0.5      reachable     unreachable',
        ),
      },
      findings: [{ messageId: 'endpointOnly', severity: 'error', lines: ['status.txt:3', 'status.txt:6', 'status.txt:8'], includes: ['; hz-fsn1-02, hz-fsn1-04 answer on the node path'] }],
    },
    {
      name: '1.17+ counts: the endpoint answered one probe of two',
      inputs: {
        'status.txt': lines(
          'Cilium:                  Ok   1.18.1 (v1.18.1-0c5e9b2d)',
          'Cluster health:          2/3 reachable   (2025-08-20T04:10:33Z)   (Probe interval: 1m40s)',
          'Name                     IP            Node   Endpoints',
          '  hz-nbg1-07             10.0.1.8      2/2    1/2',
        ),
      },
      findings: [{ messageId: 'endpointOnly', severity: 'error', lines: ['status.txt:2', 'status.txt:4'], node: null, includes: ['hz-nbg1-07 answers'] }],
    },
    {
      name: 'cilium-health status: every endpoint probe failed, the host probes did not',
      inputs: {
        'health.txt': lines(
          '$ kubectl -n kube-system exec cilium-wq4rt -c cilium-agent -- cilium-health status',
          ...health({
            name: 'hz-fsn1-02',
            host: PEER_HOST,
            endpoint: { ip: '10.42.2.31', icmp: 'Connection timed out', http: 'Get "http://10.42.2.31:4240/hello": context deadline exceeded (Client.Timeout exceeded while awaiting headers)' },
          }),
        ),
      },
      findings: [{ messageId: 'endpointOnly', severity: 'error', lines: ['health.txt:4', 'health.txt:8'], node: 'hz-fsn1-01' }],
    },
  ],
});
