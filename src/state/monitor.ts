/**
 * `cilium monitor` events summarised from the case database: the JSON report's `monitor` object,
 * the drop tables of the text report, and grouped event counts with evidence for the rules.
 */
import { DROP_GROUPS, dropReasonByCode, type DropGroupId } from '../knowledge/monitor/index.js';
import type { CaseDb } from '../store/db.js';
import type { Evidence } from '../types/evidence.js';
import type { MonitorEventType } from '../types/monitor.js';

/** Event kinds counted as events; `lost` and `error` lines describe the stream, not traffic. */
const EVENT_TYPES: readonly MonitorEventType[] = [
  'drop', 'trace', 'policy-verdict', 'debug', 'capture', 'trace-sock', 'recorder', 'l7', 'agent', 'unknown-event',
];
const EVENT_TYPES_SQL = EVENT_TYPES.map((t) => `'${t}'`).join(', ');

/** report-json.md `monitor`. */
export interface MonitorSummary {
  events: number;
  byKind: Record<string, number>;
  drops: { reason: string; code: number | null; count: number }[];
}

export function buildMonitorSummary(db: CaseDb): MonitorSummary {
  const byKind: Record<string, number> = {};
  let events = 0;
  const kinds = db
    .prepare(`SELECT type, COUNT(*) AS n FROM monitor_events WHERE type IN (${EVENT_TYPES_SQL}) GROUP BY type ORDER BY n DESC, type`)
    .all() as { type: string; n: number }[];
  for (const k of kinds) {
    byKind[k.type] = k.n;
    events += k.n;
  }
  const drops = (
    db
      .prepare(
        `SELECT drop_reason AS reason, drop_code AS code, COUNT(*) AS count FROM monitor_events
         WHERE type = 'drop' GROUP BY drop_reason, drop_code ORDER BY count DESC, reason`,
      )
      .all() as { reason: string | null; code: number | null; count: number }[]
  ).map((d) => ({ reason: d.reason ?? 'unknown', code: d.code, count: d.count }));
  return { events, byKind, drops };
}

// ---- grouped counts with evidence ---------------------------------------------------------------

/** Columns events can be grouped by (a whitelist: they are interpolated into SQL). */
export type MonitorGroupKey =
  | 'agent'
  | 'type'
  | 'drop_code'
  | 'drop_reason'
  | 'src_identity'
  | 'dst_identity'
  | 'src_identity_num'
  | 'dst_identity_num'
  | 'dst_ip'
  | 'dst_port'
  | 'protocol'
  | 'source_ep'
  | 'dest_ep'
  | 'policy_action'
  | 'capture_session';

export interface MonitorEventFilter {
  types: readonly MonitorEventType[];
  dropCodes?: readonly number[];
  policyActions?: readonly string[];
  /** Either identity is one of these numbers. */
  identities?: readonly number[];
}

export interface MonitorGroup {
  key: Partial<Record<MonitorGroupKey, string | number | null>>;
  count: number;
  /** The first events of the group (source order), at most `evidencePerGroup`. */
  evidence: Evidence[];
}

function whereClause(f: MonitorEventFilter): { sql: string; params: (string | number)[] } {
  const parts = [`e.type IN (${f.types.map(() => '?').join(', ')})`];
  const params: (string | number)[] = [...f.types];
  const codes = f.dropCodes ?? [];
  const actions = f.policyActions ?? [];
  // A drop code filter applies to drops, an action filter to verdicts; other types pass.
  if (codes.length > 0) {
    parts.push(`(e.type <> 'drop' OR e.drop_code IN (${codes.map(() => '?').join(', ')}))`);
    params.push(...codes);
  }
  if (actions.length > 0) {
    parts.push(`(e.type <> 'policy-verdict' OR e.policy_action IN (${actions.map(() => '?').join(', ')}))`);
    params.push(...actions);
  }
  if (f.identities && f.identities.length > 0) {
    const list = f.identities.map(() => '?').join(', ');
    parts.push(`(e.src_identity_num IN (${list}) OR e.dst_identity_num IN (${list}))`);
    params.push(...f.identities, ...f.identities);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * Counts events matching `filter` per combination of `groupBy` columns, largest groups first,
 * each with the lines of its first few events as evidence. Aggregated in SQLite, so the number
 * of events does not matter, only the number of groups.
 */
export function groupMonitorEvents(
  db: CaseDb,
  filter: MonitorEventFilter,
  groupBy: readonly MonitorGroupKey[],
  evidencePerGroup = 3,
): MonitorGroup[] {
  const cols = groupBy.map((c) => `e.${c}`).join(', ');
  const partition = groupBy.length > 0 ? `PARTITION BY ${cols}` : '';
  const { sql, params } = whereClause(filter);
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT ${groupBy.map((c) => `e.${c} AS ${c}`).join(', ')}${groupBy.length > 0 ? ',' : ''}
           s.name AS source, e.line AS line,
           COUNT(*) OVER (${partition}) AS count,
           ROW_NUMBER() OVER (${partition} ORDER BY e.source_id, e.line, e.segment) AS rn
         FROM monitor_events e JOIN sources s ON s.id = e.source_id
         WHERE ${sql})
       WHERE rn <= ? ORDER BY count DESC${groupBy.length > 0 ? `, ${groupBy.join(', ')}` : ''}, rn`,
    )
    .all(...params, evidencePerGroup) as Record<string, string | number | null>[];
  const groups: MonitorGroup[] = [];
  let current: MonitorGroup | null = null;
  for (const row of rows) {
    if (row['rn'] === 1) {
      const key: MonitorGroup['key'] = {};
      for (const c of groupBy) key[c] = row[c] ?? null;
      current = { key, count: Number(row['count']), evidence: [] };
      groups.push(current);
    }
    current!.evidence.push({ source: String(row['source']), line: Number(row['line']) });
  }
  return groups;
}

// ---- the text report's drop tables ----------------------------------------------------------------

export interface MonitorDropReport {
  total: number;
  lostEvents: number;
  byReason: { reason: string; code: number | null; group: DropGroupId; count: number; evidence: Evidence[] }[];
  /** The endpoint a drop concerns: its destination endpoint, else the endpoint that emitted it. */
  byEndpoint: { endpoint: number | null; count: number }[];
  byIdentityPair: { src: string | null; dst: string | null; count: number }[];
  /** Per minute of the runtime timestamps when the input has them, else per capture session. */
  overTime: { bucket: string; count: number }[];
}

export function buildMonitorDropReport(db: CaseDb): MonitorDropReport {
  const byReason = groupMonitorEvents(db, { types: ['drop'] }, ['drop_reason', 'drop_code']).map((g) => {
    const code = g.key.drop_code === null || g.key.drop_code === undefined ? null : Number(g.key.drop_code);
    return {
      reason: String(g.key.drop_reason ?? 'unknown'),
      code,
      group: (code === null ? null : dropReasonByCode(code)?.group) ?? DROP_GROUPS.unknown.id,
      count: g.count,
      evidence: g.evidence,
    };
  });
  const total = byReason.reduce((n, r) => n + r.count, 0);
  const byEndpoint = db
    .prepare(
      `SELECT coalesce(nullif(dest_ep, 0), source_ep) AS endpoint, COUNT(*) AS count FROM monitor_events
       WHERE type = 'drop' GROUP BY endpoint ORDER BY count DESC, endpoint`,
    )
    .all() as { endpoint: number | null; count: number }[];
  const byIdentityPair = db
    .prepare(
      `SELECT src_identity AS src, dst_identity AS dst, COUNT(*) AS count FROM monitor_events
       WHERE type = 'drop' GROUP BY src, dst ORDER BY count DESC, src, dst`,
    )
    .all() as { src: string | null; dst: string | null; count: number }[];
  const overTime = db
    .prepare(
      `SELECT CASE WHEN runtime_time IS NOT NULL THEN substr(runtime_time, 1, 16)
                   ELSE 'capture ' || capture_session END AS bucket, COUNT(*) AS count
       FROM monitor_events WHERE type = 'drop' GROUP BY bucket ORDER BY bucket`,
    )
    .all() as { bucket: string; count: number }[];
  const lost = db.prepare(`SELECT coalesce(SUM(lost_count), 0) FROM monitor_events WHERE type = 'lost'`).pluck().get() as number;
  return { total, lostEvents: lost, byReason, byEndpoint, byIdentityPair, overTime };
}
