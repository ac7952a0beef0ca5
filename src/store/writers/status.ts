import type { Statement } from 'better-sqlite3';
import type { LocatedRecord } from '../../types/records.js';
import type { StatusBlockKind, StatusRecord, StatusRecordKind } from '../../types/status.js';
import type { CaseDb } from '../db.js';
import { statusColumns } from '../status-schema.js';
import type { RecordWriter, WriteContext } from '../writer.js';

type Row = readonly unknown[];

const bool = (b: boolean): number => (b ? 1 : 0);

/** Record kind → its table and the values of that table's own columns (status-schema.ts order). */
const ROWS: { [K in Exclude<StatusRecordKind, 'status-block' | 'ct-entry'>]: { table: string; values(r: Extract<StatusRecord, { kind: K }>): Row } } = {
  'status-field': { table: 'status_fields', values: (r) => [r.section, r.label, r.value, r.detail ? JSON.stringify(r.detail) : null, r.note ?? null] },
  'status-controller': { table: 'status_controllers', values: (r) => [r.name, r.lastSuccess, r.lastError, r.count, r.message] },
  'status-address': { table: 'status_addresses', values: (r) => [r.ip, r.owner] },
  'status-map': { table: 'status_maps', values: (r) => [r.name, r.size] },
  'status-redirect': { table: 'status_redirects', values: (r) => [r.protocol, r.name, r.port] },
  'health-node': { table: 'status_health_nodes', values: (r) => [r.name, bool(r.localhost), JSON.stringify(r.ips), r.node, r.endpoints] },
  'health-probe': {
    table: 'status_health_probes',
    values: (r) => [r.node, bool(r.localhost), r.path, r.ip, r.protocol, bool(r.ok), r.rtt, r.rttMicros, r.result],
  },
  'status-module': { table: 'status_modules', values: (r) => [r.depth, r.name, r.level, r.message] },
  'cli-component': { table: 'cli_components', values: (r) => [r.name, r.summary] },
  'cli-workload': { table: 'cli_workloads', values: (r) => [r.workload, r.name, r.desired, r.ready, r.available, r.unavailable] },
  'cli-containers': { table: 'cli_containers', values: (r) => [r.name, JSON.stringify(r.phases)] },
  'cli-image': { table: 'cli_images', values: (r) => [r.name, r.image, r.version, r.count] },
  'cli-message': { table: 'cli_messages', values: (r) => [r.severity, r.workload, r.pod, r.message] },
  'node-entry': { table: 'list_nodes', values: (r) => [r.name, r.ipv4, r.ipv4CIDR, r.ipv6, r.ipv6CIDR, r.source] },
  'endpoint-entry': {
    table: 'list_endpoints',
    values: (r) => [r.id, r.policyIngress, r.policyEgress, r.identity, r.ipv4, r.ipv6, r.status],
  },
  'list-label': { table: 'list_labels', values: (r) => [r.list, r.owner, r.label] },
  'service-entry': { table: 'list_services', values: (r) => [r.id, r.frontend, r.type, bool(r.remote)] },
  'service-backend': { table: 'list_service_backends', values: (r) => [r.serviceId, r.index, r.address, r.state, bool(r.preferred)] },
  'policy-map-entry': {
    table: 'list_policy',
    values: (r) => [r.endpoint, r.verdict, r.direction, r.peer, r.port, r.proxyPort, r.authType, r.bytes, r.packets, r.prefixLength],
  },
  'lb-entry': { table: 'list_lb', values: (r) => [r.frontend, r.slot, r.backend, r.revNat, JSON.stringify(r.flags), r.value] },
  'ipcache-entry': {
    table: 'list_ipcache',
    values: (r) => [r.prefix, r.identity, r.encryptKey, r.tunnelEndpoint, r.nodeId, r.flags],
  },
  'tunnel-entry': { table: 'list_tunnel', values: (r) => [r.prefix, r.endpoint, r.encryptKey, r.nodeId] },
  'identity-entry': { table: 'list_identities', values: (r) => [r.id, r.label, r.refcount] },
  'ip-entry': { table: 'list_ips', values: (r) => [r.cidr, r.identity, r.source] },
  'config-entry': { table: 'cli_config', values: (r) => [r.name, r.value, bool(r.readOnly), r.parent] },
  'clustermesh-row': {
    table: 'cli_clustermesh',
    values: (r) => [r.row, r.cluster, r.pod, r.configured, r.connected, r.total, r.kvstoremesh ? JSON.stringify(r.kvstoremesh) : null, r.message],
  },
  'version-entry': { table: 'cli_versions', values: (r) => [r.component, r.version, r.revision] },
  'nat-entry': {
    table: 'list_nat',
    values: (r) => [r.proto, r.dir, r.src, r.dst, r.xlate, r.to, r.createdSecAgo, r.hostLocal, r.needsCT],
  },
  'connectivity-row': {
    table: 'cli_connectivity',
    values: (r) => [r.row, r.name, r.ok === null ? null : bool(r.ok), r.counts ? JSON.stringify(r.counts) : null, r.message],
  },
  'endpoint-log-entry': { table: 'list_endpoint_log', values: (r) => [r.time, r.status, r.state, r.message] },
  'map-list-entry': { table: 'list_maps', values: (r) => [r.name, r.entries, r.errors, bool(r.cache)] },
};

/** The command whose output a block is: `cilium-dbg` is the same CLI as `cilium` (status.md intro). */
const TOOLS_OF_BLOCK: Readonly<Record<StatusBlockKind, readonly string[]>> = {
  'agent-status': ['cilium status'],
  'agent-status-brief': ['cilium status'],
  // Every command of the agent CLI prints the same hint when the API socket does not answer.
  'agent-unreachable': ['cilium'],
  'cli-status': ['cilium status'],
  'health-status': ['cilium-health status', 'cilium status'],
  'node-list': ['cilium node list'],
  'endpoint-list': ['cilium endpoint list'],
  // `service get` prints one service with the list's table (1.14 →).
  'service-list': ['cilium service list', 'cilium service get'],
  'bpf-lb-list': ['cilium bpf lb list'],
  'bpf-ipcache-list': ['cilium bpf ipcache list'],
  'bpf-tunnel-list': ['cilium bpf tunnel list'],
  'identity-list': ['cilium identity list'],
  'ip-list': ['cilium ip list'],
  config: ['cilium config'],
  version: ['cilium version'],
  'bpf-ct-list': ['cilium bpf ct list'],
  'bpf-policy-get': ['cilium bpf policy get'],
  'clustermesh-status': ['cilium clustermesh status'],
  'encrypt-status': ['cilium encrypt status'],
  'bpf-nat-list': ['cilium bpf nat list'],
  'map-list': ['cilium map list'],
  'connectivity-test': ['cilium connectivity test'],
  'endpoint-log': ['cilium endpoint log'],
};

interface CommandRow {
  line: number;
  segment: number;
  host: string | null;
  command: string;
  tool: string | null;
  pod: string | null;
}

function printedBy(block: StatusBlockKind, tool: string | null): boolean {
  const normalised = tool?.replace(/^cilium-dbg\b/, 'cilium') ?? '';
  return TOOLS_OF_BLOCK[block].some((t) => normalised.startsWith(t));
}

/** Stores status records; a block row carries the pasted command that printed it, when one did. */
export const statusWriter: RecordWriter = {
  kinds: ['status-block', 'ct-entry', ...Object.keys(ROWS)],
  prepare(db: CaseDb) {
    const inserts = new Map<string, Statement>();
    for (const table of new Set(Object.values(ROWS).map((r) => r.table))) {
      const cols = statusColumns(table);
      inserts.set(
        table,
        db.prepare(
          `INSERT INTO ${table} (block_id, source_id, line, segment, agent, ${cols.join(', ')}, text)
           VALUES (${Array(cols.length + 6).fill('?').join(', ')})`,
        ),
      );
    }
    const block = db.prepare(
      `INSERT INTO status_blocks (source_id, line, segment, agent, kind, command, command_line, tool, pod, host, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const lastCommand = db.prepare(
      `SELECT line, segment, host, command, tool, pod FROM shell_commands
       WHERE source_id = ? AND (line < ? OR (line = ? AND segment < ?)) ORDER BY line DESC, segment DESC LIMIT 1`,
    );
    const ct = db.prepare(
      `INSERT INTO ct_summary (block_id, source_id, line, segment, agent, proto, dir, entries, service_entries, closing, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
       ON CONFLICT (block_id, proto, dir) DO UPDATE SET entries = entries + 1,
         service_entries = service_entries + excluded.service_entries, closing = closing + excluded.closing`,
    );
    /** The open block of the source being loaded (sources are loaded one after another). */
    let current: { sourceId: number; id: number; line: number; segment: number } | null = null;

    return ({ record, at }: LocatedRecord, { sourceId, agent }: WriteContext) => {
      const r = record as StatusRecord;
      if (r.kind === 'status-block') {
        const cmd = lastCommand.get(sourceId, at.line, at.line, at.segment) as CommandRow | undefined;
        const previous = current?.sourceId === sourceId ? current : null;
        const after = cmd && (!previous || cmd.line > previous.line || (cmd.line === previous.line && cmd.segment > previous.segment));
        const own = after && printedBy(r.block, cmd.tool) ? cmd : null;
        const id = Number(
          block.run(
            sourceId, at.line, at.segment, agent, r.block, own?.command ?? null, own?.line ?? null, own?.tool ?? null,
            own?.pod ?? null, own?.host ?? null, at.text,
          ).lastInsertRowid,
        );
        current = { sourceId, id, line: at.line, segment: at.segment };
        return;
      }
      if (!current || current.sourceId !== sourceId) return;
      if (r.kind === 'ct-entry') {
        const closing = r.flags.includes('RxClosing') || r.flags.includes('TxClosing') ? 1 : 0;
        ct.run(current.id, sourceId, at.line, at.segment, agent, r.proto, r.dir, r.service ? 1 : 0, closing, at.text);
        return;
      }
      const spec = ROWS[r.kind] as { table: string; values(r: StatusRecord): Row };
      inserts.get(spec.table)!.run(current.id, sourceId, at.line, at.segment, agent, ...spec.values(r), at.text);
      if (r.kind === 'endpoint-entry' && r.label) {
        inserts.get('list_labels')!.run(current.id, sourceId, at.line, at.segment, agent, 'endpoint', String(r.id), r.label, at.text);
      }
    };
  },
};
