import type { Statement } from 'better-sqlite3';
import { describeCommand } from '../../../grammars/shell.js';
import type { LocatedRecord } from '../../types/records.js';
import type { CaptureContext, PacketLayers, TcpdumpPacket } from '../../types/tcpdump.js';
import type { CaseDb } from '../db.js';
import { packetProtocol } from '../packet-values.js';
import { rowsTable } from '../schema.js';
import { PACKET_PROTOCOLS } from '../tcpdump-schema.js';
import { nextRowId } from '../row-ids.js';
import type { RecordWriter, WriteContext } from '../writer.js';

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

/** Interns capture contexts in `packet_captures`: a capture is one row, not four strings on each packet. */
export class CaptureIds {
  private readonly ids = new Map<string, number>();
  private readonly insert: Statement;

  constructor(db: CaseDb) {
    this.insert = db.prepare('INSERT INTO packet_captures (node, iface, netns, origin) VALUES (?, ?, ?, ?)');
  }

  id(c: CaptureContext): number {
    const key = `${c.node}\u0000${c.iface}\u0000${c.netns}\u0000${c.origin}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = Number(this.insert.run(c.node, c.iface, c.netns, c.origin).lastInsertRowid);
      this.ids.set(key, id);
    }
    return id;
  }
}

export const tcpdumpWriter: RecordWriter = {
  kinds: ['tcpdump-packet', 'tcpdump-status', 'tcpdump-detail'],
  prepare(db, _shapes, batches) {
    // Packets are inserted in batches, so the writer numbers them (inner frames point at their outer one).
    const insertPacket = batches.create(rowsTable('packets'), [
      'id', 'source_id', 'line', 'segment', 'outer_id', 'depth', 'capture_id', 'protocol', 'seq_abs', 'ack_abs', 'note', 'text',
    ]);
    let nextPacketId = nextRowId(db, rowsTable('packets'));
    // Detail lines (HTTP headers, hex dumps) can be as many as the packets: batched too.
    const insertLine = batches.create(rowsTable('packet_lines'), [
      'source_id', 'line', 'segment', 'packet_line', 'packet_segment', 'kind', 'name', 'value', 'text',
    ]);
    const insertStatus = db.prepare(
      `INSERT INTO ${rowsTable('capture_status')} (source_id, line, segment, status, iface, link_type, count, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const tracker = new CaptureTracker(db);
    const captures = new CaptureIds(db);

    /** `text`: the packet's text as stored (null: its line is its text); inner frames keep none. */
    const writeFrame = (packet: TcpdumpPacket, layer: PacketLayers, outerId: number | null, depth: number, captureId: number, text: string | null, ctx: WriteContext): void => {
      const tcp = layer.tcp;
      const id = nextPacketId++;
      insertPacket.add(
        id, ctx.sourceId, packet.line, packet.segment, outerId, depth, captureId, PACKET_PROTOCOLS.indexOf(packetProtocol(layer)), tcp?.seqAbsolute ?? null,
        tcp?.ackAbsolute ?? null,
        packet.note ?? null, text,
      );
      const inner = layer.encap?.inner;
      if (inner) writeFrame(packet, inner, id, depth + 1, captureId, null, ctx);
    };

    return ({ record, at }: LocatedRecord, ctx: WriteContext) => {
      const { sourceId, agent } = ctx;
      if (record.kind === 'tcpdump-packet') {
        const s = tracker.at(sourceId, record.line, at.line, agent);
        const text = ctx.storedText(record.line, record.segment, record.text);
        writeFrame(record, record, null, 0, captures.id(captureOf(s, record)), text, ctx);
      } else if (record.kind === 'tcpdump-status') {        const s = tracker.at(sourceId, at.line, at.line, agent);
        if (record.status === 'listening') s.listeningOn = record.iface ?? null;
        insertStatus.run(
          sourceId, at.line, at.segment, record.status, record.iface ?? null, record.linkType ?? null,
          record.count ?? null, ctx.storedText(at.line, at.segment, at.text),
        );
      } else if (record.kind === 'tcpdump-detail') {
        tracker.at(sourceId, at.line, at.line, agent);
        insertLine.add(
          sourceId, at.line, at.segment, record.packetLine, record.packetSegment, record.detail,
          record.name ?? null, record.value ?? null, ctx.storedText(at.line, at.segment, at.text),
        );
      }
    };
  },
};
