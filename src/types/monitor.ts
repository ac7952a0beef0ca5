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

/** One monitor event. Fields a line shape does not carry are null. */
export interface MonitorEvent {
  kind: 'monitor-event';
  type: MonitorEventType;
  form: MonitorForm;
  /** Capture session within the source: 0 before the first banner, +1 per `Listening for events` banner. */
  captureSession: number;
  cpu: number | null;
  /** skb hash: `flow 0x…` / `MARK 0x…` / JSON `mark`. */
  mark: string | null;
  /** Emitting / source endpoint (`FROM N`, `<- endpoint N`, JSON `source`, verdict local EP on egress). */
  sourceEndpoint: number | null;
  /** Destination endpoint (`to endpoint N`, `-> endpoint N`, verdict local EP on ingress, local delivery target). */
  destEndpoint: number | null;
  /** Observation point name (`to-endpoint`), for traces. */
  obsPoint: string | null;
  /** Trace reason (`new`, `reply`…), for traces. */
  traceState: string | null;
  encrypted: boolean;
  /** Identities as printed (`22099`, `world`) and as numbers (reserved names resolved). */
  srcIdentity: string | null;
  srcIdentityNum: number | null;
  dstIdentity: string | null;
  dstIdentityNum: number | null;
  /** Interface name as printed (may be a decimal ifindex). */
  ifname: string | null;
  ifindex: number | null;
  origIp: string | null;
  proxyPort: number | null;
  /** Original packet length (`N bytes`). */
  length: number | null;
  capturedLength: number | null;
  traceId: string | null;
  /** Connection summary as printed (§3.7). */
  summary: string | null;
  /** 5-tuple from the summary, the debug message or the dissection. */
  srcIp: string | null;
  srcPort: number | null;
  dstIp: string | null;
  dstPort: number | null;
  /** Lower-case protocol: tcp, udp, sctp, icmp, arp… */
  protocol: string | null;
  /** TCP flags of the summary (`SYN,ACK`). */
  tcpFlags: string | null;
  icmpType: string | null;
  dropCode: number | null;
  /** The reason as printed (without the extended error). */
  dropReason: string | null;
  extError: number | null;
  bpfFile: string | null;
  bpfLine: number | null;
  /** Policy verdict: direction / action / match / auth / IP protocol number. */
  direction: 'ingress' | 'egress' | null;
  action: string | null;
  match: string | null;
  auth: string | null;
  ipProto: number | null;
  /** Debug message code (first `DBG_*` code printing the text) and name. */
  debugCode: number | null;
  debugName: string | null;
  /** `CT verdict: ‹state›`. */
  ctVerdict: string | null;
  /** `Successfully mapped addr=‹ip› to identity=‹n›`: an ipcache mapping the datapath used. */
  mappedIp: string | null;
  mappedIdentity: number | null;
  /** L7: Request/Response, protocol, verdict (`Forwarded`, `Denied`…). */
  l7Type: string | null;
  l7Protocol: string | null;
  verdict: string | null;
  /** Agent notification subtype, debug-capture subtype text, trace-sock xlate point. */
  subtype: string | null;
  /** Debug message / capture text / error text / L7 detail / agent payload. */
  message: string | null;
  /** Structured extras (debug arguments, L7 labels, agent payload, JSON-only keys). */
  details: Record<string, unknown> | null;
  lostCount: number | null;
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
