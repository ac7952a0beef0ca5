/** Cluster health reports (report-json.md `health`) from `cilium status` and `cilium-health status`. */
import type { CaseDb } from '../store/db.js';
import type { Evidence } from '../types/evidence.js';
import type { HealthPeer, HealthProbeResult, HealthReport, Reachability } from '../types/state.js';
import type { StatusDetail } from '../types/status.js';

type ClusterHealthDetail = Extract<StatusDetail, { type: 'cluster-health' }>;

function ev(row: { source: string; line: number }): Evidence {
  return { source: row.source, line: row.line };
}

/** `reachable` → up 1/1, `unreachable` → down 0/1, `2/3 (1 unknown)` → down 2/3, other words → unknown. */
export function reachability(printed: string | null): Reachability {
  if (printed === null) return { state: 'absent', reachable: null, total: null };
  const counts = /^(\d+)\/(\d+)/.exec(printed);
  const [reachable, total] = counts
    ? [Number(counts[1]), Number(counts[2])]
    : printed === 'reachable'
      ? [1, 1]
      : printed === 'unreachable'
        ? [0, 1]
        : [null, null];
  if (reachable === null || total === null) return { state: 'unknown', reachable: null, total: null };
  return { state: reachable === total ? 'up' : 'down', reachable, total };
}

/** Both paths up, or not printed (a row lists the node only for the paths it knows). */
export function healthyPeer(p: HealthPeer): boolean {
  const ok = (r: Reachability): boolean => r.state === 'up' || r.state === 'absent';
  return ok(p.nodePath) && ok(p.endpointPath);
}

/** A peer is reachable on a path when every probe of that path succeeded. */
function pathFromProbes(probes: HealthProbeResult[], node: string, primary: 'host' | 'endpoint'): string | null {
  const mine = probes.filter((p) => p.node === node && p.path === primary);
  if (mine.length === 0) return null;
  return mine.every((p) => p.ok) ? 'reachable' : 'unreachable';
}

interface ProbeRow {
  node: string; path: string; ip: string | null; protocol: 'icmp' | 'http'; ok: number; rtt_us: number | null; result: string; source: string; line: number;
}
interface PeerRow {
  name: string; localhost: number; ips: string; node_status: string | null; endpoints_status: string | null; source: string; line: number;
}

/** One report per `Cluster health:` section or `cilium-health status` output. */
export function readHealthReports(db: CaseDb): HealthReport[] {
  const blocks = db
    .prepare(`SELECT b.id, b.agent, b.kind FROM status_blocks b WHERE b.kind IN ('agent-status', 'health-status') ORDER BY b.id`)
    .all() as { id: number; agent: string; kind: string }[];
  const summary = db.prepare(
    `SELECT s.name AS source, f.line, f.detail FROM status_fields f JOIN sources s ON s.id = f.source_id
     WHERE f.block_id = ? AND f.label = 'Cluster health' ORDER BY f.id DESC LIMIT 1`,
  );
  const rows = db.prepare(
    `SELECT h.name, h.localhost, h.ips, h.node_status, h.endpoints_status, s.name AS source, h.line
     FROM status_health_nodes h JOIN sources s ON s.id = h.source_id WHERE h.block_id = ? ORDER BY h.id`,
  );
  const probes = db.prepare(
    `SELECT p.node, p.path, p.ip, p.protocol, p.ok, p.rtt_us, p.result, s.name AS source, p.line
     FROM status_health_probes p JOIN sources s ON s.id = p.source_id WHERE p.block_id = ? ORDER BY p.id`,
  );
  const reports: HealthReport[] = [];
  for (const b of blocks) {
    const head = summary.get(b.id) as { source: string; line: number; detail: string } | undefined;
    const probeRows: HealthProbeResult[] = (probes.all(b.id) as ProbeRow[]).map((p) => ({
      node: p.node, path: p.path, ip: p.ip, protocol: p.protocol, ok: p.ok === 1, rttMicros: p.rtt_us, result: p.result, evidence: ev(p),
    }));
    const nodeRows = rows.all(b.id) as PeerRow[];
    if (!head && nodeRows.length === 0 && probeRows.length === 0) continue;
    const nodes: HealthPeer[] = nodeRows.map((r) => {
      const ips = JSON.parse(r.ips) as string[];
      const fromProbes = r.node_status === null;
      const node = fromProbes ? pathFromProbes(probeRows, r.name, 'host') : r.node_status;
      const endpoints = fromProbes ? pathFromProbes(probeRows, r.name, 'endpoint') : r.endpoints_status;
      return {
        name: r.name,
        localhost: r.localhost === 1,
        ip: ips[0] ?? probeRows.find((p) => p.node === r.name && p.path === 'host')?.ip ?? null,
        node,
        endpoints,
        nodePath: reachability(node),
        endpointPath: reachability(endpoints),
        evidence: ev(r),
      };
    });
    const detail = head ? (JSON.parse(head.detail) as ClusterHealthDetail) : null;
    const derived = head === undefined && nodes.length > 0;
    reports.push({
      agent: b.agent,
      reporter: nodes.find((n) => n.localhost)?.name ?? null,
      kind: b.kind === 'agent-status' ? 'status' : 'cilium-health',
      reachable: detail?.reachable ?? (derived ? nodes.filter(healthyPeer).length : null),
      total: detail?.total ?? (derived ? nodes.length : null),
      time: detail?.time ?? null,
      nodes,
      probes: probeRows,
      evidence: [...(head ? [ev(head)] : []), ...nodes.map((n) => n.evidence)],
    });
  }
  return reports;
}
