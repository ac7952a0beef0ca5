import type { HubbleEndpoint, HubbleFlow } from '../../types/hubble.js';
import type { LocatedRecord } from '../../types/records.js';
import { HUBBLE_FLOW_COLUMNS, type HubbleFlowColumn } from '../hubble-schema.js';
import type { RecordWriter, WriteContext } from '../writer.js';

type Row = Record<HubbleFlowColumn, string | number | null>;

const bool = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);

function side(prefix: 'src' | 'dst', e: HubbleEndpoint): Partial<Row> {
  return {
    [`${prefix}_ip`]: e.ip,
    [`${prefix}_port`]: e.port,
    [`${prefix}_identity`]: e.identity,
    [`${prefix}_identity_name`]: e.identityName,
    [`${prefix}_namespace`]: e.namespace,
    [`${prefix}_name`]: e.name,
    [`${prefix}_pod`]: e.pod,
    [`${prefix}_service`]: e.service,
  };
}

/** What has no column of its own; undefined members drop out of the JSON. */
function detail(f: HubbleFlow): string {
  const extra = (e: HubbleEndpoint): Record<string, unknown> => ({
    labels: e.labels ?? undefined,
    workloads: e.workloads ?? undefined,
    dnsNames: e.dnsNames ?? undefined,
    cluster: e.cluster ?? undefined,
    endpointId: e.endpointId ?? undefined,
    mac: e.mac ?? undefined,
  });
  return JSON.stringify({ source: extra(f.source), destination: extra(f.destination), policies: f.policies ?? undefined, l7: f.l7 ?? undefined });
}

function flowRow(f: HubbleFlow, ctx: WriteContext): Row {
  return {
    agent: ctx.agent, form: f.form, time: f.time, iso_time: f.isoTime, day_seconds: f.daySeconds, node: f.node,
    verdict: f.verdict, policy_action: f.policyAction, event_type: f.eventType, event_subtype: f.eventSubType,
    obs_point: f.obsPoint, trace_reason: f.traceReason, is_reply: bool(f.isReply), traffic_direction: f.trafficDirection,
    policy_match: f.policyMatch, drop_code: f.dropCode, drop_reason: f.dropReason, drop_reason_name: f.dropReasonName,
    protocol: f.protocol, ip_version: f.ipVersion, ...side('src', f.source), ...side('dst', f.destination),
    tcp_flags: f.tcpFlags, icmp_type: f.icmpType, icmp_code: f.icmpCode, icmp_name: f.icmpName, encrypted: bool(f.encrypted),
    if_name: f.ifName, if_index: f.ifIndex, point: f.point, l7_protocol: f.l7?.protocol ?? null, l7_type: f.l7?.type ?? null,
    summary: f.summary, auth: f.auth, ip_trace_id: f.ipTraceId, proxy_port: f.proxyPort, uuid: f.uuid, flow_type: f.flowType,
    detail: detail(f), note: f.note,
  } as Row;
}

export const hubbleWriter: RecordWriter = {
  kinds: ['hubble-flow', 'hubble-line', 'hubble-notice'],
  prepare(db) {
    const names = HUBBLE_FLOW_COLUMNS.map(([name]) => name);
    const insertFlow = db.prepare(
      `INSERT INTO hubble_flows (source_id, line, segment, ${names.join(', ')}, text)
       VALUES (?, ?, ?, ${names.map(() => '?').join(', ')}, ?)`,
    );
    const insertLine = db.prepare(
      'INSERT INTO hubble_lines (source_id, line, segment, type, block_line, block_segment, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertNotice = db.prepare(
      `INSERT INTO hubble_notices (source_id, line, segment, agent, type, form, time, node, name, cpu, count, nodes, message, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return ({ record, at }: LocatedRecord, ctx: WriteContext) => {
      if (record.kind === 'hubble-flow') {
        const row = flowRow(record, ctx);
        insertFlow.run(ctx.sourceId, record.line, record.segment, ...names.map((n) => row[n]), record.text);
      } else if (record.kind === 'hubble-line') {
        insertLine.run(ctx.sourceId, at.line, at.segment, record.type, record.blockLine, record.blockSegment, at.text);
      } else if (record.kind === 'hubble-notice') {
        insertNotice.run(
          ctx.sourceId, record.line, record.segment, ctx.agent, record.type, record.form, record.time, record.node,
          record.name, record.cpu, record.count, record.nodes ? JSON.stringify(record.nodes) : null, record.message, record.text,
        );
      }
    };
  },
};
