import type { CaseDb } from './db.js';
import { packetValuesOf } from './db.js';
import { PACKET_COLUMNS, PACKET_PROTOCOLS, packetColumnSource, type PacketColumn } from './tcpdump-schema.js';

/** A `packets` row without its text: where it is, its capture, and every column of its frame. */
export type PacketRow = {
  id: number; source: string; source_id: number; line: number; segment: number; outer_id: number | null;
  capture_node: string | null; capture_iface: string | null; capture_netns: string | null;
} & Record<PacketColumn, string | number | null>;

const SOURCES = PACKET_COLUMNS.map(packetColumnSource);

/**
 * The `packets` rows, in input order, each as the view gives it (but `text` and the capture's
 * origin). Built here from the narrow rows: the view calls back into JavaScript once per column of
 * each frame read from its text.
 */
export function* packetRows(db: CaseDb): Generator<PacketRow> {
  const values = packetValuesOf(db);
  const query = db.prepare(
    `SELECT r.id, r.source_id, r.line, r.segment, r.outer_id, r.depth, r.protocol, r.seq_abs, r.ack_abs, r.note,
       CASE WHEN r.depth = 0 THEN r.text ELSE o.text END AS text, c.node, c.iface, c.netns, s.name
     FROM packets_rows r JOIN packet_captures c ON c.id = r.capture_id JOIN sources s ON s.id = r.source_id
       LEFT JOIN packets_rows o ON r.depth > 0 AND o.source_id = r.source_id AND o.line = r.line AND o.segment = r.segment AND o.depth = 0
     ORDER BY r.source_id, r.line, r.segment, r.id`,
  ).raw(true);
  for (const raw of query.iterate()) {
    const [id, sourceId, line, segment, outerId, depth, protocol, seqAbs, ackAbs, note, text, node, iface, netns, source] = raw as [
      number, number, number, number, number | null, number, number, number | null, number | null, string | null, string | null,
      string | null, string | null, string | null, string,
    ];
    const frame = values.frame(sourceId, line, segment, depth, seqAbs, ackAbs, text);
    const stored: Partial<Record<PacketColumn, string | number | null>> = { seq_abs: seqAbs, ack_abs: ackAbs, note };
    const row: Record<string, string | number | null> = {
      id, source, source_id: sourceId, line, segment, outer_id: outerId, capture_node: node, capture_iface: iface, capture_netns: netns,
    };
    for (let i = 0; i < PACKET_COLUMNS.length; i++) {
      const column = PACKET_COLUMNS[i]!;
      switch (SOURCES[i]) {
        case 'protocol': row[column] = PACKET_PROTOCOLS[protocol] ?? null; break;
        case 'row': row[column] = stored[column] ?? null; break;
        case 'text': row[column] = frame?.[column] ?? null; break;
      }
    }
    yield row as PacketRow;
  }
}
