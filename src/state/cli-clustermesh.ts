/** cilium-cli `cilium clustermesh status` blocks: agents connected to every cluster, each remote cluster's row, connection errors. */
import type { CaseDb } from '../store/db.js';
import type { CliClusterMeshReport } from '../types/state.js';
import type { ClusterMeshStatusRow } from '../types/status.js';

/** A stored row: the record's fields, its KVStoreMesh counts as JSON, where it was printed. */
type MeshRow = Omit<ClusterMeshStatusRow, 'kind' | 'kvstoremesh'> & { block_id: number; source: string; line: number; kvstoremesh: string | null };

/** One report per block, in input order. */
export function readCliClusterMesh(db: CaseDb): CliClusterMeshReport[] {
  const rows = db
    .prepare(
      `SELECT t.block_id, s.name AS source, t.line, t.row, t.cluster, t.pod, t.configured, t.connected, t.total, t.kvstoremesh, t.message
       FROM cli_clustermesh t JOIN sources s ON s.id = t.source_id ORDER BY t.id`,
    )
    .all() as MeshRow[];
  const blocks = new Map<number, CliClusterMeshReport>();
  for (const r of rows) {
    let b = blocks.get(r.block_id);
    if (!b) blocks.set(r.block_id, (b = { agents: null, kvstoremesh: null, connections: [], errors: [], evidence: [] }));
    const at = { source: r.source, line: r.line };
    if (b.evidence.length === 0) b.evidence.push(at);
    if (r.row === 'agents' || r.row === 'kvstoremesh') b[r.row] = { ...at, connected: r.connected!, total: r.total! };
    else if (r.row === 'connection') {
      const kvstoremesh = r.kvstoremesh ? (JSON.parse(r.kvstoremesh) as { configured: number; connected: number; total: number }) : null;
      b.connections.push({ ...at, cluster: r.cluster!, configured: r.configured!, connected: r.connected!, total: r.total!, kvstoremesh });
    } else if (r.row === 'error') b.errors.push({ ...at, pod: r.pod!, cluster: r.cluster!, message: r.message! });
  }
  return [...blocks.entries()].sort(([a], [b]) => a - b).map(([, b]) => b);
}
