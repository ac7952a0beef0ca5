/**
 * Cluster state read from `cilium status` and the agent's CLI dumps (status tables). Every fact has
 * origin `status` (or `cli` for listings) and the line it was printed on. The agent a block belongs to
 * is the loader's agent key (the pod of `kubectl exec POD -- cilium status`, else the input); its node
 * is the `(localhost)` row of cluster health, else the prompt host when the command ran in the pod's
 * own shell (`root@node:/home/cilium# cilium status`).
 */
import type { CaseDb } from '../store/db.js';
import type { Evidence } from '../types/evidence.js';
import { emptyEffective, type AgentState, type EffectiveConfig, type Fact, type NodeState } from '../types/state.js';
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

/** One labelled status line with its parsed detail. */
export interface StatusFieldFact {
  label: string;
  value: string;
  detail: StatusDetail | null;
  evidence: Evidence;
}

/** Extra effective settings status prints beyond `EffectiveConfig` (keys of `StatusAgent.extra`). */
export interface StatusExtra {
  kprDevices: string[];
  directRoutingDevice: string;
  socketLB: boolean;
  nodePort: boolean;
  nodePortRange: string;
  hostPort: boolean;
  externalIPs: boolean;
  loadBalancerServices: boolean;
  sessionAffinity: boolean;
  lbMode: string;
  dsrDispatch: string;
  lbAlgorithm: 'random' | 'maglev';
  maglevTableSize: number;
  xdp: string;
  bandwidthManager: { enabled: boolean; congestion: string | null; devices: string[] };
  encryption: Detail<'encryption'>;
  masqueradeDevices: string[];
  masqueradeCIDR: string;
  ipMasqAgent: boolean;
  ipam: Detail<'ipam'>;
  hubble: Detail<'hubble'>;
  bpfMapSizing: { dynamicSizing: boolean; ratio: number | null };
  bpfMapSizes: Record<string, number>;
  controllers: { healthy: number; total: number };
  clusterHealth: Detail<'cluster-health'>;
  ciliumState: Detail<'cilium'>;
  kubernetesState: Detail<'kubernetes'>;
  kvstoreState: Detail<'state'>;
  monitorLost: number;
  clockSource: string;
  hostFirewall: boolean;
  identityRange: { min: number; max: number };
}

/** Status-derived facts of one agent, for the agent state owner to merge. */
export interface StatusAgent {
  /** The loader's agent key: pod name, or `source:<input>`. */
  key: string;
  pod: string | null;
  node: Fact<string> | null;
  version: Fact<string> | null;
  effective: Partial<EffectiveConfig>;
  extra: { [K in keyof StatusExtra]?: Fact<StatusExtra[K]> };
  /** The last status block's labelled lines, by label (KPR details prefixed `kpr.`, services `svc.`). */
  fields: Record<string, StatusFieldFact>;
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
export class StatusFacts {
  constructor(private readonly db: CaseDb) {}

  private all<T>(sql: string, ...args: unknown[]): T[] {
    return this.db.prepare(sql).all(...args) as T[];
  }

  /** Agent keys that printed a `cilium status` (or cilium-health) block. */
  agentKeys(): string[] {
    return this.all<{ agent: string }>(
      `SELECT DISTINCT agent FROM status_blocks WHERE kind IN ('agent-status', 'health-status') ORDER BY agent`,
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

  blocks(agent: string): { id: number; kind: string; pod: string | null; host: string | null; source: string; line: number; command_line: number | null }[] {
    return this.all(
      `SELECT b.id, b.kind, b.pod, b.host, s.name AS source, b.line, b.command_line FROM status_blocks b
       JOIN sources s ON s.id = b.source_id WHERE b.agent = ? ORDER BY b.id`,
      agent,
    );
  }

  localhostRows(agent: string): { name: string; source: string; line: number }[] {
    return this.all(
      `SELECT h.name, s.name AS source, h.line FROM status_health_nodes h JOIN sources s ON s.id = h.source_id
       WHERE h.agent = ? AND h.localhost = 1 ORDER BY h.id`,
      agent,
    );
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

function parsedFields(rows: FieldRow[]): { byKey: Record<string, StatusFieldFact>; lastBlock: number | null } {
  const byKey: Record<string, StatusFieldFact> = {};
  let lastBlock: number | null = null;
  for (const r of rows) {
    byKey[fieldKey(r.section, r.label)] = {
      label: r.label,
      value: r.value,
      detail: r.detail ? (JSON.parse(r.detail) as StatusDetail) : null,
      evidence: ev(r),
    };
    lastBlock = r.block_id;
  }
  return { byKey, lastBlock };
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

function enabledOf(f: StatusFieldFact | undefined): boolean | null {
  const e = detailOf(f, 'enabled') ?? detailOf(f, 'service-type');
  return e ? e.enabled : null;
}

function extraFromStatus(fields: Record<string, StatusFieldFact>, facts: StatusFacts, lastBlock: number | null): StatusAgent['extra'] {
  const extra: StatusAgent['extra'] = {};
  const put = <K extends keyof StatusExtra>(key: K, value: StatusExtra[K] | null | undefined, f: StatusFieldFact | undefined): void => {
    if (value !== null && value !== undefined && f) extra[key] = sfact(value, f) as StatusAgent['extra'][K];
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
  put('ipam', detailOf(fields['IPAM'], 'ipam'), fields['IPAM']);
  put('hubble', detailOf(fields['Hubble'], 'hubble'), fields['Hubble']);
  const maps = detailOf(fields['BPF Maps'], 'maps');
  put('bpfMapSizing', maps ? { dynamicSizing: maps.dynamicSizing, ratio: maps.ratio } : null, fields['BPF Maps']);
  if (lastBlock !== null && fields['BPF Maps']) {
    const rows = facts.maps(lastBlock);
    if (rows.length > 0) {
      extra.bpfMapSizes = fact(Object.fromEntries(rows.map((r) => [r.name, r.size])), ...rows);
    }
  }
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

function agentNode(facts: StatusFacts, key: string): Fact<string> | null {
  const local = facts.localhostRows(key).at(-1);
  if (local) return fact(local.name, local);
  // The prompt names the node only when the command ran in the agent's own (host-network) shell.
  const own = facts.blocks(key).filter((b) => b.pod === null && b.host !== null && b.command_line !== null).at(-1);
  return own ? fact(own.host!, { source: own.source, line: own.command_line! }) : null;
}

/** Status facts of every agent that printed a `cilium status` / `cilium-health status` block. */
export function readStatusAgents(db: CaseDb): StatusAgent[] {
  const facts = new StatusFacts(db);
  return facts.agentKeys().map((key) => {
    const { byKey, lastBlock } = parsedFields(facts.fields(key));
    const cilium = byKey['Cilium'];
    const version = detailOf(cilium, 'cilium')?.version ?? null;
    const pod = facts.blocks(key).find((b) => b.pod !== null)?.pod ?? (key.startsWith('source:') ? null : key);
    return {
      key,
      pod,
      node: agentNode(facts, key),
      version: version && cilium ? sfact(version, cilium) : null,
      effective: effectiveFromStatus(byKey),
      extra: extraFromStatus(byKey, facts, lastBlock),
      fields: byKey,
    };
  });
}

/**
 * Merges status facts into an agent built from its log: a setting the log left unknown is taken
 * from status; two different values are both kept as a conflict (the effective value stays the
 * log's, the status value is in `conflicts`).
 */
export function mergeStatusIntoAgent(agent: AgentState, status: StatusAgent): AgentState {
  const merged: AgentState = {
    ...agent,
    effective: { ...agent.effective },
    extra: { ...agent.extra },
    conflicts: [...agent.conflicts],
  };
  merged.node ??= status.node;
  merged.version ??= status.version;
  merged.pod ??= status.pod;
  for (const [key, f] of Object.entries(status.effective) as [keyof EffectiveConfig, Fact<unknown> | undefined][]) {
    if (!f) continue;
    const current = merged.effective[key] as Fact<unknown> | null;
    if (!current) (merged.effective as unknown as Record<string, Fact<unknown> | null>)[key] = f;
    else if (String(current.value).toLowerCase() !== String(f.value).toLowerCase()) {
      merged.conflicts.push({ key: `effective.${key}`, facts: [current, f] });
    }
  }
  for (const [key, f] of Object.entries(status.extra)) if (f && !(key in merged.extra)) merged.extra[key] = f;
  return merged;
}

/** A status-only agent (no log of it was given). */
export function agentFromStatus(status: StatusAgent): AgentState {
  return mergeStatusIntoAgent(
    { key: status.key, pod: null, node: null, version: null, requested: {}, effective: emptyEffective(), extra: {}, conflicts: [], startupComplete: null },
    status,
  );
}

// ---- cluster health (report-json.md `health`) ---------------------------------------------

export interface HealthPeer {
  name: string;
  localhost: boolean;
  ip: string | null;
  /** `reachable` / `unreachable` / `unknown`, or `r/t` counts (1.17+). */
  node: string | null;
  endpoints: string | null;
  evidence: Evidence;
}

export interface HealthProbeResult {
  node: string;
  path: string;
  ip: string | null;
  protocol: 'icmp' | 'http';
  ok: boolean;
  rttMicros: number | null;
  result: string;
  evidence: Evidence;
}

export interface HealthReport {
  agent: string;
  /** The reporting node (the `(localhost)` row), null when not printed. */
  reporter: string | null;
  kind: 'status' | 'cilium-health';
  reachable: number | null;
  total: number | null;
  time: string | null;
  nodes: HealthPeer[];
  probes: HealthProbeResult[];
  evidence: Evidence[];
}

/** A peer is reachable on a path when every probe of that path succeeded. */
function pathStatus(probes: HealthProbeResult[], node: string, primary: 'host' | 'endpoint'): string | null {
  const mine = probes.filter((p) => p.node === node && p.path === primary);
  if (mine.length === 0) return null;
  return mine.every((p) => p.ok) ? 'reachable' : 'unreachable';
}

function isReachable(status: string | null): boolean {
  if (status === null) return true;
  const counts = /^(\d+)\/(\d+)/.exec(status);
  return counts ? counts[1] === counts[2] : status === 'reachable';
}

/** One report per `Cluster health:` section or `cilium-health status` output. */
export function readHealthReports(db: CaseDb): HealthReport[] {
  const blocks = db
    .prepare(`SELECT b.id, b.agent, b.kind FROM status_blocks b WHERE b.kind IN ('agent-status', 'health-status') ORDER BY b.id`)
    .all() as { id: number; agent: string; kind: string }[];
  const summary = db.prepare(
    `SELECT s.name AS source, f.line, f.detail FROM status_fields f JOIN sources s ON s.id = f.source_id
     WHERE f.block_id = ? AND f.label = 'Cluster health' ORDER BY f.id DESC LIMIT 1`,
  );
  const rows = db.prepare(
    `SELECT h.name, h.localhost, h.ips, h.node_status, h.endpoints_status, s.name AS source, h.line
     FROM status_health_nodes h JOIN sources s ON s.id = h.source_id WHERE h.block_id = ? ORDER BY h.id`,
  );
  const probes = db.prepare(
    `SELECT p.node, p.path, p.ip, p.protocol, p.ok, p.rtt_us, p.result, s.name AS source, p.line
     FROM status_health_probes p JOIN sources s ON s.id = p.source_id WHERE p.block_id = ? ORDER BY p.id`,
  );
  const reports: HealthReport[] = [];
  for (const b of blocks) {
    const head = summary.get(b.id) as { source: string; line: number; detail: string } | undefined;
    const probeRows = (probes.all(b.id) as {
      node: string; path: string; ip: string | null; protocol: 'icmp' | 'http'; ok: number; rtt_us: number | null; result: string; source: string; line: number;
    }[]).map((p) => ({
      node: p.node, path: p.path, ip: p.ip, protocol: p.protocol, ok: p.ok === 1, rttMicros: p.rtt_us, result: p.result, evidence: ev(p),
    }));
    const nodeRows = rows.all(b.id) as {
      name: string; localhost: number; ips: string; node_status: string | null; endpoints_status: string | null; source: string; line: number;
    }[];
    if (!head && nodeRows.length === 0 && probeRows.length === 0) continue;
    const nodes: HealthPeer[] = nodeRows.map((r) => {
      const ips = JSON.parse(r.ips) as string[];
      const fromProbes = r.node_status === null;
      return {
        name: r.name,
        localhost: r.localhost === 1,
        ip: ips[0] ?? probeRows.find((p) => p.node === r.name && p.path === 'host')?.ip ?? null,
        node: fromProbes ? pathStatus(probeRows, r.name, 'host') : r.node_status,
        endpoints: fromProbes ? pathStatus(probeRows, r.name, 'endpoint') : r.endpoints_status,
        evidence: ev(r),
      };
    });
    const detail = head ? (JSON.parse(head.detail) as Detail<'cluster-health'>) : null;
    const derived = head === undefined && nodes.length > 0;
    reports.push({
      agent: b.agent,
      reporter: nodes.find((n) => n.localhost)?.name ?? null,
      kind: b.kind === 'agent-status' ? 'status' : 'cilium-health',
      reachable: detail?.reachable ?? (derived ? nodes.filter((n) => isReachable(n.node) && isReachable(n.endpoints)).length : null),
      total: detail?.total ?? (derived ? nodes.length : null),
      time: detail?.time ?? null,
      nodes,
      probes: probeRows,
      evidence: [...(head ? [ev(head)] : []), ...nodes.map((n) => n.evidence)],
    });
  }
  return reports;
}

// ---- listings: endpoints, services, nodes ----------------------------------------------------

export interface StatusEndpoint {
  id: number;
  identity: number | null;
  ipv4: string | null;
  ipv6: string | null;
  labels: string[];
  policyIngress: string;
  policyEgress: string;
  status: string;
  agent: string;
  node: string | null;
  evidence: Evidence[];
}

export interface StatusService {
  id: number;
  frontend: string;
  type: string;
  backends: { address: string; state: string | null }[];
  agent: string;
  node: string | null;
  evidence: Evidence[];
}

function nodesByAgent(db: CaseDb): Map<string, string> {
  return new Map(readStatusAgents(db).filter((a) => a.node).map((a) => [a.key, a.node!.value]));
}

/** `cilium endpoint list` rows with their labels. */
export function readStatusEndpoints(db: CaseDb, nodes = nodesByAgent(db)): StatusEndpoint[] {
  const rows = db
    .prepare(
      `SELECT e.block_id, e.endpoint_id, e.identity, e.ipv4, e.ipv6, e.policy_ingress, e.policy_egress, e.status, e.agent,
              s.name AS source, e.line FROM list_endpoints e JOIN sources s ON s.id = e.source_id ORDER BY e.id`,
    )
    .all() as {
      block_id: number; endpoint_id: number; identity: number | null; ipv4: string | null; ipv6: string | null;
      policy_ingress: string; policy_egress: string; status: string; agent: string; source: string; line: number;
    }[];
  const labels = db.prepare(
    `SELECT l.label, s.name AS source, l.line FROM list_labels l JOIN sources s ON s.id = l.source_id
     WHERE l.block_id = ? AND l.list = 'endpoint' AND l.owner = ? ORDER BY l.id`,
  );
  return rows.map((r) => {
    const ls = labels.all(r.block_id, String(r.endpoint_id)) as { label: string; source: string; line: number }[];
    return {
      id: r.endpoint_id,
      identity: r.identity,
      ipv4: r.ipv4,
      ipv6: r.ipv6,
      labels: ls.map((l) => l.label),
      policyIngress: r.policy_ingress,
      policyEgress: r.policy_egress,
      status: r.status,
      agent: r.agent,
      node: nodes.get(r.agent) ?? null,
      evidence: [ev(r), ...ls.filter((l) => l.line !== r.line).map(ev)],
    };
  });
}

/** `cilium service list` rows with their backends. */
export function readStatusServices(db: CaseDb, nodes = nodesByAgent(db)): StatusService[] {
  const rows = db
    .prepare(
      `SELECT v.block_id, v.service_id, v.frontend, v.type, v.agent, s.name AS source, v.line
       FROM list_services v JOIN sources s ON s.id = v.source_id ORDER BY v.id`,
    )
    .all() as { block_id: number; service_id: number; frontend: string; type: string; agent: string; source: string; line: number }[];
  const backends = db.prepare(
    `SELECT b.address, b.state, s.name AS source, b.line FROM list_service_backends b JOIN sources s ON s.id = b.source_id
     WHERE b.block_id = ? AND b.service_id = ? ORDER BY b.backend_index`,
  );
  return rows.map((r) => {
    const bs = backends.all(r.block_id, r.service_id) as { address: string; state: string | null; source: string; line: number }[];
    return {
      id: r.service_id,
      frontend: r.frontend,
      type: r.type,
      backends: bs.map((b) => ({ address: b.address, state: b.state })),
      agent: r.agent,
      node: nodes.get(r.agent) ?? null,
      evidence: [ev(r), ...bs.filter((b) => b.line !== r.line).map(ev)],
    };
  });
}

/**
 * Nodes printed by `cilium node list` and cluster health, plus what an agent's status says about its
 * own node: the router and health addresses (`Allocated addresses`) and the IPAM pod CIDR.
 */
export function readStatusNodes(db: CaseDb): NodeState[] {
  const nodes = new Map<string, NodeState>();
  const get = (name: string): NodeState => {
    let n = nodes.get(name);
    if (!n) {
      n = { name, internalIPs: [], ciliumInternalIP: null, healthIP: null, podCIDRs: [], evidence: [] };
      nodes.set(name, n);
    }
    return n;
  };
  const add = (list: string[], v: string | null): void => {
    if (v && !list.includes(v)) list.push(v);
  };
  const cite = (n: NodeState, e: Evidence): void => {
    if (!n.evidence.some((x) => x.source === e.source && x.line === e.line)) n.evidence.push(e);
  };
  const listed = db
    .prepare(
      `SELECT n.name, n.ipv4, n.ipv4_cidr, n.ipv6, n.ipv6_cidr, s.name AS source, n.line FROM list_nodes n
       JOIN sources s ON s.id = n.source_id ORDER BY n.id`,
    )
    .all() as { name: string; ipv4: string | null; ipv4_cidr: string | null; ipv6: string | null; ipv6_cidr: string | null; source: string; line: number }[];
  for (const r of listed) {
    const n = get(r.name);
    add(n.internalIPs, r.ipv4);
    add(n.internalIPs, r.ipv6);
    add(n.podCIDRs, r.ipv4_cidr);
    add(n.podCIDRs, r.ipv6_cidr);
    cite(n, ev(r));
  }
  for (const report of readHealthReports(db)) {
    for (const peer of report.nodes) {
      const n = get(peer.name);
      if (peer.ip !== 'Unavailable') add(n.internalIPs, peer.ip);
      cite(n, peer.evidence);
    }
    for (const p of report.probes) {
      if (p.path === 'endpoint' && p.ip) {
        const n = get(p.node);
        n.healthIP ??= p.ip;
        cite(n, p.evidence);
      }
    }
  }
  const facts = new StatusFacts(db);
  for (const agent of readStatusAgents(db)) {
    if (!agent.node) continue;
    const n = get(agent.node.value);
    for (const a of facts.addresses(agent.key)) {
      if (a.owner === 'router') n.ciliumInternalIP ??= a.ip;
      else if (a.owner === 'health') n.healthIP ??= a.ip;
      else continue;
      cite(n, ev(a));
    }
    const ipam = agent.extra.ipam;
    for (const pool of ipam?.value.pools ?? []) {
      if (pool.from && /\/\d+$/.test(pool.from)) {
        add(n.podCIDRs, pool.from);
        for (const e of ipam!.evidence) cite(n, e);
      }
    }
  }
  return [...nodes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
