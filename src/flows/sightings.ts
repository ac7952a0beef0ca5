/**
 * What the flows stage keeps of each observation while the case is read: where it is in the input,
 * its tuple (an id into the case's distinct tuples, which are as many as its connections, not its
 * packets), and what stitching reads (the tuple an ICMP error quotes, a handshake's initial
 * sequence number, whether it is a socket-LB translation) — a few bytes each. The observation
 * itself is set aside in the observation store under its slot (the order it was read in); translations
 * (one or two per connection) are kept whole, as the service map reads them.
 */
import type { Observation, Tuple } from '../types/flows.js';
import { byteColumn, floatColumn, intColumn, StringIds } from './columns.js';
import { TupleTable } from './tuples.js';
import { isSyn, isSynAck } from './tcp-flags.js';

export const HANDSHAKE_SYN = 1;
const HANDSHAKE_SYN_ACK = 2;

export class Sightings {
  readonly tuples = new TupleTable();
  private readonly sources = new StringIds();
  private readonly tuple = intColumn();
  private readonly inherited = byteColumn();
  private readonly quoted = intColumn();
  private readonly handshake = byteColumn();
  /** A SYN's sequence number, a SYN-ACK's acknowledgement − 1; NaN for other packets. */
  private readonly isn = floatColumn();
  private readonly translation = byteColumn();
  private readonly source = intColumn();
  private readonly line = intColumn();
  /** Input order within the observation's tool. */
  private readonly local = intColumn();
  private readonly translations: { slot: number; o: Observation }[] = [];
  /** Slots in input order: set by `seal`. */
  private bySeq = new Int32Array(0);

  get count(): number {
    return this.tuple.length;
  }

  /** Keeps what stitching needs of an observation (whose `seq` is its order within its tool); returns its slot. */
  add(o: Observation): number {
    const slot = this.tuple.length;
    this.tuple.push(this.tuples.idOf(o.tuple));
    this.inherited.push(o.tupleInherited ? 1 : 0);
    this.quoted.push(this.tuples.idOf(o.quoted));
    const syn = isSyn(o.tcpFlags);
    const synAck = !syn && isSynAck(o.tcpFlags);
    this.handshake.push(syn ? HANDSHAKE_SYN : synAck ? HANDSHAKE_SYN_ACK : 0);
    this.isn.push(syn && o.tcpSeq !== null ? o.tcpSeq : synAck && o.tcpAck !== null ? o.tcpAck - 1 : NaN);
    this.translation.push(o.xlate ? 1 : 0);
    this.source.push(this.sources.id(o.evidence.source));
    this.line.push(o.evidence.line);
    this.local.push(o.seq);
    if (o.xlate) this.translations.push({ slot, o });
    return slot;
  }

  tupleIdOfSlot(slot: number): number {
    return this.tuple.get(slot);
  }

  /** A tuple the observation's sequence of events gives it (a debug line's), as an id or a new tuple. */
  setTuple(slot: number, t: Tuple | number, inherited: boolean): void {
    this.tuple.set(slot, typeof t === 'number' ? t : this.tuples.idOf(t));
    if (inherited) this.inherited.set(slot, 1);
  }

  /**
   * Puts the observations in input order: by source (in the case's order of sources), line, and
   * order within their tool; monitor events before packets before Hubble flows of the same place.
   */
  seal(sourceOrder: ReadonlyMap<string, number>): void {
    this.tuples.seal();
    const order = this.sources.all().map((name) => sourceOrder.get(name) ?? 0);
    const slots = Int32Array.from({ length: this.count }, (_, i) => i);
    const { source, line, local } = this;
    slots.sort((a, b) => order[source.get(a)]! - order[source.get(b)]! || line.get(a) - line.get(b) || local.get(a) - local.get(b) || a - b);
    this.bySeq = slots;
    const seqs = new Int32Array(this.count);
    slots.forEach((slot, seq) => (seqs[slot] = seq));
    this.translations.sort((a, b) => seqs[a.slot]! - seqs[b.slot]!);
    for (const t of this.translations) t.o.seq = seqs[t.slot]!;
  }

  slotAt(seq: number): number {
    return this.bySeq[seq]!;
  }

  tupleIdAt(seq: number): number {
    return this.tuple.get(this.bySeq[seq]!);
  }

  tupleAt(seq: number): Tuple | null {
    return this.tuples.get(this.tupleIdAt(seq));
  }

  inheritedAt(seq: number): boolean {
    return this.inherited.get(this.bySeq[seq]!) === 1;
  }

  quotedAt(seq: number): Tuple | null {
    return this.tuples.get(this.quoted.get(this.bySeq[seq]!));
  }

  handshakeAt(seq: number): number {
    return this.handshake.get(this.bySeq[seq]!);
  }

  isnAt(seq: number): number {
    return this.isn.get(this.bySeq[seq]!);
  }

  isTranslation(seq: number): boolean {
    return this.translation.get(this.bySeq[seq]!) === 1;
  }

  sourceAt(seq: number): string {
    return this.sources.value(this.source.get(this.bySeq[seq]!));
  }

  lineAt(seq: number): number {
    return this.line.get(this.bySeq[seq]!);
  }

  /** The socket-LB translations, in input order (`seq` set). */
  translationsInOrder(): Observation[] {
    return this.translations.map((t) => t.o);
  }
}
