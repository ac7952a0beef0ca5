/**
 * Tables of the `cilium status` family (status.md). Every row keeps its block (the command output
 * it was printed in), the agent key, and the line it was read from, so findings can quote it.
 */
import { LINE_ROW_KEY } from './line-row.js';

/** Columns every status row carries before its own. */
const ROW = `id INTEGER PRIMARY KEY, block_id INTEGER NOT NULL, source_id INTEGER NOT NULL, line INTEGER NOT NULL,
  segment INTEGER NOT NULL, agent TEXT NOT NULL`;

/** Table name → its own columns (SQL), in insert order. */
export const STATUS_ROW_TABLES: Readonly<Record<string, readonly string[]>> = {
  status_fields: ['section TEXT NOT NULL', 'label TEXT NOT NULL', 'value TEXT NOT NULL', 'detail TEXT', 'note TEXT'],
  status_controllers: ['name TEXT NOT NULL', 'last_success TEXT', 'last_error TEXT', 'count INTEGER NOT NULL', 'message TEXT'],
  status_addresses: ['ip TEXT NOT NULL', 'owner TEXT NOT NULL'],
  status_maps: ['name TEXT NOT NULL', 'size INTEGER NOT NULL'],
  status_redirects: ['protocol TEXT NOT NULL', 'name TEXT NOT NULL', 'port INTEGER NOT NULL'],
  status_health_nodes: ['name TEXT NOT NULL', 'localhost INTEGER NOT NULL', 'ips TEXT NOT NULL', 'node_status TEXT', 'endpoints_status TEXT'],
  status_health_probes: [
    'node TEXT NOT NULL', 'localhost INTEGER NOT NULL', 'path TEXT NOT NULL', 'ip TEXT', 'protocol TEXT NOT NULL',
    'ok INTEGER NOT NULL', 'rtt TEXT', 'rtt_us REAL', 'result TEXT NOT NULL',
  ],
  status_modules: ['depth INTEGER NOT NULL', 'name TEXT NOT NULL', 'level TEXT', 'message TEXT'],
  cli_components: ['name TEXT NOT NULL', 'summary TEXT NOT NULL'],
  cli_workloads: ['workload TEXT NOT NULL', 'name TEXT NOT NULL', 'desired INTEGER', 'ready INTEGER', 'available INTEGER', 'unavailable INTEGER'],
  cli_containers: ['name TEXT NOT NULL', 'phases TEXT NOT NULL'],
  cli_images: ['name TEXT NOT NULL', 'image TEXT NOT NULL', 'version TEXT', 'count INTEGER NOT NULL'],
  cli_messages: ['severity TEXT NOT NULL', 'workload TEXT', 'pod TEXT', 'message TEXT NOT NULL'],
  list_nodes: ['name TEXT NOT NULL', 'ipv4 TEXT', 'ipv4_cidr TEXT', 'ipv6 TEXT', 'ipv6_cidr TEXT', 'node_source TEXT'],
  list_endpoints: [
    'endpoint_id INTEGER NOT NULL', 'policy_ingress TEXT NOT NULL', 'policy_egress TEXT NOT NULL', 'identity INTEGER',
    'ipv4 TEXT', 'ipv6 TEXT', 'status TEXT NOT NULL',
  ],
  list_labels: ['list TEXT NOT NULL', 'owner TEXT NOT NULL', 'label TEXT NOT NULL'],
  list_services: ['service_id INTEGER NOT NULL', 'frontend TEXT NOT NULL', 'type TEXT NOT NULL', 'remote INTEGER NOT NULL'],
  list_service_backends: [
    'service_id INTEGER NOT NULL', 'backend_index INTEGER NOT NULL', 'address TEXT NOT NULL', 'state TEXT', 'preferred INTEGER NOT NULL',
  ],
  list_policy: [
    'endpoint_id INTEGER', 'verdict TEXT', 'direction TEXT NOT NULL', 'peer TEXT NOT NULL', 'port TEXT NOT NULL', 'proxy_port INTEGER', 'auth_type TEXT',
    'bytes INTEGER', 'packets INTEGER', 'prefix_length INTEGER',
  ],
  list_lb: ['frontend TEXT NOT NULL', 'slot INTEGER', 'backend TEXT', 'rev_nat INTEGER', 'flags TEXT NOT NULL', 'value TEXT NOT NULL'],
  list_ipcache: [
    'prefix TEXT NOT NULL', 'identity INTEGER NOT NULL', 'encrypt_key INTEGER', 'tunnel_endpoint TEXT', 'node_id INTEGER', 'flags TEXT',
  ],
  list_tunnel: ['prefix TEXT NOT NULL', 'endpoint TEXT NOT NULL', 'encrypt_key INTEGER', 'node_id INTEGER'],
  list_identities: ['identity INTEGER NOT NULL', 'label TEXT NOT NULL', 'refcount INTEGER'],
  list_ips: ['cidr TEXT NOT NULL', 'identity TEXT NOT NULL', 'ip_source TEXT'],
  cli_config: ['name TEXT NOT NULL', 'value TEXT NOT NULL', 'read_only INTEGER NOT NULL', 'parent TEXT'],
  cli_clustermesh: [
    'row TEXT NOT NULL', 'cluster TEXT', 'pod TEXT', 'configured INTEGER', 'connected INTEGER', 'total INTEGER', 'kvstoremesh TEXT', 'message TEXT',
  ],
  cli_versions: ['component TEXT NOT NULL', 'version TEXT', 'revision TEXT'],
  list_nat: [
    'proto TEXT NOT NULL', 'dir TEXT NOT NULL', 'src TEXT NOT NULL', 'dst TEXT NOT NULL', 'xlate TEXT NOT NULL', 'to_addr TEXT NOT NULL',
    'created_sec_ago INTEGER', 'host_local INTEGER', 'needs_ct INTEGER',
  ],
  cli_connectivity: ['row TEXT NOT NULL', 'name TEXT', 'ok INTEGER', 'counts TEXT', 'message TEXT NOT NULL'],
  list_endpoint_log: ['time TEXT', 'status TEXT NOT NULL', 'state TEXT NOT NULL', 'message TEXT NOT NULL'],
  list_maps: ['name TEXT NOT NULL', 'entries INTEGER NOT NULL', 'errors INTEGER NOT NULL', 'cache INTEGER NOT NULL'],
};

export const STATUS_TABLES = `
CREATE TABLE status_blocks (
  ${LINE_ROW_KEY},
  agent TEXT NOT NULL, kind TEXT NOT NULL, command TEXT, command_line INTEGER, tool TEXT, pod TEXT, host TEXT,
  text TEXT NOT NULL);
${Object.entries(STATUS_ROW_TABLES)
  .map(([name, cols]) => `CREATE TABLE ${name} (\n  ${ROW},\n  ${cols.join(', ')}, text TEXT NOT NULL);`)
  .join('\n')}
CREATE TABLE ct_summary (
  block_id INTEGER NOT NULL, source_id INTEGER NOT NULL, line INTEGER NOT NULL, segment INTEGER NOT NULL,
  agent TEXT NOT NULL, proto TEXT NOT NULL, dir TEXT NOT NULL, entries INTEGER NOT NULL,
  service_entries INTEGER NOT NULL, closing INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (block_id, proto, dir));
`;

/** Status tables that keep line text, for evidence lookups. */
export const STATUS_EVIDENCE_TABLES: readonly string[] = ['status_blocks', ...Object.keys(STATUS_ROW_TABLES), 'ct_summary'];

/** The column names (without types) of a status row table. */
export function statusColumns(table: string): string[] {
  return (STATUS_ROW_TABLES[table] ?? []).map((c) => c.split(' ')[0]!);
}
