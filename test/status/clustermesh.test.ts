/** The `ClusterMesh:` section of `cilium-dbg status` as typed status facts: the summary and each remote cluster with its `└` lines. */
import { describe, expect, it } from 'vitest';
import { cite, stateOn } from '../helpers/case.js';
import { lines } from '../helpers/rule-tester.js';

describe('ClusterMesh status facts', () => {
  it('keeps the last block\'s summary and its remote clusters, each with the lines under it', async () => {
    const state = await stateOn({
      'status.txt': lines(
        '$ kubectl -n kube-system exec cilium-v8n2d -- cilium-dbg status --all-clusters',
        'KVStore:                 Ok   Disabled',
        'ClusterMesh:             0/1 remote clusters ready, 0 global-services',
        '   ap-1: not-ready, 0 nodes, 0 endpoints, 0 identities, 0 services, 2 reconnections (last: 5s ago)',
        '$ kubectl -n kube-system exec cilium-v8n2d -- cilium-dbg status --all-clusters',
        'KVStore:                 Ok   Disabled',
        'ClusterMesh:             1/2 remote clusters ready, 3 global-services',
        '   ap-1: ready, 5 nodes, 40 endpoints, 17 identities, 3 services, 2 reconnections (last: 4m ago)',
        '   └  remote configuration: expected=true, retrieved=true, cluster-id=9, kvstoremesh=false, sync-canaries=true',
        '   us-2: not-ready, 0 nodes, 0 endpoints, 0 identities, 0 services, 0 reconnections (last: never)',
        '   └  etcd: 0/1 connected, leases=0, lock leases=0: https://us-2.mesh.cilium.io:2379 - connection refused',
        '   └  remote configuration: expected=true, retrieved=false',
        'Controller Status:       40/40 healthy',
      ),
    });
    const mesh = state.agents.find((a) => a.key === 'cilium-v8n2d')!.status!.facts.clusterMesh!;
    expect(mesh.evidence.map(cite)).toEqual(['status.txt:7']);
    expect(mesh.value).toMatchObject({ ready: 1, total: 2, globalServices: 3 });
    expect(mesh.value.clusters.map((c) => ({ ...c, evidence: c.evidence.map(cite) }))).toEqual([
      {
        name: 'ap-1', ready: true, nodes: 5, endpoints: 40, identities: 17, services: 3, failures: 2, lastFailure: '4m ago',
        details: ['remote configuration: expected=true, retrieved=true, cluster-id=9, kvstoremesh=false, sync-canaries=true'],
        evidence: ['status.txt:8', 'status.txt:9'],
      },
      {
        name: 'us-2', ready: false, nodes: 0, endpoints: 0, identities: 0, services: 0, failures: 0, lastFailure: 'never',
        details: ['etcd: 0/1 connected, leases=0, lock leases=0: https://us-2.mesh.cilium.io:2379 - connection refused', 'remote configuration: expected=true, retrieved=false'],
        evidence: ['status.txt:10', 'status.txt:11', 'status.txt:12'],
      },
    ]);
  });
});
