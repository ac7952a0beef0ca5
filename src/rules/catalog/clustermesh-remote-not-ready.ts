import type { CliClusterMeshReport, RemoteClusterStatus } from '../../types/state.js';
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

/** Errors cited of a `cilium clustermesh status` block. */
const ERRORS_CITED = 3;

/** `kind-west: 2/3 agents connected (KVStoreMesh 0/1)` for the rows of a cilium-cli block not fully connected. */
function cliConnections(report: CliClusterMeshReport): CliClusterMeshReport['connections'] {
  return report.connections.filter((c) => c.connected < c.total || (c.kvstoremesh !== null && c.kvstoremesh.connected < c.kvstoremesh.total));
}

function describeConnection(c: CliClusterMeshReport['connections'][number]): string {
  const kvstoremesh = c.kvstoremesh ? ` (KVStoreMesh ${c.kvstoremesh.connected}/${c.kvstoremesh.total})` : '';
  return `${c.cluster}: ${c.connected}/${c.total} agents connected${kvstoremesh}`;
}

/** Findings of the cilium-cli blocks: remote clusters some agents (or KVStoreMesh replicas) do not reach, and why. */
function cliFindings(reports: readonly CliClusterMeshReport[]): FindingDraft[] {
  return reports.flatMap((report): FindingDraft[] => {
    const partial = cliConnections(report);
    const unready = [report.agents, report.kvstoremesh].filter((s) => s !== null && s.connected < s.total);
    if (partial.length === 0 && report.errors.length === 0 && unready.length === 0) return [];
    const clusters = partial.length > 0 ? partial.map(describeConnection).join(', ') : `${[...new Set(report.errors.map((e) => e.cluster))].join(', ') || 'unnamed'}`;
    const errors = report.errors.slice(0, ERRORS_CITED).map((e) => `${e.pod}: ${e.message}`);
    const agents = report.agents;
    return [{
      messageId: 'cliNotConnected',
      data: {
        agents: agents ? `${agents.connected}/${agents.total} agents connected to all clusters` : 'agents connected to all clusters: not printed',
        clusters,
        errors: errors.length > 0 ? ` Errors: ${errors.join('; ')}${report.errors.length > ERRORS_CITED ? ` (+${report.errors.length - ERRORS_CITED} more)` : ''}.` : '',
      },
      severity: agents !== null && agents.connected === 0 ? 'error' : 'warning',
      node: null,
      evidence: [...unready.map((s) => ({ source: s!.source, line: s!.line })), ...partial, ...report.errors.slice(0, ERRORS_CITED)].map(({ source, line }) => ({ source, line })),
    }];
  });
}

export const rule: Rule = {
  meta: {
    name: 'clustermesh-remote-not-ready',
    severity: 'error',
    title: 'ClusterMesh: remote clusters not ready',
    meaning:
      'An agent (its `cilium-dbg status`) or cilium-cli\'s `cilium clustermesh status` reports remote clusters of the mesh ' +
      'not ready: not connected, or not synchronized; their nodes, endpoints, ' +
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
      cliNotConnected:
        '`cilium clustermesh status`: {{agents}}; not connected: {{clusters}}.{{errors}} Expected every agent connected to every ' +
        'remote cluster. Check next: `cilium-dbg troubleshoot clustermesh` in an agent named, the remote clustermesh-apiserver ' +
        '(pod, logs, its Service address), and the clustermesh certificates (`cilium-clustermesh` secret, a shared CA).',
      unnamed:
        '{{where}}: {{ready}}/{{total}} remote clusters ready ({{missing}} not ready; the paste does not name them). Expected every ' +
        'remote cluster ready. Check next: `cilium-dbg status --all-clusters` names them; `cilium-dbg troubleshoot clustermesh`, ' +
        'the remote clustermesh-apiserver and the clustermesh certificates.',
    },
  },
  check({ state }) {
    const fromAgents = state.agents.flatMap((agent): FindingDraft[] => {
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
    return [...fromAgents, ...cliFindings(state.cliClusterMesh)];
  },
};
