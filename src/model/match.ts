/**
 * Places each observation of a flow on the expected hop it is a sighting of: same leg, same side of
 * the flow (client's node, server's node), same kind of point — a trace's observation point and
 * endpoint, a debug message, or a capture's device role and direction. An observation that fits no
 * expected hop, or fits several the model predicts differently, stays unmatched.
 */
import type { ExpectedHop, HopPoint, Observation, ObservedHop } from '../types/flows.js';
import type { Party } from './classify.js';

/** Device roles by interface name; anything else on a node is a native device. */
export function deviceRole(device: string | null, netns: string | null): string | null {
  if (!device || device === 'any') return null;
  // Inside a pod's (or container's, or another) network namespace: the pod's own interface.
  if (netns !== null && netns !== 'host') return 'pod-eth0';
  if (/^lxc/.test(device)) return 'lxc';
  if (device === 'cilium_host' || device === 'cilium_net') return device === 'cilium_host' ? 'cilium_host' : 'cilium_net';
  if (/^cilium_(vxlan|geneve)$/.test(device)) return 'overlay';
  if (/^cilium_wg/.test(device)) return 'wireguard';
  if (device === 'lo') return null;
  return 'native';
}

export interface MatchContext {
  client: Party;
  server: Party;
  /** Endpoint id of each lxc interface the monitor named (`-> endpoint N … interface lxcX`). */
  lxcOwner: ReadonlyMap<string, number>;
  /** IPs of pods by name (captures in a pod's network namespace). */
  podIps: ReadonlyMap<string, readonly string[]>;
  /** The side of the flow each place of this flow's observations is on, where one of them tells (`sidesOfPlaces`). */
  placeSides?: ReadonlyMap<string, Side>;
}

type Side = ExpectedHop['side'];

/** Which side of the flow an observation was made on, when it can be told. */
function sideOf(o: Observation, role: string | null, ctx: MatchContext): Side | null {
  const { client, server } = ctx;
  if (role === 'pod-eth0') {
    const ips = o.netns?.startsWith('pod/') ? (ctx.podIps.get(o.netns.slice('pod/'.length)) ?? []) : [];
    if (ips.includes(client.ip)) return 'client';
    if (ips.includes(server.ip)) return 'server';
    return null;
  }
  if (role === 'lxc') {
    const owner = ctx.lxcOwner.get(o.device!);
    if (owner !== undefined && owner === client.role.endpoint) return 'client';
    if (owner !== undefined && owner === server.role.endpoint) return 'server';
    return null;
  }
  if (o.tool === 'monitor') {
    const ep = o.point === 'to-endpoint' || o.debug?.name === 'DBG_LOCAL_DELIVERY' ? o.destEndpoint : o.endpoint;
    if (ep !== null && ep === client.role.endpoint) return 'client';
    if (ep !== null && ep === server.role.endpoint) return 'server';
  }
  const atClient = client.place !== null && o.place === client.place;
  const atServer = server.place !== null && o.place === server.place;
  if (atClient && !atServer) return 'client';
  if (atServer && !atClient) return 'server';
  return null;
}

function directionOf(o: Observation, role: string | null, side: Side | null, leg: 'request' | 'reply'): 'rx' | 'tx' | null {
  if (o.direction) return o.direction === 'in' ? 'rx' : 'tx';
  const sender = leg === 'request' ? 'client' : 'server';
  if (role === 'pod-eth0') return side === null ? null : side === sender ? 'tx' : 'rx';
  if (role === 'lxc') return side === null ? null : side === sender ? 'rx' : 'tx';
  if (role === 'native' || role === 'overlay') return side === null ? null : side === sender ? 'tx' : 'rx';
  if (role === 'cilium_host') return 'tx';
  return null;
}

export function observedPoint(o: Observation): HopPoint | null {
  if (o.tool === 'monitor' || o.tool === 'hubble') {
    if (o.kind === 'trace' && o.point) return { kind: 'trace', point: o.point, device: null, direction: null };
    if (o.kind === 'debug' && o.debug) return { kind: 'debug', point: o.debug.name, device: null, direction: null };
    if (o.kind === 'drop' || o.kind === 'policy-verdict' || o.kind === 'trace-sock') return { kind: 'event', point: o.kind, device: null, direction: null };
    return null;
  }
  return { kind: 'capture', point: null, device: deviceRole(o.device, o.netns), direction: null };
}

const samePoint = (a: HopPoint, b: HopPoint): boolean =>
  a.kind === b.kind && a.point === b.point && a.device === b.device && (a.direction === null || b.direction === null || a.direction === b.direction);

/**
 * One agent prints one node's events, one capture one node's packets: where an observation of a
 * place tells its side (by its pod's endpoint or interface), the place's other observations are on
 * that side too. Places whose observations disagree tell nothing.
 */
export function sidesOfPlaces(observations: readonly Observation[], ctx: MatchContext): Map<string, Side> {
  const sides = new Map<string, Side | 'both'>();
  for (const o of observations) {
    const side = sideOf(o, observedPoint(o)?.device ?? null, ctx);
    if (side === null) continue;
    const known = sides.get(o.place);
    sides.set(o.place, known === undefined || known === side ? side : 'both');
  }
  return new Map([...sides].filter((e): e is [string, Side] => e[1] !== 'both'));
}

/** An observation placed once for all variants: its hop, the point it is a sighting of, its side and printed endpoint. */
export interface PlacedObservation {
  hop: ObservedHop;
  at: HopPoint | null;
  side: Side | null;
  printed: number | null;
}

/** The observation as a hop, with what matching it to any variant's expected hops needs. */
export function placeObservation(o: Observation, leg: 'request' | 'reply', ctx: MatchContext): PlacedObservation {
  const point = observedPoint(o);
  const role = point?.device ?? null;
  const side = point ? (sideOf(o, role, ctx) ?? ctx.placeSides?.get(o.place) ?? null) : null;
  const direction = point?.kind === 'capture' ? directionOf(o, role, side, leg) : null;
  const at: HopPoint = point ? { ...point, direction } : { kind: 'event', point: o.kind, device: null, direction: null };
  const hop: ObservedHop = {
    leg, node: o.node ?? o.place, at, device: o.device, ttl: o.ttl,
    encap: o.outer ? { protocol: o.outer.protocol, port: o.outer.dport, vni: o.outer.vni, ttl: o.outer.ttl } : null,
    src: o.tuple?.src ?? null, dst: o.tuple?.dst ?? null, srcMac: o.srcMac?.toLowerCase() ?? null, dstMac: o.dstMac?.toLowerCase() ?? null, nat: null,
    observation: o, expected: null,
  };
  // One-line traces print no `FROM`: an unknown endpoint matches any.
  const printed = o.point === 'to-endpoint' || o.debug?.name === 'DBG_LOCAL_DELIVERY' ? o.destEndpoint : o.endpoint;
  return { hop, at: point ? at : null, side, printed };
}

/** The placed observation matched to the index of its expected hop when one fits. */
export function matchObservation(placed: PlacedObservation, expected: readonly ExpectedHop[]): ObservedHop {
  const { hop, at, side, printed } = placed;
  if (!at) return hop;
  const o = hop.observation;
  const fits = (h: ExpectedHop): boolean =>
    h.leg === hop.leg && samePoint(h.at, at) && (side === null || h.side === side) &&
    (h.endpoint === null || printed === null || printed === h.endpoint) &&
    // A capture or event on a named node is not a sighting of a hop predicted on another node.
    (o.node === null || h.node === null || h.node === o.node);
  const candidates: number[] = [];
  for (let i = 0; i < expected.length; i++) if (fits(expected[i]!)) candidates.push(i);
  if (candidates.length === 0) return hop;
  // A translation between two points of one device (NodePort in, SNAT out) tells them apart by address.
  const sameAddresses = candidates.filter((i) => hop.src !== null && expected[i]!.src === hop.src && expected[i]!.dst === hop.dst);
  const fitting = sameAddresses.length > 0 ? sameAddresses : candidates;
  // Without a side, the candidates must agree on what they predict.
  if (side === null && fitting.length > 1) {
    const predicted = (i: number): string => `${expected[i]!.ttl}|${expected[i]!.visible}|${expected[i]!.encap !== null}`;
    const first = predicted(fitting[0]!);
    if (fitting.some((i) => predicted(i) !== first)) return hop;
  }
  return { ...hop, expected: fitting[0]! };
}
