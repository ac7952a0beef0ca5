/**
 * Packets as tcpdump prints them (text, not pcap). Every field is what the text shows; a field is
 * absent when the options of that capture do not print it (no `-e` → no MACs, no `-v` → no TTL).
 */

/** `-t…` family: time of day (default), `-tttt` date + time, `-tt` epoch, `-ttt`/`-ttttt` deltas. */
export type TimestampKind = 'time-of-day' | 'date-time' | 'epoch' | 'delta';

export interface PacketTimestamp {
  /** As printed, without the sign column of a delta (`-` kept when negative). */
  printed: string;
  kind: TimestampKind;
  /**
   * Seconds: since midnight for time-of-day, since the epoch (read as UTC) for date-time and
   * epoch stamps, the signed delta for deltas.
   */
  seconds: number;
  /** Deltas: to the previous packet (`-ttt`) or to the first (`-ttttt`), when the command says. */
  reference?: 'previous' | 'first';
}

/** `-i any` packet type column: In, Out, B(roadcast), M(ulticast), P (to another host). */
export type CaptureDirection = 'In' | 'Out' | 'B' | 'M' | 'P';

export interface VlanTag {
  id: number;
  priority: number;
  /** Ethertype after the tag, e.g. `0x0800`, when printed (not with -q, nor on cooked captures). */
  ethertype: string | null;
  /** Drop eligible indicator set. */
  dei?: boolean;
}

/** Link layer: Ethernet `-e` prefix, or Linux cooked (SLL/SLL2) columns of `-i any`. */
export interface LinkLayer {
  /** SLL2 interface name column (`-i any`). */
  interface?: string;
  direction?: CaptureDirection;
  /** SLL2 `ifindex N` (`-i any -e`). */
  ifindex?: number;
  /** Source MAC (Ethernet) or the SLL address. */
  src?: string;
  /** Destination MAC (Ethernet only). */
  dst?: string;
  /** `0x0800`: the type of what follows the link header (and its VLAN tags), when printed. */
  ethertype?: string;
  /** The link header's own type when VLAN tags follow it (`0x8100`). */
  outerEthertype?: string;
  /** `IPv4`, `ARP`, `802.1Q`… */
  ethertypeName?: string;
  vlans?: VlanTag[];
  /** `length N:` after the ethertype (frame length; for SLL2 including its 20-byte header). */
  length?: number;
}

/** `(tos 0x0, ttl 64, id 36949, offset 0, flags [DF], proto ICMP (1), length 84)` (-v). */
export interface Ipv4Header {
  tos: string;
  ttl: number;
  id: number;
  offset: number;
  /** Text inside `flags [...]`: `DF`, `none`, `+`, `DF+`. */
  flags: string;
  proto: number;
  protoName: string;
  length: number;
  /** `bad cksum 67ea (->8c0c)!` present → false. */
  headerCksumOk?: boolean;
}

/** `(flowlabel 0x0e64d, hlim 64, next-header TCP (6) payload length: 40)` (-v), both printings. */
export interface Ipv6Header {
  /** Absent when tcpdump omits it (flow label 0). */
  flowlabel?: string;
  hlim: number;
  nextHeader: number;
  nextHeaderName: string;
  payloadLength: number;
}

/** Checksum verdict printed by -v/-vv. `incorrect` on the sending host is offload, not corruption. */
export interface Checksum {
  state: 'correct' | 'incorrect' | 'none';
  /** Value carried in the packet, when printed. */
  value?: string;
  /** What it should be (`incorrect -> 0x…`, `[bad udp cksum 0x… -> 0x…!]`). */
  expected?: string;
}

export interface TcpOption {
  /** `mss`, `sackOK`, `TS`, `nop`, `wscale`, `sack`, `eol`, `unknown-N`, `exp-tfo`, `mptcp`… */
  kind: string;
  value?: number;
  val?: number;
  ecr?: number;
  /** Whatever follows the kind for options without a fixed shape (`sack 1 {10:20}`, mptcp). */
  text?: string;
}

export interface HttpSummary {
  /** `GET / HTTP/1.1`, `HTTP/1.0 200 OK`; absent for continuation data printed just `HTTP`. */
  firstLine?: string;
  /** Header lines printed with -v (attached from continuation lines by the session). */
  headers?: [string, string][];
}

export interface TcpSegment {
  /** Inside `Flags [...]`: `S`, `S.`, `.`, `P.`, `F.`, `R.`, `SEW`… */
  flags: string;
  /** As printed (relative unless -S or the first packet of a conversation). */
  seq?: number;
  seqEnd?: number;
  ack?: number;
  /** Absolute numbers, recovered by replaying tcpdump's relative-numbering rule. */
  seqAbsolute?: number;
  ackAbsolute?: number;
  win?: number;
  urg?: number;
  options?: TcpOption[];
  /** Text inside `options [...]`. */
  optionsText?: string;
  mss?: number;
  wscale?: number;
  sackOk?: boolean;
  tsVal?: number;
  tsEcr?: number;
  /** Final `length N`: payload bytes. */
  length?: number;
  cksum?: Checksum;
  /** Text after `length N:` (`HTTP: GET / HTTP/1.1`, `HTTP`, DNS over TCP, `[RST+ …]`). */
  payload?: string;
  http?: HttpSummary;
}

export interface DnsRecordSummary {
  name?: string;
  /** -vvv: the TTL as printed (`30s`, `1h2m`). */
  ttl?: string;
  type: string;
  data: string;
}

/** tcpdump's one-line DNS summary: `56522+ A? name. (54)`, `56522* 1/0/0 A 10.96.0.1 (70)`. */
export interface DnsSummary {
  id: number;
  qr: 'query' | 'response';
  /** Flag characters as printed after the id / rcode (`+`, `*-`, `|`). */
  flags: string;
  rd?: boolean;
  aa?: boolean;
  ra?: boolean;
  tc?: boolean;
  /** Printed rcode (`NXDomain`); `NoError` when a response prints none. */
  rcode?: string;
  qtype?: string;
  qname?: string;
  answerCount?: number;
  authorityCount?: number;
  additionalCount?: number;
  answers: DnsRecordSummary[];
  length?: number;
}

export interface UdpDatagram {
  /** `UDP, length N` (payload bytes). */
  length?: number;
  cksum?: Checksum;
  /** Application summary tcpdump printed (`BOOTP/DHCP, Request…`, `NTPv4…`), when not decoded here. */
  payload?: string;
}

/** Quoted datagram of an ICMP error (`ICMP 10.0.0.2 udp port 9999 unreachable`, -v quoted lines). */
export interface QuotedDatagram {
  /** `UDP`, `TCP`, or the protocol number as printed. */
  proto?: string;
  src?: string;
  dst?: string;
  /** Host names printed instead of the addresses (no -n). */
  srcName?: string;
  dstName?: string;
  sport?: number;
  dport?: number;
  ipv4?: Ipv4Header;
}

export interface IcmpMessage {
  /** `echo request`, `echo reply`, `port unreachable`, `need to frag`, `time exceeded`… */
  kind: string;
  /** Type and code the printed wording stands for (src/knowledge/tcpdump-icmp.ts). */
  type?: number;
  code?: number;
  id?: number;
  seq?: number;
  length?: number;
  /** `need to frag (mtu 1450)`, ICMPv6 `packet too big, mtu 1280`. */
  mtu?: number;
  quoted?: QuotedDatagram;
  /** ICMPv6 neighbour discovery target (`who has T`, `tgt is T`). */
  target?: string;
  /** ICMPv6 NA `Flags [solicited, override]`. */
  naFlags?: string[];
  /** ND options printed on continuation lines with -v. */
  ndOptions?: { name: string; lladdr?: string }[];
  cksum?: Checksum;
  /** The message text after `ICMP`/`ICMP6,`. */
  text: string;
}

export interface ArpMessage {
  /** `request`, `reply`, or the printed operation word lower-cased. */
  op: string;
  /** Sender protocol address (`tell X`, `Reply X is-at`); a host name goes to the layer's srcName. */
  spa?: string;
  /** Target protocol address (`who-has X`); a host name goes to the layer's dstName. */
  tpa?: string;
  /** Sender hardware address (`is-at M`). */
  sha?: string;
  /** Target hardware address when printed (`who-has X (M)`). */
  tha?: string;
  length?: number;
}

/** VXLAN (also printed as OTV by tcpdump ≤ 4.99.5 on UDP 8472) or Geneve outer header. */
export interface Encapsulation {
  type: 'vxlan' | 'geneve' | 'vxlan-gpe';
  /** The protocol name tcpdump printed: `VXLAN`, `OTV`, `Geneve`, `VXLAN-GPE`. */
  printedAs: string;
  /** Decimal VNI (Geneve prints hex; `vniHex` keeps it); none where 5.x prints a VXLAN header without its I flag. */
  vni?: number;
  vniHex?: string;
  /** `(0x08)` for VXLAN/OTV, `[none]`/`[C]` for Geneve. */
  flags?: string;
  /** Geneve `proto TEB (0x6558)`. */
  protocol?: string;
  /** Geneve `options [...]` text. */
  options?: string;
  /** The encapsulated frame. */
  inner?: PacketLayers;
}

/** One protocol stack as printed: outer packet, or the inner frame of an encapsulation. */
export interface PacketLayers {
  link?: LinkLayer;
  /** `IPv4`, `IPv6`, `ARP`, or the ethertype name of other frames. */
  l3?: string;
  /** Addresses, when printed as such. */
  src?: string;
  dst?: string;
  /**
   * Host names printed instead of the addresses without -n (reverse DNS, /etc/hosts; -N cuts the
   * domain): the address behind a name is not in the text.
   */
  srcName?: string;
  dstName?: string;
  sport?: number;
  dport?: number;
  /** Port names as printed without -n (`http`, `domain`); the numbers when the name is a known service. */
  sportName?: string;
  dportName?: string;
  ipv4?: Ipv4Header;
  ipv6?: Ipv6Header;
  /** `TCP`, `UDP`, `ICMP`, `ICMPv6`, `ESP`, or the IP protocol name. */
  l4?: string;
  tcp?: TcpSegment;
  udp?: UdpDatagram;
  icmp?: IcmpMessage;
  arp?: ArpMessage;
  dns?: DnsSummary;
  encap?: Encapsulation;
  /** A non-first IPv4 fragment: no transport header, its protocol as printed (number, or name without -n, with its number when known). */
  fragment?: { proto?: number; protoName?: string };
  /** Printed text not decoded into fields (unknown protocols). */
  info?: string;
}

/** Where a packet was captured: node, interface, network namespace (pod), and how we know. */
export interface CaptureContext {
  node: string | null;
  iface: string | null;
  /** `host`, `pod/<name>`, `container/<id>`, `netns/<name>`, `pid/<n>`; null when unknown. */
  netns: string | null;
  /** Where the context came from: the pasted command, tcpdump's `listening on` line, an option. */
  origin: 'command' | 'listening' | 'option' | null;
}

export interface TcpdumpPacket extends PacketLayers {
  kind: 'tcpdump-packet';
  /** `-#` / `--number`: the packet's number, printed before its stamp. */
  number?: number;
  /** Null with `-t`. */
  ts: PacketTimestamp | null;
  /** Physical line and segment where the packet starts (its evidence), and its lines joined. */
  line: number;
  segment: number;
  text: string;
  /** Set when the packet was cut short (a `-v` header line without its second line…). */
  note?: string;
}

export type TcpdumpStatusKind =
  | 'listening'
  | 'verbose-suppressed'
  | 'packets-captured'
  | 'packets-received'
  | 'packets-dropped'
  | 'interrupted'
  /** Any other `tcpdump: …` message (`data link type LINUX_SLL2`, warnings). */
  | 'message';

/** tcpdump's own lines: `listening on eth0, link-type …`, `2 packets captured`, the -v hint. */
export interface TcpdumpStatus {
  kind: 'tcpdump-status';
  status: TcpdumpStatusKind;
  iface?: string;
  linkType?: string;
  count?: number;
}

export type TcpdumpDetailKind = 'http-header' | 'hex' | 'ascii' | 'nd-option' | 'other';

/** A continuation line attached to the packet that starts at `packetLine`/`packetSegment`. */
export interface TcpdumpDetail {
  kind: 'tcpdump-detail';
  detail: TcpdumpDetailKind;
  packetLine: number;
  packetSegment: number;
  /** HTTP header name / value, ND option name, … */
  name?: string;
  value?: string;
  /** `-x`/`-X` line: offset of its first byte and the bytes as hex (`4500005c`). */
  offset?: number;
  bytes?: string;
  /** `-X` line's ASCII column; `-A` line's text. */
  ascii?: string;
}

export type TcpdumpRecord = TcpdumpPacket | TcpdumpStatus | TcpdumpDetail;
