import type { CaseDb } from '../store/db.js';
import type { ArpExchange, CapturePointCount, PacketSummary } from '../types/state.js';

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

/** ARP requests per capture (input, node, netns) and asked-for address, with the replies that answer them. */
export function readArpExchanges(db: CaseDb): ArpExchange[] {
  const rows = db
    .prepare(
      `SELECT s.name AS source, p.line, p.capture_node AS node, p.capture_netns AS netns, coalesce(p.iface, p.capture_iface) AS device,
              p.ts_seconds AS time, p.src, p.dst, json_extract(p.detail, '$.arp.op') AS op
         FROM packets p JOIN sources s ON s.id = p.source_id
        WHERE p.protocol = 'arp' AND p.outer_id IS NULL ORDER BY p.source_id, p.line, p.id`,
    )
    .all() as { source: string; line: number; node: string | null; netns: string | null; device: string | null; time: number | null; src: string | null; dst: string | null; op: string | null }[];
  const exchanges = new Map<string, ArpExchange>();
  const exchange = (r: (typeof rows)[number], target: string): ArpExchange => {
    const key = `${r.source}|${r.node ?? ''}|${r.netns ?? ''}|${target}`;
    let x = exchanges.get(key);
    if (!x) exchanges.set(key, (x = { source: r.source, node: r.node, netns: r.netns, target, requests: [], replies: [] }));
    return x;
  };
  for (const r of rows) {
    const at = { source: r.source, line: r.line, device: r.device, time: r.time };
    // A request names the asked-for address as its destination; a reply announces it as its source.
    if (r.op === 'request' && r.dst) exchange(r, r.dst).requests.push({ ...at, sender: r.src });
    else if (r.op === 'reply' && r.src) exchange(r, r.src).replies.push(at);
  }
  return [...exchanges.values()];
}
