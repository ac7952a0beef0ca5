/**
 * The distinct tuples of a case, a few numbers each (addresses and protocols as ids): a case has as
 * many as it has connections (both directions, and each translation), not as many as packets.
 */
import type { Tuple } from '../types/flows.js';
import { intColumn, StringIds } from './columns.js';

export const NO_TUPLE = -1;
/** A port or echo id not printed (ports and ids are 16-bit). */
const NO_PORT = -1;

export class TupleTable {
  /** Tuple text → id while tuples are added; let go once the table is sealed. */
  private ids: Map<string, number> | null = new Map();
  private readonly strings = new StringIds();
  private readonly proto = intColumn();
  private readonly src = intColumn();
  private readonly sport = intColumn();
  private readonly dst = intColumn();
  private readonly dport = intColumn();

  /** The tuple added last: the events of one packet come one after the other, with the same tuple. */
  private last: { t: Tuple; id: number } | null = null;

  idOf(t: Tuple | null): number {
    if (!t) return NO_TUPLE;
    if (!this.ids) throw new Error('tuple table sealed');
    const last = this.last;
    if (last && last.t.proto === t.proto && last.t.src === t.src && last.t.sport === t.sport && last.t.dst === t.dst && last.t.dport === t.dport) return last.id;
    const key = `${t.proto}|${t.src}|${t.sport}|${t.dst}|${t.dport}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.proto.length;
      this.ids.set(key, id);
      this.proto.push(this.strings.id(t.proto));
      this.src.push(this.strings.id(t.src));
      this.sport.push(t.sport ?? NO_PORT);
      this.dst.push(this.strings.id(t.dst));
      this.dport.push(t.dport ?? NO_PORT);
    }
    this.last = { t, id };
    return id;
  }

  /** The tuple of an id: a new object each time. */
  get(id: number): Tuple | null {
    if (id === NO_TUPLE) return null;
    const port = (p: number): number | null => (p === NO_PORT ? null : p);
    return {
      proto: this.strings.value(this.proto.get(id)),
      src: this.strings.value(this.src.get(id)),
      sport: port(this.sport.get(id)),
      dst: this.strings.value(this.dst.get(id)),
      dport: port(this.dport.get(id)),
    };
  }

  /** Every tuple is added: only ids are looked up from now on. */
  seal(): void {
    this.ids = null;
    this.last = null;
    for (const c of [this.proto, this.src, this.sport, this.dst, this.dport]) c.trim();
  }
}
