import type { Statement } from 'better-sqlite3';
import type { KubernetesRecord, KubernetesRecordKind } from '../../types/kubernetes.js';
import type { LocatedRecord } from '../../types/records.js';
import type { CaseDb } from '../db.js';
import { rowColumns } from '../kubernetes-schema.js';
import type { RecordWriter } from '../writer.js';

export type Row = readonly unknown[];
export const json = (v: unknown): string => JSON.stringify(v);
export const bool = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);

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

/** One prepared insert per table: the leading columns, the table's own columns, then `text`. */
export function inserts(db: CaseDb, tables: Iterable<string>, leading: readonly string[]): Map<string, Statement> {
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
