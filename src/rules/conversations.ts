/**
 * Conversations as one capture point saw them: requests that got no reply there, and TCP segments
 * sent again. Only tcpdump sightings count (a capture sees every packet that passes its device; the
 * monitor's aggregation hides repeats). The same packet seen on two devices of one `-i any` capture
 * microseconds apart is one packet, not a repeat.
 */
import { isSyn, isSynAck, tcpFlags } from '../flows/index.js';
import { DNS_PORTS } from '../knowledge/ports.js';
import type { Evidence } from '../types/evidence.js';
import type { ExpectedHop, Observation, ReplayedFlow } from '../types/flows.js';
import type { ArpExchange, ClusterState } from '../types/state.js';
import { append } from '../types/collections.js';
import { describeTuple, hopLabel, podIpsOf } from './flow-queries.js';

/** Two sightings on different devices closer than this are one packet crossing a `-i any` capture. */
export const SAME_PACKET_SECONDS = 0.002;
/** A repeat sent after at least this long is a retransmission timeout (Linux's minimum RTO is 200 ms). */
export const RTO_GAP_SECONDS = 0.15;
/** Requests without a reply before a conversation counts as dead. */
export const MIN_ATTEMPTS = 3;

export interface Sighting {
  o: Observation;
  leg: 'request' | 'reply';
  index: number;
}

/** A packet as the capture saw it: its first sighting and the copies on other devices of the same capture. */
export interface CapturedPacket {
  first: Sighting;
  copies: Sighting[];
}

/**
 * Sightings with equal `key` that are the same packet: on another device of the capture and
 * (when both carry times) less than `SAME_PACKET_SECONDS` apart. Without times nothing is merged.
 */
export function distinctPackets(sightings: readonly Sighting[], key: (o: Observation) => string): CapturedPacket[] {
  const packets: CapturedPacket[] = [];
  const open = new Map<string, CapturedPacket[]>();
  for (const s of sightings) {
    const k = key(s.o);
    const candidates = open.get(k) ?? [];
    const same = candidates.find(
      (p) =>
        p.first.o.time !== null && s.o.time !== null && Math.abs(s.o.time - p.first.o.time) < SAME_PACKET_SECONDS &&
        [p.first, ...p.copies].every((x) => x.o.device !== s.o.device),
    );
    if (same) {
      same.copies.push(s);
      continue;
    }
    const packet = { first: s, copies: [] };
    packets.push(packet);
    append(open, k, packet);
  }
  return packets;
}

/** tcpdump sightings of a flow per capture (its place: node, pod netns or input). */
export function sightingsByCapture(flow: ReplayedFlow): Map<string, Sighting[]> {
  const byPlace = new Map<string, Sighting[]>();
  flow.observations.forEach((o, index) => {
    if (o.tool !== 'tcpdump' || !o.tuple) return;
    append(byPlace, o.place, { o, leg: flow.observed[index]!.leg, index });
  });
  return byPlace;
}

/** What identifies one TCP segment of a flow: direction, sequence number, flags and length. */
export function segmentKey(o: Observation): string {
  const t = o.tuple!;
  const flags = [...tcpFlags(o.tcpFlags)].sort().join('');
  return `${t.src}:${t.sport}>${t.dst}:${t.dport}|${o.tcpSeq}|${flags}|${o.length ?? ''}`;
}

const icmpKey = (o: Observation): string => `${o.tuple!.src}>${o.tuple!.dst}|${o.icmp ?? ''}|${o.length ?? ''}`;
const udpKey = (o: Observation): string => `${o.tuple!.src}:${o.tuple!.sport}>${o.tuple!.dst}:${o.tuple!.dport}|${o.length ?? ''}`;

export type DeadKind = 'syn' | 'synack' | 'echo' | 'dns' | 'udp' | 'arp';

export interface DeadConversation {
  kind: DeadKind;
  /** The flow it died in (the first of a UDP group), or null (ARP). */
  flowId: number | null;
  /** The capture: its place label and node. */
  place: string;
  node: string | null;
  /** What was asked: the flow's tuple, or the ARP question. */
  subject: string;
  /** The request packets sent without a reply, as first seen. */
  attempts: { evidence: Evidence; time: number | null }[];
  /** Copies of those packets on other devices of a `-i any` capture. */
  copies: number;
  /** The hop before this capture that should have seen the reply, when the model names it. */
  next: string | null;
  /** The segment whose reply never came (SYN, SYN-ACK) for the retransmission rule to leave alone. */
  segments: Set<string>;
}

interface ReplyPoint {
  /** The model's next hop for the reply, or null when the model does not name one. */
  next: string | null;
}

/** A hop a capture sees (captures) or the monitor prints (traces) in this configuration. */
const observable = (h: ExpectedHop): boolean =>
  (h.at.kind === 'capture' && h.visible !== 'no') || (h.at.kind === 'trace' && h.emitted !== 'no');

/** The observable hop the reply passes just before `at` (the server's last request hop when `at` is the reply's first). */
function previousHop(hops: readonly ExpectedHop[], at: number): string | null {
  for (let i = at - 1; i >= 0; i--) {
    const h = hops[i]!;
    if (observable(h)) return `${h.leg === 'reply' ? 'the reply at' : 'the request at'} ${hopLabel(h)}`;
  }
  return null;
}

/** The reply hop at the same point as a request hop (same device or trace point, node and side). */
function mirror(hops: readonly ExpectedHop[], request: ExpectedHop): number {
  return hops.findIndex(
    (h) => h.leg === 'reply' && h.at.kind === request.at.kind && h.at.device === request.at.device && h.node === request.node && h.side === request.side && observable(h),
  );
}

/**
 * Whether this capture sees the flow's replies: the model predicts a visible reply on the same device
 * of the same node in every configuration, or the capture is the client's own (its pod's netns, or
 * the node that is the client): replies always reach the client.
 */
function replyPoint(flow: ReplayedFlow, s: Sighting, state: ClusterState): ReplyPoint | null {
  let next: string | null = null;
  let modelSaysYes = flow.variants.length > 0;
  for (const v of flow.variants) {
    // Only a sighting the model placed on one of its hops says which side's device this is.
    const matchedHop = v.observed[s.index]?.expected ?? null;
    const request = matchedHop !== null ? v.expected[matchedHop]! : null;
    const reply = request && request.at.kind === 'capture' ? mirror(v.expected, request) : -1;
    if (reply < 0 || v.expected[reply]!.visible !== 'yes') {
      modelSaysYes = false;
      break;
    }
    // The request may have been seen further on (another capture, a trace): the reply is missing from there on.
    const furthest = Math.max(...v.observed.map((h) => (h.leg === 'request' && h.expected !== null ? h.expected : -1)));
    const from = furthest > matchedHop! ? mirror(v.expected, v.expected[furthest]!) : reply;
    next ??= previousHop(v.expected, from >= 0 ? from : reply);
  }
  if (modelSaysYes) return { next };
  const ownPod = s.o.netns?.startsWith('pod/') && (podIpsOf(state).get(s.o.netns.slice('pod/'.length)) ?? []).includes(flow.client.ip);
  const ownNode = flow.client.kind === 'node' && s.o.node !== null && s.o.node === flow.client.node && (s.o.netns === null || s.o.netns === 'host');
  return ownPod || ownNode ? { next: null } : null;
}

function timeOrder(a: Sighting, b: Sighting): number {
  return (a.o.time ?? 0) - (b.o.time ?? 0) || a.o.seq - b.o.seq;
}

/** TCP: a SYN sent again and again with no SYN-ACK, or a SYN-ACK never ACKed. */
function deadTcp(flow: ReplayedFlow, place: string, sightings: Sighting[], state: ClusterState): DeadConversation | null {
  const syns = distinctPackets(sightings.filter((s) => s.leg === 'request' && isSyn(s.o.tcpFlags)), segmentKey);
  const synAcks = distinctPackets(sightings.filter((s) => s.leg === 'reply' && isSynAck(s.o.tcpFlags)), segmentKey);
  const acked = sightings.some((s) => s.leg === 'request' && !isSyn(s.o.tcpFlags) && tcpFlags(s.o.tcpFlags).has('ACK'));
  if (synAcks.length === 0 && syns.length >= MIN_ATTEMPTS) return dead('syn', flow, place, syns, state);
  if (synAcks.length >= MIN_ATTEMPTS && !acked) {
    // The client's capture that saw the SYN-ACKs arrive: the client never answered.
    return { ...dead('synack', flow, place, synAcks, state, true)!, next: null };
  }
  return null;
}

function dead(kind: DeadKind, flow: ReplayedFlow, place: string, packets: CapturedPacket[], state: ClusterState, anyPoint = false): DeadConversation | null {
  const point = anyPoint ? { next: null } : replyPoint(flow, packets[0]!.first, state);
  return point ? died(kind, { id: flow.id, subject: describeTuple(flow) }, place, packets, point) : null;
}

function died(kind: DeadKind, flow: { id: number; subject: string }, place: string, packets: CapturedPacket[], point: ReplyPoint): DeadConversation {
  const first = packets[0]!.first;
  return {
    kind,
    flowId: flow.id,
    place,
    node: first.o.node,
    subject: flow.subject,
    attempts: packets.map((p) => p.first.o),
    copies: packets.reduce((n, p) => n + p.copies.length, 0),
    next: point.next,
    segments: new Set(packets.map((p) => segmentKey(p.first.o))),
  };
}

/** ARP requests for one address, never answered at that capture. */
function deadArp(x: ArpExchange): DeadConversation | null {
  if (x.replies.length > 0) return null;
  const asked = x.requests.map((r, i) => ({ r, i }));
  const distinct = asked.filter(({ r, i }) =>
    !asked.slice(0, i).some(({ r: p }) => p.device !== r.device && p.time !== null && r.time !== null && Math.abs(p.time - r.time) < SAME_PACKET_SECONDS),
  );
  if (distinct.length < MIN_ATTEMPTS) return null;
  return {
    kind: 'arp',
    flowId: null,
    place: x.node ?? x.netns ?? x.source,
    node: x.node,
    subject: `ARP who-has ${x.target}${distinct[0]!.r.sender ? ` tell ${distinct[0]!.r.sender}` : ''}`,
    attempts: distinct.map(({ r }) => ({ evidence: { source: r.source, line: r.line }, time: r.time })),
    copies: x.requests.length - distinct.length,
    next: null,
    segments: new Set(),
  };
}

/** The TCP and ICMP conversations of one flow that died at a capture that would have seen the reply (UDP ones are grouped across flows). */
export function deadInFlow(state: ClusterState, flow: ReplayedFlow): DeadConversation[] {
  const found: DeadConversation[] = [];
  const proto = flow.tuple.proto;
  for (const [place, sightings] of sightingsByCapture(flow)) {
    const ordered = [...sightings].sort(timeOrder);
    if (proto === 'tcp') {
      const d = deadTcp(flow, place, ordered, state);
      if (d) found.push(d);
    } else if (proto === 'icmp' || proto === 'icmp6') {
      const echoes = distinctPackets(ordered.filter((s) => s.leg === 'request' && /echo ?request/i.test(s.o.icmp ?? '')), icmpKey);
      const replied = ordered.some((s) => s.leg === 'reply');
      const d = !replied && echoes.length >= MIN_ATTEMPTS ? dead('echo', flow, place, echoes, state) : null;
      if (d) found.push(d);
    }
  }
  return found;
}

/** Whether a flow may take part in a dead conversation: its own died, or it is UDP (grouped with others). */
export function mayBeDead(flow: ReplayedFlow, state: ClusterState): boolean {
  return (flow.tuple.proto === 'udp' && flow.tuple.dport !== null) || deadInFlow(state, flow).length > 0;
}

/** Whether a TCP flow sent a segment again after an RTO-like gap (not counting the SYNs of its dead conversation). */
export function retransmits(flow: ReplayedFlow, state: ClusterState): boolean {
  return flow.tuple.proto === 'tcp' && retransmissions([flow], deadInFlow(state, flow)).length > 0;
}

/** Every conversation that died at a capture that would have seen its reply. */
export function deadConversations(state: ClusterState, flows: Iterable<ReplayedFlow>): DeadConversation[] {
  const found: DeadConversation[] = [];
  // UDP conversations are grouped across source ports: a resolver retries from new ports. A group
  // keeps what its first flow tells (not the flow: thousands of them would hold every variant's hops).
  const udp = new Map<string, { flow: { id: number; subject: string; dport: number }; point: ReplyPoint | null; place: string; sightings: Sighting[] }>();
  for (const flow of flows) {
    if (flow.tuple.proto !== 'udp') {
      found.push(...deadInFlow(state, flow));
      continue;
    }
    if (flow.tuple.dport === null) continue;
    for (const [place, sightings] of sightingsByCapture(flow)) {
      const key = `${place}|${flow.tuple.src}|${flow.tuple.dst}|${flow.tuple.dport}`;
      const ordered = [...sightings].sort(timeOrder);
      let group = udp.get(key);
      if (!group) {
        const request = ordered.find((s) => s.leg === 'request');
        group = { flow: { id: flow.id, subject: describeTuple(flow), dport: flow.tuple.dport }, point: request ? replyPoint(flow, request, state) : null, place, sightings: [] };
        udp.set(key, group);
      }
      group.sightings.push(...ordered);
    }
  }
  for (const { flow, point, place, sightings } of udp.values()) {
    const ordered = sightings.sort(timeOrder);
    if (!point || ordered.some((s) => s.leg === 'reply')) continue;
    const requests = distinctPackets(ordered.filter((s) => s.leg === 'request'), udpKey);
    if (requests.length < MIN_ATTEMPTS) continue;
    found.push(died(DNS_PORTS.has(flow.dport) ? 'dns' : 'udp', flow, place, requests, point));
  }
  for (const x of state.arp) {
    const d = deadArp(x);
    if (d) found.push(d);
  }
  return found;
}

export interface RetransmittedSegment {
  /** The segment as first sent, then each time it was sent again after an RTO-like gap. */
  sent: Observation[];
  /** Seconds between the first and the last sending. */
  span: number;
}

export interface Retransmissions {
  flow: ReplayedFlow;
  place: string;
  node: string | null;
  segments: RetransmittedSegment[];
  /** Sightings set aside as copies of one packet on several devices of a `-i any` capture. */
  copies: number;
}

/** TCP segments sent again at one capture after an RTO-like gap (not the SYNs of dead conversations). */
export function retransmissions(flows: Iterable<ReplayedFlow>, dead: readonly DeadConversation[]): Retransmissions[] {
  const found: Retransmissions[] = [];
  for (const flow of flows) {
    if (flow.tuple.proto !== 'tcp') continue;
    for (const [place, sightings] of sightingsByCapture(flow)) {
      const covered = dead.find((d) => d.flowId === flow.id && d.place === place)?.segments ?? new Set<string>();
      const carrying = sightings
        .filter((s) => s.o.tcpSeq !== null && s.o.time !== null && ((s.o.length ?? 0) > 0 || /S|F|SYN|FIN/.test(s.o.tcpFlags ?? '')))
        .sort(timeOrder);
      const packets = distinctPackets(carrying, segmentKey);
      const bySegment = new Map<string, CapturedPacket[]>();
      for (const p of packets) {
        const k = segmentKey(p.first.o);
        if (!covered.has(k)) append(bySegment, k, p);
      }
      const segments: RetransmittedSegment[] = [];
      for (const sent of bySegment.values()) {
        const again = sent.filter((p, i) => i > 0 && p.first.o.time! - sent[i - 1]!.first.o.time! >= RTO_GAP_SECONDS);
        if (again.length === 0) continue;
        const all = [sent[0]!, ...again].map((p) => p.first.o);
        segments.push({ sent: all, span: all.at(-1)!.time! - all[0]!.time! });
      }
      if (segments.length === 0) continue;
      found.push({ flow, place, node: sightings[0]!.o.node, segments, copies: packets.reduce((n, p) => n + p.copies.length, 0) });
    }
  }
  return found;
}
