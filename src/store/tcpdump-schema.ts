/**
 * Tables of the tcpdump family. `packets` has one row per printed frame; the inner frame of a
 * VXLAN / Geneve packet is its own row pointing at its outer row (`outer_id`), so an
 * encapsulated packet counts once (rows with `outer_id IS NULL`) while both headers stay queryable.
 *
 * `packets` is a view over narrow rows (`packets_rows`): a packet's text gives every column but
 * where it was captured (interned in `packet_captures`), its absolute TCP sequence numbers (they
 * depend on the packets before it) and the note on a packet cut short, so the rows keep those (and
 * the protocol, which the state counts every packet by, so counting parses nothing) and
 * the other columns are read back from the packet's text when asked for (`packet_value()`, the
 * frame `depth` levels inside its packet): from its line, or from `text` where the row keeps it (a
 * packet printed over several lines, a line joined from several). Inner frames keep no text.
 */
import { LINE_ROW_KEY } from './line-row.js';

/** Columns of `packets` after `capture_origin`, in view order: read back from the packet's text but for STORED. */
export const PACKET_COLUMNS = [
  'ts', 'ts_seconds', 'iface', 'direction', 'src_mac', 'dst_mac', 'l3', 'src', 'dst', 'sport', 'dport', 'l4', 'protocol', 'ttl',
  'tcp_flags', 'seq_abs', 'ack_abs', 'mss', 'length', 'cksum', 'icmp', 'http', 'dns', 'encap', 'vni', 'note', 'detail',
] as const;

export type PacketColumn = (typeof PACKET_COLUMNS)[number];

/** What `packets.protocol` says: a frame's transport, else its network protocol; rows keep its index. */
export const PACKET_PROTOCOLS = ['tcp', 'udp', 'icmp', 'icmp6', 'esp', 'arp', 'ipv4', 'ipv6', 'other'] as const;

export type PacketProtocol = (typeof PACKET_PROTOCOLS)[number];

/**
 * Columns the rows keep: not in the packet's text (absolute sequence numbers, the note on a packet
 * cut short), or what the state counts every packet by (its protocol).
 */
const STORED = new Set<PacketColumn>(['seq_abs', 'ack_abs', 'note', 'protocol']);

/** The text an inner frame's packet keeps: its outer row's (the row at depth 0 of the same line). */
const PACKET_TEXT = `CASE WHEN r.depth = 0 THEN r.text ELSE (SELECT o.text FROM packets_rows o
  WHERE o.source_id = r.source_id AND o.line = r.line AND o.segment = r.segment AND o.depth = 0) END`;

/** Where a `packets` column comes from: the row's protocol index, a column of the row, or the frame's text. */
export function packetColumnSource(c: PacketColumn): 'protocol' | 'row' | 'text' {
  return c === 'protocol' ? 'protocol' : STORED.has(c) ? 'row' : 'text';
}

function column(c: PacketColumn): string {
  switch (packetColumnSource(c)) {
    case 'protocol': return `CASE r.protocol ${PACKET_PROTOCOLS.map((p, i) => `WHEN ${i} THEN '${p}'`).join(' ')} END AS protocol`;
    case 'row': return `r.${c}`;
    case 'text': return `packet_value(r.source_id, r.line, r.segment, r.depth, r.seq_abs, r.ack_abs, ${PACKET_TEXT}, '${c}') AS ${c}`;
  }
}

export const TCPDUMP_TABLES = `
CREATE TABLE packet_captures (id INTEGER PRIMARY KEY, node TEXT, iface TEXT, netns TEXT, origin TEXT);
CREATE TABLE packets_rows (
  ${LINE_ROW_KEY},
  outer_id INTEGER, depth INTEGER NOT NULL, capture_id INTEGER NOT NULL, protocol INTEGER NOT NULL, seq_abs INTEGER, ack_abs INTEGER,
  note TEXT, text TEXT);
CREATE VIEW packets AS SELECT r.id, r.source_id, r.line, r.segment, r.outer_id,
  c.node AS capture_node, c.iface AS capture_iface, c.netns AS capture_netns, c.origin AS capture_origin,
  ${PACKET_COLUMNS.map(column).join(', ')},
  CASE WHEN r.depth = 0 THEN coalesce(r.text, line_text(r.source_id, r.line, r.segment)) ELSE '' END AS text
  FROM packets_rows r JOIN packet_captures c ON c.id = r.capture_id;
CREATE TABLE packet_lines (
  ${LINE_ROW_KEY},
  packet_line INTEGER NOT NULL, packet_segment INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT, value TEXT,
  text TEXT NOT NULL);
CREATE TABLE capture_status (
  ${LINE_ROW_KEY},
  status TEXT NOT NULL, iface TEXT, link_type TEXT, count INTEGER, text TEXT NOT NULL);
`;

export const TCPDUMP_INDEXES = `
CREATE INDEX IF NOT EXISTS packets_by_line ON packets(source_id, line);
CREATE INDEX IF NOT EXISTS packets_by_outer ON packets(outer_id);
`;

export const TCPDUMP_EVIDENCE_TABLES: readonly string[] = ['packets', 'packet_lines', 'capture_status'];
