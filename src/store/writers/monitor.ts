import { eventProtocol } from '../../../grammars/monitor-dissection.js';
import type { Dissection, LineRef, MonitorEvent, MonitorLine } from '../../types/monitor.js';
import type { CaseDb } from '../db.js';
import { MONITOR_DISSECTION_COLUMNS, type MonitorEventColumn } from '../monitor-schema.js';
import { lazyMonitorLineValues, lazyMonitorValues } from '../monitor-values.js';
import { rowsTable } from '../schema.js';
import { nextRowId } from '../row-ids.js';
import { Interned, type RecordWriter, type WriteContext } from '../writer.js';

type Row = Partial<Record<MonitorEventColumn, string | number | null>>;

/** Columns filled from a dissection (verbose headers carry no tuple of their own). */
function dissectionRow(d: Dissection): Row {
  return {
    src_ip: d.srcIp,
    src_port: d.srcPort,
    dst_ip: d.dstIp,
    dst_port: d.dstPort,
    protocol: d.protocol ? eventProtocol(d.protocol) : null,
    tcp_flags: d.tcpFlags,
    icmp_type: d.icmpType,
    layers: d.layers.join(' '),
    src_mac: d.srcMac,
    dst_mac: d.dstMac,
    ether_type: d.etherType,
    ttl: d.ttl,
    ip_id: d.ipId,
    ip_flags: d.ipFlags,
    ip_length: d.ipLength,
    tcp_seq: d.tcpSeq,
    tcp_ack: d.tcpAck,
    tcp_window: d.tcpWindow,
    icmp_id: d.icmpId,
    icmp_seq: d.icmpSeq,
    udp_length: d.udpLength,
    tunnel_protocol: d.tunnel?.protocol ?? null,
    tunnel_src_ip: d.tunnel?.srcIp ?? null,
    tunnel_dst_ip: d.tunnel?.dstIp ?? null,
    vni: d.tunnel?.vni ?? null,
    truncated: d.truncated ? 1 : 0,
    decode_error: d.decodeError,
  };
}

const DISSECTION_COLUMNS = MONITOR_DISSECTION_COLUMNS as readonly MonitorEventColumn[];

/** Recently written rows of the current source, by line: bounded, a block never spans more. */
class RecentRows {
  private sourceId = -1;
  private readonly rows = new Map<string, number>();

  reset(sourceId: number): void {
    if (sourceId === this.sourceId) return;
    this.sourceId = sourceId;
    this.rows.clear();
  }

  set(at: LineRef, rowid: number): void {
    if (this.rows.size >= 256) this.rows.clear();
    this.rows.set(`${at.line}:${at.segment}`, rowid);
  }

  get(at: LineRef): number | undefined {
    return this.rows.get(`${at.line}:${at.segment}`);
  }
}

export const monitorWriter: RecordWriter = {
  kinds: ['monitor-event', 'monitor-line'],
  prepare(db: CaseDb, _shapes, batches) {
    const names = new Interned(db, 'names', 'name', 10_000);
    // Events are inserted in batches, so the writer numbers them (lines and dissections point at them).
    const insertEvent = batches.create(rowsTable('monitor_events'), [
      'id', 'source_id', 'line', 'segment', 'agent_id', 'capture_session', 'type_id', 'record', 'text',
    ]);
    let nextEventId = nextRowId(db, rowsTable('monitor_events'));
    const insertLine = db.prepare(
      `INSERT INTO ${rowsTable('monitor_lines')} (source_id, line, segment, event_id, type_id, record, text) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const linkLine = db.prepare(`UPDATE ${rowsTable('monitor_lines')} SET event_id = ? WHERE id = ?`);
    const setDissection = db.prepare(
      `INSERT OR REPLACE INTO monitor_dissections (event_id, ${DISSECTION_COLUMNS.join(', ')}, trace_id)
       VALUES (?, ${DISSECTION_COLUMNS.map(() => '?').join(', ')}, (SELECT trace_id FROM monitor_dissections WHERE event_id = ?))`,
    );
    const setTraceId = db.prepare('UPDATE monitor_dissections SET trace_id = ? WHERE event_id = ?');
    const events = new RecentRows();
    const pendingLines = new RecentRows();

    const writeDissection = (eventId: number, d: Dissection): void => {
      const row = dissectionRow(d);
      setDissection.run(eventId, ...DISSECTION_COLUMNS.map((c) => row[c] ?? null), eventId);
    };

    const writeEvent = (e: MonitorEvent, at: LineRef & { text: string; context: { time?: string } }, ctx: WriteContext): void => {
      const text = ctx.storedText(at.line, at.segment, at.text);
      const record = text === null ? null : JSON.stringify(lazyMonitorValues(e, at.context.time ?? null));
      const id = nextEventId++;
      insertEvent.add(id, ctx.sourceId, at.line, at.segment, names.id(ctx.agent), e.captureSession, names.id(e.type), record, text);
      if (e.dissection) writeDissection(id, e.dissection);
      if (e.form === 'verbose' || e.type === 'recorder') events.set(at, id);
      for (const ref of e.adopts) {
        const lineId = pendingLines.get(ref);
        if (lineId !== undefined) linkLine.run(id, lineId);
      }
    };

    const writeLine = (l: MonitorLine, at: LineRef & { text: string }, ctx: WriteContext): void => {
      const eventId = l.eventAt ? (events.get(l.eventAt) ?? null) : null;
      const text = ctx.storedText(at.line, at.segment, at.text);
      const record = text === null ? null : JSON.stringify(lazyMonitorLineValues(l.layer, l.fields));
      const info = insertLine.run(ctx.sourceId, at.line, at.segment, eventId, names.id(l.type), record, text);
      if (eventId !== null && l.dissection) {
        writeDissection(eventId, l.dissection);
        // Newest releases glue the header's ` [ IP-TRACE-ID=N` to its first layer line.
        const traceId = l.fields?.['IP-TRACE-ID'];
        if (traceId !== undefined) setTraceId.run(traceId, eventId);
      } else if (!l.eventAt && (l.type === 'layer' || l.type === 'trailer' || l.type === 'hexdump')) {
        pendingLines.set(at, Number(info.lastInsertRowid));
      }
    };

    return ({ record, at }, ctx) => {
      events.reset(ctx.sourceId);
      pendingLines.reset(ctx.sourceId);
      if (record.kind === 'monitor-event') writeEvent(record, at, ctx);
      else if (record.kind === 'monitor-line') writeLine(record, at, ctx);
    };
  },
};
