/**
 * Tables of the `hubble observe` family. `hubble_flows` has one row per flow whatever form it was
 * printed in (its `line` is the first line of a dict block or pretty-printed object, `text` the
 * whole record); `hubble_lines` the lines that belong to a record without being one (table
 * header, dict keys, JSON object lines); `hubble_notices` lost events, relay node status and the
 * agent / debug events of `hubble observe agent-events|debug-events`.
 */
import { LINE_ROW_KEY } from './line-row.js';

/** Columns of one side of a flow, prefixed `src_` / `dst_`. */
const SIDE_COLUMNS = [
  ['ip', 'TEXT'],
  ['port', 'INTEGER'],
  ['identity', 'INTEGER'],
  ['identity_name', 'TEXT'],
  ['namespace', 'TEXT'],
  ['name', 'TEXT'],
  ['pod', 'TEXT'],
  ['service', 'TEXT'],
] as const;

/** Columns of `hubble_flows` after the location columns, in insert order. */
export const HUBBLE_FLOW_COLUMNS = [
  ['agent', 'TEXT NOT NULL'],
  ['form', 'TEXT NOT NULL'],
  ['time', 'TEXT'],
  ['iso_time', 'TEXT'],
  ['day_seconds', 'REAL'],
  ['node', 'TEXT'],
  ['verdict', 'TEXT'],
  ['policy_action', 'TEXT'],
  ['event_type', 'TEXT'],
  ['event_subtype', 'INTEGER'],
  ['obs_point', 'TEXT'],
  ['trace_reason', 'TEXT'],
  ['is_reply', 'INTEGER'],
  ['traffic_direction', 'TEXT'],
  ['policy_match', 'TEXT'],
  ['drop_code', 'INTEGER'],
  ['drop_reason', 'TEXT'],
  ['drop_reason_name', 'TEXT'],
  ['protocol', 'TEXT'],
  ['ip_version', 'INTEGER'],
  ...SIDE_COLUMNS.map(([name, type]) => [`src_${name}`, type] as const),
  ...SIDE_COLUMNS.map(([name, type]) => [`dst_${name}`, type] as const),
  ['tcp_flags', 'TEXT'],
  ['icmp_type', 'INTEGER'],
  ['icmp_code', 'INTEGER'],
  ['icmp_name', 'TEXT'],
  ['encrypted', 'INTEGER'],
  ['if_name', 'TEXT'],
  ['if_index', 'INTEGER'],
  ['point', 'TEXT'],
  ['l7_protocol', 'TEXT'],
  ['l7_type', 'TEXT'],
  ['summary', 'TEXT'],
  ['auth', 'TEXT'],
  ['ip_trace_id', 'INTEGER'],
  ['proxy_port', 'INTEGER'],
  ['uuid', 'TEXT'],
  ['flow_type', 'TEXT'],
  // Labels, workloads, DNS names, endpoint ids and MACs of both sides, policies, L7 fields (JSON).
  ['detail', 'TEXT NOT NULL'],
  ['note', 'TEXT'],
] as const;

export type HubbleFlowColumn = (typeof HUBBLE_FLOW_COLUMNS)[number][0];

export const HUBBLE_TABLES = `
CREATE TABLE hubble_flows (
  ${LINE_ROW_KEY},
  ${HUBBLE_FLOW_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')},
  text TEXT NOT NULL);
CREATE TABLE hubble_lines (
  ${LINE_ROW_KEY},
  type TEXT NOT NULL, block_line INTEGER NOT NULL, block_segment INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE hubble_notices (
  ${LINE_ROW_KEY},
  agent TEXT NOT NULL, type TEXT NOT NULL, form TEXT NOT NULL, time TEXT, node TEXT, name TEXT, cpu INTEGER,
  count INTEGER, nodes TEXT, message TEXT, text TEXT NOT NULL);
`;

export const HUBBLE_INDEXES = `
CREATE INDEX IF NOT EXISTS hubble_flows_by_line ON hubble_flows(source_id, line);
CREATE INDEX IF NOT EXISTS hubble_flows_by_tuple ON hubble_flows(src_ip, dst_ip, src_port, dst_port);
`;

/** A flow's text is the whole record, so it comes before the per-line rows of its block. */
export const HUBBLE_EVIDENCE_TABLES: readonly string[] = ['hubble_flows', 'hubble_notices', 'hubble_lines'];
