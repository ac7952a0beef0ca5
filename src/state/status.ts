/**
 * Cluster state read from `cilium status` and the agent's CLI dumps (status tables). Every fact has
 * origin `status` (or `cli` for listings) and the line it was printed on. The agent a block belongs to
 * is the loader's agent key (the pod of `kubectl exec POD -- cilium status`, else the input); its node
 * is the `(localhost)` row of cluster health, else the prompt host when the command ran in the pod's
 * own shell (`root@node:/home/cilium# cilium status`).
 */
import type { CaseDb } from '../store/db.js';
import type { Evidence } from '../types/evidence.js';
import {
  type AgentState,
  type AgentStatus,
  type EffectiveConfig,
  type RemoteClusterStatus,
  type Fact,
  type StatusFacts,
  type StatusFieldFact,
  type StatusMapSize,
  type StatusSettings,
} from '../types/state.js';
import type { StatusDetail, StatusDevice } from '../types/status.js';

type Detail<T extends StatusDetail['type']> = Extract<StatusDetail, { type: T }>;

interface FieldRow {
  block_id: number;
  source: string;
  line: number;
  section: string;
  label: string;
  value: string;
  detail: string | null;
  text: string;
}

/** Status facts of one status block owner (pod or input), before they are merged into an agent. */
export interface StatusOwner {
  key: string;
  pod: string | null;
  node: Fact<string> | null;
  status: AgentStatus;
}

function ev(row: { source: string; line: number; text?: string }): Evidence {
  return { source: row.source, line: row.line };
}

function fact<T>(value: T, ...rows: { source: string; line: number }[]): Fact<T> {
  return { value, origin: 'status', evidence: rows.map(ev) };
}

function fieldKey(section: string, label: string): string {
  if (section === 'kpr') return `kpr.${label}`;
  if (section === 'kpr-services') return `svc.${label}`;
  if (section === 'main') return label;
  return `${section}.${label}`;
}

/** Reads the status tables once; one reader per case database. */
export class StatusTables {
  constructor(private readonly db: CaseDb) {}

  private all<T>(sql: string, ...args: unknown[]): T[] {
    return this.db.prepare(sql).all(...args) as T[];
  }

  /** Agent keys that printed a `cilium status` (or cilium-health) block. */
  agentKeys(): string[] {
    return this.all<{ agent: string }>(
      `SELECT DISTINCT agent FROM status_blocks WHERE kind IN ('agent-status', 'health-status', 'agent-unreachable', 'encrypt-status') ORDER BY agent`,
    ).map((r) => r.agent);
  }

  /** Labelled lines of an agent's status blocks, last block last. */
  fields(agent: string): FieldRow[] {
    return this.all<FieldRow>(
      `SELECT f.block_id, s.name AS source, f.line, f.section, f.label, f.value, f.detail, f.text
       FROM status_fields f JOIN status_blocks b ON b.id = f.block_id JOIN sources s ON s.id = f.source_id
       WHERE f.agent = ? AND b.kind = 'agent-status' ORDER BY f.id`,
      agent,
    );
  }

  /** The lines of the agent's last `cilium encrypt status`. */
  encryptFields(agent: string): FieldRow[] {
    return this.all<FieldRow>(
      `SELECT f.block_id, s.name AS source, f.line, f.section, f.label, f.value, f.detail, f.text
       FROM status_fields f JOIN sources s ON s.id = f.source_id
       WHERE f.block_id = (SELECT MAX(id) FROM status_blocks WHERE agent = ? AND kind = 'encrypt-status') ORDER BY f.id`,
      agent,
    );
  }

  blocks(agent: string): { id: number; kind: string; pod: string | null; host: string | null; source: string; line: number; command_line: number | null }[] {
    return this.all(
      `SELECT b.id, b.kind, b.pod, b.host, s.name AS source, b.line, b.command_line FROM status_blocks b
       JOIN sources s ON s.id = b.source_id WHERE b.agent = ? ORDER BY b.id`,
      agent,
    );
  }

  /** The lines of the agent's last status attempt when it could not reach the agent (none when a status followed). */
  unreachableLines(agent: string): { source: string; line: number; detail: string | null }[] {
    const last = this.all<{ id: number; kind: string }>(
      `SELECT id, kind FROM status_blocks WHERE agent = ? AND kind IN ('agent-status', 'agent-unreachable') ORDER BY id DESC LIMIT 1`,
      agent,
    )[0];
    if (last?.kind !== 'agent-unreachable') return [];
    return this.all(
      `SELECT s.name AS source, f.line, f.detail FROM status_fields f JOIN sources s ON s.id = f.source_id
       WHERE f.block_id = ? ORDER BY f.id`,
      last.id,
    );
  }

  localhostRows(agent: string): { name: string; source: string; line: number }[] {
    return this.all(
      `SELECT h.name, s.name AS source, h.line FROM status_health_nodes h JOIN sources s ON s.id = h.source_id
       WHERE h.agent = ? AND h.localhost = 1 ORDER BY h.id`,
      agent,
    );
  }

  /** The last block of an agent that printed `label` (tables follow their labelled line). */
  lastBlockWith(agent: string, label: string): number | null {
    const rows = this.all<{ block_id: number }>(
      `SELECT block_id FROM status_fields WHERE agent = ? AND label = ? ORDER BY id DESC LIMIT 1`,
      agent,
      label,
    );
    return rows[0]?.block_id ?? null;
  }

  controllers(blockId: number): { name: string; count: number; message: string; source: string; line: number }[] {
    return this.all(
      `SELECT c.name, c.count, c.message, s.name AS source, c.line FROM status_controllers c
       JOIN sources s ON s.id = c.source_id WHERE c.block_id = ? ORDER BY c.id`,
      blockId,
    );
  }

  maps(blockId: number): { name: string; size: number; source: string; line: number }[] {
    return this.all(
      `SELECT m.name, m.size, s.name AS source, m.line FROM status_maps m JOIN sources s ON s.id = m.source_id
       WHERE m.block_id = ? ORDER BY m.id`,
      blockId,
    );
  }

  addresses(agent: string): { ip: string; owner: string; source: string; line: number }[] {
    return this.all(
      `SELECT a.ip, a.owner, s.name AS source, a.line FROM status_addresses a JOIN sources s ON s.id = a.source_id
       WHERE a.agent = ? ORDER BY a.id`,
      agent,
    );
  }
}

function parsedFields(rows: FieldRow[]): Record<string, StatusFieldFact> {
  const byKey: Record<string, StatusFieldFact> = {};
  for (const r of rows) {
    byKey[fieldKey(r.section, r.label)] = {
      label: r.label,
      value: r.value,
      detail: r.detail ? (JSON.parse(r.detail) as StatusDetail) : null,
      evidence: ev(r),
    };
  }
  return byKey;
}

function detailOf<T extends StatusDetail['type']>(f: StatusFieldFact | undefined, type: T): Detail<T> | null {
  return f?.detail?.type === type ? (f.detail as Detail<T>) : null;
}

function sfact<T>(value: T, f: StatusFieldFact): Fact<T> {
  return { value, origin: 'status', evidence: [f.evidence] };
}

function directRouting(devices: StatusDevice[]): string | null {
  return devices.find((d) => d.directRouting)?.name ?? null;
}

/** The six JSON-contract settings from status lines (datapath-model.md §1.2 "Shown in cilium status"). */
function effectiveFromStatus(fields: Record<string, StatusFieldFact>): Partial<EffectiveConfig> {
  const effective: Partial<EffectiveConfig> = {};
  const kpr = fields['KubeProxyReplacement'];
  const kprMode = detailOf(kpr, 'kpr') ?? null;
  if (kpr && kprMode) effective.kubeProxyReplacement = sfact(kprMode.mode.toLowerCase(), kpr);
  const routing = fields['Routing'];
  const r = detailOf(routing, 'routing');
  if (routing && r) {
    effective.routingMode = sfact(r.network, routing);
    if (r.network === 'tunnel' && (r.tunnelProtocol === 'vxlan' || r.tunnelProtocol === 'geneve')) {
      effective.tunnelProtocol = sfact(r.tunnelProtocol, routing);
    }
    effective.hostRouting = sfact(r.host, routing);
  }
  const hr = fields['Host Routing'];
  const h = detailOf(hr, 'host-routing');
  if (hr && h) effective.hostRouting = sfact(h.mode, hr);
  const masq = fields['Masquerading'];
  const m = detailOf(masq, 'masquerading');
  if (masq && m) effective.masquerading = sfact(m.impl, masq);
  return effective;
}

/** The addresses of the devices KubeProxyReplacement serves (`[eth0 192.168.1.15 (Direct Routing)]`): the node's own. */
export function kprDeviceAddresses(fields: Record<string, StatusFieldFact>): { ips: string[]; evidence: Evidence[] } {
  const field = fields['kpr.Devices'] ?? fields['KubeProxyReplacement'];
  const devices = detailOf(fields['kpr.Devices'], 'devices')?.devices ?? detailOf(fields['KubeProxyReplacement'], 'kpr')?.devices ?? [];
  return { ips: devices.flatMap((d) => d.ips), evidence: field ? [field.evidence] : [] };
}

function enabledOf(f: StatusFieldFact | undefined): boolean | null {
  const e = detailOf(f, 'enabled') ?? detailOf(f, 'service-type');
  return e ? e.enabled : null;
}

function settingsFromStatus(fields: Record<string, StatusFieldFact>, maps: readonly StatusMapSize[]): StatusFacts {
  const extra: StatusFacts = {};
  const put = <K extends keyof StatusSettings>(key: K, value: StatusSettings[K] | null | undefined, f: StatusFieldFact | undefined): void => {
    if (value !== null && value !== undefined && f) extra[key] = sfact(value, f) as StatusFacts[K];
  };
  const kprField = fields['KubeProxyReplacement'];
  const kpr = detailOf(kprField, 'kpr');
  const devicesField = fields['kpr.Devices'];
  const devices = detailOf(devicesField, 'devices')?.devices ?? kpr?.devices ?? [];
  const devSource = devicesField ?? kprField;
  if (devices.length > 0) {
    put('kprDevices', devices.map((d) => d.name), devSource);
    put('directRoutingDevice', directRouting(devices), devSource);
  }
  const socketLB = fields['kpr.Socket LB'];
  const legacyProtocols = fields['kpr.Socket LB Protocols'] ?? fields['kpr.Protocols'];
  put('socketLB', enabledOf(socketLB) ?? (legacyProtocols ? true : null), socketLB ?? legacyProtocols);
  const nodePort = fields['svc.NodePort'];
  put('nodePort', enabledOf(nodePort), nodePort);
  put('nodePortRange', detailOf(nodePort, 'service-type')?.range, nodePort);
  put('hostPort', enabledOf(fields['svc.HostPort']), fields['svc.HostPort']);
  put('externalIPs', enabledOf(fields['svc.externalIPs']), fields['svc.externalIPs']);
  put('loadBalancerServices', enabledOf(fields['svc.LoadBalancer']), fields['svc.LoadBalancer']);
  put('sessionAffinity', enabledOf(fields['kpr.Session Affinity']), fields['kpr.Session Affinity']);
  const mode = fields['kpr.Mode'];
  put('lbMode', detailOf(mode, 'word')?.word.toLowerCase(), mode);
  put('dsrDispatch', detailOf(fields['kpr.DSR Dispatch Mode'], 'word')?.word, fields['kpr.DSR Dispatch Mode']);
  const selection = fields['kpr.Backend Selection'];
  const sel = detailOf(selection, 'backend-selection');
  put('lbAlgorithm', sel ? (sel.algorithm === 'Maglev' ? 'maglev' : 'random') : null, selection);
  put('maglevTableSize', sel?.tableSize, selection);
  put('xdp', detailOf(fields['kpr.XDP Acceleration'], 'word')?.word.toLowerCase(), fields['kpr.XDP Acceleration']);
  const bw = detailOf(fields['BandwidthManager'], 'bandwidth');
  put('bandwidthManager', bw ? { enabled: bw.enabled, congestion: bw.congestion, devices: bw.devices } : null, fields['BandwidthManager']);
  put('encryption', detailOf(fields['Encryption'], 'encryption'), fields['Encryption']);
  const masq = detailOf(fields['Masquerading'], 'masquerading');
  if (masq?.impl === 'BPF') {
    put('masqueradeDevices', masq.devices, fields['Masquerading']);
    put('masqueradeCIDR', masq.cidr, fields['Masquerading']);
    put('ipMasqAgent', masq.ipMasqAgent, fields['Masquerading']);
  }
  const ipam = fields['IPAM'];
  if (ipam) put('ipam', detailOf(ipam, 'ipam'), ipam);
  else {
    // 1.0–1.5 print one `IPvN address pool:` line per family instead of `IPAM:`.
    const lines = [fields['IPv4 address pool'], fields['IPv6 address pool']].filter((f) => f !== undefined);
    const pools = lines.flatMap((f) => detailOf(f, 'ipam')?.pools ?? []);
    if (lines.length > 0 && pools.length > 0) extra.ipam = fact({ pools, running: true }, ...lines.map((f) => f.evidence));
  }
  put('hubble', detailOf(fields['Hubble'], 'hubble'), fields['Hubble']);
  const sizing = detailOf(fields['BPF Maps'], 'maps');
  put('bpfMapSizing', sizing ? { dynamicSizing: sizing.dynamicSizing, ratio: sizing.ratio } : null, fields['BPF Maps']);
  if (maps.length > 0) extra.bpfMapSizes = fact(Object.fromEntries(maps.map((r) => [r.name, r.size])), ...maps);
  put('controllers', detailOf(fields['Controller Status'], 'controllers'), fields['Controller Status']);
  put('clusterHealth', detailOf(fields['Cluster health'], 'cluster-health'), fields['Cluster health']);
  put('ciliumState', detailOf(fields['Cilium'], 'cilium'), fields['Cilium']);
  put('kubernetesState', detailOf(fields['Kubernetes'], 'kubernetes'), fields['Kubernetes']);
  put('kvstoreState', detailOf(fields['KVStore'], 'state'), fields['KVStore']);
  put('monitorLost', detailOf(fields['Events lost'], 'monitor-lost')?.lost, fields['Events lost']);
  put('clockSource', detailOf(fields['Clock Source for BPF'], 'clock')?.source, fields['Clock Source for BPF']);
  put('hostFirewall', detailOf(fields['Host firewall'], 'devices')?.enabled, fields['Host firewall']);
  const range = detailOf(fields['Global Identity Range'], 'identity-range');
  put('identityRange', range ? { min: range.min, max: range.max } : null, fields['Global Identity Range']);
  return extra;
}

/** What the last `cilium encrypt status` printed, cited by its mode line and every count. */
function encryptStatusFrom(rows: readonly FieldRow[]): Fact<StatusSettings['encryptStatus']> | null {
  const mode = rows.find((r) => r.label === 'Encryption');
  if (!mode) return null;
  const count = (label: string): number | null => {
    const r = rows.find((x) => x.label === label);
    const d = r?.detail ? (JSON.parse(r.detail) as StatusDetail) : null;
    return d?.type === 'count' ? d.count : null;
  };
  const counters = rows.filter((r) => r.label.startsWith('Xfrm'));
  const xfrmErrors = Object.fromEntries(counters.map((r) => [r.label, Number(r.value)]));
  const cited = rows.filter((r) => r === mode || /^(?:Keys in use|Errors|Number of peers)$/.test(r.label) || counters.includes(r));
  return fact({ mode: mode.value, keysInUse: count('Keys in use'), errors: count('Errors'), xfrmErrors, peers: count('Number of peers') }, ...cited);
}

/** The `ClusterMesh:` line of the last block that printed one, with the remote clusters listed under it. */
function clusterMeshFromStatus(rows: readonly FieldRow[]): Fact<StatusSettings['clusterMesh']> | null {
  const at = rows.findLastIndex((r) => r.label === 'ClusterMesh' && r.section !== 'clustermesh');
  const summary = rows[at];
  const detail = summary?.detail ? (JSON.parse(summary.detail) as StatusDetail) : null;
  if (!summary || detail?.type !== 'clustermesh') return null;
  const clusters: RemoteClusterStatus[] = [];
  for (const r of rows.slice(at + 1)) {
    if (r.block_id !== summary.block_id || r.section !== 'clustermesh') continue;
    const row = r.detail ? (JSON.parse(r.detail) as StatusDetail) : null;
    if (row?.type === 'remote-cluster') {
      const { type: _, ...counts } = row;
      clusters.push({ name: r.label, ...counts, details: [], evidence: [ev(r)] });
    } else if (r.label === '└' && clusters.length > 0) {
      const cluster = clusters.at(-1)!;
      cluster.details.push(r.value);
      cluster.evidence.push(ev(r));
    }
  }
  return fact({ ready: detail.ready, total: detail.total, globalServices: detail.globalServices, clusters }, summary);
}

function agentNode(facts: StatusTables, key: string): Fact<string> | null {
  const local = facts.localhostRows(key).at(-1);
  if (local) return fact(local.name, local);
  // The prompt names the node only when the command ran in the agent's own (host-network) shell.
  const own = facts.blocks(key).filter((b) => b.pod === null && b.host !== null && b.command_line !== null).at(-1);
  return own ? fact(own.host!, { source: own.source, line: own.command_line! }) : null;
}

/** Every owner of a `cilium status` / `cilium-health status` block, with what its last status printed. */
export function readStatusOwners(db: CaseDb): StatusOwner[] {
  const tables = new StatusTables(db);
  return tables.agentKeys().map((key) => {
    const rows = tables.fields(key);
    const byKey = parsedFields(rows);
    const cilium = byKey['Cilium'];
    const version = detailOf(cilium, 'cilium')?.version ?? null;
    const pod = tables.blocks(key).find((b) => b.pod !== null)?.pod ?? (key.startsWith('source:') ? null : key);
    const mapsBlock = tables.lastBlockWith(key, 'BPF Maps');
    const maps = mapsBlock !== null ? tables.maps(mapsBlock) : [];
    const facts = settingsFromStatus(byKey, maps);
    const clusterMesh = clusterMeshFromStatus(rows);
    if (clusterMesh) facts.clusterMesh = clusterMesh;
    const encrypt = encryptStatusFrom(tables.encryptFields(key));
    if (encrypt) facts.encryptStatus = encrypt;
    const unreachable = tables.unreachableLines(key);
    if (unreachable.length > 0) {
      const errors = unreachable.map((r) => (r.detail ? (JSON.parse(r.detail) as Detail<'state'>).message : '')).filter((m) => m !== '');
      facts.agentUnreachable = fact({ error: errors[0] ?? '' }, ...unreachable);
    }
    const controllersBlock = tables.lastBlockWith(key, 'Controller Status');
    const controllers = controllersBlock !== null ? tables.controllers(controllersBlock) : [];
    return {
      key,
      pod,
      node: agentNode(tables, key),
      status: {
        key,
        version: version && cilium ? sfact(version, cilium) : null,
        printed: effectiveFromStatus(byKey),
        facts,
        fields: byKey,
        failingControllers: controllers.filter((c) => c.count > 0),
        maps,
        addresses: tables.addresses(key),
      },
    };
  });
}

/** Effective NodePort as status shows it: the KPR details line, else implied by the KPR mode. */
export function statusNodePort(status: AgentStatus): Fact<boolean> | null {
  if (status.facts.nodePort) return status.facts.nodePort;
  const kpr = status.printed.kubeProxyReplacement;
  if (kpr && (kpr.value === 'strict' || kpr.value === 'true')) return { ...kpr, value: true };
  if (kpr && kpr.value === 'disabled') return { ...kpr, value: false };
  return null;
}

/**
 * Merges status facts into an agent built from its log: a setting the log left unknown is taken
 * from status; two different values are both kept as a conflict (the effective value stays the
 * log's, the status value is in `conflicts`).
 */
export function mergeStatusIntoAgent(agent: AgentState, owner: StatusOwner): AgentState {
  const { status } = owner;
  const merged: AgentState = { ...agent, effective: { ...agent.effective }, conflicts: [...agent.conflicts] };
  merged.node ??= owner.node;
  merged.version ??= status.version;
  merged.pod ??= owner.pod;
  merged.status ??= status;
  merged.nodePort = statusNodePort(merged.status) ?? agent.nodePort;
  for (const [key, f] of Object.entries(status.printed) as [keyof EffectiveConfig, Fact<unknown> | undefined][]) {
    if (!f) continue;
    const current = merged.effective[key] as Fact<unknown> | null;
    if (!current) (merged.effective as unknown as Record<string, Fact<unknown> | null>)[key] = f;
    else if (String(current.value).toLowerCase() !== String(f.value).toLowerCase()) {
      merged.conflicts.push({ key: `effective.${key}`, facts: [current, f] });
    }
  }
  return merged;
}
