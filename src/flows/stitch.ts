/**
 * Stitches observations into flows: one flow per connection, both directions, across observation
 * points and nodes. Observations share a flow when they share a key: the same unordered tuple; the
 * same TCP initial sequence number (kept through NAT: a SYN's seq, a SYN-ACK's ack − 1); the same
 * client socket talking to a service frontend or to one of its backends; the same socket cookie
 * of a socket-LB translation; the same node, port and world peer (masquerading). Observations
 * missing part of the tuple (an ICMP echo without its id, a debug line) join the nearest flow of
 * the same addresses.
 */
import type { Tuple } from '../types/flows.js';
import { masqueradeKey, masqueradePair, type AddressNodes } from './masquerade.js';
import type { ServiceMap } from './services.js';
import type { Sightings } from './sightings.js';
import { append } from '../types/collections.js';

/** Union-find over observations by input order; a set's root is its earliest member. */
class UnionFind {
  private readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

const isIcmp = (t: Tuple): boolean => t.proto === 'icmp' || t.proto === 'icmp6';

/** Whether the tuple names its connection fully (ports, or the echo id). */
function complete(t: Tuple): boolean {
  return isIcmp(t) ? t.sport !== null : t.sport !== null && t.dport !== null;
}

function pairKey(t: Tuple): string {
  return `${t.proto}|${[t.src, t.dst].sort().join('|')}`;
}

export function tupleKey(t: Tuple): string {
  if (isIcmp(t)) return `${pairKey(t)}|${t.sport}`;
  const a = `${t.src}:${t.sport}`;
  const b = `${t.dst}:${t.dport}`;
  return `${t.proto}|${a < b ? `${a}|${b}` : `${b}|${a}`}`;
}

/**
 * The keys every observation of a tuple has: its connection, its client socket talking to each
 * frontend of its peer, and its inside end talking to the world (kept through masquerading).
 */
function tupleKeys(t: Tuple, services: ServiceMap, nodes: AddressNodes): string[] {
  const keys: string[] = [];
  if (complete(t)) keys.push(`t|${tupleKey(t)}`);
  const masquerade = masqueradeKey(t, nodes);
  if (masquerade) keys.push(masquerade);
  if (!isIcmp(t) && complete(t)) {
    for (const [peer, peerPort, client, clientPort] of [
      [t.dst, t.dport, t.src, t.sport],
      [t.src, t.sport, t.dst, t.dport],
    ] as const) {
      const frontends = [services.frontend(peer, peerPort), ...services.frontendsOf(peer, peerPort)];
      for (const f of frontends) if (f) keys.push(`svc|${t.proto}|${client}:${clientPort}|${f.vip}:${f.port}`);
    }
  }
  return keys;
}

/** The observations of each flow by input order (`seq`): flow `f`'s are `members[starts[f]]` up to `members[starts[f + 1]]`. */
export interface FlowMembers {
  members: Int32Array;
  starts: Int32Array;
}

/**
 * Groups the observations into flows, each in input order, the flows in the order of their first
 * observation; observations of no flow are left out. A key's first observation stands for it, so
 * what stitching holds grows with the connections, not the packets.
 */
export function stitch(sightings: Sightings, services: ServiceMap, nodes: AddressNodes): FlowMembers {
  const n = sightings.count;
  const uf = new UnionFind(n);
  const member = new Uint8Array(n);
  const owner = new Map<string, number>();
  const keysOfTuple = new Map<number, string[]>();
  const join = (key: string, i: number): void => {
    const first = owner.get(key);
    if (first === undefined) owner.set(key, i);
    else uf.union(first, i);
    member[i] = 1;
  };
  for (let i = 0; i < n; i++) {
    const t = sightings.tupleAt(i);
    if (!t) continue;
    const quoted = sightings.quotedAt(i);
    if (quoted && complete(quoted)) join(`t|${tupleKey(quoted)}`, i);
    let keys = keysOfTuple.get(sightings.tupleIdAt(i));
    if (!keys) keysOfTuple.set(sightings.tupleIdAt(i), (keys = tupleKeys(t, services, nodes)));
    for (const k of keys) join(k, i);
    const isn = sightings.isnAt(i);
    if (t.proto === 'tcp' && !Number.isNaN(isn)) join(`isn|${isn}`, i);
  }
  attachPartial(sightings, uf, member, nodes);
  attachTranslations(sightings, uf, member, services);
  return groups(uf, member);
}

function groups(uf: UnionFind, member: Uint8Array): FlowMembers {
  const flowOfRoot = new Map<number, number>();
  const flowOf = new Int32Array(member.length).fill(-1);
  const sizes: number[] = [];
  member.forEach((m, i) => {
    if (!m) return;
    const root = uf.find(i);
    let f = flowOfRoot.get(root);
    if (f === undefined) {
      f = sizes.push(0) - 1;
      flowOfRoot.set(root, f);
    }
    flowOf[i] = f;
    sizes[f]!++;
  });
  const starts = new Int32Array(sizes.length + 1);
  sizes.forEach((size, f) => (starts[f + 1] = starts[f]! + size));
  const next = starts.slice(0, -1);
  const members = new Int32Array(starts[sizes.length]!);
  flowOf.forEach((f, i) => {
    if (f >= 0) members[next[f]!++] = i;
  });
  return { members, starts };
}

/** The index in `sorted` (ascending, without `i`) nearest to `i`: the earlier of two as near. */
function nearest(sorted: readonly number[], i: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < i) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return sorted[0]!;
  if (lo === sorted.length) return sorted[lo - 1]!;
  return i - sorted[lo - 1]! <= sorted[lo]! - i ? sorted[lo - 1]! : sorted[lo]!;
}

/**
 * An observation without a full tuple joins the flow of the same addresses nearest to it in the
 * input — an ICMP error the flow of the packet it quotes; through masquerading, the flow of the
 * same inside node and world peer — else the observation
 * of the same addresses before it that joined no flow either (an echo its monitor printed without
 * the id), else it is a flow of its own (an ICMP error from a router).
 */
function attachPartial(sightings: Sightings, uf: UnionFind, member: Uint8Array, nodes: AddressNodes): void {
  const partial: number[] = [];
  for (let i = 0; i < member.length; i++) if (!member[i] && sightings.tupleAt(i)) partial.push(i);
  if (partial.length === 0) return;
  const byPair = new Map<string, number[]>();
  const byMasquerade = new Map<string, number[]>();
  member.forEach((m, i) => {
    if (!m) return;
    const t = sightings.tupleAt(i)!;
    append(byPair, pairKey(t), i);
    const masquerade = masqueradePair(t, nodes);
    if (masquerade) append(byMasquerade, masquerade, i);
  });
  const lone = new Map<string, number>();
  for (const i of partial) {
    member[i] = 1;
    const t = sightings.tupleAt(i)!;
    const masquerade = masqueradePair(t, nodes);
    const quoted = sightings.quotedAt(i);
    const candidates = (quoted ? quotedCandidates(byPair.get(pairKey(quoted)), quoted, sightings) : undefined) ?? byPair.get(pairKey(t)) ?? (masquerade ? byMasquerade.get(masquerade) : undefined);
    if (candidates) {
      uf.union(nearest(candidates, i), i);
      continue;
    }
    const group = masquerade ?? pairKey(t);
    const before = lone.get(group);
    if (before !== undefined) uf.union(before, i);
    lone.set(group, i);
  }
}

/**
 * The flows of the addresses an ICMP error quotes, narrowed to those to the quoted destination port
 * when tcpdump printed one (`udp port 9999 unreachable`): two conversations between the same hosts
 * must not take each other's errors.
 */
function quotedCandidates(pair: number[] | undefined, quoted: Tuple, sightings: Sightings): number[] | undefined {
  if (!pair || quoted.dport === null) return pair;
  const toPort = pair.filter((j) => {
    const t = sightings.tupleAt(j)!;
    return (t.dst === quoted.dst && t.dport === quoted.dport) || (t.src === quoted.dst && t.sport === quoted.dport);
  });
  return toPort.length > 0 ? toPort : pair;
}

/**
 * A socket-LB translation joins the flow to its translated destination (or to a backend of that
 * frontend) nearest to it in the input (its connect() comes just before the packets, but pastes put
 * the monitor and the captures in any order).
 */
function attachTranslations(sightings: Sightings, uf: UnionFind, member: Uint8Array, services: ServiceMap): void {
  const translations = sightings.translationsInOrder().filter((o) => o.xlate?.dst);
  if (translations.length === 0) return;
  const byDestination = new Map<string, number[]>();
  member.forEach((m, j) => {
    const t = sightings.tupleAt(j);
    if (m && t && !sightings.isTranslation(j)) append(byDestination, `${t.dst}:${t.dport}`, j);
  });
  for (const o of translations) {
    const i = o.seq;
    const x = o.xlate!;
    const frontend = services.frontend(x.dst!, x.dport);
    let best: number | null = null;
    for (const destination of [`${x.dst}:${x.dport}`, ...(frontend?.backends ?? [])]) {
      const candidates = byDestination.get(destination);
      if (!candidates) continue;
      const j = nearest(candidates, i);
      const closer = best === null || Math.abs(j - i) < Math.abs(best - i) || (Math.abs(j - i) === Math.abs(best - i) && j < best);
      if (closer) best = j;
    }
    if (best === null) continue;
    uf.union(best, i);
    member[i] = 1;
  }
}
