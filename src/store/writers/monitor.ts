import type { Statement } from 'better-sqlite3';
import { emptyDissection, eventProtocol } from '../../../grammars/monitor-dissection.js';
import type { Dissection, LineRef, MonitorEvent, MonitorLine } from '../../types/monitor.js';
import type { CaseDb } from '../db.js';
import { MONITOR_EVENT_COLUMNS, type MonitorEventColumn } from '../monitor-schema.js';
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

function eventRow(e: MonitorEvent, ctx: WriteContext, runtimeTime: string | null): Row {
  const row: Row = {
    agent: ctx.agent,
    runtime_time: runtimeTime,
    capture_session: e.captureSession,
    type: e.type,
    form: e.form,
    cpu: e.cpu,
    mark: e.mark,
    source_ep: e.sourceEndpoint,
    dest_ep: e.destEndpoint,
    obs_point: e.obsPoint,
    trace_state: e.traceState,
    encrypted: bool(e.encrypted),
    src_identity: e.srcIdentity,
    src_identity_num: e.srcIdentityNum,
    dst_identity: e.dstIdentity,
    dst_identity_num: e.dstIdentityNum,
    ifname: e.ifname,
    ifindex: e.ifindex,
    orig_ip: e.origIp,
    proxy_port: e.proxyPort,
    length: e.length,
    captured_length: e.capturedLength,
    trace_id: e.traceId,
    summary: e.summary,
    drop_code: e.dropCode,
    drop_reason: e.dropReason,
    ext_error: e.extError,
    bpf_file: e.bpfFile,
    bpf_line: e.bpfLine,
    direction: e.direction,
    policy_action: e.action,
    policy_match: e.match,
    policy_auth: e.auth,
    ip_proto: e.ipProto,
    debug_code: e.debugCode,
    debug_name: e.debugName,
    ct_verdict: e.ctVerdict,
    mapped_ip: e.mappedIp,
    mapped_identity: e.mappedIdentity,
    l7_type: e.l7Type,
    l7_protocol: e.l7Protocol,
    verdict: e.verdict,
    subtype: e.subtype,
    message: e.message,
    details: e.details ? JSON.stringify(e.details) : null,
    lost_count: e.lostCount,
    truncated: 0,
    ...(e.dissection ? dissectionRow(e.dissection) : {}),
  };
  // The event line's own tuple wins over its dissection's (they agree unless NAT happened in between).
  row.src_ip = e.srcIp ?? row.src_ip ?? null;
  row.src_port = e.srcPort ?? row.src_port ?? null;
  row.dst_ip = e.dstIp ?? row.dst_ip ?? null;
  row.dst_port = e.dstPort ?? row.dst_port ?? null;
  row.protocol = e.protocol ?? row.protocol ?? null;
  row.tcp_flags = e.tcpFlags ?? row.tcp_flags ?? null;
  row.icmp_type = e.icmpType ?? row.icmp_type ?? null;
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
    const insertEvent = (head: readonly number[], row: Row, text: string): number => {
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
          `INSERT INTO monitor_events (source_id, line, segment, ${key}, text) VALUES (${values.map(() => '?').join(', ')})`,
        );
        statements.set(key, statement);
      }
      return Number(statement.run(...values).lastInsertRowid);
    };
    const insertLine = db.prepare(
      'INSERT INTO monitor_lines (source_id, line, segment, event_id, type, layer, fields, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const linkLine = db.prepare('UPDATE monitor_lines SET event_id = ? WHERE id = ?');
    const updateDissection = db.prepare(
      `UPDATE monitor_events SET ${DISSECTION_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
    );
    const setTraceId = db.prepare('UPDATE monitor_events SET trace_id = ? WHERE id = ?');
    const events = new RecentRows();
    const pendingLines = new RecentRows();

    const writeEvent = (e: MonitorEvent, at: LineRef & { text: string; context: { time?: string } }, ctx: WriteContext): void => {
      const id = insertEvent([ctx.sourceId, at.line, at.segment], eventRow(e, ctx, at.context.time ?? null), at.text);
      if (e.form === 'verbose' || e.type === 'recorder') events.set(at, id);
      for (const ref of e.adopts) {
        const lineId = pendingLines.get(ref);
        if (lineId !== undefined) linkLine.run(id, lineId);
      }
    };

    const writeLine = (l: MonitorLine, at: LineRef & { text: string }, ctx: WriteContext): void => {
      const eventId = l.eventAt ? (events.get(l.eventAt) ?? null) : null;
      const info = insertLine.run(
        ctx.sourceId, at.line, at.segment, eventId, l.type, l.layer, l.fields ? JSON.stringify(l.fields) : null, at.text,
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
