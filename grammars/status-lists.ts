/**
 * Row grammars of the agent's CLI listings and of cilium-cli `cilium status` (status.md §3–§9):
 *
 *   k8s-worker-01   192.168.10.12   10.0.1.0/24                    local          cilium node list
 *   2    10.96.0.10:53       ClusterIP      1 => 10.0.1.104:53 (active)            cilium service list
 *   10.0.1.0/24     identity=2 encryptkey=0 tunnelendpoint=192.168.10.12 flags=<none>   bpf ipcache list
 *   DaemonSet              cilium             Desired: 2, Ready: 2/2, Available: 2/2  cilium-cli status
 *
 * Each parser returns the record(s) of one row, or null when the row does not have that shape.
 */
import type {
  CliImage,
  CliWorkload,
  ClusterMeshStatusRow,
  ConfigEntry,
  ConnectivityRow,
  CtEntry,
  EndpointEntry,
  EndpointLogEntry,
  IpcacheEntry,
  LbEntry,
  MapListEntry,
  NatEntry,
  PolicyMapEntry,
  NodeListEntry,
  ServiceBackend,
  ServiceEntry,
  TunnelEntry,
  VersionEntry,
} from '../src/types/status.js';
import {
  CLUSTERMESH_STATUS_ROWS, CONNECTIVITY_ROWS, CONTAINER_PHASES, CT_ROW, ENDPOINT_LOG_ROW, ENDPOINT_ROW, IMAGE_COUNT, MAP_LIST_ROW, NAT_ROW, POLICY_ROW, VERSION_ROWS, WORKLOAD_ROW,
} from '../src/knowledge/status-lines.js';
import { Cidr4, Cidr6, Ipv4, Ipv6, shapeTokens, Word } from './status-values.js';

// ---- cilium node list ----------------------------------------------------------------------

/** Cells are classified by address shape: empty IPv6 columns collapse in a flattened paste. */
export function nodeListRow(text: string): NodeListEntry | null {
  const tokens = shapeTokens(text);
  const name = tokens[0];
  if (!name || name.type !== Word) return null;
  const entry: NodeListEntry = { kind: 'node-entry', name: name.image, ipv4: null, ipv4CIDR: null, ipv6: null, ipv6CIDR: null, source: null };
  for (const t of tokens.slice(1)) {
    if (t.type === Ipv4 && !entry.ipv4) entry.ipv4 = t.image;
    else if (t.type === Cidr4 && !entry.ipv4CIDR) entry.ipv4CIDR = t.image;
    else if (t.type === Ipv6 && !entry.ipv6) entry.ipv6 = t.image;
    else if (t.type === Cidr6 && !entry.ipv6CIDR) entry.ipv6CIDR = t.image;
    else if (/^[a-z-]+$/.test(t.image) && !entry.source) entry.source = t.image;
    else return null;
  }
  return entry.ipv4 || entry.ipv6 || entry.ipv4CIDR ? entry : null;
}

// ---- cilium endpoint list ------------------------------------------------------------------


export function endpointRow(text: string): EndpointEntry | null {
  const m = ENDPOINT_ROW.exec(text);
  if (!m) return null;
  const rest = m[5]!;
  const label = rest.startsWith('no labels') ? 'no labels' : (rest.split(/\s+/)[0] ?? '');
  const after = shapeTokens(rest.slice(label.length));
  const status = after.pop();
  if (!status) return null;
  let ipv4: string | null = null;
  let ipv6: string | null = null;
  for (const t of after) {
    if (t.type === Ipv4) ipv4 = t.image;
    else if (t.type === Ipv6) ipv6 = t.image;
    else if (!/^(?:No address|Unknown|No|address)$/.test(t.image)) return null;
  }
  return {
    kind: 'endpoint-entry',
    id: Number(m[1]),
    policyIngress: m[2]!,
    policyEgress: m[3]!,
    identity: /^\d+$/.test(m[4]!) ? Number(m[4]) : null,
    label: label === 'no labels' ? null : label,
    ipv6,
    ipv4,
    status: status.image,
  };
}

// ---- cilium service list -------------------------------------------------------------------

const BACKEND = String.raw`(\d+) => (\S+)(?: \((\w+)\))?( \(preferred\))?`;
const SERVICE_ROW = new RegExp(String.raw`^(\d+)\s+(\S+)\s+([A-Za-z]+)( \(Remote\))?(?:\s+${BACKEND})?\s*$`);
const BACKEND_ROW = new RegExp(String.raw`^\s+${BACKEND}\s*$`);

function backend(serviceId: number, m: RegExpExecArray, at: number): ServiceBackend {
  return {
    kind: 'service-backend',
    serviceId,
    index: Number(m[at]),
    address: m[at + 1]!,
    state: m[at + 2] ?? null,
    preferred: m[at + 3] !== undefined,
  };
}

export function serviceRow(text: string): { service: ServiceEntry; backend: ServiceBackend | null } | null {
  const m = SERVICE_ROW.exec(text);
  if (!m) return null;
  const id = Number(m[1]);
  const service: ServiceEntry = { kind: 'service-entry', id, frontend: m[2]!, type: m[3]!, remote: m[4] !== undefined };
  return { service, backend: m[5] ? backend(id, m, 5) : null };
}

export function serviceBackendRow(text: string, serviceId: number): ServiceBackend | null {
  const m = BACKEND_ROW.exec(text);
  return m ? backend(serviceId, m, 1) : null;
}

// ---- cilium bpf lb list --------------------------------------------------------------------

/** The frontend (1), its slot where the key prints one (2), the first value (3). */
const LB_KEY = /^(\S+?:\d+\S*)(?: \((\d+)\))?\s+(\S.*?)\s*$/;
/**
 * One value: backend (1), rev-NAT id (2), the slot 1.10 → prints (3), the master entry's flags (4);
 * 1.15 → adds `(L7LB Proxy Port: N)` after the flags of an L7 load balancer's master entry.
 */
const LB_VALUE = /^(\S+) \((\d+)\)(?: \((\d+)\))?(?: \[([^\]]*)\])?(?: \(L7LB Proxy Port: \d+\))?$/;
const LB_MASTER = /^(?:0\.0\.0\.0|\[::\]):0$/;

/**
 * A value of `frontend`'s row. `keySlot`: the slot the key printed, else the value's own; ≤1.9
 * printed neither, and only the master entry's slot (0) is known.
 */
export function lbValue(frontend: string, keySlot: number | null, value: string): LbEntry | null {
  const m = LB_VALUE.exec(value);
  if (m) {
    const master = LB_MASTER.test(m[1]!);
    const slot = keySlot ?? (m[3] !== undefined ? Number(m[3]) : master ? 0 : null);
    return {
      kind: 'lb-entry',
      frontend,
      slot,
      backend: master ? null : m[1]!,
      revNat: Number(m[2]),
      flags: m[4] ? m[4].split(/,\s*/) : [],
      value,
    };
  }
  if (/^backend \d+ not found/.test(value)) return { kind: 'lb-entry', frontend, slot: keySlot, backend: null, revNat: null, flags: [], value };
  return null;
}

/** A row that names its frontend, and the key slot its continuation rows share (null: theirs). */
export function lbRow(text: string): { entry: LbEntry; keySlot: number | null } | null {
  const m = LB_KEY.exec(text);
  if (!m) return null;
  const keySlot = m[2] !== undefined ? Number(m[2]) : null;
  const entry = lbValue(m[1]!, keySlot, m[3]!);
  return entry ? { entry, keySlot } : null;
}

// ---- cilium bpf policy get -----------------------------------------------------------------

const count = (printed: string | undefined): number | null => (printed === undefined || printed === '-' ? null : Number(printed));

export function policyMapRow(text: string, endpoint: number | null): PolicyMapEntry | null {
  const m = POLICY_ROW.exec(text);
  if (!m) return null;
  return {
    kind: 'policy-map-entry',
    endpoint,
    verdict: m[1] ?? null,
    direction: m[2]!,
    peer: m[3]!,
    port: m[4]!,
    proxyPort: m[5] === 'NONE' ? null : Number(m[5]),
    authType: m[6] ?? null,
    bytes: count(m[7]),
    packets: count(m[8]),
    prefixLength: count(m[9]),
  };
}

// ---- cilium bpf ipcache list / bpf tunnel list ---------------------------------------------

export function ipcacheRow(text: string): IpcacheEntry | null {
  const m = /^(\S+\/\d+(?:@\d+)?)\s+(.*?)\s*$/.exec(text);
  if (!m) return null;
  const value = m[2]!;
  const named = /^identity=(\d+) encryptkey=(\d+) tunnelendpoint=([^\s,]+),?(?: nodeid=(\d+))?(?: flags=(\S+))?/.exec(value);
  if (named) {
    return {
      kind: 'ipcache-entry',
      prefix: m[1]!,
      identity: Number(named[1]),
      encryptKey: Number(named[2]),
      tunnelEndpoint: named[3]!,
      nodeId: named[4] ? Number(named[4]) : null,
      flags: named[5] ?? null,
    };
  }
  const old = /^(\d+) (\d+) (\S+)(?: (\d+))?$/.exec(value);
  if (!old) return null;
  return {
    kind: 'ipcache-entry',
    prefix: m[1]!,
    identity: Number(old[1]),
    encryptKey: Number(old[2]),
    tunnelEndpoint: old[3]!,
    nodeId: old[4] ? Number(old[4]) : null,
    flags: null,
  };
}

export function tunnelRow(text: string): TunnelEntry | null {
  const m = /^([0-9a-fA-F.:]+?)(?::(\d+))?(@\d+)?\s+([0-9a-fA-F.:]+):(\d+)(?: (\d+))?\s*$/.exec(text);
  if (!m) return null;
  return {
    kind: 'tunnel-entry',
    prefix: m[1]! + (m[3] ?? ''),
    endpoint: m[4]!,
    encryptKey: Number(m[5]),
    nodeId: m[6] ? Number(m[6]) : null,
  };
}

// ---- cilium clustermesh status (cilium-cli) ------------------------------------------------

const meshRow = (row: ClusterMeshStatusRow['row'], fields: Partial<ClusterMeshStatusRow>): ClusterMeshStatusRow => ({
  kind: 'clustermesh-row', row, cluster: null, pod: null, configured: null, connected: null, total: null, kvstoremesh: null, message: null, ...fields,
});

export function clusterMeshStatusRow(text: string): ClusterMeshStatusRow | null {
  const rows = CLUSTERMESH_STATUS_ROWS;
  const c = rows.connectivity.exec(text);
  if (c) {
    const total = Number(c[2] ?? c[3]);
    return meshRow(c[4] === 'nodes' ? 'agents' : 'kvstoremesh', { total, connected: c[1] ? total - Number(c[1]) : total });
  }
  const conn = rows.connection.exec(text);
  if (conn) {
    const kvstoremesh = conn[5] ? { configured: Number(conn[5]), connected: Number(conn[6]), total: Number(conn[7]) } : null;
    return meshRow('connection', { cluster: conn[1]!, configured: Number(conn[2]), connected: Number(conn[3]), total: Number(conn[4]), kvstoremesh });
  }
  const err = rows.error.exec(text);
  if (err) return meshRow('error', { pod: err[1]!, cluster: err[2]!, message: err[3]! });
  const note = rows.note.exec(text) ?? rows.address.exec(text);
  return note ? meshRow('note', { message: note[1]! }) : null;
}

// ---- cilium connectivity test (cilium-cli) ------------------------------------------------------

function connectivity(
  row: ConnectivityRow['row'],
  name: string | null,
  message: string,
  ok: boolean | null = null,
  counts: ConnectivityRow['counts'] = null,
): ConnectivityRow {
  return { kind: 'connectivity-row', row, name, ok, counts, message };
}

/** A line of `cilium connectivity test`, read alone (each names what it is about). */
export function connectivityRow(text: string): ConnectivityRow | null {
  const r = CONNECTIVITY_ROWS;
  let m: RegExpExecArray | null;
  if ((m = r.test.exec(text) ?? r.reportTest.exec(text))) return connectivity('test', m[1]!, '');
  if ((m = r.skipped.exec(text))) return connectivity('skipped-test', m[1]!, m[2] ?? '');
  if ((m = r.scenario.exec(text))) return connectivity('scenario', m[1]!, '');
  if ((m = r.action.exec(text))) return connectivity('action', m[1]!, m[2] ?? '');
  if ((m = r.failedSummary.exec(text))) {
    const counts = { failedTests: Number(m[1]), tests: Number(m[2]), failedActions: Number(m[3]), actions: Number(m[4]) };
    return connectivity('summary', null, text.trim(), false, counts);
  }
  if ((m = r.passedSummary.exec(text))) {
    return connectivity('summary', null, text.trim(), true, { failedTests: 0, tests: Number(m[1]), failedActions: 0, actions: Number(m[2]) });
  }
  if ((m = r.failedAction.exec(text))) return connectivity('failed-action', m[1]!, m[2]!, false);
  if ((m = r.result.exec(text))) return connectivity('result', null, m[2]!, m[1] === '✅');
  if ((m = r.feature.exec(text))) return connectivity('feature', m[1]!, m[2]!);
  if ((m = r.failure.exec(text))) return connectivity('failure', null, m[1]!, false);
  if (r.report.test(text) || r.progress.test(text)) return connectivity('note', null, text.trim());
  if ((m = r.note.exec(text))) return connectivity('note', null, m[1]!);
  return null;
}

// ---- cilium config / version ---------------------------------------------------------------

export function configRow(text: string, readOnly: boolean, parent: string | null): ConfigEntry | null {
  const m = /^(\t)?([A-Za-z][\w.-]*)\s*: ?(.*?)\s*$/.exec(text);
  if (!m) return null;
  return { kind: 'config-entry', name: m[2]!, value: m[3]!, readOnly, parent: m[1] ? parent : null };
}

export function versionRow(text: string): VersionEntry | null {
  const [agent, cli, image, hubble] = VERSION_ROWS.map((row) => row.exec(text));
  if (agent) return { kind: 'version-entry', component: agent[1]!, version: agent[2]!, revision: agent[3]! };
  if (hubble) return { kind: 'version-entry', component: hubble[1]!, version: hubble[2]!, revision: hubble[3] ?? null };
  if (cli) return { kind: 'version-entry', component: cli[1]!, version: cli[2]!, revision: null };
  if (image) {
    const v = /^v?(\d+\.\d+\.\d+\S*)$/.exec(image[2]!.trim());
    return { kind: 'version-entry', component: image[1]!, version: v ? v[1]! : null, revision: null };
  }
  return null;
}

// ---- cilium bpf nat list, cilium map list ---------------------------------------------------

export function natRow(text: string): NatEntry | null {
  const m = NAT_ROW.exec(text);
  if (!m) return null;
  const [, proto, dir, src, dst, xlate, to, created, flag, flagValue] = m;
  const value = flagValue === undefined ? null : Number(flagValue);
  return {
    kind: 'nat-entry',
    proto: proto!,
    dir: dir!,
    src: src!,
    dst: dst!,
    xlate: xlate as 'SRC' | 'DST',
    to: to!,
    createdSecAgo: created === undefined ? null : Number(created),
    hostLocal: flag === 'HostLocal' ? value : null,
    needsCT: flag === 'NeedsCT' ? value : null,
  };
}

export function endpointLogRow(text: string, wrapperTime: string | null): EndpointLogEntry | null {
  const m = ENDPOINT_LOG_ROW.exec(text);
  return m ? { kind: 'endpoint-log-entry', time: m[1] ?? wrapperTime, status: m[2]!, state: m[3]!, message: m[4]! } : null;
}

export function mapListRow(text: string): MapListEntry | null {
  const m = MAP_LIST_ROW.exec(text);
  if (!m) return null;
  return { kind: 'map-list-entry', name: m[1]!, entries: Number(m[2]), errors: Number(m[3]), cache: m[4] === 'true' };
}

// ---- cilium bpf ct list global -------------------------------------------------------------

export function ctRow(text: string): CtEntry | null {
  const m = CT_ROW.exec(text);
  if (!m) return null;
  const flags = /Flags=0x[0-9a-fA-F]+ \[ ?([^\]]*?) ?\]/.exec(m[5]!);
  return {
    kind: 'ct-entry',
    proto: m[1]!,
    dir: m[2]!,
    src: m[3]!,
    dst: m[4]!,
    service: m[2] === 'SVC' || /(?:^| )service /.test(m[5]!),
    flags: flags && flags[1] ? flags[1].split(/\s+/) : [],
  };
}

// ---- cilium-cli `cilium status` ------------------------------------------------------------

export function workloadRow(text: string): CliWorkload | null {
  const m = WORKLOAD_ROW.exec(text);
  if (!m) return null;
  const parts: Record<string, number> = {};
  for (const p of m[3]!.matchAll(/(Desired|Ready|Available|Unavailable): (\d+)(?:\/\d+)?/g)) parts[p[1]!] = Number(p[2]);
  return {
    kind: 'cli-workload',
    workload: m[1]!,
    name: m[2]!,
    desired: parts['Desired'] ?? null,
    ready: parts['Ready'] ?? null,
    available: parts['Available'] ?? null,
    unavailable: parts['Unavailable'] ?? null,
  };
}

/** `<name>   Running: 2[, Pending: 1]` (after `Containers:` or on a continuation row). */
export function containerPhases(text: string): { name: string; phases: Record<string, number> } | null {
  const m = CONTAINER_PHASES.exec(text);
  if (!m) return null;
  const phases: Record<string, number> = {};
  for (const p of m[2]!.matchAll(/(\w+): (\d+)/g)) phases[p[1]!] = Number(p[2]);
  return { name: m[1]!, phases };
}

/** `<name>   quay.io/cilium/cilium:v1.13.4@sha256:…: 2` */
export function imageRow(text: string): CliImage | null {
  const m = IMAGE_COUNT.exec(text);
  if (!m) return null;
  const ref = m[2]!;
  const tag = /:([^:@/]+)(?:@|$)/.exec(ref.slice(ref.lastIndexOf('/') + 1));
  return { kind: 'cli-image', name: m[1]!, image: ref, version: tag ? tag[1]!.replace(/^v/, '') : null, count: Number(m[3]) };
}
