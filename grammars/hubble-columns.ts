/**
 * The TYPE, VERDICT and SUMMARY columns every text form of `hubble observe` prints, read into
 * flow fields. TYPE is what the printer's GetFlowType makes of the event:
 *
 *   to-endpoint / from-network …        trace: the observation point (a number when unknown)
 *   Policy denied / Stale or unroutable IP / 181 …   drop: the reason text (a number when unknown)
 *   policy-verdict:L3-L4 INGRESS        policy verdict, 0.11+ (0.10: no direction; older: `L3-L4`)
 *   http-request / dns-response proxy   L7 (`dns-*` adds the observation source since 0.11)
 *   DBG_CAPTURE_DELIVERY                debug capture
 *   pre-xlate-fwd                       socket-LB translation
 *
 * VERDICT is the Verdict enum name, or for policy verdicts (0.10+) ALLOWED / DENIED / AUDITED,
 * followed with `--print-policy-names` by ` BY name (Kind), …`. SUMMARY is Hubble's summary
 * (`TCP Flags: SYN, ACK`, `ICMPv4 EchoRequest`, `UDP`, L7 request lines), with `IP Trace ID: N; `
 * before it and `; Auth: SPIRE` (once `; SPIRE`) after it when set.
 */
import { readIcmpTypeCode } from '../src/knowledge/icmp-type-codes.js';
import {
  AUTH_TYPES,
  DEBUG_CAPTURE_POINTS,
  DNS_RCODES,
  HUBBLE_VERDICTS,
  POLICY_MATCH_TYPES,
  POLICY_VERDICT_WORDS,
  SOCK_XLATE_POINTS,
  hubbleDropReason,
  isObsPointName,
  obsPointByCode,
} from '../src/knowledge/hubble/index.js';
import { readDropReason } from '../src/knowledge/monitor/index.js';
import type { HubbleFlow, HubbleForm, HubbleL7, HubbleNotice, HubblePolicy, HubbleVerdict } from '../src/types/hubble.js';
import { emptyEndpoint } from './hubble-endpoint.js';

export function emptyFlow(form: HubbleForm, line: number, segment: number, text: string): HubbleFlow {
  return {
    kind: 'hubble-flow', form, line, segment, text, time: null, isoTime: null, daySeconds: null, node: null,
    source: emptyEndpoint(), destination: emptyEndpoint(), verdict: null, policyAction: null, eventType: null,
    eventSubType: null, dropCode: null, dropReason: null, dropReasonName: null, obsPoint: null, traceReason: null,
    isReply: null, trafficDirection: null, policyMatch: null, policies: null, protocol: null, ipVersion: null,
    tcpFlags: null, icmpType: null, icmpCode: null, icmpName: null, encrypted: null, ifName: null, ifIndex: null,
    point: null, l7: null, summary: null, auth: null, ipTraceId: null, proxyPort: null, uuid: null, flowType: null,
    note: null,
  };
}

/** Where a record was read: its first line and its text (the block's lines for a block). */
export interface RecordOrigin {
  line: number;
  segment: number;
  text: string;
}

export function emptyNotice(
  type: HubbleNotice['type'], form: HubbleForm, origin: RecordOrigin, time: string | null, node: string | null,
): HubbleNotice {
  return {
    kind: 'hubble-notice', type, form, line: origin.line, segment: origin.segment, text: origin.text, time,
    node: node || null, name: null, cpu: null, count: null, nodes: null, message: null,
  };
}

export function emptyL7(protocol: string, type: string | null): HubbleL7 {
  return {
    type, protocol, dnsSource: null, latencyMs: null, httpMethod: null, httpUrl: null, httpCode: null, httpVersion: null,
    dnsQuery: null, dnsQtypes: null, dnsIps: null, dnsTtl: null, dnsRcode: null,
  };
}

/** Longest first: `AUDITED` must not be read as `AUDIT`. */
const VERDICT_WORDS = [...HUBBLE_VERDICTS, ...Object.keys(POLICY_VERDICT_WORDS)].sort((a, b) => b.length - a.length);
/** ` BY name (Kind), name (Kind)` of `--print-policy-names`. */
const POLICY_NAMES = String.raw`(?: BY [^\s,()]+ \([A-Za-z]+\)(?:, [^\s,()]+ \([A-Za-z]+\))*)?`;
/** VERDICT at the start of a text, with its policy names. */
export const VERDICT_COLUMN = new RegExp(String.raw`^(${VERDICT_WORDS.join('|')})(${POLICY_NAMES})`);
/** The TYPE and VERDICT columns followed by ` (summary)` at the end of a compact line. */
export const TYPE_VERDICT_SUMMARY = new RegExp(String.raw`^(.*?) (${VERDICT_WORDS.join('|')})(${POLICY_NAMES}) \((.*)\)$`);
/** TYPE, VERDICT and SUMMARY of a table row whose column padding was squeezed to single spaces. */
export const TYPE_VERDICT_CELLS = new RegExp(String.raw`^(.*?) (${VERDICT_WORDS.join('|')})(${POLICY_NAMES})(?: (.*))?$`);

const POLICY_TYPE = /^policy-verdict:(\S+)(?: (INGRESS|EGRESS|TRAFFIC_DIRECTION_UNKNOWN))?$/;
const L7_TYPE = /^(http|dns|kafka|l7)-(request|response|sample|unknown_l7_type)(?: (.*))?$/;
const SOCK_POINTS = new Set([...Object.values(SOCK_XLATE_POINTS), 'SOCK_XLATE_POINT_UNKNOWN']);
const POLICY_NAME_ITEM = /([^\s,()]+) \(([A-Za-z]+)\)/g;

/** Sets the verdict fields from the printed VERDICT word and its ` BY …` policy names. */
export function applyVerdict(flow: HubbleFlow, word: string, policyNames: string): void {
  const meanings = POLICY_VERDICT_WORDS[word];
  if (!meanings) {
    flow.verdict = word as HubbleVerdict;
    return;
  }
  flow.policyAction = word as HubbleFlow['policyAction'];
  flow.eventType = 'policy-verdict';
  // DENIED prints DROPPED or ERROR; a policy verdict is never ERROR (ERROR only comes from L7).
  flow.verdict = word === 'DENIED' ? 'DROPPED' : meanings.length === 1 ? (meanings[0] as HubbleVerdict) : null;
  if (policyNames === '') return;
  const policies: HubblePolicy[] = [];
  for (const m of policyNames.matchAll(POLICY_NAME_ITEM)) {
    policies.push({
      direction: 'ingress', action: word === 'DENIED' ? 'denied' : 'allowed', name: m[1]!, namespace: null, kind: m[2]!,
    });
  }
  flow.policies = policies;
}

/** Sets the event fields from the TYPE column; the verdict must be applied first. */
export function applyType(flow: HubbleFlow, type: string): void {
  const policy = POLICY_TYPE.exec(type);
  if (policy) {
    flow.eventType = 'policy-verdict';
    flow.policyMatch = policy[1]!;
    const direction = policy[2];
    if (direction === 'INGRESS' || direction === 'EGRESS') flow.trafficDirection = direction === 'INGRESS' ? 'ingress' : 'egress';
    for (const p of flow.policies ?? []) p.direction = flow.trafficDirection ?? p.direction;
    return;
  }
  const l7 = L7_TYPE.exec(type);
  if (l7) {
    flow.eventType = 'l7';
    flow.l7 = emptyL7(l7[1]!, l7[2]!);
    flow.l7.dnsSource = l7[3] || null;
    return;
  }
  if (isObsPointName(type)) {
    flow.eventType = 'trace';
    flow.obsPoint = type;
    return;
  }
  if (DEBUG_CAPTURE_POINTS.includes(type)) {
    flow.eventType = 'capture';
    flow.point = type;
    return;
  }
  if (SOCK_POINTS.has(type)) {
    flow.eventType = 'sock';
    flow.point = type;
    return;
  }
  // ≤ 0.9 printed a policy verdict that allowed the flow as its bare match type.
  if (flow.verdict !== 'DROPPED' && (POLICY_MATCH_TYPES.includes(type) || type === 'unknown')) {
    flow.eventType = 'policy-verdict';
    flow.policyMatch = type;
    flow.policyAction = flow.verdict === 'AUDIT' ? 'AUDITED' : 'ALLOWED';
    return;
  }
  if (flow.verdict === 'DROPPED') {
    applyDropText(flow, type);
    return;
  }
  if (/^\d+$/.test(type)) {
    flow.eventType = 'trace';
    flow.eventSubType = Number(type);
    flow.obsPoint = obsPointByCode(flow.eventSubType);
    return;
  }
  if (type !== 'UNKNOWN') flow.note = `unknown TYPE column: ${type}`;
}

function applyDropText(flow: HubbleFlow, printed: string): void {
  const read = readDropReason(printed);
  flow.eventType = 'drop';
  flow.dropCode = read.code;
  flow.eventSubType = read.code;
  flow.dropReason = read.reason?.text ?? printed;
  flow.dropReasonName = read.code === null ? null : hubbleDropReason(read.code)?.name ?? null;
}

const TRACE_ID = /^IP Trace ID: (\d+); /;
const AUTH_SUFFIX = new RegExp(String.raw`; (?:Auth: )?(${AUTH_TYPES.join('|')}|\d+)$`);
const TCP_SUMMARY = /^TCP Flags: ?(.*)$/;
const ICMP_SUMMARY = /^(ICMPv4|ICMPv6) (\S+)$/;
const HTTP_REQUEST = /^(HTTP\/[\d.]+) (\S+) (\S+)$/;
const HTTP_RESPONSE = /^(HTTP\/[\d.]+) (\d+) (\d+)ms \((\S+) (\S+)\)$/;
const DNS_QUERY = /^DNS Query (\S+) ?(\S*)$/;
const DNS_ANSWER = /^DNS Answer (.*?) ?TTL: (\d+) \((?:Query|Proxy) (\S+) ?(\S*)\)$/;
const PLAIN_L4: Readonly<Record<string, string>> = { UDP: 'udp', SCTP: 'sctp', TCP: 'tcp' };

/** Sets the summary and what it tells: protocol, TCP flags, ICMP type, L7 request / response. */
export function applySummary(flow: HubbleFlow, printed: string): void {
  let summary = printed;
  const traceId = TRACE_ID.exec(summary);
  if (traceId) {
    flow.ipTraceId = Number(traceId[1]);
    summary = summary.slice(traceId[0].length);
  }
  const auth = AUTH_SUFFIX.exec(summary);
  if (auth) {
    flow.auth = auth[1]!;
    summary = summary.slice(0, auth.index);
  }
  flow.summary = summary;
  applySummaryMeaning(flow, summary);
}

/** What a summary Hubble generated says (shared by the text and JSON forms). */
export function applySummaryMeaning(flow: HubbleFlow, summary: string): void {
  if (flow.l7) {
    applyL7Summary(flow.l7, summary);
    return;
  }
  const tcp = TCP_SUMMARY.exec(summary);
  if (tcp) {
    flow.protocol = 'tcp';
    flow.tcpFlags = tcp[1] ? tcp[1].split(', ').join(',') : null;
    return;
  }
  const icmp = ICMP_SUMMARY.exec(summary);
  if (icmp) {
    const version = icmp[1] === 'ICMPv4' ? 4 : 6;
    flow.protocol = version === 4 ? 'icmp' : 'icmpv6';
    flow.ipVersion = version;
    flow.icmpName = icmp[2]!;
    const typeCode = readIcmpTypeCode(version, icmp[2]!);
    flow.icmpType = typeCode?.type ?? null;
    flow.icmpCode = typeCode?.code ?? null;
    return;
  }
  if (summary in PLAIN_L4) flow.protocol = PLAIN_L4[summary]!;
  else if (summary === 'IPv4' || summary === 'IPv6') flow.ipVersion = summary === 'IPv4' ? 4 : 6;
}

function applyL7Summary(l7: HubbleL7, summary: string): void {
  let m = HTTP_RESPONSE.exec(summary);
  if (m) {
    [l7.httpVersion, l7.httpMethod, l7.httpUrl] = [m[1]!, m[4]!, m[5]!];
    l7.httpCode = Number(m[2]);
    l7.latencyMs = Number(m[3]);
    return;
  }
  m = HTTP_REQUEST.exec(summary);
  if (m) {
    [l7.httpVersion, l7.httpMethod, l7.httpUrl] = [m[1]!, m[2]!, m[3]!];
    return;
  }
  m = DNS_QUERY.exec(summary);
  if (m) {
    l7.dnsQuery = m[1]!;
    l7.dnsQtypes = m[2] ? m[2].split(',') : null;
    return;
  }
  m = DNS_ANSWER.exec(summary);
  if (m) {
    const answer = m[1]!;
    l7.dnsTtl = Number(m[2]);
    l7.dnsQuery = m[3]!;
    l7.dnsQtypes = m[4] ? m[4].split(',') : null;
    if (answer.startsWith('RCode: ')) l7.dnsRcode = DNS_RCODES.get(answer.slice(7).trim()) ?? null;
    else {
      l7.dnsRcode = 0;
      const ips = /^"([^"]*)"/.exec(answer);
      l7.dnsIps = ips && ips[1] ? ips[1].split(',') : null;
    }
  }
}
