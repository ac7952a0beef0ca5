/**
 * `cilium monitor -vv --hex` packet dumps (monitor.md §13.4), Go `hex.Dump` lines (HEX_DUMP_LINE).
 * The bytes of a block are decoded into the same `Dissection` the layer lines give, so a hex
 * capture answers the same questions (MACs, addresses, TTL, ports, flags, ICMP id).
 */
import { HEX_DUMP_LINE } from '../src/knowledge/monitor/index.js';
import type { Dissection } from '../src/types/monitor.js';
import { emptyDissection, TCP_FLAG_ORDER } from './monitor-dissection.js';

/** The offset and bytes of a hex-dump line; null when the line is not one. */
export function hexDumpLine(text: string): { offset: number; bytes: number[] } | null {
  const m = HEX_DUMP_LINE.exec(text);
  if (!m) return null;
  const bytes = m[2]!.trim().split(/\s+/).map((b) => Number.parseInt(b, 16));
  return { offset: Number.parseInt(m[1]!, 16), bytes };
}

const ETHER_TYPES: Record<number, string> = { 0x0800: 'IPv4', 0x86dd: 'IPv6', 0x0806: 'ARP', 0x8100: 'Dot1Q', 0x88cc: 'LLDP' };
const IP_PROTOCOLS: Record<number, string> = { 1: 'ICMPv4', 6: 'TCP', 17: 'UDP', 58: 'ICMPv6', 132: 'SCTP', 2: 'IGMP', 47: 'GRE', 50: 'ESP' };
const ICMP4_TYPES: Record<number, string> = { 0: 'EchoReply', 3: 'DestinationUnreachable', 5: 'Redirect', 8: 'EchoRequest', 11: 'TimeExceeded', 12: 'ParameterProblem' };
const ICMP6_TYPES: Record<number, string> = { 1: 'DestinationUnreachable', 2: 'PacketTooBig', 3: 'TimeExceeded', 128: 'EchoRequest', 129: 'EchoReply', 133: 'RouterSolicitation', 134: 'RouterAdvertisement', 135: 'NeighborSolicitation', 136: 'NeighborAdvertisement' };

function u16(b: number[], i: number): number | null {
  return i + 1 < b.length ? (b[i]! << 8) | b[i + 1]! : null;
}

function u32(b: number[], i: number): number | null {
  return i + 3 < b.length ? ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) : null;
}

function mac(b: number[], i: number): string {
  return b.slice(i, i + 6).map((x) => x.toString(16).padStart(2, '0')).join(':');
}

function ipv6(b: number[], i: number): string {
  const groups: number[] = [];
  for (let g = 0; g < 8; g++) groups.push(u16(b, i + 2 * g) ?? 0);
  // RFC 5952: compress the longest run (≥ 2) of zero groups.
  let best = -1;
  let bestLen = 1;
  for (let s = 0; s < 8; s++) {
    let e = s;
    while (e < 8 && groups[e] === 0) e++;
    if (e - s > bestLen) {
      best = s;
      bestLen = e - s;
    }
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function icmpTypeCode(names: Record<number, string>, type: number, code: number): string {
  const name = names[type];
  if (!name) return `${type}(${code})`;
  return code === 0 ? name : `${name}(Code: ${code})`;
}

function decodeL4(d: Dissection, b: number[], at: number, protocol: number): void {
  const name = IP_PROTOCOLS[protocol];
  if (!name || at >= b.length) return;
  d.layers.push(name);
  if (name === 'TCP' || name === 'UDP' || name === 'SCTP') {
    d.srcPort = u16(b, at);
    d.dstPort = u16(b, at + 2);
  }
  if (name === 'TCP') {
    d.tcpSeq = u32(b, at + 4);
    d.tcpAck = u32(b, at + 8);
    const flags = at + 13 < b.length ? b[at + 13]! | ((b[at + 12]! & 1) << 8) : 0;
    const bits: Record<string, number> = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128, NS: 256 };
    d.tcpFlags = TCP_FLAG_ORDER.filter((f) => (flags & bits[f]!) !== 0).join(',');
    d.tcpWindow = u16(b, at + 14);
  } else if (name === 'UDP') {
    d.udpLength = u16(b, at + 4);
  } else if (name === 'ICMPv4' && at + 1 < b.length) {
    d.icmpType = icmpTypeCode(ICMP4_TYPES, b[at]!, b[at + 1]!);
    d.icmpId = u16(b, at + 4);
    d.icmpSeq = u16(b, at + 6);
  } else if (name === 'ICMPv6' && at + 1 < b.length) {
    d.icmpType = icmpTypeCode(ICMP6_TYPES, b[at]!, b[at + 1]!);
  }
}

/** Decodes captured packet bytes (Ethernet first, or IP first for L3 devices). */
export function decodePacket(b: number[]): Dissection {
  const d = emptyDissection();
  let at = 0;
  const etherType = u16(b, 12);
  const version = (b[0] ?? 0) >> 4;
  // L3 devices (≈ 1.15+) capture from the IP header on; an Ethernet frame has a known EtherType.
  const ipFirst = (version === 4 || version === 6) && (etherType === null || !(etherType in ETHER_TYPES));
  const l3 = ipFirst ? (version === 4 ? 0x0800 : 0x86dd) : etherType;
  if (!ipFirst && b.length >= 14) {
    d.layers.push('Ethernet');
    d.dstMac = mac(b, 0);
    d.srcMac = mac(b, 6);
    d.etherType = ETHER_TYPES[etherType ?? -1] ?? 'UnknownEthernetType';
    at = 14;
  } else if (!ipFirst) {
    return d;
  }
  if (l3 === 0x0800 && at + 20 <= b.length) {
    d.layers.push('IPv4');
    d.ipVersion = 4;
    d.ipLength = u16(b, at + 2);
    d.ipId = u16(b, at + 4);
    const flags = b[at + 6]! >> 5;
    d.ipFlags = [flags & 2 ? 'DF' : '', flags & 1 ? 'MF' : ''].filter(Boolean).join('|') || null;
    d.ttl = b[at + 8]!;
    d.protocol = IP_PROTOCOLS[b[at + 9]!] ?? String(b[at + 9]);
    d.srcIp = b.slice(at + 12, at + 16).join('.');
    d.dstIp = b.slice(at + 16, at + 20).join('.');
    decodeL4(d, b, at + (b[at]! & 0xf) * 4, b[at + 9]!);
  } else if (l3 === 0x86dd && at + 40 <= b.length) {
    d.layers.push('IPv6');
    d.ipVersion = 6;
    d.ipLength = u16(b, at + 4);
    d.protocol = IP_PROTOCOLS[b[at + 6]!] ?? String(b[at + 6]);
    d.ttl = b[at + 7]!;
    d.srcIp = ipv6(b, at + 8);
    d.dstIp = ipv6(b, at + 24);
    decodeL4(d, b, at + 40, b[at + 6]!);
  }
  return d;
}
