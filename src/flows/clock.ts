/**
 * Clock offsets between captures made on different nodes: when the same packet (same tuple, IP id
 * and length or TCP sequence) was printed by two captures, the difference of their timestamps is
 * the offset of their clocks plus the time on the wire; the median over all such packets is the
 * estimate.
 */
import type { ScratchDb } from '../store/scratch.js';
import type { ClockOffset, Observation } from '../types/flows.js';
import { tupleKey } from './stitch.js';

function packetIdentity(o: Observation): string | null {
  if (o.tool !== 'tcpdump' || !o.tuple || o.time === null) return null;
  if (o.ipId === null || o.ipId === 0) return o.tcpSeq === null ? null : `${tupleKey(o.tuple)}|${o.tuple.src}|seq ${o.tcpSeq}|${o.tcpFlags}`;
  return `${tupleKey(o.tuple)}|${o.tuple.src}|id ${o.ipId}|${o.length ?? ''}`;
}

/**
 * Every copy of a packet some capture printed, set aside in the scratch database: a case of
 * captures on two nodes holds every packet twice, so the copies are matched and their deltas
 * sorted there, not in memory.
 */
export class ClockCopies {
  private readonly insert;

  /** `sourceOrder`: the case's order of sources, which with the line and the order within tcpdump is input order. */
  constructor(private readonly db: ScratchDb, private readonly sourceOrder: ReadonlyMap<string, number>) {
    db.exec('CREATE TABLE copies (identity TEXT NOT NULL, place TEXT NOT NULL, time REAL NOT NULL, source INTEGER, line INTEGER, local INTEGER)');
    this.insert = db.prepare('INSERT INTO copies VALUES (?, ?, ?, ?, ?, ?)');
  }

  /** An observation as read (`seq`: its order among the captures). */
  add(o: Observation): void {
    const id = packetIdentity(o);
    if (id) this.insert.run(id, o.place, o.time, this.sourceOrder.get(o.evidence.source) ?? 0, o.evidence.line, o.seq);
  }

  /**
   * Offsets between every pair of places that printed a common packet (one entry per ordered pair,
   * in the order a packet first related them): for each packet, its first copy at each place. A
   * pair is ordered by SQLite's text order (bytes of UTF-8), which is JavaScript's for any name
   * without characters beyond U+FFFF.
   */
  offsets(): ClockOffset[] {
    const first = (partition: string): string =>
      `SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY ${partition} ORDER BY source, line, local) AS nth FROM copies) WHERE nth = 1`;
    this.db.exec(`
      CREATE TABLE firsts AS ${first('identity, place')}; CREATE INDEX firsts_by_identity ON firsts (identity);
      CREATE TABLE seen AS ${first('identity')}; CREATE INDEX seen_by_identity ON seen (identity);
      CREATE TABLE deltas AS SELECT a.place AS "from", b.place AS "to", a.time - b.time AS delta, s.source, s.line, s.local
        FROM firsts a JOIN firsts b ON b.identity = a.identity AND b.place > a.place JOIN seen s ON s.identity = a.identity;
      CREATE INDEX deltas_by_pair ON deltas ("from", "to", delta)`);
    const pairs = this.db
      .prepare(`SELECT "from", "to", packets FROM (
          SELECT "from", "to", source, line, local, count(*) OVER pair AS packets,
            row_number() OVER (PARTITION BY "from", "to" ORDER BY source, line, local) AS nth
          FROM deltas WINDOW pair AS (PARTITION BY "from", "to"))
        WHERE nth = 1 ORDER BY source, line, local, "from", "to"`)
      .all() as { from: string; to: string; packets: number }[];
    const middle = this.db.prepare('SELECT delta FROM deltas WHERE "from" = ? AND "to" = ? ORDER BY delta LIMIT 2 - ? OFFSET ?').pluck();
    return pairs.map(({ from, to, packets }) => {
      const [a, b] = middle.all(from, to, packets % 2, (packets - 1) >> 1) as number[];
      const median = b === undefined ? a! : (a! + b) / 2;
      return { from, to, seconds: Math.round(median * 1e6) / 1e6, packets };
    });
  }
}

/** Times of the observations on one clock (the first place's), or null when a place cannot be related to it. */
export function alignedTimes(observations: readonly Observation[], offsets: readonly ClockOffset[]): number[] | null {
  if (observations.some((o) => o.time === null)) return null;
  const reference = observations[0]?.place;
  const shift = new Map<string, number>([[reference ?? '', 0]]);
  for (const o of offsets) {
    if (o.from === reference) shift.set(o.to, o.seconds);
    else if (o.to === reference) shift.set(o.from, -o.seconds);
  }
  const times: number[] = [];
  for (const o of observations) {
    const s = shift.get(o.place);
    if (s === undefined) return null;
    times.push(o.time! + s);
  }
  return times;
}
