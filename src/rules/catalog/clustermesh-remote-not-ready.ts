import type { RemoteClusterStatus } from '../../types/state.js';
import { plural } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** Lines cited per remote cluster: its row and the first lines under it (kvstore, remote configuration). */
const LINES_PER_CLUSTER = 3;

/** `cluster-west (etcd: 0/1 connected, … - context deadline exceeded; 2 reconnections, last 14s ago)`. */
function describeCluster(c: RemoteClusterStatus): string {
  const why = [
    ...c.details.slice(0, 2),
    c.failures !== null && c.failures > 0 ? `${plural(c.failures, 'failure')}, last ${c.lastFailure ?? 'unknown'}` : null,
  ].filter((x) => x !== null);
  return why.length > 0 ? `${c.name} (${why.join('; ')})` : c.name;
}

export const rule: Rule = {
  meta: {
    name: 'clustermesh-remote-not-ready',
    severity: 'error',
    title: 'ClusterMesh: remote clusters not ready',
    meaning:
      'The agent is not connected to, or not synchronized with, some remote clusters of the mesh: their nodes, endpoints, ' +
      'identities and global services are missing or stale here, so cross-cluster traffic is dropped or load-balanced to ' +
      'local backends only. Usual causes: the remote clustermesh-apiserver (or its etcd / KVStoreMesh) is down or unreachable ' +
      '(its Service address, NodePort or LoadBalancer), certificates signed by another CA, or a cluster name / ID clash.',
    checkNext:
      '`cilium-dbg troubleshoot clustermesh` (1.15+) in the agent, `cilium-dbg status --all-clusters`; the remote ' +
      'clustermesh-apiserver pod and its logs; `cilium clustermesh status`; the `cilium-clustermesh` secret and whether both ' +
      'clusters share the Cilium CA.',
    reads: ['S'],
    messages: {
      notReady:
        '{{where}}: {{ready}}/{{total}} remote clusters ready; not ready: {{clusters}}. Expected every remote cluster ready. ' +
        'Check next: `cilium-dbg troubleshoot clustermesh` in the agent, the remote clustermesh-apiserver (pod, logs, its ' +
        'Service address), and the clustermesh certificates (`cilium-clustermesh` secret, a shared CA).',
      unnamed:
        '{{where}}: {{ready}}/{{total}} remote clusters ready ({{missing}} not ready; the paste does not name them). Expected every ' +
        'remote cluster ready. Check next: `cilium-dbg status --all-clusters` names them; `cilium-dbg troubleshoot clustermesh`, ' +
        'the remote clustermesh-apiserver and the clustermesh certificates.',
    },
  },
  check({ state }) {
    return state.agents.flatMap((agent): FindingDraft[] => {
      const mesh = agent.status?.facts.clusterMesh;
      if (!mesh) return [];
      const { ready, total, clusters } = mesh.value;
      const notReady = clusters.filter((c) => !c.ready);
      if (ready >= total && notReady.length === 0) return [];
      const node = agent.node?.value ?? null;
      const data = { where: node ?? agent.pod ?? agent.key.replace(/^source:/, ''), ready, total };
      const severity = ready === 0 ? ('error' as const) : ('warning' as const);
      if (notReady.length === 0) {
        return [{ messageId: 'unnamed', data: { ...data, missing: total - ready }, severity, node, evidence: mesh.evidence }];
      }
      return [{
        messageId: 'notReady',
        data: { ...data, clusters: notReady.map(describeCluster).join(', ') },
        severity,
        node,
        evidence: [...mesh.evidence, ...notReady.flatMap((c) => c.evidence.slice(0, LINES_PER_CLUSTER))],
      }];
    });
  },
};
