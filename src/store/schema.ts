import { HUBBLE_INDEXES, HUBBLE_TABLES } from './hubble-schema.js';
import { KUBERNETES_TABLES } from './kubernetes-schema.js';
import { MONITOR_INDEXES, MONITOR_TABLES } from './monitor-schema.js';
import { STATUS_TABLES } from './status-schema.js';
import { TCPDUMP_INDEXES, TCPDUMP_TABLES } from './tcpdump-schema.js';

/** Schema of the case database. Bump SCHEMA_VERSION on any incompatible change. */
export const SCHEMA_VERSION = 4;

export const TABLES = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, bytes INTEGER,
  lines INTEGER NOT NULL DEFAULT 0, parsed INTEGER NOT NULL DEFAULT 0, unparsed INTEGER NOT NULL DEFAULT 0,
  skipped_reason TEXT, member TEXT, what TEXT, note TEXT);
CREATE TABLE source_formats (
  source_id INTEGER NOT NULL REFERENCES sources(id), format TEXT NOT NULL,
  lines INTEGER NOT NULL, records INTEGER NOT NULL, PRIMARY KEY (source_id, format));
CREATE TABLE shapes (id INTEGER PRIMARY KEY, shape TEXT NOT NULL UNIQUE);
CREATE TABLE log_events (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, line INTEGER NOT NULL, segment INTEGER NOT NULL,
  agent TEXT NOT NULL, pod TEXT, container TEXT, runtime_time TEXT, time TEXT, level TEXT NOT NULL,
  generation TEXT NOT NULL, subsys TEXT, module TEXT, msg TEXT NOT NULL, shape_id INTEGER NOT NULL,
  fields TEXT NOT NULL, trailing TEXT, note TEXT, text TEXT NOT NULL);
CREATE TABLE raw_lines (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, line INTEGER NOT NULL, segment INTEGER NOT NULL,
  agent TEXT NOT NULL, category TEXT NOT NULL, level TEXT, text TEXT NOT NULL);
CREATE TABLE shell_commands (
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, line INTEGER NOT NULL, segment INTEGER NOT NULL,
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
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, line INTEGER NOT NULL, segment INTEGER NOT NULL,
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
${STATUS_TABLES}${MONITOR_TABLES}${TCPDUMP_TABLES}${HUBBLE_TABLES}${KUBERNETES_TABLES}`;

/** Built after the bulk load: creating them on a full table is faster than maintaining them. */
export const INDEXES = `
CREATE INDEX IF NOT EXISTS log_events_by_agent ON log_events(agent, level);
CREATE INDEX IF NOT EXISTS log_events_by_shape ON log_events(shape_id);
CREATE INDEX IF NOT EXISTS log_events_by_msg ON log_events(msg);
CREATE INDEX IF NOT EXISTS log_events_by_line ON log_events(source_id, line);
CREATE INDEX IF NOT EXISTS raw_lines_by_line ON raw_lines(source_id, line);
CREATE INDEX IF NOT EXISTS config_flags_by_agent ON config_flags(agent, name);
CREATE INDEX IF NOT EXISTS unparsed_by_source ON unparsed(source_id, line);
${MONITOR_INDEXES}${TCPDUMP_INDEXES}${HUBBLE_INDEXES}`;
