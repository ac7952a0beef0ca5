import type { Statement } from 'better-sqlite3';
import { emptyDissection, eventProtocol } from '../../../grammars/monitor-dissection.js';
import { MONITOR_EVENT_FIELDS, type Dissection, type LineRef, type MonitorEvent, type MonitorLine } from '../../types/monitor.js';
import type { CaseDb } from '../db.js';
import { MONITOR_EVENT_COLUMNS, type MonitorEventColumn } from '../monitor-schema.js';
import { rowsTable } from '../schema.js';
import type { RecordWriter, WriteContext } from '../writer.js';

type Row = Partial<Record<MonitorEventColumn, string | number | null>>;

const bool = (b: boolean): number => (b ? 1 : 0);

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
    truncated: bool(d.truncated),
    decode_error: d.decodeError,
  };
}

const DISSECTION_COLUMNS = Object.keys(dissectionRow(emptyDissection())) as MonitorEventColumn[];

const EVENT_FIELDS = Object.entries(MONITOR_EVENT_FIELDS) as [keyof typeof MONITOR_EVENT_FIELDS, { column: MonitorEventColumn }][];

/** A field's value as stored: flags as 0/1, structured values as JSON. */
function stored(value: MonitorEvent[keyof typeof MONITOR_EVENT_FIELDS]): string | number | null {
  if (typeof value === 'boolean') return bool(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

function eventRow(e: MonitorEvent, ctx: WriteContext, runtimeTime: string | null): Row {
  const row: Row = { agent: ctx.agent, runtime_time: runtimeTime };
  for (const [field, { column }] of EVENT_FIELDS) row[column] = stored(e[field]);
  if (e.dissection) {
    // The event line's own tuple wins over its dissection's (they agree unless NAT happened in between).
    for (const [column, value] of Object.entries(dissectionRow(e.dissection)) as [MonitorEventColumn, string | number | null][]) {
      row[column] ??= value;
    }
  }
  row.truncated ??= 0;
  return row;
}

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
  prepare(db: CaseDb) {
    // Rows are sparse (a debug line fills a dozen of ~80 columns): binding only the filled ones
    // with one statement per column set is ~3× faster than binding every column.
    const statements = new Map<string, Statement>();
    const insertEvent = (head: readonly number[], row: Row, text: string | null): number => {
      const names: string[] = [];
      const values: unknown[] = [...head];
      for (const [name] of MONITOR_EVENT_COLUMNS) {
        const v = row[name];
        if (v === null || v === undefined) continue;
        names.push(name);
        values.push(v);
      }
      values.push(text);
      const key = names.join(',');
      let statement = statements.get(key);
      if (!statement) {
        statement = db.prepare(
          `INSERT INTO ${rowsTable('monitor_events')} (source_id, line, segment, ${key}, text) VALUES (${values.map(() => '?').join(', ')})`,
        );
        statements.set(key, statement);
      }
      return Number(statement.run(...values).lastInsertRowid);
    };
    const insertLine = db.prepare(
      `INSERT INTO ${rowsTable('monitor_lines')} (source_id, line, segment, event_id, type, layer, fields, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const linkLine = db.prepare(`UPDATE ${rowsTable('monitor_lines')} SET event_id = ? WHERE id = ?`);
    const updateDissection = db.prepare(
      `UPDATE ${rowsTable('monitor_events')} SET ${DISSECTION_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
    );
    const setTraceId = db.prepare(`UPDATE ${rowsTable('monitor_events')} SET trace_id = ? WHERE id = ?`);
    const events = new RecentRows();
    const pendingLines = new RecentRows();

    const writeEvent = (e: MonitorEvent, at: LineRef & { text: string; context: { time?: string } }, ctx: WriteContext): void => {
      const id = insertEvent([ctx.sourceId, at.line, at.segment], eventRow(e, ctx, at.context.time ?? null), ctx.storedText(at.line, at.segment, at.text));
      if (e.form === 'verbose' || e.type === 'recorder') events.set(at, id);
      for (const ref of e.adopts) {
        const lineId = pendingLines.get(ref);
        if (lineId !== undefined) linkLine.run(id, lineId);
      }
    };

    const writeLine = (l: MonitorLine, at: LineRef & { text: string }, ctx: WriteContext): void => {
      const eventId = l.eventAt ? (events.get(l.eventAt) ?? null) : null;
      const info = insertLine.run(
        ctx.sourceId, at.line, at.segment, eventId, l.type, l.layer, l.fields ? JSON.stringify(l.fields) : null,
        ctx.storedText(at.line, at.segment, at.text),
      );
      if (eventId !== null && l.dissection) {
        const row = dissectionRow(l.dissection);
        updateDissection.run(...DISSECTION_COLUMNS.map((c) => row[c] ?? null), eventId);
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
