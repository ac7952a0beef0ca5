/**
 * What `hubble observe` prints, as data: verdict words, the event types behind a flow, policy
 * match types, capture and socket-translation points, and the mapping of Hubble's enum names
 * (JSON) onto the `cilium monitor` vocabulary (observation points, trace reasons, reserved
 * identities), so hubble and monitor records share one set of names.
 */
import { OBSERVATION_POINTS, RESERVED_IDENTITIES, TRACE_REASONS } from '../monitor/index.js';

/** Verdict enum names, as every form prints them outside policy verdicts. */
export const HUBBLE_VERDICTS: readonly string[] = [
  'VERDICT_UNKNOWN', 'FORWARDED', 'DROPPED', 'ERROR', 'AUDIT', 'REDIRECTED', 'TRACED', 'TRANSLATED',
];

/**
 * Words the text forms print for policy-verdict events (0.10+) and the verdicts each stands for.
 * ALLOWED covers both forwarded and proxy-redirected flows, so it does not tell which.
 */
export const POLICY_VERDICT_WORDS: Readonly<Record<string, readonly string[]>> = {
  ALLOWED: ['FORWARDED', 'REDIRECTED'],
  DENIED: ['DROPPED', 'ERROR'],
  AUDITED: ['AUDIT'],
};

/** CiliumEventType.type → the event it was decoded from (pkg/monitor/api MessageType*). */
export const EVENT_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'drop'],
  [2, 'debug'],
  [3, 'capture'],
  [4, 'trace'],
  [5, 'policy-verdict'],
  [7, 'sock'],
  [129, 'l7'],
]);

/** Policy match types by `policy_match_type` value; other values print `unknown`. */
export const POLICY_MATCH_TYPES: readonly string[] = ['none', 'L3-Only', 'L3-L4', 'L4-Only', 'all', 'L3-Proto', 'Proto-Only'];

export function policyMatchName(value: number): string {
  return POLICY_MATCH_TYPES[value] ?? 'unknown';
}

/** Debug-capture points: the TYPE column of capture flows prints the enum name. */
export const DEBUG_CAPTURE_POINTS: readonly string[] = [
  'DBG_CAPTURE_POINT_UNKNOWN', 'DBG_CAPTURE_DELIVERY', 'DBG_CAPTURE_FROM_LB', 'DBG_CAPTURE_AFTER_V46',
  'DBG_CAPTURE_AFTER_V64', 'DBG_CAPTURE_PROXY_PRE', 'DBG_CAPTURE_PROXY_POST', 'DBG_CAPTURE_SNAT_PRE',
  'DBG_CAPTURE_SNAT_POST',
];

/** Socket-LB translation points: JSON enum name → the short name the TYPE column prints. */
export const SOCK_XLATE_POINTS: Readonly<Record<string, string>> = {
  SOCK_XLATE_POINT_PRE_DIRECTION_FWD: 'pre-xlate-fwd',
  SOCK_XLATE_POINT_POST_DIRECTION_FWD: 'post-xlate-fwd',
  SOCK_XLATE_POINT_PRE_DIRECTION_REV: 'pre-xlate-rev',
  SOCK_XLATE_POINT_POST_DIRECTION_REV: 'post-xlate-rev',
};

/** L7 flow types as the TYPE column prints them (`http-request`): the L7FlowType enum, lower-cased. */
export const L7_FLOW_TYPES: readonly string[] = ['unknown_l7_type', 'request', 'response', 'sample'];
export const L7_PROTOCOLS: readonly string[] = ['http', 'dns', 'kafka', 'l7'];

/** Layer4 oneof names of the JSON forms → the lower-case protocol names monitor records use. */
export const L4_PROTOCOLS: Readonly<Record<string, string>> = {
  TCP: 'tcp',
  UDP: 'udp',
  SCTP: 'sctp',
  ICMPv4: 'icmp',
  ICMPv6: 'icmpv6',
  VRRP: 'vrrp',
  IGMP: 'igmp',
};

/** Mutual-authentication types the summary reports (`; Auth: SPIRE`); DISABLED prints nothing. */
export const AUTH_TYPES: readonly string[] = ['SPIRE', 'TEST_ALWAYS_FAIL'];

/** Sources of lost events (`EVENTS LOST: ‹source› CPU(n) count`, JSON `lost_events.source`). */
export const LOST_EVENT_SOURCES: readonly string[] = [
  'UNKNOWN_LOST_EVENT_SOURCE', 'PERF_EVENT_RING_BUFFER', 'OBSERVER_EVENTS_QUEUE', 'HUBBLE_RING_BUFFER',
];

/** Relay node states (NodeStatusEvent.state_change) by value. */
export const NODE_STATES: readonly string[] = ['UNKNOWN_NODE_STATE', 'NODE_CONNECTED', 'NODE_UNAVAILABLE', 'NODE_GONE', 'NODE_ERROR'];

/** Relay node-status messages of the text forms (printed on stderr) and the state each reports. */
export const NODE_STATUS_MESSAGES: readonly { pattern: RegExp; state: string }[] = [
  { pattern: /^Receiving flows from (\d+) nodes: (.*)$/, state: 'NODE_CONNECTED' },
  { pattern: /^(\d+) nodes are unavailable: (.*)$/, state: 'NODE_UNAVAILABLE' },
  { pattern: /^(\d+) nodes removed from cluster: (.*)$/, state: 'NODE_GONE' },
  { pattern: /^Error (".*") on (\d+) nodes: (.*)$/, state: 'NODE_ERROR' },
  { pattern: /^unknown node status event: (.*)$/, state: 'UNKNOWN_NODE_STATE' },
];

/**
 * The lines of `hubble status` (hubble cmd/status): the gRPC health check of the server it reached
 * (`Healthcheck (via localhost:4245): Ok`), the flow buffer's use (`Current/Max Flows: 8,190/8,190
 * (100.00%)`, humanized from 0.11), the flow rate, and through Relay the nodes it reaches
 * (`Connected Nodes: 2/3`, `Unavailable Nodes: 1` and one `  - NODE` line per unavailable node).
 * 1: the first number (or the health status), 2: the total where printed.
 */
export const SERVER_STATUS_LINES = {
  Healthcheck: /^Healthcheck \(via (\S+)\): (.+?)\s*$/,
  'Current/Max Flows': /^Current\/Max Flows: ([\d,]+)\/([\d,]+)(?: \([\d.]+%\))?\s*$/,
  'Flows/s': /^Flows\/s: (\d+(?:\.\d+)?|N\/A)\s*$/,
  'Connected Nodes': /^Connected Nodes: (\d+)(?:\/(\d+))?\s*$/,
  'Unavailable Nodes': /^Unavailable Nodes: (\d+)\s*$/,
} as const;

/** A node listed under `Unavailable Nodes:` (1: its name, or `and N more...`). */
export const UNAVAILABLE_NODE_LINE = /^ {2}- (\S.*?)\s*$/;

/** Agent-event types (`hubble observe agent-events`). */
export const AGENT_EVENT_TYPES: readonly string[] = [
  'AGENT_EVENT_UNKNOWN', 'AGENT_STARTED', 'POLICY_UPDATED', 'POLICY_DELETED', 'ENDPOINT_REGENERATE_SUCCESS',
  'ENDPOINT_REGENERATE_FAILURE', 'ENDPOINT_CREATED', 'ENDPOINT_DELETED', 'IPCACHE_UPSERTED', 'IPCACHE_DELETED',
  'SERVICE_UPSERTED', 'SERVICE_DELETED',
];

const OBS_POINT_NAMES = new Set(OBSERVATION_POINTS.map((p) => p.name));
const TRACE_REASON_TEXTS = new Set(TRACE_REASONS.map((r) => r.text));

/** `TO_ENDPOINT` → `to-endpoint`: Hubble's enum names are the monitor names in upper snake case. */
function enumToName(name: string): string {
  return name.toLowerCase().replaceAll('_', '-');
}

/** The monitor observation-point name of a `trace_observation_point` enum name; null for UNKNOWN_POINT. */
export function obsPointFromEnum(name: string): string | null {
  const mapped = enumToName(name);
  return OBS_POINT_NAMES.has(mapped) ? mapped : null;
}

/** The observation-point name of a trace's sub-type (the datapath code). */
export function obsPointByCode(code: number): string | null {
  return OBSERVATION_POINTS.find((p) => p.code === code)?.name ?? null;
}

/** A name the TYPE column prints for a trace (`to-endpoint`), when it is one. */
export function isObsPointName(name: string): boolean {
  return OBS_POINT_NAMES.has(name);
}

/** The monitor trace-reason text of a `trace_reason` enum name; null for TRACE_REASON_UNKNOWN. */
export function traceReasonFromEnum(name: string): string | null {
  const mapped = enumToName(name);
  return TRACE_REASON_TEXTS.has(mapped) ? mapped : null;
}

const RESERVED_BY_NUMBER = new Map<number, string>([...RESERVED_IDENTITIES].map(([name, id]) => [id, name]));

/** The reserved name Hubble prints for an identity (`(world)`), null for other identities. */
export function reservedIdentityName(identity: number): string | null {
  return RESERVED_BY_NUMBER.get(identity) ?? null;
}

/** The number of a reserved identity name. */
export function reservedIdentityNumber(name: string): number | null {
  return RESERVED_IDENTITIES.get(name) ?? null;
}

/** DNS response codes by the names gopacket prints in DNS answer summaries (`RCode: …`). */
export const DNS_RCODES: ReadonlyMap<string, number> = new Map([
  ['No Error', 0],
  ['Format Error', 1],
  ['Server Failure', 2],
  ['Non-Existent Domain', 3],
  ['Not Implemented', 4],
  ['Query Refused', 5],
  ['Name Exists when it should not', 6],
  ['RR Set Exists when it should not', 7],
  ['RR Set that should exist does not', 8],
  ['Server Not Authoritative for zone', 9],
  ['Name not contained in zone', 10],
  ['Bad OPT Version', 16],
  ['Key not recognized', 17],
  ['Signature out of time window', 18],
  ['Bad TKEY Mode', 19],
  ['Duplicate key name', 20],
  ['Algorithm not supported', 21],
  ['Bad Truncation', 22],
]);
