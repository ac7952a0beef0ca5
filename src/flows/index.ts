/**
 * The flows stage: observations read from the case database, stitched into flows, and the flows
 * built a chunk at a time as they are asked for. Reading the case keeps a few numbers per
 * observation (`Sightings`) and sets the observation itself aside in a scratch database; stitching
 * and the clock offsets work on those, and a chunk's observations are read back when its flows are
 * built. What the stage holds grows with the connections of the case, not with its packets.
 */
import type { CaseDb } from '../store/db.js';
import { openScratchDb, type ScratchDb } from '../store/scratch.js';
import type { Evidence } from '../types/evidence.js';
import type { ClockOffset, Observation } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';
import { backendsFromClientCommands, readClientCommands } from './client-commands.js';
import { ClockCopies } from './clock.js';
import { AddressNodes } from './masquerade.js';
import { order, stitchedFlow, type StitchedFlow } from './flow.js';
import { ObservationStore } from './observation-store.js';
import { readObservations, sourceOrderOf } from './observations.js';
import { buildServiceMap, type ServiceMap } from './services.js';
import { Sightings } from './sightings.js';
import { stitch, type FlowMembers } from './stitch.js';
import type { TupleTable } from './tuples.js';

export { parseEndpoint, type ServiceFrontend, type ServiceMap } from './services.js';
export { tcpFlags, isSyn, isSynAck, type TcpFlag } from './tcp-flags.js';
export type { StitchedFlow } from './flow.js';

/** Flows built and read back together: a chunk's observations are one query. */
const CHUNK = 256;

/**
 * What the set keeps of each observation of its flows, in flow order (aligned with `members`):
 * its slot in the store, and its tuple (`id << 1 | inherited`).
 */
interface MemberSightings {
  slots: Int32Array;
  tuples: Int32Array;
}

function memberSightings(sightings: Sightings, { members }: FlowMembers): MemberSightings {
  return {
    slots: members.map((seq) => sightings.slotAt(seq)),
    tuples: members.map((seq) => (sightings.tupleIdAt(seq) << 1) | (sightings.inheritedAt(seq) ? 1 : 0)),
  };
}

/** The flows of a case, built as they are iterated; `close` lets go of what is set aside. */
export class FlowSet {
  constructor(
    readonly services: ServiceMap,
    /** Observations in no flow (no tuple): lines the model cannot place. */
    readonly unplaced: number,
    private readonly members: FlowMembers,
    private readonly sightings: MemberSightings,
    private readonly tuples: TupleTable,
    private readonly offsets: readonly ClockOffset[],
    private readonly store: ObservationStore,
    private readonly scratch: ScratchDb,
  ) {}

  get count(): number {
    return this.members.starts.length - 1;
  }

  /** Every flow, in order (ids from 1). */
  *flows(): Generator<StitchedFlow> {
    for (const [f, members] of this.chunked()) yield stitchedFlow(f + 1, members, this.offsets, this.services);
  }

  /** The flow of this id, built alone; null when the case has no such flow. */
  flow(id: number): StitchedFlow | null {
    if (!Number.isInteger(id) || id < 1 || id > this.count) return null;
    return stitchedFlow(id, this.read(id - 1, id)[0]!, this.offsets, this.services);
  }

  /** Every observation of the flows, flow after flow (each flow's in its order). */
  *observations(): Generator<Observation> {
    for (const [, members] of this.chunked()) yield* order(members, this.offsets);
  }

  close(): void {
    this.store.close();
    this.scratch.close();
  }

  /** Each flow's index and observations in input order, read back a chunk of flows at a time. */
  private *chunked(): Generator<[number, Observation[]]> {
    for (let start = 0; start < this.count; start += CHUNK) {
      const chunk = this.read(start, Math.min(start + CHUNK, this.count));
      for (let i = 0; i < chunk.length; i++) yield [start + i, chunk[i]!];
    }
  }

  /** The observations of flows `from` up to `to` (indexes), read back together. */
  private read(from: number, to: number): Observation[][] {
    const { starts } = this.members;
    const read = this.store.read(Array.from(this.sightings.slots.subarray(starts[from]!, starts[to]!)));
    const flows: Observation[][] = [];
    for (let f = from; f < to; f++) {
      const observations: Observation[] = [];
      for (let m = starts[f]!; m < starts[f + 1]!; m++) observations.push(this.observationAt(m, read));
      flows.push(observations);
    }
    return flows;
  }

  /** A member observation read back, with its input order and the tuple its sequence gave it. */
  private observationAt(m: number, read: ReadonlyMap<number, Observation>): Observation {
    const o = read.get(this.sightings.slots[m]!)!;
    const tuple = this.sightings.tuples[m]!;
    o.seq = this.members.members[m]!;
    o.tuple = this.tuples.get(tuple >> 1);
    o.tupleInherited = (tuple & 1) === 1;
    return o;
  }
}

export function buildFlows(db: CaseDb, state: ClusterState): FlowSet {
  const scratch = openScratchDb();
  const store = new ObservationStore();
  try {
    const sourceOrder = sourceOrderOf(db);
    const sightings = new Sightings();
    const copies = new ClockCopies(scratch, sourceOrder);
    scratch.exec('BEGIN');
    readObservations(db, state, sightings, (o) => {
      store.add(o);
      copies.add(o);
    });
    scratch.exec('COMMIT');
    store.seal();
    sightings.seal(sourceOrder);
    const services = buildServiceMap(state, sightings.translationsInOrder());
    const evidenceAt = (seq: number): Evidence => store.read([sightings.slotAt(seq)]).get(sightings.slotAt(seq))!.evidence;
    backendsFromClientCommands(readClientCommands(db, state), services, sightings, evidenceAt);
    const members = stitch(sightings, services, new AddressNodes(state));
    const unplaced = sightings.count - members.members.length;
    return new FlowSet(services, unplaced, members, memberSightings(sightings, members), sightings.tuples, copies.offsets(), store, scratch);
  } catch (err) {
    store.close();
    scratch.close();
    throw err;
  }
}
