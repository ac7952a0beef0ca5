/**
 * Observations: every sighting of a packet, read from the case database into one shape — monitor
 * events (traces, drops, verdicts, debug lines, socket-LB translations) and tcpdump frames (the
 * inner frame of an encapsulated packet, with its outer header). Debug lines that print no tuple
 * take it from the event sequence they belong to (same CPU, same emitting endpoint).
 */
import { HostNames } from './host-names.js';
import type { CaseDb } from '../store/db.js';
import { monitorEventRows } from '../store/monitor-rows.js';
import type { MonitorEventColumn } from '../store/monitor-schema.js';
import { packetRows } from '../store/packet-rows.js';
import type { Observation, OuterHeader, Tuple } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';
import { EventSequences, type SequenceRow } from './sequences.js';
import type { Sightings } from './sightings.js';

const TRAFFIC_EVENTS = ['trace', 'drop', 'policy-verdict', 'debug', 'trace-sock'];

/** The columns of `monitor_events` observations are made of. */
const MONITOR_COLUMNS = [
  'agent', 'type', 'capture_session', 'cpu', 'source_ep', 'dest_ep', 'obs_point', 'trace_state', 'src_identity_num', 'dst_identity_num',
  'ifname', 'runtime_time', 'src_ip', 'src_port', 'dst_ip', 'dst_port', 'protocol', 'tcp_flags', 'icmp_type', 'drop_code',
  'drop_reason', 'direction', 'policy_action', 'policy_match', 'debug_name', 'ct_verdict', 'mapped_ip', 'mapped_identity', 'subtype',
  'message', 'details', 'src_mac', 'dst_mac', 'ttl', 'ip_id', 'ip_length', 'length', 'tcp_seq', 'tcp_ack', 'icmp_id',
  'tunnel_protocol', 'tunnel_src_ip', 'tunnel_dst_ip', 'vni',
] as const satisfies readonly MonitorEventColumn[];

interface MonitorRow {
  id: number; source: string; source_id: number; line: number; segment: number; agent: string; type: string;
  capture_session: number; cpu: number | null; source_ep: number | null; dest_ep: number | null; obs_point: string | null;
  trace_state: string | null; src_identity_num: number | null; dst_identity_num: number | null; ifname: string | null;
  runtime_time: string | null; src_ip: string | null; src_port: number | null; dst_ip: string | null; dst_port: number | null;
  protocol: string | null; tcp_flags: string | null; icmp_type: string | null; drop_code: number | null; drop_reason: string | null;
  direction: string | null; policy_action: string | null; policy_match: string | null; debug_name: string | null;
  ct_verdict: string | null; mapped_ip: string | null; mapped_identity: number | null; subtype: string | null;
  message: string | null; details: string | null; src_mac: string | null; dst_mac: string | null; ttl: number | null;
  ip_id: number | null; ip_length: number | null; length: number | null; tcp_seq: number | null; tcp_ack: number | null; icmp_id: number | null;
  tunnel_protocol: string | null; tunnel_src_ip: string | null; tunnel_dst_ip: string | null; vni: number | null;
}

interface PacketRow {
  id: number; source: string; source_id: number; line: number; segment: number; outer_id: number | null;
  capture_node: string | null; capture_iface: string | null; capture_netns: string | null; ts_seconds: number | null;
  iface: string | null; direction: string | null; src_mac: string | null; dst_mac: string | null; l3: string | null;
  src: string | null; dst: string | null; sport: number | null; dport: number | null; protocol: string;
  ttl: number | null; tcp_flags: string | null; seq_abs: number | null; ack_abs: number | null; mss: number | null; length: number | null;
  icmp: string | null; encap: string | null; vni: number | null; detail: string;
}

type ObservationInit = Pick<Observation, 'seq' | 'tool' | 'kind' | 'ref' | 'place'> & Partial<Observation>;

/**
 * An observation with every field, in one property order: tens of thousands of them are made,
 * and one object shape keeps them cheap to build and to read.
 */
function observation(o: ObservationInit, evidence: { source: string; line: number; segment: number }): Observation {
  return {
    seq: o.seq, tool: o.tool, kind: o.kind, ref: o.ref, agent: o.agent ?? null, node: o.node ?? null, place: o.place,
    point: o.point ?? null, device: o.device ?? null, direction: o.direction ?? null, netns: o.netns ?? null,
    endpoint: o.endpoint ?? null, destEndpoint: o.destEndpoint ?? null, time: o.time ?? null, tuple: o.tuple ?? null,
    tupleInherited: false, tcpFlags: o.tcpFlags ?? null, tcpSeq: o.tcpSeq ?? null, tcpAck: o.tcpAck ?? null, mss: o.mss ?? null,
    ttl: o.ttl ?? null, ipId: o.ipId ?? null, length: o.length ?? null, srcMac: o.srcMac ?? null, dstMac: o.dstMac ?? null,
    icmp: o.icmp ?? null, icmpMtu: o.icmpMtu ?? null, quoted: o.quoted ?? null, outer: o.outer ?? null,
    srcIdentity: o.srcIdentity ?? null, dstIdentity: o.dstIdentity ?? null, state: o.state ?? null, drop: o.drop ?? null,
    policy: o.policy ?? null, debug: o.debug ?? null, xlate: o.xlate ?? null, verdict: o.verdict ?? null,
    evidence: { source: evidence.source, line: evidence.line, segment: evidence.segment },
  };
}

/** The fields of every observation, in their order. */
export const OBSERVATION_FIELDS = Object.keys(observation({ seq: 0, tool: 'monitor', kind: 'trace', ref: 0, place: '' }, { source: '', line: 0, segment: 0 })) as (keyof Observation)[];

/** ICMP echo: the id is the connection's "port" (the CT lookup prints it as the client's port). */
function monitorTuple(r: MonitorRow): Tuple | null {
  if (!r.src_ip || !r.dst_ip || !r.protocol) return null;
  const proto = r.protocol === 'icmpv6' ? 'icmp6' : r.protocol;
  if (proto === 'icmp' || proto === 'icmp6') {
    const reply = r.icmp_type !== null && /reply/i.test(r.icmp_type);
    const id = r.icmp_id ?? (reply ? r.dst_port : r.src_port) ?? null;
    return { proto, src: r.src_ip, sport: id === 0 ? null : id, dst: r.dst_ip, dport: null };
  }
  return { proto, src: r.src_ip, sport: r.src_port, dst: r.dst_ip, dport: r.dst_port };
}

/** `2024-05-05T10:00:00.123456Z` → epoch seconds. */
function epochSeconds(iso: string | null): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms / 1000;
}

function socketCookie(details: string | null): string | null {
  const cookie = details ? (JSON.parse(details) as { sockCookie?: unknown }).sockCookie : undefined;
  return typeof cookie === 'string' ? cookie : null;
}

function monitorObservation(r: MonitorRow, seq: number, nodeOf: (agent: string) => string | null): Observation {
  const node = nodeOf(r.agent);
  const outer: OuterHeader | null = r.tunnel_protocol
    ? {
        protocol: r.tunnel_protocol === 'geneve' ? 'geneve' : 'vxlan', vni: r.vni, src: r.tunnel_src_ip, dst: r.tunnel_dst_ip,
        sport: null, dport: null, ttl: null, fragmented: false,
      }
    : null;
  return observation({
    seq,
    tool: 'monitor',
    kind: r.type as Observation['kind'],
    ref: r.id,
    agent: r.agent,
    node,
    place: node ?? `agent:${r.agent}`,
    point: r.obs_point,
    device: r.ifname,
    netns: 'host',
    endpoint: r.source_ep,
    destEndpoint: r.dest_ep,
    time: epochSeconds(r.runtime_time),
    tuple: monitorTuple(r),
    tcpFlags: r.tcp_flags,
    tcpSeq: r.tcp_seq,
    tcpAck: r.tcp_ack,
    ttl: r.ttl,
    ipId: r.ip_id,
    length: r.ip_length ?? r.length,
    srcMac: r.src_mac,
    dstMac: r.dst_mac,
    icmp: r.icmp_type,
    outer,
    srcIdentity: r.src_identity_num,
    dstIdentity: r.dst_identity_num,
    state: r.trace_state ?? r.ct_verdict,
    drop: r.type === 'drop' ? { code: r.drop_code, reason: r.drop_reason ?? 'unknown' } : null,
    policy: r.type === 'policy-verdict' ? { action: r.policy_action, match: r.policy_match, direction: r.direction } : null,
    debug: r.debug_name
      ? { name: r.debug_name, message: r.message ?? '', mappedIp: r.mapped_ip, mappedIdentity: r.mapped_identity }
      : null,
    xlate:
      r.type === 'trace-sock'
        ? {
            point: r.subtype ?? '',
            cookie: socketCookie(r.details),
            dst: r.dst_ip,
            dport: r.dst_port,
            proto: r.protocol,
          }
        : null,
  }, r);
}

/** What the tuple passes need of a monitor row, kept instead of the row (whose fifty columns would outlive it). */
function sequenceRow(r: MonitorRow): SequenceRow {
  const ct = r.debug_name?.startsWith('DBG_CT_LOOKUP') === true;
  return {
    key: `${r.source_id}|${r.capture_session}|${r.cpu ?? '?'}`,
    debugName: r.debug_name,
    isDebug: r.type === 'debug',
    nexthdr: r.debug_name === 'DBG_CT_LOOKUP_2' ? String((JSON.parse(r.details ?? '{}') as { nexthdr?: string }).nexthdr) : null,
    src: ct ? r.src_ip : null,
    dst: ct ? r.dst_ip : null,
    sport: ct ? r.src_port : null,
    dport: ct ? r.dst_port : null,
  };
}

/** Emits an observation as it is read; returns the slot the sightings gave it. */
type Emit = (o: Observation) => number;

function readMonitor(db: CaseDb, nodeOf: (agent: string) => string | null, sequences: EventSequences, emit: Emit): void {
  let seq = 0;
  for (const row of monitorEventRows(db, TRAFFIC_EVENTS, MONITOR_COLUMNS)) {
    const r = row as unknown as MonitorRow;
    const o = monitorObservation(r, seq++, nodeOf);
    sequences.add(sequenceRow(r), o, emit(o));
  }
  sequences.finish();
}

/** The frame's addresses: as printed, else those its printed host names stand for (tcpdump without `-n`). */
function packetTuple(p: PacketRow, detail: PacketDetail, icmpId: number | null, hosts: HostNames): Tuple | null {
  const src = p.src ?? hosts.address(detail.srcName);
  const dst = p.dst ?? hosts.address(detail.dstName);
  if (!src || !dst) return null;
  if (p.protocol === 'icmp' || p.protocol === 'icmp6') return { proto: p.protocol, src, sport: icmpId, dst, dport: null };
  if (p.protocol !== 'tcp' && p.protocol !== 'udp' && p.protocol !== 'sctp') return null;
  return { proto: p.protocol, src, sport: p.sport, dst, dport: p.dport };
}

interface PacketDetail {
  srcName?: string;
  dstName?: string;
  ipv4?: { id?: number; flags?: string; offset?: number };
  icmp?: { id?: number; mtu?: number; quoted?: { proto?: string; src?: string; dst?: string; sport?: number; dport?: number } };
  encap?: { type?: string };
}

/**
 * The packet an ICMP error quotes. tcpdump's short forms (`tcp port 80 unreachable`) print only its
 * destination: its source is where the error is sent.
 */
function quotedTuple(q: NonNullable<PacketDetail['icmp']>['quoted'], errorDst: string | null): Tuple | null {
  const src = q?.src ?? errorDst;
  if (!src || !q?.dst || !q.proto) return null;
  return { proto: q.proto.toLowerCase(), src, sport: q.sport ?? null, dst: q.dst, dport: q.dport ?? null };
}

/** What the state tells of a capture's packets: the node of the pod a capture was made in, the addresses of host names. */
interface CaptureContext {
  podNode: ReadonlyMap<string, string>;
  hosts: HostNames;
}

/** A capture inside a pod was made on the pod's node, when the state places the pod. */
function packetObservation(p: PacketRow, outer: PacketRow | null, seq: number, { podNode, hosts }: CaptureContext): Observation {
  const detail = JSON.parse(p.detail) as PacketDetail;
  const outerDetail = outer ? (JSON.parse(outer.detail) as PacketDetail) : null;
  const frame = outer ?? p;
  const netns = frame.capture_netns;
  const inPod = netns?.startsWith('pod/') ? netns : null;
  const place = frame.capture_node ?? inPod ?? `capture:${frame.source}`;
  return observation({
    seq,
    tool: 'tcpdump',
    kind: 'packet',
    ref: p.id,
    node: frame.capture_node ?? (inPod ? (podNode.get(inPod.slice('pod/'.length)) ?? null) : null),
    place,
    device: frame.iface ?? frame.capture_iface,
    direction: frame.direction === 'In' ? 'in' : frame.direction === 'Out' ? 'out' : null,
    netns,
    time: frame.ts_seconds,
    tuple: packetTuple(p, detail, detail.icmp?.id ?? null, hosts),
    tcpFlags: p.tcp_flags,
    tcpSeq: p.seq_abs,
    tcpAck: p.ack_abs,
    mss: p.mss,
    ttl: p.ttl,
    ipId: detail.ipv4?.id ?? null,
    length: p.length,
    srcMac: p.src_mac,
    dstMac: p.dst_mac,
    icmp: p.icmp,
    icmpMtu: detail.icmp?.mtu ?? null,
    quoted: quotedTuple(detail.icmp?.quoted, p.dst),
    outer: outer
      ? {
          protocol: outerDetail?.encap?.type === 'geneve' ? 'geneve' : 'vxlan',
          vni: outer.vni,
          src: outer.src,
          dst: outer.dst,
          sport: outer.sport,
          dport: outer.dport,
          ttl: outer.ttl,
          fragmented: /\+/.test(outerDetail?.ipv4?.flags ?? '') || (outerDetail?.ipv4?.offset ?? 0) > 0,
        }
      : null,
  }, { source: frame.source, line: frame.line, segment: frame.segment });
}

function readPackets(db: CaseDb, state: ClusterState, emit: Emit): void {
  const context: CaptureContext = { podNode: new Map(state.pods.flatMap((p) => (p.node ? [[p.name, p.node] as const] : []))), hosts: new HostNames(state) };
  // The outer frame of an encapsulated packet is its own row, read before its inner frame's.
  const outerIds = new Set(db.prepare('SELECT DISTINCT outer_id FROM packets WHERE outer_id IS NOT NULL').pluck().all() as number[]);
  const outers = new Map<number, PacketRow>();
  let seq = 0;
  for (const row of packetRows(db)) {
    const r = row as unknown as PacketRow;
    if (outerIds.has(r.id)) {
      outers.set(r.id, r); // the inner frame's row stands for the packet
      continue;
    }
    const outer = r.outer_id === null ? null : (outers.get(r.outer_id) ?? null);
    if (r.outer_id !== null) outers.delete(r.outer_id);
    emit(packetObservation(r, outer, seq++, context));
  }
}

interface HubbleRow {
  id: number; source: string; line: number; segment: number; agent: string; node: string | null; iso_time: string | null; day_seconds: number | null;
  verdict: string | null; policy_action: string | null; event_type: string | null; obs_point: string | null; trace_reason: string | null;
  traffic_direction: string | null; policy_match: string | null; drop_code: number | null; drop_reason: string | null; protocol: string | null;
  src_ip: string | null; src_port: number | null; src_identity: number | null; src_namespace: string | null; src_name: string | null; src_pod: string | null;
  dst_ip: string | null; dst_port: number | null; dst_identity: number | null; dst_namespace: string | null; dst_name: string | null; dst_pod: string | null;
  tcp_flags: string | null; icmp_name: string | null; if_name: string | null; point: string | null;
}

/** Hubble's policy-verdict words as the monitor prints the action. */
const POLICY_ACTIONS: Record<string, string> = { ALLOWED: 'allow', DENIED: 'deny', AUDITED: 'audit' };

/** Hubble kinds of event as observation kinds (debug captures and L7 records are not packets of a hop). */
const HUBBLE_KINDS: Record<string, Observation['kind']> = { trace: 'trace', drop: 'drop', 'policy-verdict': 'policy-verdict', sock: 'trace-sock' };

/**
 * Hubble names a node `‹cluster-name›/‹node›` (`default/…` unless the cluster is named); a
 * Kubernetes node name holds no `/`.
 */
const kubernetesNodeName = (printed: string): string => printed.slice(printed.lastIndexOf('/') + 1);

/**
 * Hubble flows as observations. Text forms print pod names instead of addresses: the pod's
 * address comes from the state (a pod list, endpoint names) when it knows the pod.
 */
function readHubble(db: CaseDb, state: ClusterState, nodeOf: (agent: string) => string | null, emit: Emit): void {
  const podIp = new Map(state.pods.flatMap((p) => (p.ips[0] ? [[`${p.namespace ?? 'default'}/${p.name}`, p.ips[0]] as const, [p.name, p.ips[0]] as const] : [])));
  const address = (ip: string | null, ns: string | null, name: string | null, pod: string | null): string | null =>
    ip ?? podIp.get(`${ns ?? 'default'}/${pod ?? name}`) ?? (pod ? (podIp.get(pod) ?? null) : null);
  // Iterated, not read whole: a sysdump holds 10,000 flows per node, each row with its JSON text.
  const rows = db
    .prepare(`SELECT h.*, s.name AS source FROM hubble_flows h JOIN sources s ON s.id = h.source_id ORDER BY h.source_id, h.line, h.segment, h.id`)
    .iterate() as IterableIterator<HubbleRow>;
  let i = -1;
  for (const r of rows) {
    i++;
    const kind = r.event_type ? HUBBLE_KINDS[r.event_type] : undefined;
    if (!kind) continue;
    const src = address(r.src_ip, r.src_namespace, r.src_name, r.src_pod);
    const dst = address(r.dst_ip, r.dst_namespace, r.dst_name, r.dst_pod);
    const proto = r.protocol === 'icmpv6' ? 'icmp6' : r.protocol;
    const icmp = proto === 'icmp' || proto === 'icmp6';
    const node = (r.node ? kubernetesNodeName(r.node) : null) ?? nodeOf(r.agent);
    const tuple: Tuple | null = src && dst && proto ? { proto, src, sport: icmp ? null : r.src_port, dst, dport: icmp ? null : r.dst_port } : null;
    emit(
      observation({
        seq: i,
        tool: 'hubble',
        kind,
        ref: r.id,
        agent: r.agent,
        node,
        place: node ?? `agent:${r.agent}`,
        point: r.obs_point,
        device: r.if_name,
        netns: 'host',
        time: r.iso_time ? epochSeconds(r.iso_time) : r.day_seconds,
        tuple,
        tcpFlags: r.tcp_flags,
        icmp: r.icmp_name,
        srcIdentity: r.src_identity,
        dstIdentity: r.dst_identity,
        state: r.trace_reason,
        drop: kind === 'drop' ? { code: r.drop_code, reason: r.drop_reason ?? 'unknown' } : null,
        policy:
          kind === 'policy-verdict' || kind === 'drop'
            ? { action: r.policy_action ? (POLICY_ACTIONS[r.policy_action] ?? null) : null, match: r.policy_match, direction: r.traffic_direction }
            : null,
        xlate: kind === 'trace-sock' && r.point ? { point: r.point, cookie: null, dst, dport: r.dst_port, proto } : null,
        verdict: r.verdict,
      }, r),
    );
  }
}

/** The case's sources in order: by name, each one's id. */
export function sourceOrderOf(db: CaseDb): Map<string, number> {
  return new Map((db.prepare('SELECT name, id FROM sources').all() as { name: string; id: number }[]).map((s) => [s.name, s.id]));
}

/**
 * Reads every observation of the case into the sightings, one at a time (`seq`: its order within
 * its tool), handing each to `setAside` in slot order; debug lines are given the tuple of their
 * sequence once every monitor event is read.
 */
export function readObservations(db: CaseDb, state: ClusterState, sightings: Sightings, setAside: (o: Observation) => void): void {
  const nodes = new Map(state.agents.filter((a) => a.node).map((a) => [a.key, a.node!.value]));
  const nodeOf = (agent: string): string | null => nodes.get(agent) ?? null;
  const emit = (o: Observation): number => {
    const slot = sightings.add(o);
    setAside(o);
    return slot;
  };
  readMonitor(db, nodeOf, new EventSequences(sightings), emit);
  readPackets(db, state, emit);
  readHubble(db, state, nodeOf, emit);
}
