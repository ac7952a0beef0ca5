/**
 * One flow from its observations: ordered by time where every observation has one (captures of
 * different nodes put on one clock), else by input order, with its request/reply legs told apart,
 * its request tuple, the service frontend its client addressed and the clock offsets between its places.
 */
import type { ClockOffset, Observation, Tuple } from '../types/flows.js';
import { alignedTimes } from './clock.js';
import type { ServiceFrontend, ServiceMap } from './services.js';
import { isSyn, isSynAck } from './tcp-flags.js';

/** A flow before the model replays it. */
export interface StitchedFlow {
  id: number;
  /** Ordered: by aligned time when known, else input order. */
  observations: Observation[];
  /** Per observation: request (client → server) or reply. */
  legs: ('request' | 'reply')[];
  /** The request as first seen. */
  tuple: Tuple;
  /** The service frontend the client addressed, when one is known. */
  service: ServiceFrontend | null;
  clock: ClockOffset[];
}

const sameTuple = (a: Tuple, b: Tuple): boolean =>
  a.proto === b.proto && a.src === b.src && a.sport === b.sport && a.dst === b.dst && a.dport === b.dport;
/** The other direction of a tuple; an ICMP echo keeps its id. */
const reversed = (t: Tuple): Tuple =>
  t.proto === 'icmp' || t.proto === 'icmp6'
    ? { ...t, src: t.dst, dst: t.src }
    : { proto: t.proto, src: t.dst, sport: t.dport, dst: t.src, dport: t.sport };

const isEchoRequest = (o: Observation): boolean => /echo request|EchoRequest/i.test(o.icmp ?? '');
const isEchoReply = (o: Observation): boolean => /echo reply|EchoReply/i.test(o.icmp ?? '');

/**
 * The request tuple: the first SYN or echo request — one addressed to a service frontend before
 * any other, as the client sent it before the translation, whatever order coarser clocks (Hubble's
 * milliseconds beside tcpdump's microseconds) put them in — else the first packet towards a
 * well-known port, else the first.
 */
function requestOf(observations: readonly Observation[], services: ServiceMap): Tuple {
  const withTuple = observations.filter((o) => o.tuple);
  const openings = withTuple.filter((o) => isSyn(o.tcpFlags) || isEchoRequest(o));
  const opening = openings.find((o) => services.frontend(o.tuple!.dst, o.tuple!.dport) !== null) ?? openings[0];
  if (opening) return opening.tuple!;
  const answer = withTuple.find((o) => isSynAck(o.tcpFlags) || isEchoReply(o));
  if (answer) return reversed(answer.tuple!);
  const first = withTuple[0]!.tuple!;
  // Without a handshake, the side on the lower (service) port is the server.
  if (first.sport !== null && first.dport !== null && first.sport < first.dport && first.sport < 32768) return reversed(first);
  return first;
}

function legOf(o: Observation, request: Tuple, requests: readonly Tuple[], replies: readonly Tuple[]): 'request' | 'reply' {
  if (isSyn(o.tcpFlags) || isEchoRequest(o)) return 'request';
  if (isSynAck(o.tcpFlags) || isEchoReply(o)) return 'reply';
  const t = o.tuple;
  if (!t) return 'request';
  if (requests.some((r) => sameTuple(r, t))) return 'request';
  if (replies.some((r) => sameTuple(r, t))) return 'reply';
  // A translated packet: the client's socket on either side tells the direction.
  if (t.src === request.src && t.sport === request.sport) return 'request';
  if (t.dst === request.src && t.dport === request.sport) return 'reply';
  return t.dst === request.src ? 'reply' : 'request';
}

/** A flow's observations (in input order) ordered by aligned time, where every one has a time and every place is related. */
export function order(observations: Observation[], offsets: readonly ClockOffset[]): Observation[] {
  const places = new Set(observations.map((o) => o.place));
  const relevant = offsets.filter((o) => places.has(o.from) && places.has(o.to));
  const times = alignedTimes(observations, relevant);
  if (!times) return observations;
  const at = new Map(observations.map((o, i) => [o, times[i]!]));
  return [...observations].sort((a, b) => at.get(a)! - at.get(b)! || a.seq - b.seq);
}

function serviceOf(observations: readonly Observation[], services: ServiceMap): ServiceFrontend | null {
  for (const o of observations) {
    const t = o.tuple ?? (o.xlate?.dst ? { dst: o.xlate.dst, dport: o.xlate.dport } : null);
    if (!t) continue;
    const f = services.frontend(t.dst, t.dport);
    if (f) return f;
  }
  for (const o of observations) {
    const t = o.tuple;
    if (!t) continue;
    const [f] = services.frontendsOf(t.dst, t.dport);
    if (f) return f;
  }
  return null;
}

/** The flow of these observations (in input order). */
export function stitchedFlow(id: number, members: Observation[], offsets: readonly ClockOffset[], services: ServiceMap): StitchedFlow {
  const ordered = order(members, offsets);
  const request = requestOf(ordered, services);
  const requests = ordered.filter((o) => o.tuple && (isSyn(o.tcpFlags) || isEchoRequest(o))).map((o) => o.tuple!);
  const replies = [...requests.map(reversed), reversed(request)];
  const places = new Set(ordered.map((o) => o.place));
  return {
    id,
    observations: ordered,
    legs: ordered.map((o) => legOf(o, request, [request, ...requests], replies)),
    tuple: request,
    service: serviceOf(ordered, services),
    clock: offsets.filter((o) => places.has(o.from) && places.has(o.to)),
  };
}
