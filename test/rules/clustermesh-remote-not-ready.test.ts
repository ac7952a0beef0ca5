import { rule } from '../../src/rules/catalog/clustermesh-remote-not-ready.js';
import { banner, nodeName, podPaste } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** `cilium-dbg status` of one agent: the lines before `ClusterMesh:`, then the mesh lines given. */
const status = (version: string, mesh: string[]) => [
  'KVStore:                 Ok   Disabled',
  `Cilium:                  Ok   ${version} (v${version}-4b1c2d3e)`,
  ...mesh,
  'Controller Status:       58/58 healthy',
];

/** One agent on node `node`: a start-up log naming it and its status. */
const agent = (pod: string, node: string, version: string, mesh: string[]) =>
  lines(...podPaste(pod, [banner(version), nodeName(node)], status(version, mesh), 'cilium-dbg'));

/** 1.17 / 1.18 shapes: `remote clusters ready`, endpoints, MCS-API exports (1.18), reconnections, └ lines. */
const WEST_DOWN_1_18 = [
  'ClusterMesh:             1/2 remote clusters ready, 4 global-services',
  '   eu-west-2: not-ready, 0 nodes, 0 endpoints, 0 identities, 0 services, 0 MCS-API service exports, 7 reconnections (last: 41s ago)',
  '   └  etcd: 0/1 connected, leases=0, lock leases=0: https://eu-west-2.mesh.cilium.io:2379 - context deadline exceeded',
  '   └  remote configuration: expected=unknown, retrieved=unknown',
];

ruleTester(rule, {
  valid: [
    { name: 'no ClusterMesh line', inputs: { 'paste.txt': agent('cilium-p2m8c', 'gw-1', '1.16.4', []) } },
    { name: 'a single cluster: 0/0', inputs: { 'paste.txt': agent('cilium-p2m8c', 'gw-1', '1.16.4', ['ClusterMesh:             0/0 remote clusters ready, 0 global-services']) } },
    {
      name: '1.18 --verbose: every cluster ready, their rows printed',
      inputs: {
        'paste.txt': agent('cilium-p2m8c', 'gw-1', '1.18.2', [
          'ClusterMesh:             2/2 remote clusters ready, 4 global-services',
          '   eu-west-2: ready, 4 nodes, 31 endpoints, 12 identities, 4 services, 0 MCS-API service exports, 0 reconnections (last: never)',
          '   └  etcd: 1/1 connected, leases=0, lock leases=0, has-quorum=true: https://eu-west-2.mesh.cilium.io:2379 - 3.5.17 (Leader)',
          '   └  remote configuration: expected=true, retrieved=true, cluster-id=4, kvstoremesh=true, sync-canaries=true, service-exports=disabled',
          '   └  synchronization status: nodes=true, endpoints=true, identities=true, services=true',
          '   ap-south-1: ready, 2 nodes, 9 endpoints, 5 identities, 0 services, 0 MCS-API service exports, 1 reconnections (last: 3h2m ago)',
        ]),
      },
    },
    { name: '1.8: the only cluster ready', inputs: { 'paste.txt': agent('cilium-q9z7t', 'bm-3', '1.8.13', ['ClusterMesh:            1/1 clusters ready, 2 global-services']) } },
    {
      name: 'cilium-cli v0.15+: every agent and KVStoreMesh replica connected',
      inputs: {
        'cli.txt': lines(
          '$ cilium clustermesh status --context prod-a',
          '✅ Service "clustermesh-apiserver" of type "LoadBalancer" found',
          '✅ Cluster access information is available:',
          '  - 10.220.4.17:2379',
          '✅ Deployment clustermesh-apiserver is ready',
          'ℹ️  KVStoreMesh is enabled',
          '',
          '✅ All 5 nodes are connected to all clusters [min:1 / avg:1.0 / max:1]',
          '✅ All 2 KVStoreMesh replicas are connected to all clusters [min:1 / avg:1.0 / max:1]',
          '',
          '🔌 Cluster Connections:',
          '  - prod-b: 5/5 configured, 5/5 connected - KVStoreMesh: 2/2 configured, 2/2 connected',
          '',
          '🔀 Global services: [ min:3 / avg:3.0 / max:3 ]',
        ),
      },
    },
  ],
  invalid: [
    {
      name: '1.18: one of two remote clusters down, named with its kvstore line, on the agent\'s node',
      inputs: { 'paste.txt': agent('cilium-p2m8c', 'gw-1', '1.18.2', WEST_DOWN_1_18) },
      findings: [
        {
          messageId: 'notReady',
          severity: 'warning',
          node: 'gw-1',
          lines: ['paste.txt:7', 'paste.txt:8', 'paste.txt:9', 'paste.txt:10'],
          includes: [
            'gw-1: 1/2 remote clusters ready; not ready: eu-west-2 (etcd: 0/1 connected, leases=0, lock leases=0: https://eu-west-2.mesh.cilium.io:2379 - context deadline exceeded; remote configuration: expected=unknown, retrieved=unknown; 7 failures, last 41s ago).',
            '`cilium-dbg troubleshoot clustermesh`',
          ],
        },
      ],
    },
    {
      name: '1.12: no cluster ready is an error; the older row shape (identities, failures) and its status line',
      inputs: {
        'paste.txt': agent('cilium-q9z7t', 'bm-3', '1.12.19', [
          'ClusterMesh:             0/1 clusters ready, 0 global-services',
          '   dc-east: not-ready, 0 nodes, 0 identities, 0 services, 3 failures (last: 1m12s ago)',
          '   └  etcd: 0/1 connected, lease-ID=0, lock lease-ID=0, has-quorum=false: https://dc-east.mesh.cilium.io:2379 - x509: certificate signed by unknown authority',
        ]),
      },
      findings: [
        {
          messageId: 'notReady',
          severity: 'error',
          node: 'bm-3',
          lines: ['paste.txt:7', 'paste.txt:8', 'paste.txt:9'],
          includes: ['bm-3: 0/1 remote clusters ready; not ready: dc-east (etcd: 0/1 connected', 'x509: certificate signed by unknown authority; 3 failures, last 1m12s ago)'],
        },
      ],
    },
    {
      name: '1.8: the row without failures; a second agent fully ready says nothing',
      inputs: {
        'a.txt': agent('cilium-q9z7t', 'bm-3', '1.8.13', ['ClusterMesh:            0/1 clusters ready, 2 global-services', '   eu-west: not-ready, 4 nodes, 37 identities, 9 services']),
        'b.txt': agent('cilium-r4k2w', 'bm-4', '1.8.13', ['ClusterMesh:            1/1 clusters ready, 2 global-services']),
      },
      findings: [{ messageId: 'notReady', severity: 'error', node: 'bm-3', lines: ['a.txt:7', 'a.txt:8'], includes: ['bm-3: 0/1 remote clusters ready; not ready: eu-west. Expected'] }],
    },
    {
      name: 'only the summary line survived a grep: the count, without names',
      inputs: { 'status.txt': lines('$ cilium-dbg status | grep ClusterMesh', 'ClusterMesh:   2/3 remote clusters ready, 0 global-services') },
      findings: [{ messageId: 'unnamed', severity: 'warning', node: null, lines: ['status.txt:2'], includes: ['2/3 remote clusters ready (1 not ready; the paste does not name them)'] }],
    },
    {
      name: 'cilium-cli v0.15+: one agent not connected, KVStoreMesh behind, the agent\'s error named',
      inputs: {
        'cli.txt': lines(
          '$ cilium clustermesh status --context prod-a',
          '✅ Service "clustermesh-apiserver" of type "NodePort" found',
          'ℹ️  KVStoreMesh is enabled',
          '⚠️  1/5 nodes are not connected to all clusters [min:0 / avg:0.8 / max:1]',
          '⚠️  1/2 KVStoreMesh replicas are not connected to all clusters [min:0 / avg:0.5 / max:1]',
          '🔌 Cluster Connections:',
          '  - prod-b: 5/5 configured, 4/5 connected - KVStoreMesh: 2/2 configured, 1/2 connected',
          '  - prod-c: 5/5 configured, 5/5 connected - KVStoreMesh: 2/2 configured, 2/2 connected',
          '🔀 Global services: [ min:3 / avg:3.0 / max:3 ]',
          '❌ 1 Errors:',
          '  ❌ cilium-h7d2x is not connected to cluster prod-b: remote cluster configuration required but not found',
        ),
      },
      findings: [
        {
          messageId: 'cliNotConnected',
          severity: 'warning',
          node: null,
          lines: ['cli.txt:4', 'cli.txt:5', 'cli.txt:7', 'cli.txt:11'],
          includes: [
            '`cilium clustermesh status`: 4/5 agents connected to all clusters; not connected: prod-b: 4/5 agents connected (KVStoreMesh 1/2). ' +
              'Errors: cilium-h7d2x: remote cluster configuration required but not found.',
          ],
        },
      ],
    },
    {
      name: 'cilium-cli before v0.15: rows and errors unindented, no agent connected is an error',
      inputs: {
        'cli.txt': lines(
          '$ cilium clustermesh status',
          '✅ Cluster access information is available:',
          '  - 192.168.60.10:32379',
          '✅ Service "clustermesh-apiserver" of type "NodePort" found',
          '⚠️  2/2 nodes are not connected to all clusters [min:0 / avg:0.0 / max:0]',
          '🔌 Cluster Connections:',
          '- edge-2: 2/2 configured, 0/2 connected',
          '🔀 Global services: [ min:0 / avg:0.0 / max:0 ]',
          '❌ 2 Errors:',
          '❌ cilium-5tq8r is not connected to cluster edge-2: etcd: 0/1 connected: https://edge-2.mesh.cilium.io:2379 - x509: certificate signed by unknown authority',
          '❌ cilium-9wz4m is not connected to cluster edge-2: etcd: 0/1 connected: https://edge-2.mesh.cilium.io:2379 - x509: certificate signed by unknown authority',
        ),
      },
      findings: [
        {
          messageId: 'cliNotConnected',
          severity: 'error',
          lines: ['cli.txt:5', 'cli.txt:7', 'cli.txt:10', 'cli.txt:11'],
          includes: ['0/2 agents connected to all clusters; not connected: edge-2: 0/2 agents connected.', 'cilium-9wz4m: etcd: 0/1 connected'],
        },
      ],
    },
  ],
});
