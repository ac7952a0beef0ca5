/**
 * The cluster state: the one typed view that the model, the rules and the report read. It is
 * combined from every input (flag dumps, start-up logs, `cilium status`, CLI listings, monitor and
 * tcpdump summaries) by `src/state`; every fact keeps the lines it was read from.
 */
import type { Evidence } from './evidence.js';
import type { LogLevel } from './records.js';
import type { IpamPool, StatusDetail, WireguardInterface } from './status.js';

/**
 * Where a fact was read from: the agent's flag dump, the `cilium-config` ConfigMap (or `cilium config`
 * output), Helm values / `--set` flags, the agent log, `cilium status`, CLI listings, Kubernetes
 * objects, host command output (`ip route`…), monitor events, tcpdump, or derived from other facts.
 */
export type FactOrigin =
  | 'flag'
  | 'configmap'
  | 'helm'
  | 'log'
  | 'status'
  | 'cli'
  | 'kubernetes'
  | 'host'
  | 'statedb'
  | 'monitor'
  | 'tcpdump'
  | 'derived';

/** A derived fact with the lines that support it. */
export interface Fact<T> {
  value: T;
  origin: FactOrigin;
  evidence: Evidence[];
}

/**
 * A configured flag. The map it lives in is keyed by the flag's current name (renames resolved
 * through `knowledge/flags.ts`); `name` is the name the input used, which the report shows.
 */
export interface RequestedFlag extends Fact<string> {
  name: string;
}

/** Version-independent datapath configuration (report-json.md `agents[].effective`). */
export interface EffectiveConfig {
  routingMode: Fact<'tunnel' | 'native'> | null;
  tunnelProtocol: Fact<'vxlan' | 'geneve'> | null;
  hostRouting: Fact<'BPF' | 'Legacy'> | null;
  kubeProxyReplacement: Fact<string> | null;
  masquerading: Fact<'BPF' | 'iptables' | 'disabled'> | null;
  mtu: Fact<number> | null;
}

export type EffectiveKey = keyof EffectiveConfig;

/** An effective configuration of which nothing is known yet. */
export function emptyEffective(): EffectiveConfig {
  return { routingMode: null, tunnelProtocol: null, hostRouting: null, kubeProxyReplacement: null, masquerading: null, mtu: null };
}

export const EFFECTIVE_KEYS: readonly EffectiveKey[] = [
  'routingMode',
  'tunnelProtocol',
  'hostRouting',
  'kubeProxyReplacement',
  'masquerading',
  'mtu',
];

/** Two sources disagreeing on one setting: both kept, with provenance. */
export interface FactConflict {
  key: string;
  facts: Fact<unknown>[];
}

// ---- what `cilium status` says of an agent --------------------------------------------------

type Detail<T extends StatusDetail['type']> = Extract<StatusDetail, { type: T }>;

/** Settings and health `cilium status` prints beyond `EffectiveConfig`, typed. */
export interface StatusSettings {
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
  encryption: { mode: string; nodeEncryption: boolean | null; wireguard: WireguardInterface[]; message: string };
  masqueradeDevices: string[];
  masqueradeCIDR: string;
  ipMasqAgent: boolean;
  ipam: { pools: IpamPool[]; running: boolean };
  hubble: Omit<Detail<'hubble'>, 'type'>;
  bpfMapSizing: { dynamicSizing: boolean; ratio: number | null };
  bpfMapSizes: Record<string, number>;
  controllers: { healthy: number; total: number };
  clusterHealth: Omit<Detail<'cluster-health'>, 'type'>;
  ciliumState: Omit<Detail<'cilium'>, 'type'>;
  kubernetesState: Omit<Detail<'kubernetes'>, 'type'>;
  kvstoreState: Omit<Detail<'state'>, 'type'>;
  /** The last status command could not reach the agent's API: the client's error (empty when only the hint was pasted). */
  agentUnreachable: { error: string };
  monitorLost: number;
  clockSource: string;
  hostFirewall: boolean;
  identityRange: { min: number; max: number };
  /**
   * The last `cilium encrypt status`: the mode, for IPsec the keys in use, the XFRM error total and
   * each non-zero kernel XFRM counter (`XfrmInStateProtoError`, …); for WireGuard the peers per interface.
   */
  encryptStatus: { mode: string; keysInUse: number | null; errors: number | null; xfrmErrors: Record<string, number>; peers: number | null };
  /** `ClusterMesh: 1/2 remote clusters ready, 0 global-services` and the clusters printed under it (not-ready ones, all with --verbose). */
  clusterMesh: Omit<Detail<'clustermesh'>, 'type'> & { clusters: RemoteClusterStatus[] };
}

export type StatusFacts = { [K in keyof StatusSettings]?: Fact<StatusSettings[K]> };

/** One remote cluster of the agent's `ClusterMesh:` section, with the `└  …` lines printed under it. */
export interface RemoteClusterStatus extends Omit<Detail<'remote-cluster'>, 'type'> {
  name: string;
  /** Its kvstore (`etcd: 0/1 connected, … - context deadline exceeded`), remote configuration and synchronization lines. */
  details: string[];
  evidence: Evidence[];
}

/** One labelled status line with its parsed detail. */
export interface StatusFieldFact {
  label: string;
  value: string;
  detail: StatusDetail | null;
  evidence: Evidence;
}

export interface StatusController extends Evidence {
  name: string;
  count: number;
  message: string;
}

export interface StatusMapSize extends Evidence {
  name: string;
  size: number;
}

/** What the agent's last `cilium status` block printed. */
export interface AgentStatus {
  /** The status block owner's key (pod or input) before it was merged into an agent. */
  key: string;
  version: Fact<string> | null;
  /** The contract settings as status printed them (the agent's `effective` may prefer the log). */
  printed: Partial<EffectiveConfig>;
  facts: StatusFacts;
  /** Labelled lines by label (KPR details prefixed `kpr.`, services `svc.`). */
  fields: Record<string, StatusFieldFact>;
  /** Rows of the last `Controller Status` table whose last runs failed. */
  failingControllers: StatusController[];
  /** Rows of the last `BPF Maps` table. */
  maps: StatusMapSize[];
  addresses: (Evidence & { ip: string; owner: string })[];
}

// ---- what `cilium config` says of an agent ------------------------------------------------

/** One row of `cilium config` / `cilium-dbg config`: an option of the running agent. */
export interface RuntimeOption extends Fact<string> {
  /** The name printed (`PolicyEnforcement`, `EnableBPFMasquerade`; a nested row as `KVStoreOpt.etcd.config`). */
  name: string;
  /** The flag that sets it and the value in the flag's spelling (`Enabled` → `true`); null when no flag does. */
  flag: { name: string; value: string } | null;
}

// ---- what the agent's log says --------------------------------------------------------------

/** One log line that carries a signal. */
export interface LogSignalHit extends Evidence {
  level: LogLevel;
  /** The record's own time as printed (`time=`, the JSON or slog time), else the wrapper's; null when none. */
  time: string | null;
  msg: string;
  /** String fields of the record (e.g. `error`). */
  fields: Record<string, string>;
}

/** Error, fatal and panic lines of one message shape. */
export interface LogErrorGroup {
  /** The worst level in the group. */
  level: LogLevel;
  shape: string;
  count: number;
  /** The first lines of the group, in input order. */
  evidence: Evidence[];
}

export interface AgentLog {
  /** Lines per signal id (`LOG_SIGNALS` of `knowledge/agent-messages.ts`); absent ids were not seen. */
  signals: Record<string, LogSignalHit[]>;
  errors: LogErrorGroup[];
}

/** One cilium-agent (a pod, or a whole input when no pod is named). */
export interface AgentState {
  /** Stable key: the pod name, or `source:<input>` when no pod is known. */
  key: string;
  pod: string | null;
  node: Fact<string> | null;
  version: Fact<string> | null;
  /** Configured flags as the configuration named them (last value wins). */
  configured: RequestedFlag[];
  /**
   * The same keyed by their current names (renames resolved through `knowledge/flags.ts`); the
   * running agent's `cilium config` values replace them (origin `cli`; a different value is a conflict).
   */
  requested: Record<string, RequestedFlag>;
  /** Whether the agent's configuration was given at all: the absence of a flag means something only then. */
  configKnown: boolean;
  effective: EffectiveConfig;
  /** The last `cilium config` value of each option the agent printed, by printed name. */
  runtime: Record<string, RuntimeOption>;
  /** Effective BPF NodePort: the status details, else implied by the KPR mode and flags. */
  nodePort: Fact<boolean> | null;
  status: AgentStatus | null;
  log: AgentLog;
  conflicts: FactConflict[];
  /** Did this agent's log reach the end of daemon initialisation? */
  startupComplete: Evidence | null;
}

// ---- the cluster ----------------------------------------------------------------------------

export interface NodeState {
  name: string;
  internalIPs: string[];
  ciliumInternalIP: string | null;
  healthIP: string | null;
  /**
   * Who printed `healthIP`: the node itself (its log, its status, its own health report, its CiliumNode)
   * or only a peer probing it (which may probe an address the node no longer has); null or absent when unknown.
   */
  healthIPBy?: 'node' | 'peer' | null;
  podCIDRs: string[];
  /** `uname -r` of the node (kubectl get nodes -o wide, node status); null when unknown. */
  kernelVersion?: string | null;
  evidence: Evidence[];
}

/** A Kubernetes pod (kubectl get pods -o wide, -o yaml/json, describe pod, sysdump k8s-pods). */
export interface PodState {
  namespace: string | null;
  name: string;
  ips: string[];
  node: string | null;
  /** The pod runs in the host network namespace (its IP is the node's). */
  hostNetwork: boolean | null;
  phase: string | null;
  restarts: number | null;
  containers: ContainerState[];
  labels: Record<string, string>;
  evidence: Evidence[];
}

export interface ContainerState {
  name: string;
  image: string | null;
  ready: boolean | null;
  restarts: number | null;
  /** `Running`, `Waiting`, `Terminated` with its reason (CrashLoopBackOff, OOMKilled, Error…). */
  state: string | null;
  reason: string | null;
  /** The last terminated state: reason and exit code (137 = killed). */
  lastState: { reason: string | null; exitCode: number | null; finishedAt: string | null } | null;
  evidence: Evidence[];
}

/** A Kubernetes event or a pod's `Events:` row. */
export interface KubeEvent {
  namespace: string | null;
  /** `Pod/cilium-x7k2p`, `Node/dev1`… */
  object: string | null;
  type: string | null;
  reason: string | null;
  message: string;
  count: number | null;
  evidence: Evidence[];
}

/** A route of `ip route` (node or pod network namespace). */
export interface RouteState {
  node: string | null;
  /** `host`, `pod/NAME`, or null when unknown. */
  netns: string | null;
  table: string | null;
  /** `default` or a CIDR / address. */
  dst: string;
  via: string | null;
  dev: string | null;
  src: string | null;
  mtu: number | null;
  proto: string | null;
  scope: string | null;
  /** `host` (iproute2, the default) or `statedb` (the agent's own `routes` table). */
  origin?: 'host' | 'statedb';
  evidence: Evidence[];
}

/** A network device of `ip -d link` / `ip addr`, or of the agent's StateDB `devices` table. */
export interface LinkState {
  node: string | null;
  netns: string | null;
  name: string;
  ifindex: number | null;
  mtu: number | null;
  mac: string | null;
  /** `veth`, `vxlan`, `geneve`, `netkit`, `wireguard`… from `ip -d link`. */
  kind: string | null;
  /** Tunnel details of vxlan/geneve devices. */
  tunnel: { vni: number | null; port: number | null; external: boolean } | null;
  addresses: string[];
  /** Selected by the agent as a native device (StateDB `devices`); absent when the source does not say. */
  selected?: boolean | null;
  /** `host` (iproute2, the default) or `statedb`. */
  origin?: 'host' | 'statedb';
  evidence: Evidence[];
}

/** A neighbour (ARP / NDP) entry of `arp -n`, `arp -a` or `ip neigh`, in the netns that printed it. */
export interface NeighbourState {
  node: string | null;
  netns: string | null;
  address: string;
  /** Null for an incomplete or failed entry. */
  mac: string | null;
  dev: string | null;
  /** As printed: arp's flags (`C`, `PERM`) or ip neigh's states (`REACHABLE`, `STALE`…); `incomplete`. */
  state: string | null;
  evidence: Evidence[];
}

/**
 * One health path to a peer: `up` when every probe succeeded, `down` when some failed, `unknown`
 * when the printed status says neither, `absent` when nothing was printed or probed. The counts are
 * the probes (`reachable` is 1/1, `unreachable` 0/1, `2/3` as printed by 1.17+), null unless up or down.
 */
export interface Reachability {
  state: 'up' | 'down' | 'unknown' | 'absent';
  reachable: number | null;
  total: number | null;
}

export interface HealthPeer {
  name: string;
  localhost: boolean;
  ip: string | null;
  /** The node path as printed (`reachable`, `unreachable`, `1/2`…) or derived from probes. */
  node: string | null;
  endpoints: string | null;
  /** The same, classified and counted. */
  nodePath: Reachability;
  endpointPath: Reachability;
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

/** One `Cluster health:` section or `cilium-health status` output. */
export interface HealthReport {
  agent: string;
  /** The reporting node: the `(localhost)` row, else the node of the agent that printed it. */
  reporter: string | null;
  kind: 'status' | 'cilium-health';
  reachable: number | null;
  total: number | null;
  time: string | null;
  nodes: HealthPeer[];
  probes: HealthProbeResult[];
  evidence: Evidence[];
}

export interface EndpointState {
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

/**
 * A service frontend: a `cilium service list` row (per agent) or a Kubernetes Service port. The
 * address fields are parsed from `frontend`; Kubernetes adds name, policy and L7 facts.
 */
export interface ServiceState {
  id: number | null;
  frontend: string;
  /** `ClusterIP`, `NodePort`, `LoadBalancer`, `ExternalIPs`, `HostPort`, `LocalRedirect`… */
  type: string;
  backends: { address: string; state: string | null }[];
  /** The agent whose listing printed it; null for Kubernetes objects. */
  agent: string | null;
  node: string | null;
  /** `namespace/name` when known. */
  name?: string | null;
  vip?: string | null;
  port?: number | null;
  protocol?: string | null;
  externalTrafficPolicy?: 'Cluster' | 'Local' | null;
  /** Load-balanced by the L7 proxy (`L7LoadBalancer` in `cilium service list`, `service.cilium.io/lb-l7`). */
  l7LoadBalancer?: boolean;
  evidence: Evidence[];
}

export interface IdentityState {
  id: number;
  labels: string[];
  evidence: Evidence[];
}

// ---- monitor and packets --------------------------------------------------------------------

/** report-json.md `monitor`. */
export interface MonitorSummary {
  events: number;
  byKind: Record<string, number>;
  drops: { reason: string; code: number | null; count: number }[];
}

/** The columns monitor events are grouped by. */
export interface MonitorEventKey {
  agent: string;
  type: string;
  drop_code: number | null;
  drop_reason: string | null;
  src_identity: string | null;
  dst_identity: string | null;
  src_identity_num: number | null;
  dst_identity_num: number | null;
  dst_ip: string | null;
  dst_port: number | null;
  protocol: string | null;
  source_ep: number | null;
  dest_ep: number | null;
  policy_action: string | null;
  policy_match: string | null;
  direction: string | null;
}

export type MonitorGroupKey = keyof MonitorEventKey;

/** Events with equal keys: their number and the first few lines (`seq` orders them across groups). */
export interface MonitorEventGroup {
  key: MonitorEventKey;
  count: number;
  evidence: (Evidence & { seq: number })[];
}

export interface MonitorDropReport {
  total: number;
  lostEvents: number;
  byReason: { reason: string; code: number | null; group: string; count: number; evidence: Evidence[] }[];
  /** The endpoint a drop concerns: its destination endpoint, else the endpoint that emitted it. */
  byEndpoint: { endpoint: number | null; count: number }[];
  byIdentityPair: { src: string | null; dst: string | null; count: number }[];
  /** Per minute of the runtime timestamps when the input has them, else per capture session. */
  overTime: { bucket: string; count: number }[];
}

/**
 * One drop printed in several forms (`cilium monitor` text, `cilium monitor -j`, `hubble observe`):
 * the print counted and the others, which cite the same drop and are not counted again.
 */
export interface SameDrop {
  /** `seq` of the print counted (as in `MonitorEventGroup` evidence). */
  seq: number;
  evidence: Evidence;
  also: (Evidence & { seq: number })[];
}

export interface MonitorState {
  summary: MonitorSummary;
  /** Drops and policy verdicts, grouped by all key columns (rules regroup them by fewer). */
  groups: MonitorEventGroup[];
  drops: MonitorDropReport;
  /** Drops printed in more than one form, counted once (in `groups`, `summary` and `drops`). */
  sameDrops: SameDrop[];
}

/** Packets seen at one capture point (node, interface, network namespace). */
export interface CapturePointCount {
  node: string | null;
  iface: string | null;
  netns: string | null;
  total: number;
  byProtocol: Record<string, number>;
}

/** One capture's ARP requests for one address, and the replies for it (`ARP, Request who-has T tell S` / `ARP, Reply T is-at M`). */
export interface ArpExchange {
  /** The capture: its input, node and network namespace as the command or `--capture` named them. */
  source: string;
  node: string | null;
  netns: string | null;
  /** The address asked for. */
  target: string;
  requests: (Evidence & { sender: string | null; device: string | null; time: number | null })[];
  replies: (Evidence & { device: string | null; time: number | null })[];
}

/** The report's `packets` object (report-json.md) plus per-capture-point counts for the text report. */
export interface PacketSummary {
  total: number;
  byProtocol: Record<string, number>;
  captures: CapturePointCount[];
}

// ---- cilium-cli `cilium status` -------------------------------------------------------------

/** One cilium-cli `cilium status` block (status.md §3): summaries, workload rows, error and warning rows. */
export interface CliStatusReport {
  /** `Cilium: OK`, `Operator: 1 errors`… of the logo rows. */
  components: (Evidence & { name: string; summary: string })[];
  /** `DaemonSet   cilium   Desired: 3, Ready: 2/3, …` rows. */
  workloads: (Evidence & { kind: string; name: string; desired: number | null; ready: number | null; available: number | null; unavailable: number | null })[];
  /** `Errors:` / `Warnings:` rows: workload, pod and message. */
  messages: (Evidence & { severity: string; workload: string | null; pod: string | null; message: string })[];
  evidence: Evidence[];
}

/** One cilium-cli `cilium clustermesh status` block: how many agents reach every cluster, each remote cluster's row, the agents' errors. */
export interface CliClusterMeshReport {
  /** `⚠️  1/3 nodes are not connected to all clusters` / `✅ All 3 nodes are connected …`; null when not printed. */
  agents: (Evidence & { connected: number; total: number }) | null;
  kvstoremesh: (Evidence & { connected: number; total: number }) | null;
  /** `- NAME: C/T configured, N/T connected[ - KVStoreMesh: …]` rows. */
  connections: (Evidence & {
    cluster: string;
    configured: number;
    connected: number;
    total: number;
    kvstoremesh: { configured: number; connected: number; total: number } | null;
  })[];
  /** `❌ POD is not connected to cluster NAME: ERROR` rows. */
  errors: (Evidence & { pod: string; cluster: string; message: string })[];
  evidence: Evidence[];
}

export interface ClusterState {
  agents: AgentState[];
  nodes: NodeState[];
  health: HealthReport[];
  endpoints: EndpointState[];
  services: ServiceState[];
  identities: IdentityState[];
  pods: PodState[];
  events: KubeEvent[];
  routes: RouteState[];
  links: LinkState[];
  neighbours: NeighbourState[];
  monitor: MonitorState;
  packets: PacketSummary;
  /** ARP requests and replies per capture and asked-for address (tcpdump). */
  arp: ArpExchange[];
  /** cilium-cli status blocks, in input order (the last is the newest). */
  cliStatus: CliStatusReport[];
  /** cilium-cli `cilium clustermesh status` blocks, in input order. */
  cliClusterMesh: CliClusterMeshReport[];
}
