import type { Statement } from 'better-sqlite3';
import { describeCommand } from '../../../grammars/shell.js';
import type { LocatedRecord } from '../../types/records.js';
import type { CaptureContext, PacketLayers, TcpdumpPacket } from '../../types/tcpdump.js';
import type { CaseDb } from '../db.js';
import { rowsTable } from '../schema.js';
import type { RecordWriter, WriteContext } from '../writer.js';

/** The `packets.protocol` of a frame: its transport, else its network protocol (lower case). */
export function packetProtocol(layer: PacketLayers): string {
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

const PACKET_COLUMNS = [
  'source_id', 'line', 'segment', 'outer_id', 'capture_node', 'capture_iface', 'capture_netns', 'capture_origin',
  'ts', 'ts_seconds', 'iface', 'direction', 'src_mac', 'dst_mac', 'l3', 'src', 'dst', 'sport', 'dport', 'l4',
  'protocol', 'ttl', 'tcp_flags', 'seq_abs', 'ack_abs', 'mss', 'length', 'cksum', 'icmp', 'http', 'dns', 'encap',
  'vni', 'note', 'detail', 'text',
];

/** The layer's decoded headers as JSON (undefined ones drop out); the inner frame has its own row. */
function detailJson(l: PacketLayers): string {
  const e = l.encap;
  const encap = e && { type: e.type, printedAs: e.printedAs, vni: e.vni, vniHex: e.vniHex, flags: e.flags, protocol: e.protocol, options: e.options };
  return JSON.stringify({
    link: l.link, ipv4: l.ipv4, ipv6: l.ipv6, tcp: l.tcp, udp: l.udp, icmp: l.icmp, arp: l.arp, dns: l.dns, encap, info: l.info,
  });
}

function dnsSummary(layer: PacketLayers): string | null {
  const d = layer.dns;
  if (!d) return null;
  const question = d.qtype ? ` ${d.qtype}? ${d.qname}` : '';
  return d.qr === 'query' ? `query${question}` : `response ${d.rcode ?? 'NoError'}${question} ${d.answers.map((a) => `${a.type} ${a.data}`).join(', ')}`.trim();
}

/** Per source: the capture context in force and the last line a tcpdump record came from. */
interface SourceCapture {
  lastLine: number;
  command: CaptureContext | null;
  listeningOn: string | null;
}

/**
 * Capture context: the interface / netns / node of the pasted tcpdump command (from
 * shell_commands, read again whenever non-tcpdump lines came in between), else the interface of
 * tcpdump's `listening on` line; `-i any` packets carry their own interface column.
 */
class CaptureTracker {
  private readonly sources = new Map<number, SourceCapture>();
  private readonly lastCommand: Statement;

  constructor(db: CaseDb) {
    this.lastCommand = db.prepare(
      'SELECT host, command FROM shell_commands WHERE source_id = ? AND line <= ? ORDER BY line DESC, segment DESC LIMIT 1',
    );
  }

  at(sourceId: number, startLine: number, endLine: number, agent: string): SourceCapture {
    let s = this.sources.get(sourceId);
    if (!s || startLine > s.lastLine + 1) {
      s = { lastLine: endLine, command: this.command(sourceId, startLine, agent), listeningOn: null };
      this.sources.set(sourceId, s);
    }
    s.lastLine = Math.max(s.lastLine, endLine);
    return s;
  }

  private command(sourceId: number, line: number, agent: string): CaptureContext | null {
    const row = this.lastCommand.get(sourceId, line) as { host: string | null; command: string } | undefined;
    const described = row ? describeCommand(row.command) : null;
    if (!described?.capture) return null;
    const pod = described.pod ?? (agent.startsWith('source:') ? null : agent);
    const netns = described.capture.netns ?? (pod ? `pod/${pod}` : null);
    return { node: row?.host ?? null, iface: described.capture.iface, netns, origin: 'command' };
  }
}

/** `-i any` packets name their interface; otherwise the command's `-i`, else `listening on`. */
function captureOf(s: SourceCapture, packet: TcpdumpPacket): CaptureContext {
  const iface = packet.link?.interface ?? s.command?.iface ?? s.listeningOn;
  if (s.command) return { ...s.command, iface };
  return { node: null, iface, netns: null, origin: s.listeningOn ? 'listening' : null };
}

export const tcpdumpWriter: RecordWriter = {
  kinds: ['tcpdump-packet', 'tcpdump-status', 'tcpdump-detail'],
  prepare(db) {
    const insertPacket = db.prepare(
      `INSERT INTO ${rowsTable('packets')} (${PACKET_COLUMNS.join(', ')}) VALUES (${PACKET_COLUMNS.map(() => '?').join(', ')})`,
    );
    const insertLine = db.prepare(
      `INSERT INTO ${rowsTable('packet_lines')} (source_id, line, segment, packet_line, packet_segment, kind, name, value, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertStatus = db.prepare(
      `INSERT INTO ${rowsTable('capture_status')} (source_id, line, segment, status, iface, link_type, count, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const tracker = new CaptureTracker(db);

    const writeLayer = (packet: TcpdumpPacket, layer: PacketLayers, outerId: number | null, c: CaptureContext, ctx: WriteContext): void => {
      const link = layer.link;
      const tcp = layer.tcp;
      const ts = packet.ts;
      const cksum = tcp?.cksum ?? layer.udp?.cksum ?? layer.icmp?.cksum;
      const icmp = layer.icmp ? (layer.icmp.mtu !== undefined ? `${layer.icmp.kind} mtu ${layer.icmp.mtu}` : layer.icmp.kind) : null;
      // The inner frame's row quotes nothing itself: its outer row holds the packet's text.
      const info = insertPacket.run(
        ctx.sourceId, packet.line, packet.segment, outerId, c.node, c.iface, c.netns, c.origin,
        ts?.printed ?? null, ts?.seconds ?? null, link?.interface ?? null, link?.direction ?? null,
        link?.src ?? null, link?.dst ?? null, layer.l3 ?? null, layer.src ?? null, layer.dst ?? null,
        layer.sport ?? null, layer.dport ?? null, layer.l4 ?? null, packetProtocol(layer),
        layer.ipv4?.ttl ?? layer.ipv6?.hlim ?? null, tcp?.flags ?? null, tcp?.seqAbsolute ?? null,
        tcp?.ackAbsolute ?? null, tcp?.mss ?? null, tcp?.length ?? layer.udp?.length ?? layer.icmp?.length ?? null,
        cksum?.state ?? null, icmp, tcp?.http?.firstLine ?? null, dnsSummary(layer), layer.encap?.printedAs ?? null,
        layer.encap?.vni ?? null, packet.note ?? null, detailJson(layer),
        outerId === null ? ctx.storedText(packet.line, packet.segment, packet.text) : '',
      );
      const inner = layer.encap?.inner;
      if (inner) writeLayer(packet, inner, Number(info.lastInsertRowid), c, ctx);
    };

    return ({ record, at }: LocatedRecord, ctx: WriteContext) => {
      const { sourceId, agent } = ctx;
      if (record.kind === 'tcpdump-packet') {
        const s = tracker.at(sourceId, record.line, at.line, agent);
        writeLayer(record, record, null, captureOf(s, record), ctx);
      } else if (record.kind === 'tcpdump-status') {
        const s = tracker.at(sourceId, at.line, at.line, agent);
        if (record.status === 'listening') s.listeningOn = record.iface ?? null;
        insertStatus.run(
          sourceId, at.line, at.segment, record.status, record.iface ?? null, record.linkType ?? null,
          record.count ?? null, ctx.storedText(at.line, at.segment, at.text),
        );
      } else if (record.kind === 'tcpdump-detail') {
        tracker.at(sourceId, at.line, at.line, agent);
        insertLine.run(
          sourceId, at.line, at.segment, record.packetLine, record.packetSegment, record.detail,
          record.name ?? null, record.value ?? null, ctx.storedText(at.line, at.segment, at.text),
        );
      }
    };
  },
};
