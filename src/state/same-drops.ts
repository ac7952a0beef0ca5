/**
 * One drop printed in several forms: a paste holding `cilium monitor` lines and `hubble observe`
 * output of the same drops (or monitor text and `cilium monitor -j` of them) holds each drop twice.
 * Two prints are the same drop when they come from different print families, name the same node
 * where both know it, carry the same tuple and reason, and were printed within `SAME_DROP_SECONDS`
 * of each other (or, when either lacks a time, are the k-th of their family in input order).
 *
 * Only a case that may hold two families is searched, and only the drops whose reason, protocol and
 * ports occur in more than one family are read back.
 */
import type { CaseDb } from '../store/db.js';
import type { SameDrop } from '../types/state.js';

/** Hubble rows are numbered after the monitor's (their ids count separately). */
export const HUBBLE_SEQ_OFFSET = 1e12;

/**
 * Two prints of one drop are at most this far apart: the monitor's wrapper time and hubble's event
 * time differ by the printing delay, while a retransmitted SYN comes a second after the first.
 */
export const SAME_DROP_SECONDS = 0.5;

/** How a drop was printed: the families that print one event once each. */
type PrintFamily = 'monitor-text' | 'monitor-json' | 'hubble-text' | 'hubble-json';

/** The order families are kept in: the monitor's line names endpoints the others do not. */
const FAMILY_ORDER: readonly PrintFamily[] = ['monitor-text', 'monitor-json', 'hubble-text', 'hubble-json'];

interface DropPrint {
  seq: number;
  family: PrintFamily;
  bucket: string;
  agent: string;
  node: string | null;
  src_ip: string | null;
  dst_ip: string | null;
  src_id: number | null;
  dst_id: number | null;
  /** Epoch seconds when the printed time has a date, else null. */
  epoch: number | null;
  /** Seconds of the day as printed, null when no time was printed. */
  day: number | null;
  source: string;
  line: number;
}

/** A number column as text (the monitor's read-back values are reals). */
const whole = (column: string) => `coalesce(CAST(CAST(${column} AS INTEGER) AS TEXT), '')`;

/** Reason (code, else text), protocol and ports: what every family prints of a drop. */
const BUCKET = `coalesce(CAST(CAST(drop_code AS INTEGER) AS TEXT), lower(drop_reason)) || '|' || coalesce(lower(protocol), '') || '|' ||
  ${whole('src_port')} || '|' || ${whole('dst_port')}`;

const MONITOR_DROPS = `SELECT id AS seq, CASE WHEN form = 'json' THEN 'monitor-json' ELSE 'monitor-text' END AS family, ${BUCKET} AS bucket,
  agent, NULL AS node, src_ip, dst_ip, src_identity_num AS src_id, dst_identity_num AS dst_id, runtime_time AS time, NULL AS day,
  source_id, line, segment FROM monitor_events WHERE type = 'drop'`;

const HUBBLE_DROPS = `SELECT id + ${HUBBLE_SEQ_OFFSET} AS seq, CASE WHEN form IN ('json', 'jsonpb') THEN 'hubble-json' ELSE 'hubble-text' END AS family,
  ${BUCKET} AS bucket, agent, node, src_ip, dst_ip, src_identity AS src_id, dst_identity AS dst_id, iso_time AS time, day_seconds AS day,
  source_id, line, segment FROM hubble_flows WHERE verdict = 'DROPPED' AND event_type IS NOT 'policy-verdict'`;

function readPrints(db: CaseDb): Map<string, DropPrint[]> {
  const rows = db
    .prepare(
      `WITH d AS (${MONITOR_DROPS} UNION ALL ${HUBBLE_DROPS}),
         shared AS (SELECT bucket FROM d GROUP BY bucket HAVING COUNT(DISTINCT family) > 1)
       SELECT d.*, s.name AS source FROM d JOIN shared USING (bucket) JOIN sources s ON s.id = d.source_id
       ORDER BY d.bucket, d.source_id, d.line, d.segment, d.seq`,
    )
    .all() as (Omit<DropPrint, 'epoch' | 'day'> & { time: string | null; day: number | null })[];
  const buckets = new Map<string, DropPrint[]>();
  for (const r of rows) {
    const print: DropPrint = { ...r, epoch: epochOf(r.time), day: r.day ?? dayOf(r.time) };
    const list = buckets.get(r.bucket);
    if (list) list.push(print);
    else buckets.set(r.bucket, [print]);
  }
  return buckets;
}

/** Epoch seconds of a time printed with its date and zone (RFC 3339), else null. */
function epochOf(time: string | null): number | null {
  if (!time || !/^\d{4}-\d\d-\d\dT.*(Z|[+-]\d\d:?\d\d)$/.test(time)) return null;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? null : ms / 1000;
}

/** Seconds of the day of a printed `HH:MM:SS[.fff]`, else null. */
function dayOf(time: string | null): number | null {
  const m = time ? /(\d\d):(\d\d):(\d\d(?:\.\d+)?)/.exec(time) : null;
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

/** Whether two prints' times allow one event: unknown on either side allows it (input order decides). */
function closeInTime(a: DropPrint, b: DropPrint): boolean {
  if (a.epoch !== null && b.epoch !== null) return Math.abs(a.epoch - b.epoch) <= SAME_DROP_SECONDS;
  if (a.day === null || b.day === null) return true;
  const d = Math.abs(a.day - b.day);
  return Math.min(d, 86400 - d) <= SAME_DROP_SECONDS;
}

const isPodKey = (agent: string) => !agent.startsWith('source:');

/** Equal where both are known; `known` counts the comparisons made. */
function agree<T>(a: T | null, b: T | null, known: { n: number }): boolean {
  if (a === null || b === null) return true;
  known.n++;
  return a === b;
}

/** Same node where both name one (else the same agent where both are pods), same addresses and identities where both print them. */
function samePlaceAndTuple(a: DropPrint, b: DropPrint): boolean {
  if (a.node !== null && b.node !== null) {
    if (a.node.toLowerCase() !== b.node.toLowerCase()) return false;
  } else if (a.node === null && b.node === null && isPodKey(a.agent) && isPodKey(b.agent) && a.agent !== b.agent) return false;
  const known = { n: 0 };
  const same =
    agree(a.src_ip, b.src_ip, known) && agree(a.dst_ip, b.dst_ip, known) && agree(a.src_id, b.src_id, known) && agree(a.dst_id, b.dst_id, known);
  return same && known.n > 0;
}

/**
 * Pairs the prints of one bucket: the prints of the first family are drops; each print of a later
 * family is the earliest drop (in input order) it matches that has no print of its family yet, or a
 * drop of its own.
 */
function pairBucket(prints: readonly DropPrint[], found: SameDrop[]): void {
  const drops: { print: DropPrint; families: Set<PrintFamily>; same: SameDrop | null }[] = [];
  for (const family of FAMILY_ORDER) {
    const fresh: typeof drops = [];
    // Drops before `from` all have a print of this family: a long run of one tuple stays linear.
    let from = 0;
    for (const p of prints) {
      if (p.family !== family) continue;
      while (from < drops.length && drops[from]!.families.has(family)) from++;
      let drop: (typeof drops)[number] | undefined;
      for (let i = from; i < drops.length && !drop; i++) {
        const d = drops[i]!;
        if (!d.families.has(family) && closeInTime(d.print, p) && samePlaceAndTuple(d.print, p)) drop = d;
      }
      if (!drop) {
        fresh.push({ print: p, families: new Set([family]), same: null });
        continue;
      }
      drop.families.add(family);
      if (!drop.same) {
        drop.same = { seq: drop.print.seq, evidence: { source: drop.print.source, line: drop.print.line }, also: [] };
        found.push(drop.same);
      }
      drop.same.also.push({ source: p.source, line: p.line, seq: p.seq });
    }
    drops.push(...fresh);
  }
}

/**
 * Whether drops of two families may be present, without reading the monitor's events back: hubble's
 * form is stored, and a `cilium monitor -j` drop is a line holding a JSON object.
 */
function mayHoldTwoFamilies(db: CaseDb): boolean {
  const hubble = db
    .prepare(`SELECT COUNT(DISTINCT form IN ('json', 'jsonpb')) FROM hubble_flows WHERE verdict = 'DROPPED' AND event_type IS NOT 'policy-verdict'`)
    .pluck()
    .get() as number;
  const monitorDrops = (json: boolean | null) =>
    db
      .prepare(`SELECT EXISTS (SELECT 1 FROM monitor_events WHERE type = 'drop'${json === null ? '' : ` AND (instr(text, '{"') > 0) = ${Number(json)}`})`)
      .pluck()
      .get() === 1;
  if (!monitorDrops(null)) return hubble > 1;
  return hubble > 0 || (monitorDrops(false) && monitorDrops(true));
}

/**
 * The drops printed in more than one form, in input order of the print counted.
 * `nodeOf`: the node of an agent key, where known (a hubble row's own node name wins).
 */
export function readSameDrops(db: CaseDb, nodeOf: (agent: string) => string | null): SameDrop[] {
  const found: SameDrop[] = [];
  if (!mayHoldTwoFamilies(db)) return found;
  for (const prints of readPrints(db).values()) {
    for (const p of prints) p.node ??= nodeOf(p.agent);
    pairBucket(prints, found);
  }
  return found.sort((a, b) => a.seq - b.seq);
}
