/**
 * Records of `hubble observe` output (Hubble CLI 0.5 → newest): the compact default, `-o table`,
 * `-o dict`, `-o json` / `-o jsonpb` (one object per line or pretty-printed over several lines).
 * Fields a form does not print are null, never guessed: the text forms print pod names instead of
 * addresses, no labels, and `-o table` / `-o dict` no identities and no reply direction.
 */

/** How the flow was printed. `json` is a bare Flow object (`-o json` ≤ 0.10, `jq .flow`), `jsonpb` a GetFlowsResponse. */
export type HubbleForm = 'compact' | 'table' | 'dict' | 'json' | 'jsonpb';

/** Hubble's Verdict enum names. */
export type HubbleVerdict =
  | 'VERDICT_UNKNOWN'
  | 'FORWARDED'
  | 'DROPPED'
  | 'ERROR'
  | 'AUDIT'
  | 'REDIRECTED'
  | 'TRACED'
  | 'TRANSLATED';

/** The Cilium event a flow was decoded from (CiliumEventType.type). */
export type HubbleEventType = 'drop' | 'debug' | 'capture' | 'trace' | 'policy-verdict' | 'sock' | 'l7';

interface HubbleWorkload {
  name: string;
  kind: string;
}

/** One side of a flow. */
export interface HubbleEndpoint {
  ip: string | null;
  port: number | null;
  /** Numeric security identity (reserved names resolved: `(world)` → 2). */
  identity: number | null;
  /** Reserved identity name (`world`, `host`, `remote-node`…), when the identity is a reserved one. */
  identityName: string | null;
  labels: string[] | null;
  namespace: string | null;
  /**
   * The name Hubble prints for the side: the service name when a service is known, else the pod.
   * Text forms print `namespace/name` without saying which of the two it is.
   */
  name: string | null;
  pod: string | null;
  service: string | null;
  /** DNS names Hubble knows for the address (printed instead of the address when there is no pod). */
  dnsNames: string[] | null;
  workloads: HubbleWorkload[] | null;
  cluster: string | null;
  /** Local endpoint id. */
  endpointId: number | null;
  /** Ethernet address, printed instead of an IP for frames without an IP header. */
  mac: string | null;
}

/** A policy that allowed or denied a flow (`--print-policy-names`, JSON `*_allowed_by` / `*_denied_by`). */
export interface HubblePolicy {
  direction: 'ingress' | 'egress';
  action: 'allowed' | 'denied';
  name: string;
  namespace: string | null;
  kind: string | null;
}

export interface HubbleL7 {
  /** `request`, `response`, `sample`, or `unknown_l7_type` as Hubble names them. */
  type: string | null;
  /** `http`, `dns`, `kafka`, or `l7` for other parsers. */
  protocol: string;
  /** DNS observation source (`proxy`) printed after the type since Hubble 0.11. */
  dnsSource: string | null;
  latencyMs: number | null;
  httpMethod: string | null;
  httpUrl: string | null;
  httpCode: number | null;
  httpVersion: string | null;
  dnsQuery: string | null;
  dnsQtypes: string[] | null;
  dnsIps: string[] | null;
  dnsTtl: number | null;
  /** DNS response code (the summary prints its name, `RCode: Non-Existent Domain`). */
  dnsRcode: number | null;
}

/** One flow, whatever form it was printed in. */
export interface HubbleFlow {
  kind: 'hubble-flow';
  form: HubbleForm;
  /** First line of the record (a dict block or a pretty-printed object spans several lines). */
  line: number;
  segment: number;
  /** The record's text: the line, or the block's lines joined by newlines. */
  text: string;
  /** Timestamp as printed; null for `N/A`. */
  time: string | null;
  /** The timestamp in ISO 8601, when the printed form has a year and seconds. */
  isoTime: string | null;
  /** Seconds since midnight UTC (Hubble prints UTC), with the printed precision. */
  daySeconds: number | null;
  node: string | null;
  source: HubbleEndpoint;
  destination: HubbleEndpoint;
  verdict: HubbleVerdict | null;
  /** Policy-verdict events: `ALLOWED`, `DENIED` or `AUDITED`, as the text forms print them. */
  policyAction: 'ALLOWED' | 'DENIED' | 'AUDITED' | null;
  eventType: HubbleEventType | null;
  /** CiliumEventType.sub_type: observation point code of a trace, drop code of a drop. */
  eventSubType: number | null;
  /** Drop reason code and its text in the shared `cilium monitor` vocabulary. */
  dropCode: number | null;
  dropReason: string | null;
  /** Hubble's DropReason enum name (`POLICY_DENIED`), when printed. */
  dropReasonName: string | null;
  /** Trace observation point in the `cilium monitor` vocabulary (`to-endpoint`). */
  obsPoint: string | null;
  /** Conntrack state of a trace in the monitor vocabulary (`new`, `reply`…). */
  traceReason: string | null;
  isReply: boolean | null;
  trafficDirection: 'ingress' | 'egress' | null;
  /** Policy-verdict match type as Cilium prints it: `L3-Only`, `L3-L4`, `L4-Only`, `all`, `none`… */
  policyMatch: string | null;
  policies: HubblePolicy[] | null;
  /** Lower-case L4 protocol, as `cilium monitor` records name it: tcp, udp, sctp, icmp, icmpv6, vrrp, igmp. */
  protocol: string | null;
  ipVersion: 4 | 6 | null;
  /** Set TCP flags in Hubble's order (SYN ACK RST FIN PSH URG ECE CWR NS), joined by `,`. */
  tcpFlags: string | null;
  icmpType: number | null;
  icmpCode: number | null;
  /** ICMP TypeCode as printed (`EchoRequest`, `DestinationUnreachable(Port)`). */
  icmpName: string | null;
  encrypted: boolean | null;
  ifName: string | null;
  ifIndex: number | null;
  /** Debug capture point (`DBG_CAPTURE_DELIVERY`) or socket translation point (`pre-xlate-fwd`). */
  point: string | null;
  l7: HubbleL7 | null;
  /** Hubble's summary, without the `IP Trace ID:` prefix and the auth suffix the CLI adds. */
  summary: string | null;
  /** Mutual-authentication type (`SPIRE`), when not disabled. */
  auth: string | null;
  ipTraceId: number | null;
  proxyPort: number | null;
  uuid: string | null;
  /** Hubble's FlowType (`L3_L4`, `L7`, `SOCK`). */
  flowType: string | null;
  /** What could not be read, e.g. a dict block cut short. */
  note: string | null;
}

/** Lines that make up records without being one: table header, dict fields, JSON object lines. */
export type HubbleLineType = 'table-header' | 'dict-field' | 'dict-separator' | 'json-part';

export interface HubbleLine {
  kind: 'hubble-line';
  type: HubbleLineType;
  /** First line of the block this line belongs to (the line itself for a header). */
  blockLine: number;
  blockSegment: number;
}

/** Output `hubble observe` prints besides flows. */
export interface HubbleNotice {
  kind: 'hubble-notice';
  /** `server-status`: a line of `hubble status` (name: its label). */
  type: 'lost-events' | 'node-status' | 'agent-event' | 'debug-event' | 'server-status';
  form: HubbleForm;
  line: number;
  segment: number;
  text: string;
  time: string | null;
  node: string | null;
  /** Lost-event source (`HUBBLE_RING_BUFFER`), node state (`NODE_UNAVAILABLE`), agent/debug event type. */
  name: string | null;
  cpu: number | null;
  count: number | null;
  nodes: string[] | null;
  message: string | null;
}

export type HubbleRecord = HubbleFlow | HubbleLine | HubbleNotice;
