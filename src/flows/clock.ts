/**
 * Clock offsets between captures made on different nodes: when the same packet (same tuple, IP id
 * and length or TCP sequence) was printed by two captures, the difference of their timestamps is
 * the offset of their clocks plus the time on the wire; the median over all such packets is the
 * estimate.
 */
import type { ClockOffset, Observation } from '../types/flows.js';
import { tupleKey } from './stitch.js';
import { append } from '../types/collections.js';

function packetIdentity(o: Observation): string | null {
  if (o.tool !== 'tcpdump' || !o.tuple || o.time === null) return null;
  if (o.ipId === null || o.ipId === 0) return o.tcpSeq === null ? null : `${tupleKey(o.tuple)}|${o.tuple.src}|seq ${o.tcpSeq}|${o.tcpFlags}`;
  return `${tupleKey(o.tuple)}|${o.tuple.src}|id ${o.ipId}|${o.length ?? ''}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Offsets between every pair of places that printed a common packet (one entry per ordered pair). */
export function estimateClockOffsets(observations: readonly Observation[]): ClockOffset[] {
  const seen = new Map<string, Observation[]>();
  for (const o of observations) {
    const id = packetIdentity(o);
    if (id) append(seen, id, o);
  }
  const deltas = new Map<string, number[]>();
  for (const copies of seen.values()) {
    const byPlace = new Map<string, Observation>();
    for (const c of copies) if (!byPlace.has(c.place)) byPlace.set(c.place, c);
    const places = [...byPlace.keys()].sort();
    for (let i = 0; i < places.length; i++) {
      for (let j = i + 1; j < places.length; j++) {
        const a = byPlace.get(places[i]!)!;
        const b = byPlace.get(places[j]!)!;
        const k = `${places[i]}\u0000${places[j]}`;
        append(deltas, k, a.time! - b.time!);
      }
    }
  }
  return [...deltas.entries()].map(([k, d]) => {
    const [from, to] = k.split('\u0000') as [string, string];
    return { from, to, seconds: Math.round(median(d) * 1e6) / 1e6, packets: d.length };
  });
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
