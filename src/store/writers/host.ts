import { hostCommandContext } from '../../../grammars/shell.js';
import type { HostRecord } from '../../types/host.js';
import type { LocatedRecord } from '../../types/records.js';
import type { RecordWriter } from '../writer.js';
import { bool, inserts, json, type Row } from './kubernetes.js';

/** Record kind → its table and the values of that table's own columns (kubernetes-schema.ts order). */
const HOST_ROWS: { [K in HostRecord['kind']]: { table: string; values(r: Extract<HostRecord, { kind: K }>): Row } } = {
  'host-route': {
    table: 'host_routes',
    values: (r) => [r.family, r.type, r.dst, r.table, r.via, r.dev, r.src, r.proto, r.scope, r.metric, r.mtu],
  },
  'host-link': { table: 'host_links', values: (r) => [r.ifindex, r.name, r.peer, json(r.flags), r.mtu, r.state, r.master] },
  'host-link-detail': {
    table: 'host_link_details',
    values: (r) => [r.ifindex, r.name, r.mac, r.linkKind, r.vni, r.port, bool(r.external), r.address],
  },
  'host-rule': { table: 'host_rules', values: (r) => [r.priority, r.selector, r.table] },
};

interface CommandRow {
  line: number;
  host: string | null;
  command: string;
}

/** Stores host dump records with the pasted command that printed them (node, pod, network namespace). */
export const hostWriter: RecordWriter = {
  kinds: Object.keys(HOST_ROWS),
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
    return ({ record, at }: LocatedRecord, { sourceId, agent }) => {
      const r = record as HostRecord;
      const spec = HOST_ROWS[r.kind] as { table: string; values(r: HostRecord): Row };
      const cmd = lastCommand.get(sourceId, at.line, at.line, at.segment) as CommandRow | undefined;
      const context = cmd ? hostCommandContext(cmd.command) : null;
      stmts.get(spec.table)!.run(
        sourceId, at.line, at.segment, agent, cmd?.host ?? null, context?.pod ?? at.context.pod ?? null, context?.netns ?? null,
        cmd?.command ?? null, cmd?.line ?? null, ...spec.values(r), at.text,
      );
    };
  },
};
