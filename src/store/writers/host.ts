import { hostCommandContext } from '../../../grammars/shell.js';
import type { HostRecord, PingRtt } from '../../types/host.js';
import type { LocatedRecord } from '../../types/records.js';
import type { RecordWriter } from '../writer.js';
import { bool, inserts, json, type Row } from './kubernetes.js';

type RowRecord = Exclude<HostRecord, PingRtt>;

/** Record kind → its table and the values of that table's own columns (kubernetes-schema.ts order). */
const HOST_ROWS: { [K in RowRecord['kind']]: { table: string; values(r: Extract<RowRecord, { kind: K }>): Row } } = {
  'host-route': {
    table: 'host_routes',
    values: (r) => [r.family, r.type, r.dst, r.table, r.via, r.dev, r.src, r.proto, r.scope, r.metric, r.mtu],
  },
  'host-link': { table: 'host_links', values: (r) => [r.ifindex, r.name, r.peer, json(r.flags), r.mtu, r.state, r.master] },
  'host-link-detail': {
    table: 'host_link_details',
    values: (r) => [r.ifindex, r.name, r.mac, r.mtu, r.linkKind, r.vni, r.port, bool(r.external), r.address],
  },
  'host-rule': { table: 'host_rules', values: (r) => [r.priority, r.selector, r.table] },
  'host-neighbour': { table: 'host_neighbours', values: (r) => [r.address, r.mac, r.dev, r.state] },
  'ping-summary': {
    table: 'ping_summaries',
    values: (r) => [r.target, r.transmitted, r.received, r.errors, r.lossPercent, r.rtt?.min ?? null, r.rtt?.avg ?? null, r.rtt?.max ?? null, r.rtt?.mdev ?? null],
  },
  'http-status': { table: 'http_responses', values: (r) => [r.version, r.status, r.reason] },
};

interface CommandRow {
  line: number;
  host: string | null;
  command: string;
}

/** Stores host dump records with the pasted command that printed them (node, pod, network namespace). */
export const hostWriter: RecordWriter = {
  kinds: [...Object.keys(HOST_ROWS), 'ping-rtt'],
  prepare(db) {
    const stmts = inserts(
      db,
      Object.values(HOST_ROWS).map((r) => r.table),
      ['source_id', 'line', 'segment', 'agent', 'host', 'pod', 'netns', 'command', 'command_line'],
    );
    const lastCommand = db.prepare(
      `SELECT line, host, command FROM shell_commands
       WHERE source_id = ? AND (line < ? OR (line = ? AND segment < ?)) ORDER BY line DESC, segment DESC LIMIT 1`,
    );
    // The round-trip line completes the summary printed just before it in the same input.
    const pingRtt = db.prepare(
      `UPDATE ping_summaries SET rtt_min = ?, rtt_avg = ?, rtt_max = ?, rtt_mdev = ?
       WHERE id = (SELECT id FROM ping_summaries WHERE source_id = ? AND line BETWEEN ? AND ? AND received > 0 AND rtt_min IS NULL ORDER BY line DESC, id DESC LIMIT 1)`,
    );
    return ({ record, at }: LocatedRecord, { sourceId, agent }) => {
      const r = record as HostRecord;
      if (r.kind === 'ping-rtt') {
        pingRtt.run(r.rtt.min, r.rtt.avg, r.rtt.max, r.rtt.mdev, sourceId, at.line - 2, at.line);
        return;
      }
      const spec = HOST_ROWS[r.kind] as { table: string; values(r: RowRecord): Row };
      const cmd = lastCommand.get(sourceId, at.line, at.line, at.segment) as CommandRow | undefined;
      const context = cmd ? hostCommandContext(cmd.command) : null;
      stmts.get(spec.table)!.run(
        sourceId, at.line, at.segment, agent, cmd?.host ?? null, context?.pod ?? at.context.pod ?? null, context?.netns ?? null,
        cmd?.command ?? null, cmd?.line ?? null, ...spec.values(r), at.text,
      );
    };
  },
};
