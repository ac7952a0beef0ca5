import type { HubbleEndpoint, HubbleFlow } from '../../types/hubble.js';
import type { LocatedRecord } from '../../types/records.js';
import { HUBBLE_FLOW_COLUMNS, type HubbleFlowColumn } from '../hubble-schema.js';
import { rowsTable } from '../schema.js';
import type { RecordWriter, WriteContext } from '../writer.js';

type Value = string | number | null;
type Getter = (f: HubbleFlow, ctx: WriteContext) => Value;

const bool = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);

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

const SIDE: Readonly<Record<string, (e: HubbleEndpoint) => Value>> = {
  ip: (e) => e.ip,
  port: (e) => e.port,
  identity: (e) => e.identity,
  identity_name: (e) => e.identityName,
  namespace: (e) => e.namespace,
  name: (e) => e.name,
  pod: (e) => e.pod,
  service: (e) => e.service,
};

const FLOW: Partial<Record<HubbleFlowColumn, Getter>> = {
  agent: (_f, ctx) => ctx.agent,
  form: (f) => f.form,
  time: (f) => f.time,
  iso_time: (f) => f.isoTime,
  day_seconds: (f) => f.daySeconds,
  node: (f) => f.node,
  verdict: (f) => f.verdict,
  policy_action: (f) => f.policyAction,
  event_type: (f) => f.eventType,
  event_subtype: (f) => f.eventSubType,
  obs_point: (f) => f.obsPoint,
  trace_reason: (f) => f.traceReason,
  is_reply: (f) => bool(f.isReply),
  traffic_direction: (f) => f.trafficDirection,
  policy_match: (f) => f.policyMatch,
  drop_code: (f) => f.dropCode,
  drop_reason: (f) => f.dropReason,
  drop_reason_name: (f) => f.dropReasonName,
  protocol: (f) => f.protocol,
  ip_version: (f) => f.ipVersion,
  tcp_flags: (f) => f.tcpFlags,
  icmp_type: (f) => f.icmpType,
  icmp_code: (f) => f.icmpCode,
  icmp_name: (f) => f.icmpName,
  encrypted: (f) => bool(f.encrypted),
  if_name: (f) => f.ifName,
  if_index: (f) => f.ifIndex,
  point: (f) => f.point,
  l7_protocol: (f) => f.l7?.protocol ?? null,
  l7_type: (f) => f.l7?.type ?? null,
  summary: (f) => f.summary,
  auth: (f) => f.auth,
  ip_trace_id: (f) => f.ipTraceId,
  proxy_port: (f) => f.proxyPort,
  uuid: (f) => f.uuid,
  flow_type: (f) => f.flowType,
  detail,
  note: (f) => f.note,
};

/** One getter per column, in the schema's order (`src_*` / `dst_*` read the flow's two sides). */
const GETTERS: readonly Getter[] = HUBBLE_FLOW_COLUMNS.map(([column]) => {
  const own = FLOW[column];
  if (own) return own;
  const side = SIDE[column.slice(4)];
  if (!side) throw new Error(`hubble_flows.${column} has no value`);
  return column.startsWith('src_') ? (f: HubbleFlow) => side(f.source) : (f: HubbleFlow) => side(f.destination);
});

export const hubbleWriter: RecordWriter = {
  kinds: ['hubble-flow', 'hubble-line', 'hubble-notice'],
  prepare(db) {
    const names = HUBBLE_FLOW_COLUMNS.map(([name]) => name);
    const insertFlow = db.prepare(
      `INSERT INTO ${rowsTable('hubble_flows')} (source_id, line, segment, ${names.join(', ')}, text)
       VALUES (?, ?, ?, ${names.map(() => '?').join(', ')}, ?)`,
    );
    const insertLine = db.prepare(
      `INSERT INTO ${rowsTable('hubble_lines')} (source_id, line, segment, type, block_line, block_segment, text) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertNotice = db.prepare(
      `INSERT INTO ${rowsTable('hubble_notices')} (source_id, line, segment, agent, type, form, time, node, name, cpu, count, nodes, message, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const values: Value[] = new Array<Value>(GETTERS.length + 4);
    return ({ record, at }: LocatedRecord, ctx: WriteContext) => {
      if (record.kind === 'hubble-flow') {
        values[0] = ctx.sourceId;
        values[1] = record.line;
        values[2] = record.segment;
        for (let i = 0; i < GETTERS.length; i++) values[i + 3] = GETTERS[i]!(record, ctx);
        values[GETTERS.length + 3] = ctx.storedText(record.line, record.segment, record.text);
        insertFlow.run(values);
      } else if (record.kind === 'hubble-line') {
        insertLine.run(
          ctx.sourceId, at.line, at.segment, record.type, record.blockLine, record.blockSegment, ctx.storedText(at.line, at.segment, at.text),
        );
      } else if (record.kind === 'hubble-notice') {
        insertNotice.run(
          ctx.sourceId, record.line, record.segment, ctx.agent, record.type, record.form, record.time, record.node,
          record.name, record.cpu, record.count, record.nodes ? JSON.stringify(record.nodes) : null, record.message,
          ctx.storedText(record.line, record.segment, record.text),
        );
      }
    };
  },
};
