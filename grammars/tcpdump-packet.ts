/**
 * Reads one printed frame (link layer, IP, TCP/UDP/ICMP/ARP/DNS, VXLAN/OTV/Geneve) from a cursor
 * into PacketLayers. tcpdump spreads some packets over several lines (the -v IPv4 header, the
 * inner frame of VXLAN, the request line of -v HTTP, the quoted datagram of an ICMP error); a
 * reader that stops at such a point returns a `Need` that `resume` satisfies with the next line.
 *
 *   02:42:ac:12:00:02 > 02:42:ac:12:00:03, ethertype IPv4 (0x0800), length 98: (tos 0x0, ttl 64, …)
 *       172.18.0.2 > 172.18.0.3: ICMP echo request, id 11970, seq 1, length 64
 */
import type {
  ArpMessage,
  Checksum,
  Encapsulation,
  IcmpMessage,
  Ipv4Header,
  Ipv6Header,
  LinkLayer,
  PacketLayers,
  QuotedDatagram,
  TcpOption,
  TcpSegment,
} from '../src/types/tcpdump.js';
import { ethertypeNumber } from '../src/knowledge/ethertypes.js';
import { IP_PROTOCOL_NUMBERS } from '../src/knowledge/ip-protocols.js';
import { DNS_PORTS, SERVICE_PORTS } from '../src/knowledge/ports.js';
import {
  ICMP6_QUOTED_PORT,
  ICMP6_TYPES,
  ICMP6_UNREACH_WORDINGS,
  ICMP_ERROR_TYPES,
  ICMP_WORDINGS,
  type IcmpWording,
} from '../src/knowledge/tcpdump-icmp.js';
import { readDns } from './tcpdump-dns.js';
import { Colon, Comma, Cursor, Gt, Hex, Ip4, Ip6, LBracket, LParen, Mac, Num, splitTopLevel, Word, type TokenType } from './tcpdump-lexer.js';

export type Need =
  | { kind: 'ip-body'; layer: PacketLayers }
  | { kind: 'inner'; encap: Encapsulation }
  | { kind: 'http-first-line'; layer: PacketLayers }
  | { kind: 'quoted-header'; layer: PacketLayers }
  | { kind: 'quoted-body'; layer: PacketLayers };

/** A reader's outcome: done, waiting for a continuation line, or the line does not fit. */
export type ReadResult = Need | null | false;

const DIRECTIONS = new Set(['In', 'Out', 'B', 'M', 'P']);

// ---- link layer ------------------------------------------------------------------------------

/** `NAME (0xHHHH)`: the ethertype name may have spaces (`MPLS unicast`). */
function readEthertype(cur: Cursor, link: LinkLayer): void {
  const start = cur.offset();
  while (!cur.done && !(cur.is(LParen) && cur.is(Hex, 1))) cur.next();
  link.ethertypeName = cur.text.slice(start, cur.offset()).trim();
  cur.next();
  link.ethertype = cur.take(Hex) ?? undefined;
  cur.next();
}

function skipOui(cur: Cursor): void {
  if (cur.is(LParen) && cur.isWord('oui', 1)) cur.group();
}

/** `length N:` closing a link-layer prefix. */
function readFrameLength(cur: Cursor, link: LinkLayer): void {
  cur.take(Comma);
  if (cur.takeWord('length')) {
    link.length = cur.takeNum() ?? undefined;
    cur.take(Colon);
  }
}

/**
 * The ethertype after a VLAN tag: `ethertype IPv4 (0x0800), ` (Ethernet), `ethertype IPv4, `
 * (Linux cooked; Ethernet in 4.9.x), `IPv4, ` (-q). print-ether.c / print-sll.c. A name printed
 * alone stands for its number.
 */
function readTaggedType(cur: Cursor, link: LinkLayer): string | null {
  if (cur.takeWord('ethertype')) {
    const start = cur.offset();
    while (!cur.done && !cur.is(Comma) && !(cur.is(LParen) && cur.is(Hex, 1))) cur.next();
    link.ethertypeName = cur.text.slice(start, cur.offset()).trim();
    if (cur.is(LParen)) {
      cur.next();
      link.ethertype = cur.take(Hex) ?? undefined;
      cur.next();
    } else setNamedEthertype(link, link.ethertypeName);
    cur.take(Comma);
    return link.ethertype ?? null;
  }
  const name = cur.peek()?.image;
  if (name !== undefined && QUIET_ETHERTYPES.has(name) && cur.is(Comma, 1)) {
    cur.next();
    cur.next();
    link.ethertypeName = name;
    setNamedEthertype(link, name);
    return link.ethertype ?? null;
  }
  return null;
}

function setNamedEthertype(link: LinkLayer, name: string): void {
  const number = ethertypeNumber(name);
  if (number) link.ethertype = number;
  else delete link.ethertype;
}

/** Ethertype names tcpdump prints for the frames we read (print-ether.c ethertype_values). */
const QUIET_ETHERTYPES = new Set(['IPv4', 'IPv6', 'ARP', '802.1Q', '802.1Q-QinQ', '802.1Q-9100', '802.1Q-9200', 'Reverse ARP', 'LLDP']);

/** `vlan 200, p 0[, DEI], <ethertype>` — repeated for QinQ (print-ether.c ieee8021q_tci_string). */
function readVlans(cur: Cursor, link: LinkLayer): void {
  if (cur.isWord('vlan') && cur.is(Num, 1) && link.ethertype) link.outerEthertype = link.ethertype;
  while (cur.isWord('vlan') && cur.is(Num, 1)) {
    cur.next();
    const id = cur.takeNum()!;
    let priority = 0;
    let dei = false;
    cur.take(Comma);
    if (cur.takeWord('p')) priority = cur.takeNum() ?? 0;
    cur.take(Comma);
    if (cur.takeWord('DEI')) {
      dei = true;
      cur.take(Comma);
    }
    const ethertype = readTaggedType(cur, link);
    (link.vlans ??= []).push({ id, priority, ethertype, ...(dei ? { dei } : {}) });
  }
}

/** Without -n tcpdump prints the broadcast address by its name (addrtoname.c etherlist). */
const BROADCAST = 'ff:ff:ff:ff:ff:ff';

/**
 * `MAC > MAC, ethertype IPv4 (0x0800), length 98: ` (also `(oui Unknown)` after each MAC, and
 * `Broadcast` for ff:ff:ff:ff:ff:ff, without -n); -q prints the bare name: `MAC > MAC, IPv4, length 98: `.
 */
function readEthernet(cur: Cursor, layer: PacketLayers): void {
  const link: LinkLayer = (layer.link ??= {});
  link.src = cur.take(Mac)!;
  skipOui(cur);
  cur.take(Gt);
  link.dst = cur.take(Mac) ?? (cur.takeWord('Broadcast') ? BROADCAST : undefined);
  skipOui(cur);
  cur.take(Comma);
  if (cur.takeWord('ethertype')) readEthertype(cur, link);
  else if (cur.isWord('802.3')) {
    cur.next();
    link.ethertypeName = '802.3';
  } else readQuietEthertype(cur, link);
  readFrameLength(cur, link);
  readVlans(cur, link);
}

/** -q: the ethertype's name up to `, length` (`Unknown Ethertype (0x88b5)` for unnamed ones). */
function readQuietEthertype(cur: Cursor, link: LinkLayer): void {
  const start = cur.offset();
  while (!cur.done && !(cur.is(Comma) && cur.isWord('length', 1))) cur.next();
  const name = cur.text.slice(start, cur.offset()).trim();
  const unknown = /^Unknown Ethertype \((0x[0-9a-fA-F]{4})\)$/.exec(name);
  if (unknown) link.ethertype = unknown[1]!;
  else link.ethertypeName = name;
}

/**
 * Linux cooked capture columns: SLL2 `eth0  Out ` (+ `ifindex 2 MAC ethertype … length N: ` with
 * -e), SLL1 `Out MAC ethertype … length N: ` (-e).
 */
export function readCookedHeader(cur: Cursor, layer: PacketLayers): void {
  const first = cur.peek();
  if (!first) return;
  if (DIRECTIONS.has(first.image) && cur.is(Mac, 1)) {
    cur.next();
    layer.link = { direction: first.image as LinkLayer['direction'], src: cur.take(Mac)! };
  } else if (first.tokenType !== Mac && cur.peek(1) && DIRECTIONS.has(cur.peek(1)!.image) && first.image !== 'ARP') {
    const second = cur.peek(1)!;
    if (!/^[\w.@:?-]+$/.test(first.image) || (first.tokenType !== Word && first.tokenType !== Num)) return;
    cur.next();
    cur.next();
    layer.link = { interface: first.image, direction: second.image as LinkLayer['direction'] };
    if (!cur.takeWord('ifindex')) return;
    layer.link.ifindex = cur.takeNum() ?? undefined;
    layer.link.src = cur.take(Mac) ?? undefined;
  } else return;
  if (cur.takeWord('ethertype')) readEthertype(cur, layer.link);
  readFrameLength(cur, layer.link);
  readVlans(cur, layer.link);
}

/** A frame: optional Ethernet header, then the network layer. */
export function readFrame(cur: Cursor, layer: PacketLayers): ReadResult {
  if (cur.is(Mac) && (cur.is(Gt, 1) || (cur.is(LParen, 1) && cur.isWord('oui', 2)))) readEthernet(cur, layer);
  return readNetwork(cur, layer);
}

// ---- network layer ---------------------------------------------------------------------------

function readNetwork(cur: Cursor, layer: PacketLayers): ReadResult {
  const hint = layer.link?.ethertypeName;
  // A raw-IP capture with -e: `ip: ` (print-raw.c), then up to 4.99 the IPv4 or IPv6 printer without its `IP`.
  const raw = cur.isWord('ip') && cur.is(Colon, 1);
  if (raw) {
    cur.next();
    cur.next();
  }
  if (cur.takeWord('IP')) return readIp(cur, layer, 'IPv4');
  if (cur.takeWord('IP6')) return readIp(cur, layer, 'IPv6');
  if (cur.isWord('ARP') && cur.is(Comma, 1)) {
    cur.next();
    cur.next();
    return readArp(cur, layer);
  }
  if (hint === 'IPv4' || hint === 'IPv6') return readIp(cur, layer, hint);
  if (hint === 'ARP') return readArp(cur, layer);
  const rawShape = raw ? shapeOf(cur) : null;
  if (rawShape === 'IPv4' || rawShape === 'IPv6') return readIp(cur, layer, rawShape);
  // -e -q on a cooked capture prints no ethertype: the network layer shows by its own shape.
  if (layer.link && !hint) {
    const shape = shapeOf(cur);
    if (shape === 'ARP') return readArp(cur, layer);
    if (shape) return readIp(cur, layer, shape);
  }
  if (cur.done && layer.link) {
    if (hint) layer.l3 = hint;
    return null;
  }
  if (!layer.link && !hint) return false;
  if (hint?.startsWith('MPLS') && cur.isWord('MPLS') && cur.is(LParen, 1)) {
    cur.next();
    cur.group();
    return readIp(cur, layer, cur.is(Ip6) ? 'IPv6' : 'IPv4');
  }
  // A vendor header (Arista timestamp…) followed by the real ethertype: continue from there.
  const nested = NESTED_ETHERTYPE.exec(cur.rest());
  if (nested && layer.link) {
    cur.seek(cur.offset() + nested.index + 'ethertype '.length);
    readEthertype(cur, layer.link);
    readFrameLength(cur, layer.link);
    readVlans(cur, layer.link);
    return readNetwork(cur, layer);
  }
  layer.l3 = hint ?? cur.peek()?.image;
  layer.info = cur.rest();
  return null;
}

function shapeOf(cur: Cursor): 'IPv4' | 'IPv6' | 'ARP' | null {
  if ((cur.is(Ip4) && cur.is(Gt, 1)) || (cur.is(LParen) && cur.isWord('tos', 1))) return 'IPv4';
  if ((cur.is(Ip6) && cur.is(Gt, 1)) || (cur.is(LParen) && (cur.isWord('hlim', 1) || cur.isWord('flowlabel', 1)))) return 'IPv6';
  if (cur.isWord('Request') || cur.isWord('Reply')) return 'ARP';
  return null;
}

const NESTED_ETHERTYPE = /(?:^|[:,] )ethertype [^(,]+ \(0x[0-9a-fA-F]{4}\)/;

function readIpv4Header(text: string): Ipv4Header {
  const h: Ipv4Header = { tos: '', ttl: 0, id: 0, offset: 0, flags: '', proto: 0, protoName: '', length: 0 };
  for (const item of splitTopLevel(text)) {
    const sp = item.indexOf(' ');
    const key = sp < 0 ? item : item.slice(0, sp);
    const value = sp < 0 ? '' : item.slice(sp + 1);
    switch (key) {
      case 'tos': h.tos = value; break;
      case 'ttl': h.ttl = Number(value); break;
      case 'id': h.id = Number(value); break;
      case 'offset': h.offset = Number(value); break;
      case 'flags': h.flags = value.replace(/^\[|\]$/g, ''); break;
      case 'proto': {
        const m = /^(\S+) \((\d+)\)/.exec(value);
        if (m) {
          h.protoName = m[1]!;
          h.proto = Number(m[2]);
        }
        break;
      }
      case 'length': h.length = Number(/^\d+/.exec(value)?.[0] ?? 0); break;
      case 'bad': h.headerCksumOk = false; break;
    }
  }
  return h;
}

function readIpv6Header(text: string): Ipv6Header {
  const next = /next-header (\S+) \((\d+)\)/.exec(text);
  const h: Ipv6Header = {
    hlim: Number(/hlim (\d+)/.exec(text)?.[1] ?? 0),
    nextHeader: Number(next?.[2] ?? 0),
    nextHeaderName: next?.[1] ?? '',
    payloadLength: Number(/payload length:? (\d+)/.exec(text)?.[1] ?? 0),
  };
  const flow = /flowlabel (0x[0-9a-fA-F]+)/.exec(text);
  if (flow) h.flowlabel = flow[1]!;
  return h;
}

/** `IP [(header)] src > dst: …`; a -v IPv4 header alone on its line needs the next line. */
function readIp(cur: Cursor, layer: PacketLayers, l3: 'IPv4' | 'IPv6'): ReadResult {
  layer.l3 = l3;
  // Up to 4.99, before the header of a packet shorter than its total length (print-ip.c).
  if (cur.isWord('truncated-ip') && cur.isWord('-', 1) && cur.is(Num, 2) && cur.isWord('bytes', 3)) {
    for (let i = 0; i < 5; i++) cur.next();
  }
  // `[total length 13911 > length 188] (invalid) (tos …)`, `(hlim …) [real length 80040, presumed BIG TCP]`
  while (cur.is(LBracket) || cur.is(LParen)) {
    const bracket = cur.is(LBracket);
    const header = cur.group();
    if (header === null) cur.next();
    else if (bracket || header === 'invalid') continue;
    else if (l3 === 'IPv4') layer.ipv4 = readIpv4Header(header);
    else layer.ipv6 = readIpv6Header(header);
  }
  if (cur.done && layer.ipv4) return { kind: 'ip-body', layer };
  return readIpBody(cur, layer);
}

/**
 * What tcpdump printed for one end: an address (`10.0.0.1`, `fd00::1`), or without -n the host
 * name gethostbyaddr gave (addrtoname.c ipaddr_string / ip6addr_string; -N cuts it at its first
 * dot); then `.port` when the protocol has ports, the port's service name without -n.
 */
interface Endpoint {
  addr?: string;
  name?: string;
  port?: number;
  portName?: string;
}

function withPort(host: Endpoint, printed: string): Endpoint {
  const port = portNumber(printed);
  if (port !== undefined) host.port = port;
  if (!/^\d+$/.test(printed)) host.portName = printed;
  return host;
}

function splitAddress(image: string, isV6: boolean): Endpoint {
  const dot = image.lastIndexOf('.');
  if (dot < 0) return { addr: image };
  let dots = 0;
  for (let i = image.indexOf('.'); i !== -1; i = image.indexOf('.', i + 1)) dots++;
  if (isV6 ? dots !== 1 && dots !== 4 : dots !== 4) return { addr: image };
  return withPort({ addr: image.slice(0, dot) }, image.slice(dot + 1));
}

/** A host name's port is its last dot-separated part: names have dots of their own. */
function splitName(image: string, ports: boolean): Endpoint {
  const dot = ports ? image.lastIndexOf('.') : -1;
  return dot > 0 ? withPort({ name: image.slice(0, dot) }, image.slice(dot + 1)) : { name: image };
}

/** An end as its token printed it: an address split at once, a host name (`image`) once the ports are known. */
function readEndpoint(cur: Cursor, closing: TokenType): Endpoint | { image: string } | null {
  const t = cur.peek();
  if (!t) return null;
  if (t.tokenType === Ip4 || t.tokenType === Ip6) {
    cur.next();
    return splitAddress(t.image, t.tokenType === Ip6);
  }
  if (t.tokenType === Word && cur.is(closing, 1)) {
    cur.next();
    return { image: t.image };
  }
  return null;
}

/** The line starts `src > `: the addresses line tcpdump prints after a -v IPv4 header. */
function startsWithAddresses(cur: Cursor): boolean {
  return (cur.is(Ip4) || cur.is(Ip6) || cur.is(Word)) && cur.is(Gt, 1);
}

/** Protocols printed with ports (print-tcp.c, print-udp.c, print-sctp.c, print-dccp.c). */
const PORT_PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP', 'DCCP', 'UDPLite']);
/** What print-ip.c / print-ip6.c hand to printers that take no ports: `a > b: ICMP …`. */
const PORTLESS = /^(?:ICMP6?\b|ESP\b|AH\b|GRE|IGMP|igmp|PIM|OSPF|VRRP|CARP|IPComp|IP6? |ip-proto-\d+|mobility|HBH|frag\b)/;

/**
 * Whether a packet whose ends are host names carries ports: the other end's port, the -v header's
 * protocol, else the printer the text shows (a later fragment prints only its protocol's name).
 */
function carriesPorts(cur: Cursor, layer: PacketLayers, other: Endpoint | { image: string }): boolean {
  if ('port' in other || 'portName' in other) return true;
  if ((layer.ipv4?.offset ?? 0) > 0) return false;
  const declared = declaredProto(layer);
  if (declared) return PORT_PROTOCOLS.has(declared);
  const rest = cur.rest();
  return !PORTLESS.test(rest) && !/^[a-z][\w-]*$/.test(rest);
}

function resolveEnd(end: Endpoint | { image: string }, ports: boolean): Endpoint {
  return 'image' in end ? splitName(end.image, ports) : end;
}

/** `src > dst: <transport>` — the addresses line (the second line of the -v form). */
export function readIpBody(cur: Cursor, layer: PacketLayers): ReadResult {
  const start = cur.i;
  const srcEnd = readEndpoint(cur, Gt);
  if (!srcEnd || !cur.take(Gt)) {
    cur.i = start;
    if (cur.done) return false;
    layer.info = cur.rest();
    return null;
  }
  const dstEnd = readEndpoint(cur, Colon);
  if (!dstEnd) return false;
  cur.take(Colon);
  const named = 'image' in srcEnd || 'image' in dstEnd;
  const ports = named && carriesPorts(cur, layer, 'image' in srcEnd ? dstEnd : srcEnd);
  const src = resolveEnd(srcEnd, ports);
  const dst = resolveEnd(dstEnd, ports);
  if (src.addr !== undefined) layer.src = src.addr;
  if (dst.addr !== undefined) layer.dst = dst.addr;
  if (src.name !== undefined) layer.srcName = src.name;
  if (dst.name !== undefined) layer.dstName = dst.name;
  if (src.port !== undefined) layer.sport = src.port;
  if (dst.port !== undefined) layer.dport = dst.port;
  if (src.portName) layer.sportName = src.portName;
  if (dst.portName) layer.dportName = dst.portName;
  return readTransport(cur, layer);
}

// ---- transport -------------------------------------------------------------------------------

function readChecksumGroup(text: string): Checksum | null {
  let m = /^bad (?:udp|icmp6|tcp) cksum (0x[0-9a-f]+) -> (0x[0-9a-f]+)!$/.exec(text);
  if (m) return { state: 'incorrect', value: m[1]!, expected: m[2]! };
  if (/^(?:udp|icmp6) sum ok$/.test(text)) return { state: 'correct' };
  if (text === 'no cksum') return { state: 'none' };
  m = /^bad (?:udp|icmp6) cksum/.exec(text);
  return m ? { state: 'incorrect' } : null;
}

const IP_PROTO = /^ip-proto-(\d+)$/;

function declaredProto(layer: PacketLayers): string | undefined {
  return layer.ipv4?.protoName ?? layer.ipv6?.nextHeaderName;
}

function readTransport(cur: Cursor, layer: PacketLayers): ReadResult {
  let cksum: Checksum | null = null;
  if (cur.is(LBracket)) {
    const save = cur.i;
    cksum = readChecksumGroup(cur.group() ?? '');
    if (!cksum) cur.i = save;
  }
  const t = cur.peek();
  const word = t?.image;
  if (word === 'Flags' && cur.is(LBracket, 1)) {
    cur.next();
    return readTcp(cur, layer);
  }
  if (word === 'tcp' && cur.is(Num, 1)) {
    cur.next();
    layer.l4 = 'TCP';
    layer.tcp = { flags: '', length: cur.takeNum()! };
    return null;
  }
  if (word === 'ICMP6' && cur.is(Comma, 1)) {
    cur.next();
    cur.next();
    layer.l4 = 'ICMPv6';
    layer.icmp = readIcmp6(cur.rest());
    if (cksum) layer.icmp.cksum = cksum;
    return null;
  }
  if (word === 'ICMP') {
    cur.next();
    return readIcmp(cur.rest(), layer);
  }
  if (word === 'ESP' && cur.is(LParen, 1)) {
    layer.l4 = 'ESP';
    layer.info = cur.rest();
    return null;
  }
  const hasPorts = layer.sport !== undefined || layer.dport !== undefined || layer.sportName !== undefined || layer.dportName !== undefined;
  // A later fragment: no transport header, only its protocol (print-ip.c, `ip-proto-17`, `udp`).
  if (!hasPorts && word !== undefined && cur.peek(1) === undefined && (IP_PROTO.test(word) || /^[a-z][\w-]*$/.test(word))) {
    const number = IP_PROTO.exec(word);
    const named = IP_PROTOCOL_NUMBERS.get(word);
    layer.fragment = number ? { proto: Number(number[1]) } : { protoName: word, ...(named !== undefined ? { proto: named } : {}) };
    return null;
  }
  if (!hasPorts) {
    layer.l4 = declaredProto(layer) ?? word;
    layer.info = cur.rest();
    return null;
  }
  layer.l4 = declaredProto(layer) === 'TCP' ? 'TCP' : 'UDP';
  const udp = (layer.udp = {} as NonNullable<PacketLayers['udp']>);
  if (cksum) udp.cksum = cksum;
  if (word === 'UDP' && cur.is(Comma, 1)) {
    // 4.9.x: `UDP, bad length 2400 > 1248` when the datagram is longer than what the IP packet holds.
    const m = /^UDP, (?:bad )?length (\d+)/.exec(cur.rest());
    if (m) udp.length = Number(m[1]);
    return null;
  }
  if (word === 'OTV' || word === 'VXLAN' || word === 'Geneve' || word === 'VXLAN-GPE') return readEncap(cur, layer);
  const rest = cur.rest();
  if (isDnsPort(layer) && /^\d+/.test(rest)) {
    const dns = readDns(rest);
    if (dns) {
      layer.dns = dns;
      return null;
    }
  }
  udp.payload = rest;
  const len = /(?:^|, )length:? (\d+)/.exec(rest);
  if (len) udp.length = Number(len[1]);
  return null;
}

function isDnsPort(layer: PacketLayers): boolean {
  return (
    (layer.sport !== undefined && DNS_PORTS.has(layer.sport)) || (layer.dport !== undefined && DNS_PORTS.has(layer.dport))
  );
}

function readTcpOptions(text: string, tcp: TcpSegment): void {
  tcp.optionsText = text;
  const options: TcpOption[] = [];
  for (const item of splitTopLevel(text)) {
    if (item === '') continue;
    const sp = item.indexOf(' ');
    const kind = sp < 0 ? item : item.slice(0, sp);
    const arg = sp < 0 ? '' : item.slice(sp + 1);
    const option: TcpOption = { kind };
    if (kind === 'mss' || kind === 'wscale') {
      option.value = Number(arg);
      if (kind === 'mss') tcp.mss = option.value;
      else tcp.wscale = option.value;
    } else if (kind === 'TS') {
      const m = /^val (\d+) ecr (\d+)/.exec(arg);
      if (m) {
        option.val = tcp.tsVal = Number(m[1]);
        option.ecr = tcp.tsEcr = Number(m[2]);
      }
    } else if (kind === 'sackOK') tcp.sackOk = true;
    else if (arg) option.text = arg;
    options.push(option);
  }
  tcp.options = options;
}

function readHttp(payload: string, tcp: TcpSegment, layer: PacketLayers): ReadResult {
  if (payload.startsWith('HTTP: ')) tcp.http = { firstLine: payload.slice(6) };
  else if (/^HTTP, length: \d+$/.test(payload)) {
    tcp.http = {};
    return { kind: 'http-first-line', layer };
  } else if (payload === 'HTTP') tcp.http = {};
  return null;
}

/** `Flags [P.], cksum 0x… (incorrect -> 0x…), seq 1:75, ack 1, win 63, options [...], length 74: …` */
function readTcp(cur: Cursor, layer: PacketLayers): ReadResult {
  layer.l4 = 'TCP';
  const tcp: TcpSegment = { flags: cur.group() ?? '' };
  layer.tcp = tcp;
  while (cur.take(Comma)) {
    const key = cur.peek()?.image;
    if (key === 'length' && cur.is(Num, 1)) {
      cur.next();
      tcp.length = cur.takeNum()!;
      cur.take(Colon);
      const payload = cur.rest();
      if (payload === '') return null;
      tcp.payload = payload;
      if (isDnsPort(layer) && /^\d+/.test(payload)) {
        const dns = readDns(payload);
        if (dns) layer.dns = dns;
        return null;
      }
      return readHttp(payload, tcp, layer);
    }
    cur.next();
    switch (key) {
      case 'cksum': {
        const value = cur.take(Hex) ?? undefined;
        const verdict = cur.is(LParen) ? (cur.group() ?? '') : '';
        const incorrect = /^incorrect -> (0x[0-9a-f]+)/.exec(verdict);
        tcp.cksum = incorrect
          ? { state: 'incorrect', value, expected: incorrect[1]! }
          : { state: verdict === 'correct' ? 'correct' : 'none', value };
        break;
      }
      case 'seq':
        tcp.seq = cur.takeNum() ?? undefined;
        if (cur.take(Colon)) tcp.seqEnd = cur.takeNum() ?? undefined;
        break;
      case 'ack':
        tcp.ack = cur.takeNum() ?? undefined;
        break;
      case 'win':
        tcp.win = cur.takeNum() ?? undefined;
        break;
      case 'urg':
        tcp.urg = cur.takeNum() ?? undefined;
        break;
      case 'options':
        if (cur.is(LBracket)) readTcpOptions(cur.group() ?? '', tcp);
        break;
    }
    // Items this reader does not know (`[bad hdr length …]`) are skipped up to the next comma.
    while (!cur.done && !cur.is(Comma)) {
      if (cur.is(LBracket) || cur.is(LParen)) cur.group() ?? cur.next();
      else cur.next();
    }
  }
  return null;
}

// ---- ICMP, ARP -------------------------------------------------------------------------------

function portNumber(printed: string): number | undefined {
  return /^\d+$/.test(printed) ? Number(printed) : SERVICE_PORTS.get(printed);
}

/** The quoted datagram's destination as the message printed it: an address or a host name. */
function setQuotedDst(quoted: QuotedDatagram, printed: string): void {
  if (isAddress(printed)) quoted.dst = printed;
  else quoted.dstName = printed;
}

function codeOf(w: IcmpWording, m: RegExpExecArray): number {
  return typeof w.code === 'number' ? w.code : Number(m[w.code.group]);
}

/** `ICMP <message>, length N` (print-icmp.c); -v adds the quoted datagram on two more lines. */
function readIcmp(text: string, layer: PacketLayers): ReadResult {
  layer.l4 = 'ICMP';
  const icmp: IcmpMessage = { kind: '', text };
  layer.icmp = icmp;
  const len = /, length (\d+)(?: \(wrong icmp cksum [^)]*\))?$/.exec(text);
  if (len) icmp.length = Number(len[1]);
  if (/\(wrong icmp cksum/.test(text)) icmp.cksum = { state: 'incorrect' };
  const echo = /^echo (?:request|reply), id (\d+), seq (\d+)/.exec(text);
  if (echo) {
    icmp.id = Number(echo[1]);
    icmp.seq = Number(echo[2]);
  }
  for (const w of ICMP_WORDINGS) {
    const m = w.pattern.exec(text);
    if (!m) continue;
    icmp.kind = w.kind;
    if (w.type >= 0) {
      icmp.type = w.type;
      icmp.code = codeOf(w, m);
    }
    if (w.mtu && m[w.mtu]) icmp.mtu = Number(m[w.mtu]);
    if (ICMP_ERROR_TYPES.has(w.type)) {
      const quoted: QuotedDatagram = (icmp.quoted = {});
      if (w.quoted) setQuotedDst(quoted, m[w.quoted]!);
      if (w.proto) quoted.proto = /^\d+$/.test(m[w.proto]!) ? m[w.proto]! : m[w.proto]!.toUpperCase();
      const dport = w.port ? portNumber(m[w.port]!) : undefined;
      if (dport !== undefined) quoted.dport = dport;
    }
    break;
  }
  if (!icmp.kind) icmp.kind = splitTopLevel(text)[0] ?? text;
  // -v prints the quoted datagram's IP header and transport on the next two lines.
  return icmp.quoted && (layer.ipv4 || layer.ipv6) ? { kind: 'quoted-header', layer } : null;
}

/** `ICMP6, <type>[, <details>][, length N]` (print-icmp6.c). */
function readIcmp6(text: string): IcmpMessage {
  const items = splitTopLevel(text);
  const first = items[0] ?? '';
  const icmp: IcmpMessage = { kind: first, text };
  for (const [name, type] of ICMP6_TYPES) {
    if (first !== name && !first.startsWith(`${name} `)) continue;
    icmp.type = type;
    icmp.code = 0;
    break;
  }
  if (icmp.type === 3) {
    const m = /^time exceeded in-transit(?: for (\S+)| \((reassembly)\))?$/.exec(first);
    icmp.kind = 'time exceeded';
    if (m?.[1]) setQuotedDst((icmp.quoted = {}), m[1]);
    if (m?.[2]) icmp.code = 1;
  }
  let rest = items.slice(1);
  if (icmp.type === 1 && rest[0] !== undefined) {
    for (const w of ICMP6_UNREACH_WORDINGS) {
      const m = w.pattern.exec(rest[0]);
      if (!m) continue;
      icmp.kind = w.kind;
      icmp.code = codeOf(w, m);
      icmp.quoted = {};
      if (w.quoted) setQuotedDst(icmp.quoted, m[w.quoted]!);
      rest = rest.slice(1);
      break;
    }
    const port = rest[0] !== undefined ? ICMP6_QUOTED_PORT.exec(rest[0]) : null;
    if (port && icmp.code === 4) {
      const dport = portNumber(port[3] ?? port[5]!);
      icmp.quoted = { proto: port[2]?.toUpperCase() ?? port[4]!, ...(dport !== undefined ? { dport } : {}) };
      setQuotedDst(icmp.quoted, port[1]!);
      rest = rest.slice(1);
    }
  }
  for (const item of rest) {
    let m: RegExpExecArray | null;
    if ((m = /^(id|seq|length|mtu) (\d+)$/.exec(item))) icmp[m[1] as 'id' | 'seq' | 'length' | 'mtu'] = Number(m[2]);
    else if ((m = /^(?:who has|tgt is) (\S+)$/.exec(item))) icmp.target = m[1]!;
    else if ((m = /^Flags \[(.*)\]$/.exec(item))) icmp.naFlags = m[1]!.split(/,\s*/).filter((f) => f !== '');
  }
  return icmp;
}

const ARP_REQUEST = /^Request who-has (\S+)(?: \((\S+)\))?(?: \(oui [^)]*\))? tell (\S+), length (\d+)/;
const ARP_REPLY = /^Reply (\S+) is-at (\S+)(?: \(oui [^)]*\))?, length (\d+)/;

/** Whether tcpdump printed an address here, not a host name (no -n). */
function isAddress(printed: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(printed) || printed.includes(':');
}

/** `Request who-has T tell S, length 28`, `Reply S is-at M, length 28` (-v adds the formats). */
function readArp(cur: Cursor, layer: PacketLayers): ReadResult {
  layer.l3 = 'ARP';
  const text = cur.rest().replace(/^Ethernet \(len \d+\), IPv4 \(len \d+\), /, '');
  let arp: ArpMessage;
  let m = ARP_REQUEST.exec(text);
  if (m) {
    arp = { op: 'request', length: Number(m[4]) };
    if (isAddress(m[1]!)) layer.dst = arp.tpa = m[1]!;
    else layer.dstName = m[1]!;
    if (isAddress(m[3]!)) layer.src = arp.spa = m[3]!;
    else layer.srcName = m[3]!;
    if (m[2]) arp.tha = m[2];
  } else if ((m = ARP_REPLY.exec(text))) {
    arp = { op: 'reply', sha: m[2]!, length: Number(m[3]) };
    if (isAddress(m[1]!)) layer.src = arp.spa = m[1]!;
    else layer.srcName = m[1]!;
  } else {
    arp = { op: (/^\w+/.exec(text)?.[0] ?? '').toLowerCase() };
    layer.info = text;
  }
  layer.arp = arp;
  return null;
}

// ---- encapsulation ---------------------------------------------------------------------------

/**
 * print-vxlan.c (print-otv.c alike): flags `[I]`, `[invalid]` (4.99) or `[.]` (4.9.x) when the I
 * flag is clear; 5.x then prints `ERROR: I flag not set` instead of the VNI.
 */
const OTV = /^OTV, flags \[([\w.]*)\] \((0x[0-9a-fA-F]+)\), overlay \d+, instance (\d+)/;
const VXLAN = /^VXLAN, flags \[([\w.]*)\] \((0x[0-9a-fA-F]+)\), (?:vni (\d+)|ERROR: I flag not set)/;
const VXLAN_GPE = /^VXLAN-GPE, flags \[(\w*)\], vni (\d+)(?:: )?/;
const GENEVE =
  /^Geneve, Flags \[([^\]]*)\], vni (0x[0-9a-fA-F]+)(?:, proto (\S+ \(0x[0-9a-fA-F]+\)))?(?:, options \[((?:[^[\]]|\[[^\]]*\])*)\])?(: )?/;

/**
 * VXLAN / OTV print the inner frame on the next line; Geneve inline after `: ` (no -v) or on the
 * next tab-indented line (-v); VXLAN-GPE inline.
 */
function readEncap(cur: Cursor, layer: PacketLayers): ReadResult {
  const text = cur.rest();
  const base = cur.offset();
  let encap: Encapsulation;
  let consumed: number;
  let inline = false;
  let m: RegExpExecArray | null;
  if ((m = OTV.exec(text)) || (m = VXLAN.exec(text))) {
    encap = { type: 'vxlan', printedAs: text.startsWith('OTV') ? 'OTV' : 'VXLAN', flags: m[2]! };
    if (m[3] !== undefined) encap.vni = Number(m[3]);
    consumed = m[0].length;
  } else if ((m = GENEVE.exec(text))) {
    encap = { type: 'geneve', printedAs: 'Geneve', vni: parseInt(m[2]!, 16), vniHex: m[2]!, flags: m[1]! };
    if (m[3]) encap.protocol = m[3];
    if (m[4] !== undefined) encap.options = m[4];
    consumed = m[0].length;
    inline = m[5] !== undefined;
  } else if ((m = VXLAN_GPE.exec(text))) {
    encap = { type: 'vxlan-gpe', printedAs: 'VXLAN-GPE', vni: Number(m[2]), flags: m[1]! };
    consumed = m[0].length;
    inline = true;
  } else {
    layer.udp!.payload = text;
    return null;
  }
  layer.encap = encap;
  cur.seek(base + consumed);
  if (!inline) return cur.done ? { kind: 'inner', encap } : null;
  encap.inner = {};
  if (cur.isWord('NSH')) {
    encap.inner.info = cur.rest();
    return null;
  }
  return readFrame(cur, encap.inner) || null;
}

// ---- continuation lines ----------------------------------------------------------------------

/** Continues a packet with its next line; false when the line is not what the packet needs. */
export function resume(need: Need, cur: Cursor, line: string): ReadResult {
  switch (need.kind) {
    case 'ip-body':
      // Any other line (the next packet, when the paste lost this one's second line) is not ours.
      return startsWithAddresses(cur) ? readIpBody(cur, need.layer) : false;
    case 'inner': {
      const inner: PacketLayers = {};
      const result = readFrame(cur, inner);
      if (result === false) return false;
      need.encap.inner = inner;
      return result;
    }
    case 'http-first-line': {
      const first = line.trim();
      if (!line.startsWith('\t') || first === '') return false;
      need.layer.tcp!.http = { firstLine: first };
      return null;
    }
    case 'quoted-header': {
      cur.takeWord('IP') || cur.takeWord('IP6');
      if (!cur.is(LParen)) return false;
      need.layer.icmp!.quoted!.ipv4 = readIpv4Header(cur.group() ?? '');
      return { kind: 'quoted-body', layer: need.layer };
    }
    case 'quoted-body': {
      const inner: PacketLayers = {};
      if (readIpBody(cur, inner) === false || (inner.src ?? inner.srcName) === undefined) return false;
      const quoted = need.layer.icmp!.quoted!;
      quoted.proto ??= quoted.ipv4?.protoName;
      quoted.src = inner.src;
      quoted.dst = inner.dst;
      if (inner.srcName !== undefined) quoted.srcName = inner.srcName;
      if (inner.dstName !== undefined) quoted.dstName = inner.dstName;
      if (inner.sport !== undefined) quoted.sport = inner.sport;
      if (inner.dport !== undefined) quoted.dport = inner.dport;
      return null;
    }
  }
}
