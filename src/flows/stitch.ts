/**
 * Stitches observations into flows: one flow per connection, both directions, across observation
 * points and nodes. Observations share a flow when they share a key: the same unordered tuple; the
 * same TCP initial sequence number (kept through NAT: a SYN's seq, a SYN-ACK's ack − 1); the same
 * client socket talking to a service frontend or to one of its backends; the same socket cookie
 * of a socket-LB translation. Observations missing part of the tuple (an ICMP echo without its id,
 * a debug line) join the nearest flow of the same addresses.
 */
import type { Observation, Tuple } from '../types/flows.js';
import type { ServiceMap } from './services.js';
import { isSyn, isSynAck } from './tcp-flags.js';
import { append } from '../types/collections.js';

class UnionFind {
  private readonly parent: number[];

  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
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

function keysOf(o: Observation, services: ServiceMap): string[] {
  const t = o.tuple;
  if (!t) return [];
  const keys: string[] = [];
  if (o.quoted && complete(o.quoted)) keys.push(`t|${tupleKey(o.quoted)}`);
  if (complete(t)) keys.push(`t|${tupleKey(t)}`);
  if (t.proto === 'tcp') {
    if (isSyn(o.tcpFlags) && o.tcpSeq !== null) keys.push(`isn|${o.tcpSeq}`);
    if (isSynAck(o.tcpFlags) && o.tcpAck !== null) keys.push(`isn|${o.tcpAck - 1}`);
  }
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

/** Groups of observation indexes, one per flow, each in input order; observations of no flow are left out. */
export function stitch(observations: readonly Observation[], services: ServiceMap): number[][] {
  const uf = new UnionFind(observations.length);
  const owner = new Map<string, number>();
  const member = new Set<number>();
  observations.forEach((o, i) => {
    for (const k of keysOf(o, services)) {
      const first = owner.get(k);
      if (first === undefined) owner.set(k, i);
      else uf.union(first, i);
      member.add(i);
    }
  });
  attachPartial(observations, uf, member);
  attachTranslations(observations, uf, member, services);
  const groups = new Map<number, number[]>();
  for (const i of [...member].sort((a, b) => a - b)) {
    const root = uf.find(i);
    append(groups, root, i);
  }
  return [...groups.values()];
}

/**
 * An observation without a full tuple joins the flow of the same addresses nearest to it in the
 * input, else it is a flow of its own (an ICMP error from a router, an echo without its id).
 */
function attachPartial(observations: readonly Observation[], uf: UnionFind, member: Set<number>): void {
  const byPair = new Map<string, number[]>();
  for (const i of member) {
    const t = observations[i]!.tuple!;
    append(byPair, pairKey(t), i);
  }
  observations.forEach((o, i) => {
    if (!o.tuple || member.has(i)) return;
    const candidates = byPair.get(pairKey(o.tuple));
    member.add(i);
    if (!candidates) return;
    const nearest = candidates.reduce((best, c) => (Math.abs(c - i) < Math.abs(best - i) ? c : best));
    uf.union(nearest, i);
  });
}

/**
 * A socket-LB translation joins the flow to its translated destination nearest to it in the input
 * (its connect() comes just before the packets, but pastes put the monitor and the captures in any order).
 */
function attachTranslations(observations: readonly Observation[], uf: UnionFind, member: Set<number>, services: ServiceMap): void {
  observations.forEach((o, i) => {
    const x = o.xlate;
    if (!x?.dst) return;
    const frontend = services.frontend(x.dst, x.dport);
    let nearest: number | null = null;
    observations.forEach((p, j) => {
      const t = p.tuple;
      if (!t || !member.has(j) || p.xlate) return;
      const sameDst = t.dst === x.dst && t.dport === x.dport;
      const toBackend = frontend !== null && frontend.backends.has(`${t.dst}:${t.dport}`);
      if ((sameDst || toBackend) && (nearest === null || Math.abs(j - i) < Math.abs(nearest - i))) nearest = j;
    });
    if (nearest === null) return;
    uf.union(nearest, i);
    member.add(i);
  });
}
