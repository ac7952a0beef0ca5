/** Records of `cilium monitor` / `cilium-dbg monitor` output (spec: monitor.md). */

/** Kinds of monitor events (§1.3), plus the stream-level lines that report lost or undecodable events. */
export type MonitorEventType =
  | 'drop'
  | 'trace'
  | 'policy-verdict'
  | 'debug'
  | 'capture'
  | 'trace-sock'
  | 'recorder'
  | 'l7'
  | 'agent'
  | 'lost'
  | 'unknown-event'
  | 'error';

/** How the event was printed: INFO/DEBUG summary line, VERBOSE header, `-j` JSON, or its only text form. */
export type MonitorForm = 'summary' | 'verbose' | 'json' | 'text';

/** Where a line is: the logical line that another record refers to. */
export interface LineRef {
  line: number;
  segment: number;
}

/** The packet fields read from a `-vv` dissection block (or its JSON / hex-dump equivalent). */
export interface Dissection {
  /** Layer names in printed order, e.g. `Ethernet IPv4 ICMPv4`. */
  layers: string[];
  srcMac: string | null;
  dstMac: string | null;
  etherType: string | null;
  ipVersion: 4 | 6 | null;
  srcIp: string | null;
  dstIp: string | null;
  /** IPv4 TTL or IPv6 hop limit. */
  ttl: number | null;
  ipId: number | null;
  ipFlags: string | null;
  /** IP total length (IPv4) / payload length (IPv6). */
  ipLength: number | null;
  /** L4 protocol name as printed by the IP layer (`TCP`, `UDP`, `ICMPv4`…). */
  protocol: string | null;
  srcPort: number | null;
  dstPort: number | null;
  /** Set TCP flags in the summary's order (SYN ACK RST FIN), then PSH URG ECE CWR NS, joined by `,`. */
  tcpFlags: string | null;
  tcpSeq: number | null;
  tcpAck: number | null;
  tcpWindow: number | null;
  /** ICMP TypeCode string (`EchoRequest`, `DestinationUnreachable(Port)`). */
  icmpType: string | null;
  icmpId: number | null;
  icmpSeq: number | null;
  udpLength: number | null;
  /** Outer packet of an overlay (VXLAN / Geneve) capture; the fields above are the inner packet. */
  tunnel: { protocol: 'vxlan' | 'geneve'; srcIp: string | null; dstIp: string | null; vni: number | null } | null;
  truncated: boolean;
  /** `Failed to decode layer: …` text, when printed. */
  decodeError: string | null;
}

/**
 * How a field of a MonitorEvent is stored: its `monitor_events` column and that column's SQL type,
 * and the value a new event starts with (none for the fields every event is made with).
 */
export interface MonitorEventFieldSpec<T, C extends string = string> {
  column: C;
  sqlType: 'TEXT' | 'TEXT NOT NULL' | 'INTEGER' | 'INTEGER NOT NULL';
  initial?: T;
  /** The field's TypeScript type; only the type-checker reads it. */
  readonly valueType?: T;
}

const given = <T extends string, C extends string>(column: C): MonitorEventFieldSpec<T, C> => ({ column, sqlType: 'TEXT NOT NULL' });
const text = <C extends string, T extends string = string>(column: C): MonitorEventFieldSpec<T | null, C> => ({ column, sqlType: 'TEXT', initial: null });
const int = <C extends string>(column: C): MonitorEventFieldSpec<number | null, C> => ({ column, sqlType: 'INTEGER', initial: null });
const counter = <C extends string>(column: C): MonitorEventFieldSpec<number, C> => ({ column, sqlType: 'INTEGER NOT NULL', initial: 0 });
const flag = <C extends string>(column: C): MonitorEventFieldSpec<boolean, C> => ({ column, sqlType: 'INTEGER NOT NULL', initial: false });
/** Stored as JSON text. */
const json = <C extends string, T>(column: C): MonitorEventFieldSpec<T | null, C> => ({ column, sqlType: 'TEXT', initial: null });

/**
 * The scalar fields of a monitor event, in column order: the one table the MonitorEvent type, a new
 * event's values (`initial`) and the `monitor_events` columns are generated from. Fields a line
 * shape does not carry stay null.
 */
export const MONITOR_EVENT_FIELDS = {
  /** Capture session within the source: 0 before the first banner, +1 per `Listening for events` banner. */
  captureSession: counter('capture_session'),
  type: given<MonitorEventType, 'type'>('type'),
  form: given<MonitorForm, 'form'>('form'),
  cpu: int('cpu'),
  /** skb hash: `flow 0x…` / `MARK 0x…` / JSON `mark`. */
  mark: text('mark'),
  /** Emitting / source endpoint (`FROM N`, `<- endpoint N`, JSON `source`, verdict local EP on egress). */
  sourceEndpoint: int('source_ep'),
  /** Destination endpoint (`to endpoint N`, `-> endpoint N`, verdict local EP on ingress, local delivery target). */
  destEndpoint: int('dest_ep'),
  /** Observation point name (`to-endpoint`), for traces. */
  obsPoint: text('obs_point'),
  /** Trace reason (`new`, `reply`…), for traces. */
  traceState: text('trace_state'),
  encrypted: flag('encrypted'),
  /** Identities as printed (`22099`, `world`) and as numbers (reserved names resolved). */
  srcIdentity: text('src_identity'),
  srcIdentityNum: int('src_identity_num'),
  dstIdentity: text('dst_identity'),
  dstIdentityNum: int('dst_identity_num'),
  /** Interface name as printed (may be a decimal ifindex). */
  ifname: text('ifname'),
  ifindex: int('ifindex'),
  origIp: text('orig_ip'),
  proxyPort: int('proxy_port'),
  /** Original packet length (`N bytes`). */
  length: int('length'),
  capturedLength: int('captured_length'),
  traceId: text('trace_id'),
  /** Connection summary as printed (§3.7). */
  summary: text('summary'),
  /** 5-tuple from the summary, the debug message or the dissection. */
  srcIp: text('src_ip'),
  srcPort: int('src_port'),
  dstIp: text('dst_ip'),
  dstPort: int('dst_port'),
  /** Lower-case protocol: tcp, udp, sctp, icmp, arp… */
  protocol: text('protocol'),
  /** TCP flags of the summary (`SYN,ACK`). */
  tcpFlags: text('tcp_flags'),
  icmpType: text('icmp_type'),
  dropCode: int('drop_code'),
  /** The reason as printed (without the extended error). */
  dropReason: text('drop_reason'),
  extError: int('ext_error'),
  bpfFile: text('bpf_file'),
  bpfLine: int('bpf_line'),
  /** Policy verdict: direction / action / match / auth / IP protocol number. */
  direction: text<'direction', 'ingress' | 'egress'>('direction'),
  action: text('policy_action'),
  match: text('policy_match'),
  auth: text('policy_auth'),
  ipProto: int('ip_proto'),
  /** Debug message code (first `DBG_*` code printing the text) and name. */
  debugCode: int('debug_code'),
  debugName: text('debug_name'),
  /** `CT verdict: ‹state›`. */
  ctVerdict: text('ct_verdict'),
  /** `Successfully mapped addr=‹ip› to identity=‹n›`: an ipcache mapping the datapath used. */
  mappedIp: text('mapped_ip'),
  mappedIdentity: int('mapped_identity'),
  /** L7: Request/Response, protocol, verdict (`Forwarded`, `Denied`…). */
  l7Type: text('l7_type'),
  l7Protocol: text('l7_protocol'),
  verdict: text('verdict'),
  /** Agent notification subtype, debug-capture subtype text, trace-sock xlate point. */
  subtype: text('subtype'),
  /** Debug message / capture text / error text / L7 detail / agent payload. */
  message: text('message'),
  /** Structured extras (debug arguments, L7 labels, agent payload, JSON-only keys). */
  details: json<'details', Record<string, unknown>>('details'),
  lostCount: int('lost_count'),
} as const;

type MonitorEventFields = {
  -readonly [K in keyof typeof MONITOR_EVENT_FIELDS]: (typeof MONITOR_EVENT_FIELDS)[K] extends MonitorEventFieldSpec<infer T, string> ? T : never;
};

/** One monitor event: the fields of MONITOR_EVENT_FIELDS, and the dissection block it carries. */
export interface MonitorEvent extends MonitorEventFields {
  kind: 'monitor-event';
  dissection: Dissection | null;
  /** Dissection lines printed before this header (≈ 1.9–1.18 ordering) that belong to it. */
  adopts: LineRef[];
}

export type MonitorLineType =
  | 'banner'
  | 'separator'
  | 'layer'
  | 'trailer'
  | 'hexdump'
  | 'recorder-end'
  | 'interrupt';

/** A monitor line that is not an event: banners, separators and the lines of a dissection block. */
export interface MonitorLine {
  kind: 'monitor-line';
  type: MonitorLineType;
  /** Layer name of a dissection line. */
  layer: string | null;
  /** Layer fields (`SrcMAC` → `…`), banner numbers, hex bytes. */
  fields: Record<string, string> | null;
  /**
   * The event this line belongs to when that event was printed before it (header-first
   * ordering); with `dissection`, the event's dissection so far, to be stored with it.
   */
  eventAt: LineRef | null;
  dissection: Dissection | null;
}

export type MonitorRecord = MonitorEvent | MonitorLine;
