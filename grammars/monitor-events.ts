/**
 * One-line `cilium monitor` events (monitor.md §4–§12), every release 1.0 → main: drops, traces,
 * `CPU NN:` headers, policy verdicts, L7 records, agent notifications, captures, the recorder and
 * stream diagnostics (samples in monitor-samples.ts).
 *
 * Releases before 1.9 (read from pkg/monitor at their release commits) print the same templates
 * with parts missing: no `orig-ip` in trace lines before 1.7, no `(N captured)` in verbose trace
 * headers before 1.3, and `, to ifindex IF` after the reason of verbose drop headers before 1.5;
 * those parts are optional below.
 *
 * Each shape is one anchored regular expression: the lines are fixed templates whose variable
 * parts (reason texts with parentheses and commas, glued 1.9 identity fragments, labels) are
 * delimited by the literal text around them, which a backtracking regex states most directly and
 * V8 runs faster than a token stream fed through a parser on this hot path (millions of lines).
 */
import {
  CAPTURE_SUBTYPES,
  CAPTURE_SUMMARY,
  identityNumber,
  matchDebugMessage,
  MONITOR_DIAGNOSTICS,
  OBSERVATION_POINTS,
  readDropReason,
  TRACE_SUMMARY_POINT,
} from '../src/knowledge/monitor/index.js';
import { isRedacted } from '../src/knowledge/terminal.js';
import { MONITOR_EVENT_FIELDS, type MonitorEvent, type MonitorEventType, type MonitorForm } from '../src/types/monitor.js';

/**
 * A new event: MONITOR_EVENT_FIELDS' `initial` values. It has every key, so that newEvent only
 * replaces values and V8 copies it in one step (new keys after the spread make each copy slow).
 */
const TEMPLATE = {
  kind: 'monitor-event',
  ...Object.fromEntries(Object.entries(MONITOR_EVENT_FIELDS).map(([field, spec]) => [field, 'initial' in spec ? spec.initial : null])),
  dissection: null,
  adopts: [],
} as unknown as MonitorEvent;

export function newEvent(type: MonitorEventType, form: MonitorForm): MonitorEvent {
  return { ...TEMPLATE, type, form, adopts: [] };
}

function int(v: string | undefined): number | null {
  return v === undefined ? null : Number(v);
}

export function setIdentities(e: MonitorEvent, src: string | undefined, dst: string | undefined): void {
  if (src !== undefined) {
    e.srcIdentity = src;
    e.srcIdentityNum = identityNumber(src);
  }
  if (dst !== undefined) {
    e.dstIdentity = dst;
    e.dstIdentityNum = identityNumber(dst);
  }
}

/** Interface token: a name, or the decimal ifindex when the CLI could not resolve it. */
export function setInterface(e: MonitorEvent, token: string): void {
  if (/^\d+$/.test(token)) e.ifindex = Number(token);
  else e.ifname = token;
}

/** Keeps the reason as printed: an old text of a renamed code meant something else then. */
export function setDropReason(e: MonitorEvent, rendered: string): void {
  const r = readDropReason(rendered);
  e.dropCode = r.code;
  e.extError = r.extError;
  e.dropReason = r.extError === null ? rendered : rendered.slice(0, rendered.lastIndexOf(','));
}

// ---- connection summary (§3.7) -----------------------------------------------------------------

const TUNNEL_SUFFIX = / \[tunnel (\S+) -> (\S+) (vxlan|geneve)\]$/;
const SUMMARY = /^(\S+) -> (\S+)(?: (.*))?$/;
const MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;
const V4_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/;
const V6_PORT = /^\[([0-9a-f:.]+)\]:(\d+)$/;

const ANY_PORT = /^(.+):(\d+)$/;

/** Address and port of a summary endpoint; the address is null where the user hid it (`x.x.x.x:443`). */
function splitAddress(token: string): { ip: string | null; port: number | null } {
  const m = V4_PORT.exec(token) ?? V6_PORT.exec(token);
  if (m) return { ip: m[1]!, port: Number(m[2]) };
  const hidden = ANY_PORT.exec(token);
  if (hidden && isRedacted(hidden[1]!)) return { ip: null, port: Number(hidden[2]) };
  return { ip: isRedacted(token) ? null : token, port: null };
}

/** Fills the tuple, protocol, TCP flags and ICMP type from a connection summary. */
export function applySummary(e: MonitorEvent, summary: string): void {
  e.summary = summary;
  let text = summary.trimEnd();
  const tunnel = TUNNEL_SUFFIX.exec(text);
  if (tunnel) {
    text = text.slice(0, tunnel.index);
    e.details = { ...e.details, tunnel: { src: tunnel[1], dst: tunnel[2], protocol: tunnel[3] } };
  }
  const m = SUMMARY.exec(text);
  if (!m) return;
  const [, src, dst, rest = ''] = m;
  if (MAC.test(src!)) {
    e.protocol = rest.toLowerCase() || null;
    return;
  }
  const s = splitAddress(src!);
  const d = splitAddress(dst!);
  e.srcIp = s.ip;
  e.srcPort = s.port;
  e.dstIp = d.ip;
  e.dstPort = d.port;
  const space = rest.indexOf(' ');
  const word = space === -1 ? rest : rest.slice(0, space);
  const tail = space === -1 ? '' : rest.slice(space + 1);
  const icmp = (s.ip ?? d.ip ?? '').includes(':') ? 'icmpv6' : 'icmp';
  if (word === 'tcp') {
    e.protocol = 'tcp';
    e.tcpFlags = tail.split(', ').filter(Boolean).join(',') || null;
  } else if (word === 'udp' || word === 'sctp' || word === 'vrrp' || word === 'igmp') {
    e.protocol = word;
  } else if (word === 'icmp') {
    e.protocol = icmp;
    e.icmpType = tail || null;
  } else if (rest !== '') {
    e.protocol = icmp;
    e.icmpType = rest;
  }
}

// ---- drop (§4) -------------------------------------------------------------------------------

const DROP_SUMMARY =
  /^xx drop \((?<reason>.+?)\) flow (?<mark>0x[0-9a-f]+) to endpoint (?<ep>\d+), (?:ifindex (?<ifindex>\d+), )?(?:file (?<file>[^\s:]+?)(?::| line )(?<fline>\d+), )?(?: ?\[ ip-trace-id = (?<tid>\d+) \],?)?,? ?identity (?<src>\S+?)->(?<dst>[^\s:]+): (?<summary>.*)$/;

export function parseDropSummary(text: string): MonitorEvent | null {
  const g = DROP_SUMMARY.exec(text)?.groups;
  if (!g) return null;
  const e = newEvent('drop', 'summary');
  setDropReason(e, g['reason']!);
  e.mark = g['mark']!;
  e.destEndpoint = int(g['ep']);
  e.ifindex = int(g['ifindex']);
  e.bpfFile = g['file'] ?? null;
  e.bpfLine = int(g['fline']);
  e.traceId = g['tid'] ?? null;
  setIdentities(e, g['src'], g['dst']);
  applySummary(e, g['summary']!);
  return e;
}

// ---- trace (§5) ------------------------------------------------------------------------------

const TRACE_SUMMARY = new RegExp(
  String.raw`^(?<obs>${TRACE_SUMMARY_POINT})(?<enc>\s+encrypted)?\s+flow (?<mark>0x[0-9a-f]+) ,? ?identity (?<src>\S+?)->(?<dst>\S+)(?: \[ ip-trace-id = (?<tid>\d+) \])? state (?<state>\S+) ifindex (?<if>\S+?)(?: orig-ip (?<orig>\S+?))?: (?<summary>.*)$`,
);
const SUMMARY_POINTS = OBSERVATION_POINTS.map((p) => ({ point: p, prefix: p.summary }))
  // `-> host from` must win over a shorter prefix; longest first.
  .sort((a, b) => b.prefix.length - a.prefix.length);

function setObservationFromSummary(e: MonitorEvent, obs: string): void {
  const found = SUMMARY_POINTS.find((s) => obs === s.prefix || obs.startsWith(`${s.prefix} `));
  if (!found) return;
  e.obsPoint = found.point.name;
  const arg = obs.slice(found.prefix.length).trim();
  if (arg === '') return;
  const n = Number(arg.replace(/^port /, ''));
  if (found.point.summaryArgument === 'proxy-port') e.proxyPort = n;
  else if (found.point.direction === 'to') e.destEndpoint = n;
  else e.sourceEndpoint = n;
}

export function parseTraceSummary(text: string): MonitorEvent | null {
  const g = TRACE_SUMMARY.exec(text)?.groups;
  if (!g) return null;
  const e = newEvent('trace', 'summary');
  setObservationFromSummary(e, g['obs']!);
  e.encrypted = g['enc'] !== undefined;
  e.mark = g['mark']!;
  setIdentities(e, g['src'], g['dst']);
  e.traceId = g['tid'] ?? null;
  e.traceState = g['state']!;
  setInterface(e, g['if']!);
  e.origIp = g['orig'] ?? null;
  applySummary(e, g['summary']!);
  return e;
}

// ---- CPU-prefixed lines (§4.2, §5.4, §7, §8.2, §9, §2.4) -------------------------------------

const CPU_HEAD = /^CPU (?<cpu>\d+): (?<rest>.*)$/;
const MARK_HEAD = /^MARK (?<mark>0x[0-9a-f]+)(?: \[ IP-TRACE-ID = (?<tid>\d+) \])? FROM (?<from>\d+) (?<what>[a-zA-Z-]+|\d+): (?<body>.*)$/;
const DROP_BODY = /^(?<len>\d+) bytes, reason (?<reason>.+?)(?:, to ifindex (?<if>\S+?))?(?:,? ?identity (?<src>\S+?)->(?<dst>[^\s,]+))?(?:, to endpoint (?<ep>\d+))?$/;
const TRACE_BODY =
  /^(?<len>\d+) bytes(?: \((?<cap>\d+) captured\))?, state (?<state>[a-z0-9-]+?)(?:, interface (?<if>\S+?))?(?:,? ?,? ?identity (?<src>\S+?)->(?<dst>[^\s,]+))?(?:, orig-ip (?<orig>[^\s,]+))?(?:, to (?:endpoint (?<ep>\d+)|proxy-port (?<pp>\d+)))?$/;
const CAPTURE_BODY = /^(?<len>\d+) bytes, (?<subtype>.*)$/;
const LOST = /^Lost (\d+) events$/;
const TRACE_SOCK = /^\[(?<xlate>[a-z-]+)\] cgroup_id: (?<cg>\d+) sock_cookie: (?<cookie>\d+), dst \[(?<ip>[^\]]+)\]:(?<port>\d+) (?<l4>\w+) ?$/;
const UNKNOWN_EVENT = /^Unknown event: (.*)$/;

export function applyDebugMessage(e: MonitorEvent, message: string): void {
  e.message = message;
  const found = matchDebugMessage(message);
  if (!found) return;
  const { message: dbg, args } = found;
  e.debugCode = dbg.codes[0] ?? int(args['code']);
  e.debugName = dbg.name;
  e.details = args;
  if (args['srcIp'] !== undefined) e.srcIp = args['srcIp'];
  if (args['dstIp'] !== undefined) e.dstIp = args['dstIp'];
  if (args['srcPort'] !== undefined) e.srcPort = Number(args['srcPort']);
  if (args['dstPort'] !== undefined) e.dstPort = Number(args['dstPort']);
  if (args['nexthdr'] !== undefined) e.ipProto = Number(args['nexthdr']);
  if (args['verdict'] !== undefined) e.ctVerdict = args['verdict'];
  if (args['endpoint'] !== undefined) e.destEndpoint = Number(args['endpoint']);
  if (args['proxyPort'] !== undefined) e.proxyPort = Number(args['proxyPort']);
  if (args['ifname'] !== undefined && args['ifname'] !== '') setInterface(e, args['ifname']);
  const identity = args['identity'];
  if (dbg.identityRole === 'mapped') {
    e.mappedIp = args['ip'] ?? null;
    e.mappedIdentity = int(identity);
  } else if (identity !== undefined) {
    if (dbg.identityRole === 'destination') setIdentities(e, undefined, identity);
    else setIdentities(e, identity, args['dstIdentity']);
  }
}

function applyCaptureSubtype(e: MonitorEvent, subtype: string): void {
  e.subtype = subtype;
  for (const c of CAPTURE_SUBTYPES) {
    const m = c.pattern.exec(subtype);
    if (!m) continue;
    if (c.argument === 'ifindex') e.ifindex = Number(m[1]);
    else e.proxyPort = Number(m[1]);
    return;
  }
}

function parseMarkLine(cpu: number, rest: string): MonitorEvent | null {
  const g = MARK_HEAD.exec(rest)?.groups;
  if (!g) return null;
  const what = g['what']!;
  const body = g['body']!;
  let e: MonitorEvent;
  if (what === 'DROP') {
    const d = DROP_BODY.exec(body)?.groups;
    if (!d) return null;
    e = newEvent('drop', 'verbose');
    e.length = int(d['len']);
    setDropReason(e, d['reason']!);
    if (d['if'] !== undefined) setInterface(e, d['if']);
    setIdentities(e, d['src'], d['dst']);
    e.destEndpoint = int(d['ep']);
  } else if (what === 'DEBUG') {
    const c = CAPTURE_BODY.exec(body)?.groups;
    e = newEvent(c ? 'capture' : 'debug', c ? 'verbose' : 'text');
    if (c) {
      e.length = int(c['len']);
      applyCaptureSubtype(e, c['subtype']!);
    } else {
      applyDebugMessage(e, body);
    }
  } else {
    const t = TRACE_BODY.exec(body)?.groups;
    if (!t) return null;
    e = newEvent('trace', 'verbose');
    e.obsPoint = what;
    e.length = int(t['len']);
    e.capturedLength = int(t['cap']);
    e.traceState = t['state']!;
    if (t['if'] !== undefined) setInterface(e, t['if']);
    setIdentities(e, t['src'], t['dst']);
    e.origIp = t['orig'] ?? null;
    if (t['pp'] !== undefined) e.proxyPort = Number(t['pp']);
    else if (t['ep'] !== undefined) {
      if (what === 'to-proxy') e.proxyPort = Number(t['ep']);
      else e.destEndpoint = Number(t['ep']);
    }
  }
  e.cpu = cpu;
  e.mark = g['mark']!;
  e.traceId = g['tid'] ?? null;
  e.sourceEndpoint = Number(g['from']);
  return e;
}

/** Every line that starts with `CPU NN: `. */
export function parseCpuLine(text: string): MonitorEvent | null {
  const head = CPU_HEAD.exec(text)?.groups;
  if (!head) return null;
  const cpu = Number(head['cpu']);
  const rest = head['rest']!;
  if (rest.startsWith('MARK ')) return parseMarkLine(cpu, rest);
  let e: MonitorEvent;
  const lost = LOST.exec(rest);
  const sock = lost ? undefined : TRACE_SOCK.exec(rest)?.groups;
  const unknown = lost || sock ? null : UNKNOWN_EVENT.exec(rest);
  if (lost) {
    e = newEvent('lost', 'text');
    e.lostCount = Number(lost[1]);
  } else if (sock) {
    e = newEvent('trace-sock', 'text');
    e.subtype = sock['xlate']!;
    e.dstIp = sock['ip']!;
    e.dstPort = Number(sock['port']);
    e.protocol = sock['l4']!;
    e.details = { cgroupId: sock['cg'], sockCookie: sock['cookie'] };
  } else if (unknown) {
    e = newEvent('unknown-event', 'text');
    e.message = unknown[1]!;
  } else {
    return null;
  }
  e.cpu = cpu;
  return e;
}

// ---- policy verdict (§6) ----------------------------------------------------------------------

const VERDICT =
  /^Policy verdict log: flow (?<mark>0x[0-9a-f]+) local EP ID (?<ep>\d+), remote ID (?<rid>[^\s,]+), (?:dst port (?<dport>\d+), )?proto (?<proto>\d+), (?:(?<dir>ingress|egress)|ingress (?<ingress>true|false)), action (?<action>[\w-]+), (?:auth: (?<auth>[\w-]+), )?match (?<match>[\w-]+), (?<summary>.*)$/;

export function parsePolicyVerdict(text: string): MonitorEvent | null {
  const g = VERDICT.exec(text)?.groups;
  if (!g) return null;
  const e = newEvent('policy-verdict', 'text');
  e.mark = g['mark']!;
  const ingress = g['dir'] === 'ingress' || g['ingress'] === 'true';
  e.direction = ingress ? 'ingress' : 'egress';
  const local = Number(g['ep']);
  // Ingress: the remote identity sent the packet to the local endpoint; egress: the reverse.
  if (ingress) {
    e.destEndpoint = local;
    setIdentities(e, g['rid'], undefined);
  } else {
    e.sourceEndpoint = local;
    setIdentities(e, undefined, g['rid']);
  }
  e.ipProto = Number(g['proto']);
  e.action = g['action']!;
  e.auth = g['auth'] ?? null;
  e.match = g['match']!;
  applySummary(e, g['summary']!);
  if (g['dport'] !== undefined && e.dstPort === null) e.dstPort = Number(g['dport']);
  return e;
}

// ---- L7 (§11) and agent notifications (§12) ---------------------------------------------------

const L7 =
  /^(?<dir><-|->|\?\?) (?<type>Request|Response) (?<proto>\S+) (?:from|to) (?<ep1>\d+) \(\[(?<labels1>.*?)\]\) (?:to|from) (?<ep2>\d+) \(\[(?<labels2>.*?)\]\), identity (?<src>\d+)->(?<dst>\d+), verdict (?<verdict>\w+)(?<detail>.*)$/;
const HTTP_DETAIL = /^ (?<method>\S+) (?<url>\S*) => (?<code>\d+)$/;
// Before ≈ 1.6 no query types: ` DNS Query: example.com.` / ` DNS Query: example.com. TTL: 30 Answer: '…'`.
const DNS_DETAIL = /^ DNS (?<source>\S+): (?<query>\S+)(?: (?!TTL: )(?<qtypes>\S*))?(?: TTL: (?<ttl>\d+) Answer: '(?<ips>[^']*)'(?: CNAMEs: (?<cnames>.*))?)?$/;
const KAFKA_DETAIL = /^ (?<apiKey>\S+) topic (?<topic>\S*) => (?<error>-?\d+)$/;

export function parseL7(text: string): MonitorEvent | null {
  const g = L7.exec(text)?.groups;
  if (!g) return null;
  const e = newEvent('l7', 'text');
  const request = g['type'] === 'Request';
  e.l7Type = g['type']!;
  e.l7Protocol = g['proto']!;
  e.subtype = g['dir'] === '<-' ? 'ingress' : g['dir'] === '->' ? 'egress' : null;
  // A response prints `to ‹dst› … from ‹src›`; the identities are the record's source → destination.
  e.sourceEndpoint = Number(request ? g['ep1'] : g['ep2']);
  e.destEndpoint = Number(request ? g['ep2'] : g['ep1']);
  setIdentities(e, g['src'], g['dst']);
  e.verdict = g['verdict']!;
  const detail = g['detail']!;
  e.message = detail.trim() || null;
  const labels = (s: string): string[] => (s === '' ? [] : s.split(' '));
  const srcLabels = labels((request ? g['labels1'] : g['labels2'])!);
  const dstLabels = labels((request ? g['labels2'] : g['labels1'])!);
  const parsed =
    (e.l7Protocol === 'http' && HTTP_DETAIL.exec(detail)?.groups) ||
    (e.l7Protocol === 'dns' && DNS_DETAIL.exec(detail)?.groups) ||
    (e.l7Protocol === 'kafka' && KAFKA_DETAIL.exec(detail)?.groups) ||
    null;
  e.details = { srcLabels, dstLabels, ...(parsed ? { [e.l7Protocol]: { ...parsed } } : {}) };
  return e;
}

const AGENT = /^>> (?<subtype>.+?): (?<payload>.*)$/;

export function parseAgentNotification(text: string): MonitorEvent | null {
  const g = AGENT.exec(text)?.groups;
  if (!g) return null;
  const e = newEvent('agent', 'text');
  e.subtype = g['subtype']!;
  e.message = g['payload']!;
  try {
    const payload: unknown = JSON.parse(g['payload']!);
    e.details = payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : { value: payload };
  } catch {
    // Free-text payload (subtype `Message`, old releases): kept as the message.
  }
  const id = e.details?.['id'];
  if (typeof id === 'number' && /endpoint/i.test(e.subtype)) e.sourceEndpoint = id;
  return e;
}

// ---- capture summary (§8.1), recorder (§10), stream diagnostics (§2.4) -----------------------

export function parseCaptureSummary(text: string): MonitorEvent | null {
  const g = CAPTURE_SUMMARY.exec(text)?.groups;
  if (!g) return null;
  const e = newEvent('capture', 'summary');
  if (g['pp'] !== undefined) e.proxyPort = Number(g['pp']);
  const ifToken = g['if'] ?? g['lb'];
  if (ifToken !== undefined) setInterface(e, ifToken);
  e.subtype = g['lb'] !== undefined ? 'from-lb' : g['xlat'] ?? (g['pp'] !== undefined ? 'proxy-post' : 'delivery');
  if (g['arg'] !== undefined) e.details = { arg: Number(g['arg']) };
  applySummary(e, g['summary']!);
  return e;
}

const RECORDER = /^Recorder capture: dir:(?<dir>\w+) rule:(?<rule>\d+) ts:(?<ts>\d+) caplen:(?<cap>\d+) len:(?<len>\d+)$/;

export function parseRecorder(text: string): MonitorEvent | null {
  const g = RECORDER.exec(text)?.groups;
  if (!g) return null;
  const e = newEvent('recorder', 'text');
  e.direction = g['dir'] === 'ingress' ? 'ingress' : 'egress';
  e.capturedLength = Number(g['cap']);
  e.length = Number(g['len']);
  e.details = { rule: Number(g['rule']), ts: g['ts'] };
  return e;
}

export function parseDiagnostic(text: string): MonitorEvent | null {
  for (const d of MONITOR_DIAGNOSTICS) {
    const g = d.pattern.exec(text)?.groups;
    if (!g) continue;
    const e = newEvent(d.type, 'text');
    e.subtype = g['subtype'] ?? null;
    e.message = g['message'] ?? text;
    e.cpu = int(g['cpu']);
    e.lostCount = int(g['lost']);
    e.sourceEndpoint = int(g['ep']);
    return e;
  }
  return null;
}
