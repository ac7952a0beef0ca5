import { readPacketText } from '../../grammars/tcpdump.js';
import type { PacketLayers, TcpdumpPacket } from '../types/tcpdump.js';
import type { SourceTextReader } from './source-text.js';
import type { PacketColumn, PacketProtocol } from './tcpdump-schema.js';

/** The `packets.protocol` of a frame: its transport, else its network protocol (lower case). */
export function packetProtocol(layer: PacketLayers): PacketProtocol {
  switch (layer.l4) {
    case 'TCP': return 'tcp';
    case 'UDP': return 'udp';
    case 'ICMP': return 'icmp';
    case 'ICMPv6': return 'icmp6';
    case 'ESP': return 'esp';
  }
  switch (layer.l3) {
    case 'ARP': return 'arp';
    case 'IPv4': return 'ipv4';
    case 'IPv6': return 'ipv6';
  }
  return 'other';
}

/**
 * The layer's decoded headers as JSON (undefined ones drop out), with the host and port names
 * printed without -n and the packet's -# number; the inner frame has its own row.
 */
function detailJson(l: PacketLayers, number: number | undefined): string {
  const e = l.encap;
  const encap = e && { type: e.type, printedAs: e.printedAs, vni: e.vni, vniHex: e.vniHex, flags: e.flags, protocol: e.protocol, options: e.options };
  return JSON.stringify({
    number, srcName: l.srcName, dstName: l.dstName, sportName: l.sportName, dportName: l.dportName,
    link: l.link, ipv4: l.ipv4, ipv6: l.ipv6, tcp: l.tcp, udp: l.udp, icmp: l.icmp, arp: l.arp, dns: l.dns, encap, info: l.info,
  });
}

function dnsSummary(layer: PacketLayers): string | null {
  const d = layer.dns;
  if (!d) return null;
  const question = d.qtype ? ` ${d.qtype}? ${d.qname}` : '';
  return d.qr === 'query' ? `query${question}` : `response ${d.rcode ?? 'NoError'}${question} ${d.answers.map((a) => `${a.type} ${a.data}`).join(', ')}`.trim();
}

export type PacketValues = Record<PacketColumn, string | number | null>;

/** The columns of one frame (`layer`, the packet itself or a frame inside it) of a packet. */
export function packetValues(packet: TcpdumpPacket, layer: PacketLayers): PacketValues {
  const { link, tcp, udp, icmp } = layer;
  const cksum = tcp?.cksum ?? udp?.cksum ?? icmp?.cksum;
  return {
    ts: packet.ts?.printed ?? null,
    ts_seconds: packet.ts?.seconds ?? null,
    iface: link?.interface ?? null,
    direction: link?.direction ?? null,
    src_mac: link?.src ?? null,
    dst_mac: link?.dst ?? null,
    l3: layer.l3 ?? null,
    src: layer.src ?? null,
    dst: layer.dst ?? null,
    sport: layer.sport ?? null,
    dport: layer.dport ?? null,
    l4: layer.l4 ?? null,
    protocol: packetProtocol(layer),
    ttl: layer.ipv4?.ttl ?? layer.ipv6?.hlim ?? null,
    tcp_flags: tcp?.flags ?? null,
    seq_abs: tcp?.seqAbsolute ?? null,
    ack_abs: tcp?.ackAbsolute ?? null,
    mss: tcp?.mss ?? null,
    length: tcp?.length ?? udp?.length ?? icmp?.length ?? null,
    cksum: cksum?.state ?? null,
    icmp: icmp ? (icmp.mtu !== undefined ? `${icmp.kind} mtu ${icmp.mtu}` : icmp.kind) : null,
    http: tcp?.http?.firstLine ?? null,
    dns: dnsSummary(layer),
    encap: layer.encap?.printedAs ?? null,
    vni: layer.encap?.vni ?? null,
    note: packet.note ?? null,
    detail: detailJson(layer, layer === packet ? packet.number : undefined),
  };
}

/** The frame `depth` levels inside a packet (0: the packet itself). */
export function frameAt(packet: PacketLayers, depth: number): PacketLayers | null {
  let layer: PacketLayers | undefined = packet;
  for (let d = 0; d < depth && layer; d++) layer = layer.encap?.inner;
  return layer ?? null;
}

/**
 * Reads the lazy columns of `packets` back: the grammar's readers on the same text give the frame
 * ingest saw; its absolute sequence numbers are the row's. The last frame is remembered, as a query
 * asks for several columns of each row.
 */
export class PacketValueReader {
  /** The packet last read (all its frames), and the columns of the frame last asked for. */
  private lastPacket: { key: string; packet: TcpdumpPacket | null } | null = null;
  private lastFrame: { key: string; values: PacketValues | null } | null = null;

  constructor(private readonly text: SourceTextReader) {}

  /** `text`: the packet's text where its row keeps it, else null (its line is its text). */
  value(
    sourceId: number, line: number, segment: number, depth: number, seqAbs: number | null, ackAbs: number | null, text: string | null,
    column: PacketColumn,
  ): string | number | null {
    const frameKey = `${sourceId}:${line}:${segment}:${depth}`;
    if (this.lastFrame?.key !== frameKey) this.lastFrame = { key: frameKey, values: this.frame(sourceId, line, segment, depth, seqAbs, ackAbs, text) };
    return this.lastFrame.values?.[column] ?? null;
  }

  /** Every column of one frame read back (`text` as for `value`): null when its text is gone or holds no such frame. */
  frame(sourceId: number, line: number, segment: number, depth: number, seqAbs: number | null, ackAbs: number | null, text: string | null): PacketValues | null {
    const key = `${sourceId}:${line}:${segment}`;
    if (this.lastPacket?.key !== key) {
      const packetText = text ?? this.text.text(sourceId, line, segment);
      this.lastPacket = { key, packet: packetText === null ? null : readPacketText(packetText) };
    }
    return this.frameValues(this.lastPacket.packet, depth, seqAbs, ackAbs);
  }

  private frameValues(packet: TcpdumpPacket | null, depth: number, seqAbs: number | null, ackAbs: number | null): PacketValues | null {
    const layer = packet && frameAt(packet, depth);
    if (!packet || !layer) return null;
    // The session's replay numbered them from the packets before this one.
    if (layer.tcp) {
      layer.tcp.seqAbsolute = seqAbs ?? undefined;
      layer.tcp.ackAbsolute = ackAbs ?? undefined;
    }
    return packetValues(packet, layer);
  }
}
