/**
 * `hubble observe -o json` / `-o jsonpb`: protojson with the proto field names (flow.proto,
 * observer.proto). 0.7+ `jsonpb` (and `json` since 0.11) prints a GetFlowsResponse per line,
 * `{"flow":{…},"node_name":"…","time":"…"}`, or `{"node_status":…}` / `{"lost_events":…}`;
 * ≤ 0.10 `json` printed the bare Flow, `{"time":"…","verdict":"FORWARDED",…}` (so does
 * `jq .flow`). Enums print as names (a number when the CLI did not know the value), uint64 as
 * strings, and fields at their default value are left out.
 *
 *   {"flow":{"time":"2024-05-02T10:11:12.345678901Z","verdict":"DROPPED","drop_reason":133,
 *    "IP":{"source":"10.0.1.7","destination":"10.0.2.9","ipVersion":"IPv4"},"l4":{"TCP":{…}},
 *    "source":{"identity":48211,…},"destination":{…},"Type":"L3_L4","node_name":"worker-1",
 *    "event_type":{"type":1,"sub_type":133},"drop_reason_desc":"POLICY_DENIED","Summary":"TCP Flags: SYN"},
 *   "node_name":"worker-1","time":"2024-05-02T10:11:12.345678901Z"}
 */
import { icmpTypeCodeName } from '../src/knowledge/icmp-type-codes.js';
import {
  EVENT_TYPES,
  HUBBLE_VERDICTS,
  L4_PROTOCOLS,
  L7_FLOW_TYPES,
  LOST_EVENT_SOURCES,
  NODE_STATES,
  SOCK_XLATE_POINTS,
  hubbleDropReason,
  obsPointByCode,
  obsPointFromEnum,
  policyMatchName,
  reservedIdentityName,
  traceReasonFromEnum,
} from '../src/knowledge/hubble/index.js';
import type {
  HubbleEndpoint,
  HubbleEventType,
  HubbleFlow,
  HubbleForm,
  HubbleL7,
  HubbleNotice,
  HubblePolicy,
  HubbleVerdict,
} from '../src/types/hubble.js';
import { emptyEndpoint } from './hubble-endpoint.js';
import { applySummaryMeaning, emptyFlow, emptyL7, emptyNotice, type RecordOrigin } from './hubble-columns.js';
import { jsonTime } from './hubble-time.js';

type Json = Record<string, unknown>;

function obj(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A number as protojson prints it: uint64 values are strings. */
function num(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

function strings(value: unknown): string[] | null {
  return Array.isArray(value) && value.length > 0 ? value.filter((v): v is string => typeof v === 'string') : null;
}

/** An enum printed by name, or by number for a value the CLI did not know. */
function enumName(value: unknown, names: readonly string[]): string | null {
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? (names[value] ?? String(value)) : null;
}

function endpoint(ep: Json | null, service: Json | null, names: unknown, ip: unknown, port: number | null, mac: unknown): HubbleEndpoint {
  const e = emptyEndpoint();
  e.ip = str(ip);
  e.port = port;
  e.mac = str(mac);
  e.dnsNames = strings(names);
  // protojson leaves out an identity of 0 (`unknown`), not the endpoint it belongs to.
  if (ep) {
    e.endpointId = num(ep.ID);
    e.identity = num(ep.identity) ?? 0;
    e.identityName = reservedIdentityName(e.identity);
    e.labels = strings(ep.labels);
    e.cluster = str(ep.cluster_name);
    e.namespace = str(ep.namespace);
    e.pod = str(ep.pod_name);
    const workloads = Array.isArray(ep.workloads) ? ep.workloads.map(obj).filter((w): w is Json => w !== null) : [];
    if (workloads.length > 0) e.workloads = workloads.map((w) => ({ name: str(w.name) ?? '', kind: str(w.kind) ?? '' }));
  }
  e.name = e.pod;
  if (service) {
    e.service = str(service.name);
    e.name = e.service;
    e.namespace = str(service.namespace);
  }
  return e;
}

const TCP_FLAG_ORDER = ['SYN', 'ACK', 'RST', 'FIN', 'PSH', 'URG', 'ECE', 'CWR', 'NS'];

function applyL4(flow: HubbleFlow, l4: Json | null): { sport: number | null; dport: number | null } {
  const none = { sport: null, dport: null };
  if (!l4) return none;
  const [name, body] = Object.entries(l4)[0] ?? [];
  const layer = obj(body);
  if (!name || !layer) return none;
  flow.protocol = L4_PROTOCOLS[name] ?? name.toLowerCase();
  if (name === 'TCP') {
    const flags = obj(layer.flags);
    const set = flags ? TCP_FLAG_ORDER.filter((f) => flags[f] === true) : [];
    flow.tcpFlags = set.length > 0 ? set.join(',') : null;
  }
  if (name === 'ICMPv4' || name === 'ICMPv6') {
    const version = name === 'ICMPv4' ? 4 : 6;
    flow.ipVersion ??= version;
    flow.icmpType = num(layer.type) ?? 0;
    flow.icmpCode = num(layer.code) ?? 0;
    flow.icmpName = icmpTypeCodeName(version, flow.icmpType, flow.icmpCode);
    return none;
  }
  if (name === 'TCP' || name === 'UDP' || name === 'SCTP') {
    return { sport: num(layer.source_port) ?? 0, dport: num(layer.destination_port) ?? 0 };
  }
  return none;
}

function l7FromJson(l7: Json): HubbleL7 {
  const [protocol, record] = l7.http ? ['http', obj(l7.http)] : l7.dns ? ['dns', obj(l7.dns)] : l7.kafka ? ['kafka', obj(l7.kafka)] : ['l7', null];
  const type = (enumName(l7.type, L7_FLOW_TYPES) ?? 'unknown_l7_type').toLowerCase();
  const r = emptyL7(protocol, type);
  const latency = num(l7.latency_ns);
  // Latency 0 is left out of the JSON; the summary of an HTTP response prints it anyway.
  if (latency !== null) r.latencyMs = Math.floor(latency / 1e6);
  else if (protocol === 'http' && type === 'response') r.latencyMs = 0;
  if (!record) return r;
  if (protocol === 'http') {
    r.httpMethod = str(record.method);
    r.httpUrl = str(record.url);
    r.httpVersion = str(record.protocol);
    r.httpCode = num(record.code);
  } else if (protocol === 'dns') {
    r.dnsQuery = str(record.query);
    r.dnsQtypes = strings(record.qtypes);
    r.dnsSource = str(record.observation_source);
    if (type === 'response') {
      r.dnsIps = strings(record.ips);
      r.dnsTtl = num(record.ttl) ?? 0;
      r.dnsRcode = num(record.rcode) ?? 0;
    }
  }
  return r;
}

function policies(f: Json): HubblePolicy[] | null {
  const out: HubblePolicy[] = [];
  const lists: [string, HubblePolicy['direction'], HubblePolicy['action']][] = [
    ['ingress_allowed_by', 'ingress', 'allowed'],
    ['egress_allowed_by', 'egress', 'allowed'],
    ['ingress_denied_by', 'ingress', 'denied'],
    ['egress_denied_by', 'egress', 'denied'],
  ];
  for (const [key, direction, action] of lists) {
    if (!Array.isArray(f[key])) continue;
    for (const p of (f[key] as unknown[]).map(obj)) {
      const name = str(p?.name);
      if (name) out.push({ direction, action, name, namespace: str(p!.namespace), kind: str(p!.kind) });
    }
  }
  return out.length > 0 ? out : null;
}

const POLICY_ACTION: Readonly<Record<string, HubbleFlow['policyAction']>> = {
  FORWARDED: 'ALLOWED', REDIRECTED: 'ALLOWED', DROPPED: 'DENIED', ERROR: 'DENIED', AUDIT: 'AUDITED',
};

/** Event type, observation point, drop reason, policy verdict: what the event behind the flow says. */
function applyEvent(flow: HubbleFlow, f: Json): void {
  const event = obj(f.event_type);
  const type = num(event?.type);
  const subType = num(event?.sub_type) ?? 0;
  flow.eventType = type === null ? null : ((EVENT_TYPES.get(type) as HubbleEventType | undefined) ?? null);
  if (flow.eventType !== 'l7' && type !== null) flow.eventSubType = subType;
  const drop = hubbleDropReason((f.drop_reason_desc as string | number | undefined) ?? num(f.drop_reason) ?? 0)
    ?? (flow.eventType === 'drop' ? hubbleDropReason(subType) : null);
  if (drop) {
    flow.dropCode = drop.code;
    flow.dropReason = drop.reason?.text ?? String(drop.code);
    flow.dropReasonName = drop.name;
  }
  const obsPoint = str(f.trace_observation_point);
  if (obsPoint) flow.obsPoint = obsPointFromEnum(obsPoint);
  else if (flow.eventType === 'trace') flow.obsPoint = obsPointByCode(subType);
  const reason = str(f.trace_reason);
  if (reason) flow.traceReason = traceReasonFromEnum(reason);
  if (flow.eventType === 'policy-verdict') {
    flow.policyMatch = policyMatchName(num(f.policy_match_type) ?? 0);
    flow.policyAction = flow.verdict ? (POLICY_ACTION[flow.verdict] ?? null) : null;
  }
  const direction = str(f.traffic_direction);
  if (direction === 'INGRESS' || direction === 'EGRESS') flow.trafficDirection = direction === 'INGRESS' ? 'ingress' : 'egress';
  if (flow.eventType === 'capture') flow.point = str(f.debug_capture_point);
  const sock = str(f.sock_xlate_point);
  if (flow.eventType === 'sock' && sock) flow.point = SOCK_XLATE_POINTS[sock] ?? sock;
}

/** A Flow object of either JSON form. */
function flowFromJson(f: Json, form: HubbleForm, origin: RecordOrigin): HubbleFlow {
  const flow = emptyFlow(form, origin.line, origin.segment, origin.text);
  const time = jsonTime(f.time);
  [flow.time, flow.isoTime, flow.daySeconds] = [time.printed, time.iso, time.daySeconds];
  flow.uuid = str(f.uuid);
  flow.node = str(f.node_name);
  const verdict = enumName(f.verdict, HUBBLE_VERDICTS) ?? 'VERDICT_UNKNOWN';
  flow.verdict = HUBBLE_VERDICTS.includes(verdict) ? (verdict as HubbleVerdict) : null;
  const auth = str(f.auth_type);
  if (auth && auth !== 'DISABLED') flow.auth = auth;
  const ip = obj(f.IP);
  const version = str(ip?.ipVersion);
  if (version === 'IPv4' || version === 'IPv6') flow.ipVersion = version === 'IPv4' ? 4 : 6;
  if (ip && typeof ip.encrypted === 'boolean') flow.encrypted = ip.encrypted;
  else if (ip) flow.encrypted = false;
  const { sport, dport } = applyL4(flow, obj(f.l4));
  const eth = obj(f.ethernet);
  flow.source = endpoint(obj(f.source), obj(f.source_service), f.source_names, ip?.source, sport, eth?.source);
  flow.destination = endpoint(obj(f.destination), obj(f.destination_service), f.destination_names, ip?.destination, dport, eth?.destination);
  flow.isReply = typeof f.is_reply === 'boolean' ? f.is_reply : f.reply === true ? true : null;
  flow.policies = policies(f);
  const iface = obj(f.interface);
  flow.ifName = str(iface?.name);
  flow.ifIndex = iface ? num(iface.index) : null;
  flow.proxyPort = num(f.proxy_port);
  flow.ipTraceId = num(obj(f.ip_trace_id)?.trace_id);
  flow.flowType = str(f.Type);
  const l7 = obj(f.l7);
  if (l7) flow.l7 = l7FromJson(l7);
  applyEvent(flow, f);
  flow.summary = str(f.Summary);
  // The summary of a frame without an L4 header names its network layer (`IPv4`).
  if (flow.summary && !flow.protocol && !flow.l7) applySummaryMeaning(flow, flow.summary);
  return flow;
}

function notice(type: HubbleNotice['type'], origin: RecordOrigin, response: Json): HubbleNotice {
  return emptyNotice(type, 'jsonpb', origin, str(response.time), str(response.node_name));
}

/**
 * The record of one JSON object `hubble observe` printed; null when the object is none of them
 * (a GetFlowsResponse, the responses of `agent-events` / `debug-events`, or a bare Flow).
 */
export function recordFromJson(value: unknown, origin: RecordOrigin): HubbleFlow | HubbleNotice | null {
  const response = obj(value);
  if (!response) return null;
  const flow = obj(response.flow);
  if (flow) {
    const record = flowFromJson(flow, 'jsonpb', origin);
    record.node ??= str(response.node_name);
    if (record.time === null) {
      const time = jsonTime(response.time);
      [record.time, record.isoTime, record.daySeconds] = [time.printed, time.iso, time.daySeconds];
    }
    return record;
  }
  const lost = obj(response.lost_events);
  if (lost) {
    const n = notice('lost-events', origin, response);
    n.name = enumName(lost.source, LOST_EVENT_SOURCES);
    n.count = num(lost.num_events_lost) ?? 0;
    n.cpu = num(lost.cpu);
    return n;
  }
  const status = obj(response.node_status);
  if (status) {
    const n = notice('node-status', origin, response);
    n.name = enumName(status.state_change, NODE_STATES);
    n.nodes = strings(status.node_names);
    n.count = n.nodes?.length ?? 0;
    n.message = str(status.message);
    return n;
  }
  const agentEvent = obj(response.agent_event);
  if (agentEvent) {
    const n = notice('agent-event', origin, response);
    n.name = str(agentEvent.type);
    return n;
  }
  const debugEvent = obj(response.debug_event);
  if (debugEvent) {
    const n = notice('debug-event', origin, response);
    n.name = str(debugEvent.type);
    n.cpu = num(debugEvent.cpu);
    n.message = str(debugEvent.message);
    return n;
  }
  if ('verdict' in response || 'IP' in response || 'event_type' in response || 'Summary' in response) {
    return flowFromJson(response, 'json', origin);
  }
  return null;
}
