/**
 * Tables of the Kubernetes family (kubectl tables, objects, describe, the requested configuration)
 * and of host command dumps. Every row keeps the line it was read from (`line`, `text`); host rows
 * also the pasted command that printed them (prompt host, exec'd pod, network namespace).
 */
import { LINE_ROW_KEY } from './line-row.js';

const ROW = LINE_ROW_KEY;
const HOST_ROW = `${ROW}, agent TEXT NOT NULL, host TEXT, pod TEXT, netns TEXT, command TEXT, command_line INTEGER`;

/** Table name → its own columns (SQL), in insert order. */
export const KUBERNETES_ROW_TABLES: Readonly<Record<string, readonly string[]>> = {
  kube_tables: ['resource TEXT NOT NULL', 'columns TEXT NOT NULL'],
  kube_pods: [
    'namespace TEXT', 'name TEXT NOT NULL', 'node TEXT', 'ips TEXT NOT NULL', 'host_network INTEGER', 'phase TEXT', 'ready TEXT',
    'restarts INTEGER', 'containers TEXT NOT NULL', 'labels TEXT NOT NULL',
  ],
  kube_nodes: [
    'object TEXT NOT NULL', 'name TEXT NOT NULL', 'status TEXT', 'internal_ips TEXT NOT NULL', 'external_ips TEXT NOT NULL',
    'cilium_internal_ip TEXT', 'health_ip TEXT', 'pod_cidrs TEXT NOT NULL', 'kernel_version TEXT', 'os_image TEXT',
    'container_runtime TEXT', 'kubelet_version TEXT',
  ],
  kube_services: [
    'namespace TEXT', 'name TEXT NOT NULL', 'type TEXT NOT NULL', 'cluster_ips TEXT NOT NULL', 'external_ips TEXT NOT NULL',
    'ports TEXT NOT NULL', 'external_traffic_policy TEXT', 'l7_load_balancer INTEGER NOT NULL',
  ],
  kube_endpoints: ['namespace TEXT', 'service TEXT NOT NULL', 'addresses TEXT NOT NULL', 'ports TEXT NOT NULL'],
  kube_cilium_endpoints: [
    'namespace TEXT', 'name TEXT NOT NULL', 'endpoint_id INTEGER', 'identity INTEGER', 'state TEXT', 'ipv4 TEXT', 'ipv6 TEXT', 'node TEXT',
  ],
  kube_events: ['namespace TEXT', 'object TEXT', 'type TEXT', 'reason TEXT', 'message TEXT NOT NULL', 'count INTEGER'],
  config_values: ['origin TEXT NOT NULL', 'flag TEXT', 'value TEXT NOT NULL', 'helm_key TEXT', 'chart_version TEXT'],
};

export const HOST_ROW_TABLES: Readonly<Record<string, readonly string[]>> = {
  host_routes: [
    'family TEXT', 'type TEXT NOT NULL', 'dst TEXT NOT NULL', 'route_table TEXT', 'via TEXT', 'dev TEXT', 'src TEXT', 'proto TEXT',
    'scope TEXT', 'metric INTEGER', 'mtu INTEGER',
  ],
  host_links: ['ifindex INTEGER', 'name TEXT NOT NULL', 'peer TEXT', 'flags TEXT NOT NULL', 'mtu INTEGER', 'state TEXT', 'master TEXT'],
  host_link_details: [
    'ifindex INTEGER', 'name TEXT NOT NULL', 'mac TEXT', 'mtu INTEGER', 'link_kind TEXT', 'vni INTEGER', 'port INTEGER',
    'external INTEGER NOT NULL', 'address TEXT',
  ],
  host_rules: ['priority INTEGER NOT NULL', 'selector TEXT NOT NULL', 'rule_table TEXT'],
  host_neighbours: ['address TEXT NOT NULL', 'mac TEXT', 'dev TEXT', 'state TEXT'],
  // A ping's summary; the round-trip line that follows fills the rtt columns of its row.
  ping_summaries: [
    'target TEXT NOT NULL', 'transmitted INTEGER NOT NULL', 'received INTEGER NOT NULL', 'errors INTEGER', 'loss_percent REAL NOT NULL',
    'rtt_min REAL', 'rtt_avg REAL', 'rtt_max REAL', 'rtt_mdev REAL',
  ],
  http_responses: ['version TEXT NOT NULL', 'status INTEGER NOT NULL', 'reason TEXT'],
};

const create = (tables: Readonly<Record<string, readonly string[]>>, row: string): string =>
  Object.entries(tables)
    .map(([name, cols]) => `CREATE TABLE ${name} (\n  ${row},\n  ${cols.join(', ')}, text TEXT NOT NULL);`)
    .join('\n');

export const KUBERNETES_TABLES = `
${create(KUBERNETES_ROW_TABLES, ROW)}
${create(HOST_ROW_TABLES, HOST_ROW)}
`;

export const KUBERNETES_EVIDENCE_TABLES: readonly string[] = [...Object.keys(KUBERNETES_ROW_TABLES), ...Object.keys(HOST_ROW_TABLES)];

/** The column names (without types) of a Kubernetes or host row table. */
export function rowColumns(table: string): string[] {
  return (KUBERNETES_ROW_TABLES[table] ?? HOST_ROW_TABLES[table] ?? []).map((c) => c.split(' ')[0]!);
}
