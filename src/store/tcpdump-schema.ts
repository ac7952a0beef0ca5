/**
 * Tables of the tcpdump family. `packets` has one row per printed frame; the inner frame of a
 * VXLAN / Geneve packet is its own row pointing at its outer row (`outer_id`), so an
 * encapsulated packet counts once (rows with `outer_id IS NULL`) while both headers stay queryable.
 */
import { LINE_ROW_KEY } from './line-row.js';
export const TCPDUMP_TABLES = `
CREATE TABLE packets (
  ${LINE_ROW_KEY},
  outer_id INTEGER, capture_node TEXT, capture_iface TEXT, capture_netns TEXT, capture_origin TEXT,
  ts TEXT, ts_seconds REAL, iface TEXT, direction TEXT, src_mac TEXT, dst_mac TEXT, l3 TEXT, src TEXT, dst TEXT,
  sport INTEGER, dport INTEGER, l4 TEXT, protocol TEXT NOT NULL, ttl INTEGER, tcp_flags TEXT, seq_abs INTEGER,
  ack_abs INTEGER, mss INTEGER, length INTEGER, cksum TEXT, icmp TEXT, http TEXT, dns TEXT, encap TEXT,
  vni INTEGER, note TEXT, detail TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE packet_lines (
  ${LINE_ROW_KEY},
  packet_line INTEGER NOT NULL, packet_segment INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT, value TEXT,
  text TEXT NOT NULL);
CREATE TABLE capture_status (
  ${LINE_ROW_KEY},
  status TEXT NOT NULL, iface TEXT, link_type TEXT, count INTEGER, text TEXT NOT NULL);
`;

export const TCPDUMP_INDEXES = `
CREATE INDEX IF NOT EXISTS packets_by_tuple ON packets(src, dst, sport, dport);
CREATE INDEX IF NOT EXISTS packets_by_outer ON packets(outer_id);
`;

export const TCPDUMP_EVIDENCE_TABLES: readonly string[] = ['packets', 'packet_lines', 'capture_status'];
