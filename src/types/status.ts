/**
 * Records of `cilium status` / `cilium-dbg status`, `cilium-health status`, cilium-cli `cilium status` and
 * the agent's CLI dumps (spec: status.md). One record per logical line (a table row, a labelled line); a
 * `status-block` record opens each block so rows can be grouped by the command that printed them.
 */

/** Which output a block of lines is. */
export type StatusBlockKind =
  | 'agent-status'
  | 'agent-status-brief'
  /** The CLI could not reach the agent's API (`… dial unix …/cilium.sock: …` / `Is the agent running?`). */
  | 'agent-unreachable'
  | 'cli-status'
  | 'health-status'
  | 'node-list'
  | 'endpoint-list'
  | 'service-list'
  | 'bpf-lb-list'
  | 'bpf-ipcache-list'
  | 'bpf-tunnel-list'
  | 'identity-list'
  | 'ip-list'
  | 'config'
  | 'version'
  | 'bpf-ct-list'
  | 'bpf-policy-get'
  /** cilium-cli `cilium clustermesh status`. */
  | 'clustermesh-status'
  /** `cilium encrypt status` (1.11 →): the IPsec keys and XFRM error counters, or the WireGuard interfaces. */
  | 'encrypt-status'
  | 'bpf-nat-list'
  | 'map-list'
  /** cilium-cli `cilium connectivity test`. */
  | 'connectivity-test'
  /** `cilium endpoint log ID`: the endpoint's status changes. */
  | 'endpoint-log';

export interface StatusBlockStart {
  kind: 'status-block';
  block: StatusBlockKind;
}

/** Part of `cilium status` a labelled line belongs to. */
export type StatusSection = 'main' | 'kpr' | 'kpr-services' | 'nat46' | 'annotations' | 'clustermesh' | 'cli' | 'encrypt';

/** A device of a KubeProxyReplacement / Host firewall list: `eth0 192.168.10.12 fe80::1 (Direct Routing)`. */
export interface StatusDevice {
  name: string;
  ips: string[];
  directRouting: boolean;
}

export interface IpamPool {
  family: 'IPv4' | 'IPv6';
  used: number;
  /** Pool size; null when printed without one. */
  size: number | null;
  /** `from <cidr>` or `from <n> pod CIDRs`. */
  from: string | null;
}

export interface WireguardInterface {
  iface: string;
  pubkey: string;
  port: number;
  peers: number;
}

/** Typed meaning of a labelled line's value; null for free text. */
export type StatusDetail =
  | { type: 'state'; state: string; message: string }
  | { type: 'kubernetes'; state: string; version: string | null; gitVersion: string | null; platform: string | null; message: string }
  | { type: 'apis'; apis: string[] }
  /** `features`: 1.8 listed the replaced features (`NodePort (SNAT, 30000-32767, XDP: NONE)`, `HostPort`). */
  | { type: 'kpr'; mode: string; devices: StatusDevice[]; features?: string[] }
  | { type: 'devices'; enabled: boolean; devices: StatusDevice[] }
  | { type: 'cilium'; state: string; version: string | null; revision: string | null; reason: string }
  | { type: 'monitor'; cpus: number | null; pages: number | null; pageSize: number | null; disabled: boolean }
  | { type: 'monitor-lost'; lost: number; unknown: number }
  | { type: 'ipam'; pools: IpamPool[]; running: boolean }
  | { type: 'bandwidth'; enabled: boolean; congestion: string | null; devices: string[] }
  | { type: 'host-routing'; mode: 'BPF' | 'Legacy' }
  | { type: 'routing'; network: 'tunnel' | 'native'; tunnelProtocol: string | null; host: 'BPF' | 'Legacy' }
  | {
      type: 'masquerading';
      impl: 'BPF' | 'iptables' | 'disabled';
      ipMasqAgent: boolean;
      devices: string[];
      cidr: string | null;
      cidr6: string | null;
      ipv4: boolean | null;
      ipv6: boolean | null;
    }
  | { type: 'clock'; source: string; hz: number | null }
  | { type: 'controllers'; healthy: number; total: number }
  | { type: 'proxy'; ok: boolean; ip: string | null; redirects: number | null; ports: string | null; envoy: string | null }
  | { type: 'identity-range'; min: number; max: number }
  | {
      type: 'hubble';
      state: string;
      message: string;
      current: number | null;
      max: number | null;
      percent: number | null;
      flowsPerSecond: number | null;
      metrics: string | null;
    }
  | { type: 'maps'; dynamicSizing: boolean; ratio: number | null }
  | { type: 'encryption'; mode: string; nodeEncryption: boolean | null; wireguard: WireguardInterface[]; message: string }
  | {
      type: 'cluster-health';
      reachable: number | null;
      total: number | null;
      time: string | null;
      interval: string | null;
      message: string;
    }
  | { type: 'modules'; counts: Record<string, number> }
  | { type: 'enabled'; enabled: boolean; extra: string }
  | { type: 'word'; word: string }
  | { type: 'backend-selection'; algorithm: 'Random' | 'Maglev'; tableSize: number | null }
  | { type: 'service-type'; enabled: boolean; range: string | null }
  | { type: 'clustermesh'; ready: number; total: number; globalServices: number | null }
  /**
   * One remote cluster under `ClusterMesh:` (`   NAME: ready|not-ready, N nodes, …`): the counts a
   * release prints (endpoints from 1.14, MCS-API exports from 1.18), its failures (`reconnections`
   * from 1.16) and when the last was (`never`, `14s ago`); null where the release does not print it.
   */
  | {
      type: 'remote-cluster';
      ready: boolean;
      nodes: number | null;
      endpoints: number | null;
      identities: number | null;
      services: number | null;
      failures: number | null;
      lastFailure: string | null;
    }
  | { type: 'ratio'; part: number; total: number }
  | { type: 'count'; count: number }
  /** A label this analyzer does not know (yet), kept with its value as printed. */
  | { type: 'unknown-label' };

/** One `Label:   value` line. */
export interface StatusField {
  kind: 'status-field';
  section: StatusSection;
  label: string;
  /** The value with tabwriter padding collapsed to single spaces. */
  value: string;
  detail: StatusDetail | null;
  /** Commentary the user pasted after the value (`… # note`). */
  note?: string;
}

export interface StatusController {
  kind: 'status-controller';
  name: string;
  lastSuccess: string;
  lastError: string;
  count: number;
  message: string;
}

/** `Allocated addresses:` row. */
export interface StatusAddress {
  kind: 'status-address';
  ip: string;
  owner: string;
}

/** `BPF Maps:` table row. */
export interface StatusMapSize {
  kind: 'status-map';
  name: string;
  size: number;
}

/** `Proxy Status` redirect table row (`--all-redirects`). */
export interface StatusRedirect {
  kind: 'status-redirect';
  protocol: string;
  name: string;
  port: number;
}

/** A row of the `Cluster health:` table (≤1.16: reachable words; 1.17+: `r/t` counts). */
export interface HealthNodeRow {
  kind: 'health-node';
  name: string;
  localhost: boolean;
  ips: string[];
  /** `reachable`, `unreachable`, `unknown`, or `r/t[ (n unknown)]`; null for a long-form node header. */
  node: string | null;
  endpoints: string | null;
}

export type HealthPath = 'host' | 'endpoint' | 'secondary-host' | 'secondary-endpoint';

/** One probe result of `cilium-health status` long form. */
export interface HealthProbe {
  kind: 'health-probe';
  node: string;
  localhost: boolean;
  path: HealthPath;
  ip: string | null;
  protocol: 'icmp' | 'http';
  ok: boolean;
  rtt: string | null;
  rttMicros: number | null;
  /** The printed result (`OK, RTT=…` or the failure text). */
  result: string;
}

/** A leaf or inner node of the `Modules Health` tree. */
export interface StatusModule {
  kind: 'status-module';
  depth: number;
  name: string;
  level: string | null;
  message: string | null;
}

// ---- cilium-cli `cilium status` ------------------------------------------------------------

export interface CliComponent {
  kind: 'cli-component';
  name: string;
  summary: string;
}

export interface CliWorkload {
  kind: 'cli-workload';
  workload: string;
  name: string;
  desired: number | null;
  ready: number | null;
  available: number | null;
  unavailable: number | null;
}

export interface CliContainers {
  kind: 'cli-containers';
  name: string;
  phases: Record<string, number>;
}

export interface CliImage {
  kind: 'cli-image';
  name: string;
  image: string;
  version: string | null;
  count: number;
}

export interface CliMessage {
  kind: 'cli-message';
  severity: 'error' | 'warning' | 'configuration';
  workload: string | null;
  pod: string | null;
  message: string;
}

// ---- CLI listings --------------------------------------------------------------------------

export interface NodeListEntry {
  kind: 'node-entry';
  name: string;
  ipv4: string | null;
  ipv4CIDR: string | null;
  ipv6: string | null;
  ipv6CIDR: string | null;
  source: string | null;
}

export interface EndpointEntry {
  kind: 'endpoint-entry';
  id: number;
  policyIngress: string;
  policyEgress: string;
  identity: number | null;
  label: string | null;
  ipv6: string | null;
  ipv4: string | null;
  status: string;
}

/** A continuation row of `endpoint list` / `identity list` / `ip list`: one more label. */
export interface ListLabel {
  kind: 'list-label';
  list: 'endpoint' | 'identity' | 'ip' | 'policy';
  /** Endpoint id, identity id, the IP/CIDR, or a policy map entry (`DIRECTION FIRST-LABEL PORT`) the label belongs to. */
  owner: string;
  label: string;
}

export interface ServiceEntry {
  kind: 'service-entry';
  id: number;
  frontend: string;
  type: string;
  remote: boolean;
}

export interface ServiceBackend {
  kind: 'service-backend';
  serviceId: number;
  index: number;
  address: string;
  state: string | null;
  preferred: boolean;
}

export interface LbEntry {
  kind: 'lb-entry';
  frontend: string;
  /** Backend slot; null where the release printed none (≤1.9, except the master entry's 0). */
  slot: number | null;
  /** Backend address, or null for the master entry / `backend <id> not found`. */
  backend: string | null;
  revNat: number | null;
  flags: string[];
  value: string;
}

/** A row of `cilium bpf policy get`: one entry of an endpoint's policy map. */
export interface PolicyMapEntry {
  kind: 'policy-map-entry';
  /** The endpoint whose map it is: the command's argument or `--all`'s `Endpoint ID:`; null when not pasted. */
  endpoint: number | null;
  /** `Allow` / `Deny`; null before 1.9, which printed allow entries only. */
  verdict: string | null;
  direction: string;
  /** The identity's first label (`ANY` for any identity), or its number with `-n`. */
  peer: string;
  port: string;
  proxyPort: number | null;
  authType: string | null;
  bytes: number | null;
  packets: number | null;
  prefixLength: number | null;
}

export interface IpcacheEntry {
  kind: 'ipcache-entry';
  prefix: string;
  identity: number;
  encryptKey: number | null;
  tunnelEndpoint: string | null;
  nodeId: number | null;
  flags: string | null;
}

export interface TunnelEntry {
  kind: 'tunnel-entry';
  prefix: string;
  endpoint: string;
  encryptKey: number | null;
  nodeId: number | null;
}

export interface IdentityEntry {
  kind: 'identity-entry';
  id: number;
  label: string;
  refcount: number | null;
}

export interface IpEntry {
  kind: 'ip-entry';
  cidr: string;
  identity: string;
  source: string | null;
}

/**
 * One line of cilium-cli `cilium clustermesh status`: how many agents (`agents`) or KVStoreMesh
 * replicas (`kvstoremesh`) are connected to all clusters, a remote cluster's `connection` row, an
 * agent's connection `error`, or another line (`note`: the service, access information, deployment).
 */
export interface ClusterMeshStatusRow {
  kind: 'clustermesh-row';
  row: 'agents' | 'kvstoremesh' | 'connection' | 'error' | 'note';
  cluster: string | null;
  pod: string | null;
  configured: number | null;
  connected: number | null;
  total: number | null;
  /** A connection row's KVStoreMesh counts; null when not printed (or `status not available`). */
  kvstoremesh: { configured: number; connected: number; total: number } | null;
  message: string | null;
}

export interface ConfigEntry {
  kind: 'config-entry';
  name: string;
  value: string;
  /** Read-only (`--all`) entries; a map field's entries carry the map name. */
  readOnly: boolean;
  parent: string | null;
}

export interface VersionEntry {
  kind: 'version-entry';
  /** `Client`, `Daemon`, `cilium-cli`, `cilium image (running)`, … */
  component: string;
  version: string | null;
  revision: string | null;
}

/**
 * One `cilium bpf nat list` entry: the tuple as the CT key prints it and the translation (`XLATE_SRC
 * ADDR:PORT Created=Nsec`, then `HostLocal=` before 1.12 or `NeedsCT=` from 1.12).
 */
export interface NatEntry {
  kind: 'nat-entry';
  proto: string;
  dir: string;
  src: string;
  dst: string;
  xlate: 'SRC' | 'DST';
  to: string;
  /** Seconds since the entry was created, as printed (`Created=311sec`). */
  createdSecAgo: number | null;
  hostLocal: number | null;
  needsCT: number | null;
}

/**
 * One line of cilium-cli's `cilium connectivity test`: a detected feature, a test, scenario or action
 * header, an action's result (✅ / ❌ / 🔥), the final report's summary and failed actions, the
 * closing error, or another progress note.
 */
export interface ConnectivityRow {
  kind: 'connectivity-row';
  row: 'feature' | 'test' | 'skipped-test' | 'scenario' | 'action' | 'result' | 'summary' | 'failed-action' | 'failure' | 'note';
  /** The test, scenario or action name (`no-policies/pod-to-cidr/cloudflare-1001-0`), or the feature's. */
  name: string | null;
  /** A result's or summary's outcome; null where the line says none. */
  ok: boolean | null;
  /** A summary's counts: tests and actions failed or run. */
  counts: { failedTests: number | null; tests: number; failedActions: number | null; actions: number } | null;
  message: string;
}

/** One row of `cilium endpoint log ID`: a status change of the endpoint (regeneration, identity, policy). */
export interface EndpointLogEntry {
  kind: 'endpoint-log-entry';
  time: string | null;
  /** `OK`, `Failure`, `Warning`, `Disabled`. */
  status: string;
  /** The endpoint's state when it was logged (`ready`, `regenerating`, `waiting-for-identity`, …). */
  state: string;
  message: string;
}

/** One row of `cilium map list`: an open BPF map and its userspace cache. */
export interface MapListEntry {
  kind: 'map-list-entry';
  name: string;
  entries: number;
  errors: number;
  cache: boolean;
}

/** One `cilium bpf ct list global` entry (stored summarised). */
export interface CtEntry {
  kind: 'ct-entry';
  proto: string;
  dir: string;
  src: string;
  dst: string;
  service: boolean;
  flags: string[];
}

export type StatusRecord =
  | StatusBlockStart
  | StatusField
  | StatusController
  | StatusAddress
  | StatusMapSize
  | StatusRedirect
  | HealthNodeRow
  | HealthProbe
  | StatusModule
  | CliComponent
  | CliWorkload
  | CliContainers
  | CliImage
  | CliMessage
  | NodeListEntry
  | EndpointEntry
  | ListLabel
  | ServiceEntry
  | ServiceBackend
  | LbEntry
  | PolicyMapEntry
  | IpcacheEntry
  | TunnelEntry
  | IdentityEntry
  | IpEntry
  | ConfigEntry
  | ClusterMeshStatusRow
  | VersionEntry
  | CtEntry
  | NatEntry
  | MapListEntry
  | ConnectivityRow
  | EndpointLogEntry;

export type StatusRecordKind = StatusRecord['kind'];
