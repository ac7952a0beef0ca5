import { MONITOR_EVENT_FIELDS } from '../types/monitor.js';
import { LINE_ROW_KEY } from './line-row.js';

/**
 * Tables of `cilium monitor` output. `monitor_events` has one row per event with every field a
 * query needs as its own column (drop reason, identities, tuple, dissection); `monitor_lines` has
 * the other lines (banners, separators, dissection lines, hex dumps) linked to their event.
 *
 * Both are views over narrow rows (`monitor_events_rows`, `monitor_lines_rows`): an event's line
 * alone gives every field but its agent, capture session and dissection, so the rows keep those
 * (agent and type as ids into `names`, the dissection in `monitor_dissections`, for the events that
 * have one) and the other columns are read back from the line when asked for (`monitor_value()`,
 * `monitor_line_value()`). `record` holds them (JSON) only for a row whose line cannot be read
 * back (a line joined from several). A wide sparse row costs a byte per empty column.
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

/** Columns of `monitor_events` after the location columns, in view order: context, event fields, dissection. */
export const MONITOR_EVENT_COLUMNS = [
  ['agent', 'TEXT NOT NULL'],
  ['runtime_time', 'TEXT'],
  ...Object.values(MONITOR_EVENT_FIELDS).map((f) => [f.column, f.sqlType] as const),
  ...DISSECTION_COLUMNS,
] as const;

export type MonitorEventColumn = (typeof MONITOR_EVENT_COLUMNS)[number][0];

/** Dissection columns that an event's own line also prints: the line's value wins when it has one. */
const TUPLE_COLUMNS = ['src_ip', 'src_port', 'dst_ip', 'dst_port', 'protocol', 'tcp_flags', 'icmp_type'] as const;

/** Columns of `monitor_dissections`: what an event's dissection block gives. */
export const MONITOR_DISSECTION_COLUMNS: readonly string[] = [...TUPLE_COLUMNS, ...DISSECTION_COLUMNS.map(([name]) => name)];

/** Columns `monitor_events_rows` stores: what the event's line alone does not give. */
const STORED_COLUMNS = new Set<string>(['agent', 'capture_session', 'type']);

/** Columns read back from the event's line (`monitor_value()`). */
export const MONITOR_LAZY_COLUMNS: readonly MonitorEventColumn[] = MONITOR_EVENT_COLUMNS.map(([name]) => name).filter(
  (name) => !STORED_COLUMNS.has(name) && !DISSECTION_COLUMNS.some(([d]) => d === name),
);

/** Columns of `monitor_lines` read back from the line. */
export const MONITOR_LINE_LAZY_COLUMNS = ['layer', 'fields'] as const;

export type MonitorLineLazyColumn = (typeof MONITOR_LINE_LAZY_COLUMNS)[number];

/**
 * Where a `monitor_events` column comes from: an interned name of the row, a column of the row, the
 * event's line (`line`), its dissection, or the first of the two that has a value.
 */
export type MonitorColumnSource = 'name' | 'row' | 'line' | 'dissection' | 'line-first' | 'dissection-first' | 'truncated';

/** The source of each `monitor_events` column (written once: the view and `monitorEventRows` read it). */
export function monitorColumnSource(name: MonitorEventColumn): MonitorColumnSource {
  if (name === 'agent' || name === 'type') return 'name';
  if (name === 'capture_session') return 'row';
  // A trace id glued to a later dissection line replaces the header's.
  if (name === 'trace_id') return 'dissection-first';
  if ((TUPLE_COLUMNS as readonly string[]).includes(name)) return 'line-first';
  if (name === 'truncated') return 'truncated';
  if (MONITOR_DISSECTION_COLUMNS.includes(name)) return 'dissection';
  return 'line';
}

const nameOf = (column: string): string => `(SELECT name FROM names WHERE id = r.${column})`;
const lazy = (column: string): string => `monitor_value(r.source_id, r.line, r.segment, r.record, '${column}')`;

function eventColumn(name: MonitorEventColumn): string {
  switch (monitorColumnSource(name)) {
    case 'name': return `${nameOf(`${name}_id`)} AS ${name}`;
    case 'row': return `r.${name}`;
    case 'dissection-first': return `coalesce(d.${name}, ${lazy(name)}) AS ${name}`;
    case 'line-first': return `coalesce(${lazy(name)}, d.${name}) AS ${name}`;
    case 'truncated': return `coalesce(d.${name}, 0) AS ${name}`;
    case 'dissection': return `d.${name}`;
    case 'line': return `${lazy(name)} AS ${name}`;
  }
}

const columnType = (name: string): string => {
  const type = MONITOR_EVENT_COLUMNS.find(([n]) => n === name)![1];
  return type.endsWith('NOT NULL') ? type.slice(0, -' NOT NULL'.length) : type;
};

export const MONITOR_TABLES = `
CREATE TABLE monitor_events_rows (
  ${LINE_ROW_KEY},
  agent_id INTEGER NOT NULL, capture_session INTEGER NOT NULL, type_id INTEGER NOT NULL, record TEXT, text TEXT);
CREATE TABLE monitor_dissections (
  event_id INTEGER PRIMARY KEY, ${MONITOR_DISSECTION_COLUMNS.map((c) => `${c} ${columnType(c)}`).join(', ')}, trace_id TEXT);
CREATE VIEW monitor_events AS SELECT r.id, r.source_id, r.line, r.segment,
  ${MONITOR_EVENT_COLUMNS.map(([name]) => eventColumn(name)).join(',\n  ')},
  coalesce(r.text, line_text(r.source_id, r.line, r.segment)) AS text
  FROM monitor_events_rows r LEFT JOIN monitor_dissections d ON d.event_id = r.id;
CREATE TABLE monitor_lines_rows (
  ${LINE_ROW_KEY},
  event_id INTEGER, type_id INTEGER NOT NULL, record TEXT, text TEXT);
CREATE VIEW monitor_lines AS SELECT r.id, r.source_id, r.line, r.segment, r.event_id, ${nameOf('type_id')} AS type,
  ${MONITOR_LINE_LAZY_COLUMNS.map((c) => `monitor_line_value(r.source_id, r.line, r.segment, r.record, '${c}') AS ${c}`).join(', ')},
  coalesce(r.text, line_text(r.source_id, r.line, r.segment)) AS text
  FROM monitor_lines_rows r;
`;

export const MONITOR_INDEXES = `
CREATE INDEX IF NOT EXISTS monitor_events_by_line ON monitor_events(source_id, line);
CREATE INDEX IF NOT EXISTS monitor_lines_by_line ON monitor_lines(source_id, line);
`;

export const MONITOR_EVIDENCE_TABLES: readonly string[] = ['monitor_events', 'monitor_lines'];
