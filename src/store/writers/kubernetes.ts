import type { Statement } from 'better-sqlite3';
import { hostCommandContext } from '../../knowledge/commands.js';
import type { HostRecord } from '../../types/host.js';
import type { KubernetesRecord, KubernetesRecordKind } from '../../types/kubernetes.js';
import type { LocatedRecord } from '../../types/records.js';
import type { CaseDb } from '../db.js';
import { rowColumns } from '../kubernetes-schema.js';
import type { RecordWriter } from '../writer.js';

type Row = readonly unknown[];
const json = (v: unknown): string => JSON.stringify(v);
const bool = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);

/** Record kind → its table and the values of that table's own columns (kubernetes-schema.ts order). */
const KUBE_ROWS: { [K in KubernetesRecordKind]: { table: string; values(r: Extract<KubernetesRecord, { kind: K }>): Row } } = {
  'kube-table': { table: 'kube_tables', values: (r) => [r.resource, json(r.columns)] },
  'kube-pod': {
    table: 'kube_pods',
    values: (r) => [r.namespace, r.name, r.node, json(r.ips), bool(r.hostNetwork), r.phase, r.ready, r.restarts, json(r.containers), json(r.labels)],
  },
  'kube-node': {
    table: 'kube_nodes',
    values: (r) => [
      r.object, r.name, r.status, json(r.internalIPs), json(r.externalIPs), r.ciliumInternalIP, r.healthIP, json(r.podCIDRs),
      r.kernelVersion, r.osImage, r.containerRuntime, r.kubeletVersion,
    ],
  },
  'kube-service': {
    table: 'kube_services',
    values: (r) => [r.namespace, r.name, r.type, json(r.clusterIPs), json(r.externalIPs), json(r.ports), r.externalTrafficPolicy, bool(r.l7LoadBalancer)],
  },
  'kube-endpoints': { table: 'kube_endpoints', values: (r) => [r.namespace, r.service, json(r.addresses), json(r.ports)] },
  'kube-cilium-endpoint': {
    table: 'kube_cilium_endpoints',
    values: (r) => [r.namespace, r.name, r.endpointId, r.identity, r.state, r.ipv4, r.ipv6, r.node],
  },
  'kube-event': { table: 'kube_events', values: (r) => [r.namespace, r.object, r.type, r.reason, r.message, r.count] },
  'config-value': { table: 'config_values', values: (r) => [r.origin, r.flag, r.value, r.helmKey, r.chartVersion] },
};

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

function inserts(db: CaseDb, tables: Iterable<string>, leading: readonly string[]): Map<string, Statement> {
  const out = new Map<string, Statement>();
  for (const table of new Set(tables)) {
    const cols = [...leading, ...rowColumns(table), 'text'];
    out.set(table, db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`));
  }
  return out;
}

/** Stores Kubernetes records at the line each fact was printed on (`at` of a buffered document). */
export const kubernetesWriter: RecordWriter = {
  kinds: Object.keys(KUBE_ROWS),
  prepare(db) {
    const stmts = inserts(db, Object.values(KUBE_ROWS).map((r) => r.table), ['source_id', 'line', 'segment']);
    return ({ record, at }: LocatedRecord, { sourceId }) => {
      const r = record as KubernetesRecord;
      const spec = KUBE_ROWS[r.kind] as { table: string; values(r: KubernetesRecord): Row };
      const ref = r.at ?? at;
      stmts.get(spec.table)!.run(sourceId, ref.line, ref.segment, ...spec.values(r), ref.text);
    };
  },
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
