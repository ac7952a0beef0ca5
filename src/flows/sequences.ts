/**
 * Debug lines that print no tuple take it from the event sequence they belong to: a conntrack
 * lookup's two lines make one tuple, and other debug lines inherit the tuple of their program run
 * (same source, capture session and CPU). Monitor events are fed in input order as they are read;
 * what the passes need of each is kept as a few numbers, and the tuples are set on the sightings.
 */
import type { Observation, Tuple } from '../types/flows.js';
import { byteColumn, intColumn, StringIds } from './columns.js';
import type { Sightings } from './sightings.js';
import { NO_TUPLE } from './tuples.js';
import { append } from '../types/collections.js';

/** IP protocol numbers a `Conntrack lookup 2/2: nexthdr=N` prints. */
const NEXTHDR: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'icmp6', '132': 'sctp' };

/** What the tuple passes need of a monitor row. */
export interface SequenceRow {
  /** The emitting program run: same source, capture session and CPU. */
  key: string;
  debugName: string | null;
  isDebug: boolean;
  /** `Conntrack lookup 2/2`'s protocol, as its `nexthdr`. */
  nexthdr: string | null;
  src: string | null;
  dst: string | null;
  sport: number | null;
  dport: number | null;
}

const NONE = -1;

export class EventSequences {
  private readonly keys = new StringIds();
  private readonly mappedIps = new StringIds();
  private readonly key = intColumn();
  private readonly slot = intColumn();
  private readonly debug = byteColumn();
  /** The event's `FROM` endpoint; NONE when not printed (endpoint ids are 16-bit). */
  private readonly endpoint = intColumn();
  /** The address a debug line maps, as an id into `mappedIps`. */
  private readonly mapped = intColumn();
  /** Per run, the `Conntrack lookup 1/2` waiting for its `2/2`. */
  private readonly waiting = new Map<number, { slot: number; head: SequenceRow }>();

  constructor(private readonly sightings: Sightings) {}

  add(r: SequenceRow, o: Observation, slot: number): void {
    const key = this.keys.id(r.key);
    this.key.push(key);
    this.slot.push(slot);
    this.debug.push(r.isDebug ? 1 : 0);
    this.endpoint.push(o.endpoint ?? NONE);
    const mappedIp = o.debug?.mappedIp;
    this.mapped.push(mappedIp ? this.mappedIps.id(mappedIp) : NONE);
    this.conntrack(r, key, slot);
  }

  /**
   * `Conntrack lookup 1/2` prints the addresses and ports, `2/2` (the next line of the same run)
   * the protocol: together they are the tuple. ICMP lookups carry the echo id as the client's port
   * (older releases print 0 and the type: no id then).
   */
  private conntrack(r: SequenceRow, key: number, slot: number): void {
    if (r.debugName?.startsWith('DBG_CT_LOOKUP') && r.debugName.endsWith('_1') && r.src && r.dst) this.waiting.set(key, { slot, head: r });
    else if (r.debugName === 'DBG_CT_LOOKUP_2') {
      const first = this.waiting.get(key);
      this.waiting.delete(key);
      const proto = NEXTHDR[r.nexthdr ?? ''];
      if (first === undefined || !proto) return;
      const head = first.head;
      const icmp = proto === 'icmp' || proto === 'icmp6';
      const id = icmp ? [head.sport, head.dport].find((p) => p !== null && p !== 0 && p !== 2048) ?? null : null;
      const tuple: Tuple = icmp
        ? { proto, src: head.src!, sport: id, dst: head.dst!, dport: null }
        : { proto, src: head.src!, sport: head.sport, dst: head.dst!, dport: head.dport };
      this.sightings.setTuple(first.slot, tuple, false);
      this.sightings.setTuple(slot, tuple, true);
    }
  }

  /**
   * Once every event is read (and every conntrack pair joined), gives tuple-less debug lines the
   * tuple of their sequence: the last tuple printed on the same CPU by the same endpoint before
   * them, else the next one on that CPU (a `from-netdev` run maps the source address before the CT
   * lookup of the delivering endpoint prints the tuple).
   */
  finish(): void {
    const lastByCpu = new Map<number, number>();
    const pending = new Map<number, number[]>();
    for (let i = 0; i < this.key.length; i++) {
      const key = this.key.get(i);
      const tupleId = this.sightings.tupleIdOfSlot(this.slot.get(i));
      if (tupleId !== NO_TUPLE) {
        const tuple = this.sightings.tuples.get(tupleId)!;
        for (const j of pending.get(key) ?? []) {
          const mapped = this.mapped.get(j);
          const ip = mapped === NONE ? null : this.mappedIps.value(mapped);
          if (ip === null || ip === tuple.src || ip === tuple.dst) this.sightings.setTuple(this.slot.get(j), tupleId, true);
        }
        pending.delete(key);
        lastByCpu.set(key, i);
        continue;
      }
      if (this.debug.get(i) === 0) continue;
      const last = lastByCpu.get(key);
      const prev = last === undefined ? NO_TUPLE : this.sightings.tupleIdOfSlot(this.slot.get(last));
      if (prev !== NO_TUPLE && this.endpoint.get(last!) === this.endpoint.get(i)) this.sightings.setTuple(this.slot.get(i), prev, true);
      else append(pending, key, i);
    }
  }
}
