import { MONITOR_EVENT_FIELDS } from '../types/monitor.js';
import { LINE_ROW_KEY } from './line-row.js';

/**
 * Tables of `cilium monitor` output. `monitor_events` holds one row per event with every field a
 * query needs as its own column (drop reason, identities, tuple, dissection); `monitor_lines` holds
 * the other lines (banners, separators, dissection lines, hex dumps) linked to their event.
 */

/** Columns filled from an event's dissection block (-vv, JSON summary or hex dump), after its own fields. */
const DISSECTION_COLUMNS = [
  ['layers', 'TEXT'],
  ['src_mac', 'TEXT'],
  ['dst_mac', 'TEXT'],
  ['ether_type', 'TEXT'],
  ['ttl', 'INTEGER'],
  ['ip_id', 'INTEGER'],
  ['ip_flags', 'TEXT'],
  ['ip_length', 'INTEGER'],
  ['tcp_seq', 'INTEGER'],
  ['tcp_ack', 'INTEGER'],
  ['tcp_window', 'INTEGER'],
  ['icmp_id', 'INTEGER'],
  ['icmp_seq', 'INTEGER'],
  ['udp_length', 'INTEGER'],
  ['tunnel_protocol', 'TEXT'],
  ['tunnel_src_ip', 'TEXT'],
  ['tunnel_dst_ip', 'TEXT'],
  ['vni', 'INTEGER'],
  ['truncated', 'INTEGER NOT NULL'],
  ['decode_error', 'TEXT'],
] as const;

/** Columns of `monitor_events` after the location columns, in insert order: context, event fields, dissection. */
export const MONITOR_EVENT_COLUMNS = [
  ['agent', 'TEXT NOT NULL'],
  ['runtime_time', 'TEXT'],
  ...Object.values(MONITOR_EVENT_FIELDS).map((f) => [f.column, f.sqlType] as const),
  ...DISSECTION_COLUMNS,
] as const;

export type MonitorEventColumn = (typeof MONITOR_EVENT_COLUMNS)[number][0];

export const MONITOR_TABLES = `
CREATE TABLE monitor_events (
  ${LINE_ROW_KEY},
  ${MONITOR_EVENT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')},
  text TEXT NOT NULL);
CREATE TABLE monitor_lines (
  ${LINE_ROW_KEY},
  event_id INTEGER, type TEXT NOT NULL, layer TEXT, fields TEXT, text TEXT NOT NULL);
`;

export const MONITOR_INDEXES = `
CREATE INDEX IF NOT EXISTS monitor_events_by_line ON monitor_events(source_id, line);
CREATE INDEX IF NOT EXISTS monitor_events_by_type ON monitor_events(type, drop_code);
CREATE INDEX IF NOT EXISTS monitor_lines_by_line ON monitor_lines(source_id, line);
`;

export const MONITOR_EVIDENCE_TABLES: readonly string[] = ['monitor_events', 'monitor_lines'];
