/**
 * `cilium monitor` events summarised into the state: the JSON report's `monitor` object, the drop
 * tables of the text report, and drops and policy verdicts grouped by every key column (counted in
 * SQLite, so the number of events does not matter, only the number of distinct keys). Rules regroup
 * those groups by fewer columns with `selectMonitorGroups`.
 */
import { DROP_GROUPS, dropReasonByCode } from '../knowledge/monitor/index.js';
import type { CaseDb } from '../store/db.js';
import type {
  MonitorDropReport,
  MonitorEventGroup,
  MonitorEventKey,
  MonitorGroupKey,
  MonitorState,
  MonitorSummary,
  SameDrop,
} from '../types/state.js';
import type { MonitorEventType } from '../types/monitor.js';
import { HUBBLE_SEQ_OFFSET, readSameDrops } from './same-drops.js';

/** Event kinds counted as events; `lost` and `error` lines describe the stream, not traffic. */
const EVENT_TYPES: readonly MonitorEventType[] = [
  'drop', 'trace', 'policy-verdict', 'debug', 'capture', 'trace-sock', 'recorder', 'l7', 'agent', 'unknown-event',
];
const EVENT_TYPES_SQL = EVENT_TYPES.map((t) => `'${t}'`).join(', ');

/** Event kinds grouped for the rules: the ones that carry a verdict on a packet. */
const GROUPED_TYPES = `'drop', 'policy-verdict'`;

/**
 * A `hubble observe` drop as a monitor drop event (a policy verdict that denies is no drop notification
 * and carries no drop code) (Hubble prints what the monitor's drop notification
 * carries): the key columns in `KEY_COLUMNS` order. Reserved identities go by name, as the monitor prints
 * them; endpoint ids are not in the compact forms.
 */
const hubbleIdentity = (side: 'src' | 'dst') =>
  `CASE WHEN ${side}_identity < 256 AND ${side}_identity_name IS NOT NULL THEN ${side}_identity_name ELSE CAST(${side}_identity AS TEXT) END`;
const HUBBLE_DROP_COLUMNS = [
  'agent', `'drop'`, 'drop_code', 'drop_reason', hubbleIdentity('src'), hubbleIdentity('dst'), 'src_identity', 'dst_identity',
  'dst_ip', 'dst_port', 'protocol', 'NULL', 'NULL', 'NULL', 'policy_match', 'lower(traffic_direction)',
].join(', ');

/** Lines kept per group: the first few of any regrouping are among them. */
export const GROUP_EVIDENCE = 25;

const KEY_COLUMNS: readonly MonitorGroupKey[] = [
  'agent', 'type', 'drop_code', 'drop_reason', 'src_identity', 'dst_identity', 'src_identity_num', 'dst_identity_num',
  'dst_ip', 'dst_port', 'protocol', 'source_ep', 'dest_ep', 'policy_action', 'policy_match', 'direction',
];

/**
 * The monitor events not counted: second prints of a drop (`cilium monitor -j` of a drop also printed
 * as text), as a condition on `monitor_events` taking their ids as a JSON array.
 */
const COUNTED = `id NOT IN (SELECT value FROM json_each(?))`;

function readSummary(db: CaseDb, uncounted: string): MonitorSummary {
  const byKind: Record<string, number> = {};
  let events = 0;
  const kinds = db
    .prepare(`SELECT type, COUNT(*) AS n FROM monitor_events WHERE type IN (${EVENT_TYPES_SQL}) AND ${COUNTED} GROUP BY type ORDER BY n DESC, type`)
    .all(uncounted) as { type: string; n: number }[];
  for (const k of kinds) {
    byKind[k.type] = k.n;
    events += k.n;
  }
  const drops = (
    db
      .prepare(
        `SELECT drop_reason AS reason, drop_code AS code, COUNT(*) AS count FROM monitor_events
         WHERE type = 'drop' AND ${COUNTED} GROUP BY drop_reason, drop_code ORDER BY count DESC, reason`,
      )
      .all(uncounted) as { reason: string | null; code: number | null; count: number }[]
  ).map((d) => ({ reason: d.reason ?? 'unknown', code: d.code, count: d.count }));
  return { events, byKind, drops };
}

/**
 * Drops and policy verdicts grouped by every key column, each group with its first lines; a drop
 * printed in several forms counts once, in the group of its first form, citing every print.
 */
function readGroups(db: CaseDb, same: readonly SameDrop[]): MonitorEventGroup[] {
  const cols = KEY_COLUMNS.map((c) => `e.${c}`).join(', ');
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT ${KEY_COLUMNS.map((c) => `e.${c} AS ${c}`).join(', ')}, s.name AS source, e.line AS line, e.seq AS seq,
           COUNT(*) OVER w AS count, ROW_NUMBER() OVER (w ORDER BY e.source_id, e.line, e.segment) AS rn
         FROM (
           SELECT ${KEY_COLUMNS.join(', ')}, source_id, line, segment, id AS seq FROM monitor_events WHERE type IN (${GROUPED_TYPES})
           UNION ALL
           SELECT ${HUBBLE_DROP_COLUMNS}, source_id, line, segment, id + ${HUBBLE_SEQ_OFFSET} AS seq FROM hubble_flows WHERE verdict = 'DROPPED' AND event_type IS NOT 'policy-verdict'
         ) e JOIN sources s ON s.id = e.source_id
         WHERE e.seq NOT IN (SELECT value FROM json_each(?))
         WINDOW w AS (PARTITION BY ${cols}))
       WHERE rn <= ? ORDER BY ${KEY_COLUMNS.join(', ')}, rn`,
    )
    .all(JSON.stringify(same.flatMap((d) => d.also.map((a) => a.seq))), GROUP_EVIDENCE) as (MonitorEventKey & { source: string; line: number; seq: number; count: number; rn: number })[];
  const also = new Map(same.map((d) => [d.seq, d.also]));
  const groups: MonitorEventGroup[] = [];
  let current: MonitorEventGroup | null = null;
  for (const row of rows) {
    if (row.rn === 1) {
      const key = Object.fromEntries(KEY_COLUMNS.map((c) => [c, row[c] ?? null])) as unknown as MonitorEventKey;
      current = { key, count: row.count, evidence: [] };
      groups.push(current);
    }
    current!.evidence.push({ source: row.source, line: row.line, seq: row.seq });
    // The other prints follow with the same `seq`: regrouping keeps them beside the one counted.
    for (const a of also.get(row.seq) ?? []) current!.evidence.push({ source: a.source, line: a.line, seq: row.seq });
  }
  return groups;
}

// ---- regrouping for the rules ---------------------------------------------------------------

export interface MonitorEventFilter {
  types: readonly MonitorEventType[];
  dropCodes?: readonly number[];
  policyActions?: readonly string[];
  /** Either identity is one of these numbers. */
  identities?: readonly number[];
}

/** Groups of events by some key columns: the count, and the first lines of the group. */
export interface MonitorGroup {
  key: Partial<MonitorEventKey>;
  count: number;
  evidence: MonitorEventGroup['evidence'];
}

function matches(k: MonitorEventKey, f: MonitorEventFilter): boolean {
  if (!f.types.includes(k.type as MonitorEventType)) return false;
  // A drop code filter applies to drops, an action filter to verdicts; other types pass.
  if (f.dropCodes && f.dropCodes.length > 0 && k.type === 'drop' && (k.drop_code === null || !f.dropCodes.includes(k.drop_code))) return false;
  const actions = f.policyActions ?? [];
  if (actions.length > 0 && k.type === 'policy-verdict' && (k.policy_action === null || !actions.includes(k.policy_action))) return false;
  if (f.identities && f.identities.length > 0) {
    const ids = f.identities;
    if (!(k.src_identity_num !== null && ids.includes(k.src_identity_num)) && !(k.dst_identity_num !== null && ids.includes(k.dst_identity_num))) return false;
  }
  return true;
}

/** SQLite's ordering of values: NULL, then numbers, then text. */
function compareValues(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const rank = (v: unknown): number => (v === null || v === undefined ? 0 : typeof v === 'number' ? 1 : 2);
  const r = rank(a) - rank(b);
  if (r !== 0 || a === null || a === undefined) return r;
  return a < b! ? -1 : a > b! ? 1 : 0;
}

/**
 * Counts the events matching `filter` per combination of `by` columns, largest groups first, each
 * with the lines of its first `evidencePerGroup` events in input order.
 */
export function selectMonitorGroups(
  groups: readonly MonitorEventGroup[],
  filter: MonitorEventFilter,
  by: readonly MonitorGroupKey[],
  evidencePerGroup = 3,
): MonitorGroup[] {
  const merged = new Map<string, MonitorGroup>();
  for (const g of groups) {
    if (!matches(g.key, filter)) continue;
    const key = Object.fromEntries(by.map((c) => [c, g.key[c]])) as Partial<MonitorEventKey>;
    const id = JSON.stringify(by.map((c) => g.key[c]));
    const m = merged.get(id);
    if (m) {
      m.count += g.count;
      m.evidence.push(...g.evidence);
    } else merged.set(id, { key, count: g.count, evidence: [...g.evidence] });
  }
  const result = [...merged.values()];
  for (const m of result) m.evidence = m.evidence.sort((a, b) => a.seq - b.seq).slice(0, evidencePerGroup);
  return result.sort((a, b) => {
    if (a.count !== b.count) return b.count - a.count;
    for (const c of by) {
      const d = compareValues(a.key[c], b.key[c]);
      if (d !== 0) return d;
    }
    return 0;
  });
}

// ---- the text report's drop tables ----------------------------------------------------------

function readDropReport(db: CaseDb, groups: readonly MonitorEventGroup[], uncounted: string): MonitorDropReport {
  const byReason = selectMonitorGroups(groups, { types: ['drop'] }, ['drop_reason', 'drop_code']).map((g) => {
    const code = g.key.drop_code ?? null;
    return {
      reason: g.key.drop_reason ?? 'unknown',
      code,
      group: (code === null ? null : dropReasonByCode(code)?.group) ?? DROP_GROUPS.unknown.id,
      count: g.count,
      evidence: g.evidence.map(({ source, line }) => ({ source, line })),
    };
  });
  const total = byReason.reduce((n, r) => n + r.count, 0);
  const byEndpoint = db
    .prepare(
      `SELECT coalesce(nullif(dest_ep, 0), source_ep) AS endpoint, COUNT(*) AS count FROM monitor_events
       WHERE type = 'drop' AND ${COUNTED} GROUP BY endpoint ORDER BY count DESC, endpoint`,
    )
    .all(uncounted) as { endpoint: number | null; count: number }[];
  const byIdentityPair = db
    .prepare(
      `SELECT src_identity AS src, dst_identity AS dst, COUNT(*) AS count FROM monitor_events
       WHERE type = 'drop' AND ${COUNTED} GROUP BY src, dst ORDER BY count DESC, src, dst`,
    )
    .all(uncounted) as { src: string | null; dst: string | null; count: number }[];
  const overTime = db
    .prepare(
      `SELECT CASE WHEN runtime_time IS NOT NULL THEN substr(runtime_time, 1, 16)
                   ELSE 'capture ' || capture_session END AS bucket, COUNT(*) AS count
       FROM monitor_events WHERE type = 'drop' AND ${COUNTED} GROUP BY bucket ORDER BY bucket`,
    )
    .all(uncounted) as { bucket: string; count: number }[];
  const lost = db.prepare(`SELECT coalesce(SUM(lost_count), 0) FROM monitor_events WHERE type = 'lost'`).pluck().get() as number;
  return { total, lostEvents: lost, byReason, byEndpoint, byIdentityPair, overTime };
}

/** `nodeOf`: the node of an agent key where known (drops printed in two forms must agree on it). */
export function readMonitorState(db: CaseDb, nodeOf: (agent: string) => string | null = () => null): MonitorState {
  const sameDrops = readSameDrops(db, nodeOf);
  const groups = readGroups(db, sameDrops);
  const uncounted = JSON.stringify(sameDrops.flatMap((d) => d.also.filter((a) => a.seq < HUBBLE_SEQ_OFFSET).map((a) => a.seq)));
  return { summary: readSummary(db, uncounted), groups, drops: readDropReport(db, groups, uncounted), sameDrops };
}
