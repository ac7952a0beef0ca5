import { HUBBLE_INDEXES, HUBBLE_TABLES } from './hubble-schema.js';
import { KUBERNETES_TABLES } from './kubernetes-schema.js';
import { LOG_GENERATIONS, LOG_LEVEL_CODES } from './log-codes.js';
import { MONITOR_INDEXES, MONITOR_TABLES } from './monitor-schema.js';
import { STATEDB_INDEXES, STATEDB_TABLES } from './statedb-schema.js';
import { STATUS_TABLES } from './status-schema.js';
import { TCPDUMP_INDEXES, TCPDUMP_TABLES } from './tcpdump-schema.js';
import { LINE_ROW_KEY } from './line-row.js';

/** Schema of the case database. Bump SCHEMA_VERSION on any incompatible change. */
export const SCHEMA_VERSION = 8;

/**
 * Tables whose rows quote a line of the input: stored as `<name>_rows` with `text` NULL when it is
 * the logical line's own text, which `line_text()` reads back from the source's blocks; the view
 * `<name>` has the table's columns with `text` always filled. A row whose text is anything else
 * (a multi-line record, a line joined from several) keeps it.
 */
export const LAZY_TEXT_TABLES: readonly string[] = [
  'raw_lines', 'shell_commands', 'unparsed', 'monitor_events', 'monitor_lines', 'packets', 'packet_lines', 'capture_status',
  'hubble_flows', 'hubble_lines', 'hubble_notices',
];

/** The physical table behind a lazy-text view: where writers insert. */
export function rowsTable(name: string): string {
  return LAZY_TEXT_TABLES.includes(name) ? `${name}_rows` : name;
}

/** Column names of a `CREATE TABLE` body (table constraints skipped). */
function columnNames(body: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    const c = body[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if ((c === ',' && depth === 0) || i === body.length) {
      const name = /^\s*(\w+)/.exec(body.slice(start, i))?.[1];
      if (name && !/^(?:PRIMARY|UNIQUE|FOREIGN|CHECK|CONSTRAINT)$/i.test(name)) names.push(name);
      start = i + 1;
    }
  }
  return names;
}

/** Rewrites the lazy-text tables of `sql` into their `_rows` tables and views. */
function withLazyText(sql: string): string {
  return sql.replace(/CREATE TABLE (\w+) \(([^;]*)\);/g, (whole, name: string, body: string) => {
    if (!LAZY_TEXT_TABLES.includes(name)) return whole;
    const rows = body.replace(/\btext TEXT NOT NULL\b/, 'text TEXT');
    const columns = columnNames(body).map((c) => (c === 'text' ? 'coalesce(text, line_text(source_id, line, segment)) AS text' : c));
    return `CREATE TABLE ${name}_rows (${rows});\nCREATE VIEW ${name} AS SELECT ${columns.join(', ')} FROM ${name}_rows;`;
  });
}

/** Indexes of lazy-text tables are built on their `_rows` tables. */
function onRows(sql: string): string {
  return sql.replace(/ ON (\w+)\(/g, (whole, name: string) => (LAZY_TEXT_TABLES.includes(name) ? ` ON ${name}_rows(` : whole));
}

/**
 * An interned name as a scalar subquery rather than a join: SQLite evaluates it only when a query
 * reads the column (five joins made `group by level` over the view four times slower).
 */
const nameOf = (column: string): string => `(SELECT name FROM names WHERE id = ${column})`;

const caseOf = (column: string, codes: readonly string[]): string =>
  `CASE ${column} ${codes.map((name, i) => `WHEN ${i} THEN '${name}'`).join(' ')} END`;

/**
 * Agent log events as integers (`log_lines`): the message is interned in `messages` (with its
 * shape), agent, pod, container and subsystem in `names`. Time, module, fields, trailing text and
 * note are read back from the line when asked for (`log_value()`); `record` holds them (JSON) only
 * for a line whose text cannot be read back (a CRI record joined from several lines).
 */
const LOG_TABLES = `
CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE messages (id INTEGER PRIMARY KEY, msg TEXT NOT NULL UNIQUE, shape_id INTEGER NOT NULL);
CREATE TABLE log_lines (
  ${LINE_ROW_KEY},
  agent_id INTEGER NOT NULL, pod_id INTEGER, container_id INTEGER, level INTEGER NOT NULL, generation INTEGER NOT NULL,
  subsys_id INTEGER, msg_id INTEGER NOT NULL, signal INTEGER NOT NULL, record TEXT);
CREATE VIEW log_events AS SELECT
  l.id, l.source_id, l.line, l.segment, ${nameOf('l.agent_id')} AS agent, ${nameOf('l.pod_id')} AS pod,
  ${nameOf('l.container_id')} AS container,
  log_value(l.source_id, l.line, l.segment, l.record, 'runtime_time') AS runtime_time,
  log_value(l.source_id, l.line, l.segment, l.record, 'time') AS time,
  ${caseOf('l.level', LOG_LEVEL_CODES)} AS level, ${caseOf('l.generation', LOG_GENERATIONS)} AS generation,
  ${nameOf('l.subsys_id')} AS subsys, log_value(l.source_id, l.line, l.segment, l.record, 'module') AS module,
  (SELECT msg FROM messages WHERE id = l.msg_id) AS msg, (SELECT shape_id FROM messages WHERE id = l.msg_id) AS shape_id,
  log_value(l.source_id, l.line, l.segment, l.record, 'fields') AS fields,
  log_value(l.source_id, l.line, l.segment, l.record, 'trailing') AS trailing,
  log_value(l.source_id, l.line, l.segment, l.record, 'note') AS note,
  log_value(l.source_id, l.line, l.segment, l.record, 'text') AS text
  FROM log_lines l;
`;

export const TABLES = withLazyText(`
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, bytes INTEGER,
  lines INTEGER NOT NULL DEFAULT 0, parsed INTEGER NOT NULL DEFAULT 0, unparsed INTEGER NOT NULL DEFAULT 0,
  skipped_reason TEXT, member TEXT, what TEXT, note TEXT);
CREATE TABLE source_blocks (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, first_line INTEGER NOT NULL, lines INTEGER NOT NULL,
  bytes INTEGER NOT NULL, data BLOB NOT NULL);
CREATE INDEX source_blocks_by_line ON source_blocks(source_id, first_line);
CREATE TABLE source_formats (
  source_id INTEGER NOT NULL REFERENCES sources(id), format TEXT NOT NULL,
  lines INTEGER NOT NULL, records INTEGER NOT NULL, PRIMARY KEY (source_id, format));
CREATE TABLE shapes (id INTEGER PRIMARY KEY, shape TEXT NOT NULL UNIQUE);
${LOG_TABLES}
CREATE TABLE raw_lines (
  ${LINE_ROW_KEY},
  agent TEXT NOT NULL, category TEXT NOT NULL, level TEXT, text TEXT NOT NULL);
CREATE TABLE shell_commands (
  ${LINE_ROW_KEY},
  host TEXT, prompt TEXT NOT NULL, command TEXT NOT NULL, tool TEXT, pod TEXT, text TEXT NOT NULL);
CREATE TABLE config_flags (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, line INTEGER NOT NULL, agent TEXT NOT NULL,
  name TEXT NOT NULL, value TEXT NOT NULL);
CREATE TABLE banners (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, line INTEGER NOT NULL, agent TEXT NOT NULL,
  component TEXT NOT NULL, version TEXT NOT NULL, revision TEXT, date TEXT, go_version TEXT, platform TEXT);
CREATE TABLE addressing (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, line INTEGER NOT NULL, agent TEXT NOT NULL,
  key TEXT NOT NULL, value TEXT NOT NULL);
CREATE TABLE unparsed (
  ${LINE_ROW_KEY},
  format TEXT, reason TEXT NOT NULL, shape_id INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE agents (
  key TEXT PRIMARY KEY, pod TEXT, node TEXT, version TEXT, first_source TEXT, effective TEXT NOT NULL);
CREATE TABLE facts (
  id INTEGER PRIMARY KEY, agent TEXT NOT NULL, name TEXT NOT NULL, value TEXT, origin TEXT NOT NULL,
  evidence TEXT NOT NULL);
CREATE TABLE nodes (
  name TEXT PRIMARY KEY, internal_ips TEXT NOT NULL, cilium_internal_ip TEXT, health_ip TEXT,
  pod_cidrs TEXT NOT NULL, evidence TEXT NOT NULL);
CREATE TABLE findings (
  id INTEGER PRIMARY KEY, rule TEXT NOT NULL, severity TEXT NOT NULL, title TEXT NOT NULL,
  message_id TEXT NOT NULL, message TEXT NOT NULL, node TEXT, evidence TEXT NOT NULL);
CREATE TABLE analysis (key TEXT PRIMARY KEY, data BLOB NOT NULL);
${STATUS_TABLES}${MONITOR_TABLES}${TCPDUMP_TABLES}${HUBBLE_TABLES}${KUBERNETES_TABLES}${STATEDB_TABLES}`);

/** Built after the bulk load: creating them on a full table is faster than maintaining them. */
export const INDEXES = onRows(`
CREATE INDEX IF NOT EXISTS log_lines_by_agent ON log_lines(agent_id, level);
CREATE INDEX IF NOT EXISTS log_lines_by_msg ON log_lines(msg_id, agent_id);
CREATE INDEX IF NOT EXISTS log_lines_by_line ON log_lines(source_id, line);
CREATE INDEX IF NOT EXISTS messages_by_shape ON messages(shape_id);
CREATE INDEX IF NOT EXISTS raw_lines_by_line ON raw_lines(source_id, line);
CREATE INDEX IF NOT EXISTS config_flags_by_agent ON config_flags(agent, name);
CREATE INDEX IF NOT EXISTS unparsed_by_source ON unparsed(source_id, line);
${MONITOR_INDEXES}${TCPDUMP_INDEXES}${HUBBLE_INDEXES}${STATEDB_INDEXES}`);
