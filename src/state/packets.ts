import type { CaseDb } from '../store/db.js';
import type { CapturePointCount, PacketSummary } from '../types/state.js';

/**
 * Counts printed packets; an encapsulated packet counts once, under the protocol of the frame it
 * carries (a VXLAN packet with an inner TCP segment is `tcp`).
 */
export function readPacketSummary(db: CaseDb): PacketSummary {
  const rows = db
    .prepare(
      `SELECT o.capture_node AS node, o.capture_iface AS iface, o.capture_netns AS netns,
              coalesce(i.protocol, o.protocol) AS protocol, count(*) AS n
         FROM packets o LEFT JOIN packets i ON i.outer_id = o.id
        WHERE o.outer_id IS NULL
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 2, 3, 4`,
    )
    .all() as { node: string | null; iface: string | null; netns: string | null; protocol: string; n: number }[];
  const summary: PacketSummary = { total: 0, byProtocol: {}, captures: [] };
  let point: CapturePointCount | undefined;
  for (const r of rows) {
    if (!point || point.node !== r.node || point.iface !== r.iface || point.netns !== r.netns) {
      point = { node: r.node, iface: r.iface, netns: r.netns, total: 0, byProtocol: {} };
      summary.captures.push(point);
    }
    point.total += r.n;
    point.byProtocol[r.protocol] = (point.byProtocol[r.protocol] ?? 0) + r.n;
    summary.total += r.n;
    summary.byProtocol[r.protocol] = (summary.byProtocol[r.protocol] ?? 0) + r.n;
  }
  return summary;
}
