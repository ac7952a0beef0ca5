/**
 * The labels, table headers and row shapes of `cilium status` (status.md §1), as data: the grammar
 * parses with them, the sniffer recognises lines with them, and the ingest repair step splits a
 * flattened status paste (line breaks lost, `KVStore: Ok Disabled Kubernetes: Ok 1.18 …`) back into
 * lines with them.
 */
import { alternation } from './alternation.js';
import { REDACTED } from './terminal.js';

export interface StatusLabel {
  label: string;
  /** What a value of this label starts with; lines whose value does not fit are not status lines. */
  shape: RegExp;
  /** The nested table or list the following indented lines belong to. */
  nested?: string;
}

const STATE = /^(?:Ok|OK|Warning|Failure|Disabled)\b/;
/** `4/65535 allocated`, 1.5 `3/255 allocated from 10.60.2.0/24` (the count after `/` is the pool's size). */
export const ADDRESS_POOL = /^(\d+)(?:\/(\d+))? allocated(?: from (\S+))?$/;
const ANY = /^/;

/**
 * Top-level labels of `cilium status`, in printed order (1.9 → newest; the address pools of
 * 1.0–1.5, replaced by `IPAM:` in 1.6, where `IPAM:` is printed).
 */
export const STATUS_LABELS = [
  { label: 'KVStore', shape: STATE },
  { label: 'ContainerRuntime', shape: STATE },
  { label: 'Kubernetes', shape: STATE },
  { label: 'Kubernetes APIs', shape: /^\[/ },
  { label: 'KubeProxyReplacement', shape: /^(?:Strict|Partial|Probe|Disabled|True|False)\b/ },
  { label: 'Host firewall', shape: /^(?:Enabled|Disabled)\b/ },
  { label: 'SRv6', shape: /^(?:Enabled|Disabled)\b/ },
  { label: 'CNI Chaining', shape: /^[\w-]+$/ },
  { label: 'CNI Config file', shape: ANY },
  { label: 'Cilium', shape: STATE },
  { label: 'Stale status', shape: ANY },
  { label: 'NodeMonitor', shape: /^(?:Listening for events|Disabled)/, nested: 'monitor' },
  { label: 'Cilium health daemon', shape: STATE },
  { label: 'IPv4 address pool', shape: ADDRESS_POOL, nested: 'addresses' },
  { label: 'IPv6 address pool', shape: ADDRESS_POOL, nested: 'addresses' },
  { label: 'IPAM', shape: /^(?:IPv[46]:|Not running|$)/ },
  { label: 'Allocated addresses', shape: /^$/, nested: 'addresses' },
  { label: 'ClusterMesh', shape: /^\d+\/\d+ /, nested: 'clustermesh' },
  { label: 'IPv4 BIG TCP', shape: /^(?:Enabled|Disabled)\b/ },
  { label: 'IPv6 BIG TCP', shape: /^(?:Enabled|Disabled)\b/ },
  { label: 'BandwidthManager', shape: /^(?:Disabled|EDT with BPF)\b/ },
  { label: 'Host Routing', shape: /^(?:BPF|Legacy)\b/ },
  { label: 'Routing', shape: /^Network: / },
  { label: 'Attach Mode', shape: ANY },
  { label: 'Device Mode', shape: ANY },
  { label: 'Masquerading', shape: /^(?:Disabled|IPTables|BPF)\b/ },
  { label: 'Clock Source for BPF', shape: /^(?:ktime|jiffies)\b/ },
  { label: 'Controller Status', shape: /^\d+\/\d+ healthy/, nested: 'controllers' },
  { label: 'Proxy Status', shape: ANY, nested: 'redirects' },
  { label: 'Global Identity Range', shape: /^(?:min \d+|Unknown)/ },
  { label: 'Hubble', shape: STATE },
  { label: 'KubeProxyReplacement Details', shape: /^$/, nested: 'kpr' },
  { label: 'BPF Maps', shape: /^dynamic sizing: /, nested: 'maps' },
  { label: 'Encryption', shape: /^(?:Disabled|IPsec|Wireguard|WireGuard|Ztunnel)\b/ },
  { label: 'Cluster health', shape: /^(?:\d+\/\d+ reachable|Probe disabled|Warning|Client error)/, nested: 'health' },
  { label: 'Modules Health', shape: /^(?:$|Stopped\(|agent$)/, nested: 'modules' },
] as const satisfies readonly StatusLabel[];

export type StatusLabelName = (typeof STATUS_LABELS)[number]['label'];

/** A nested table or list of `cilium status` that a label's following indented lines belong to. */
export type StatusNestedTable = Extract<(typeof STATUS_LABELS)[number], { nested: string }>['nested'];

const NESTED = new Map<string, StatusNestedTable>(STATUS_LABELS.flatMap((l) => ('nested' in l ? [[l.label, l.nested] as const] : [])));

/** The nested table that follows a label, or null. */
export function nestedTable(label: StatusLabelName): StatusNestedTable | null {
  return NESTED.get(label) ?? null;
}

/** Lines of the `KubeProxyReplacement Details:` block (status.md §1.5), indented by two spaces. */
export const KPR_DETAIL_LABELS = [
  'Status',
  'Socket LB',
  'Protocols',
  'Socket LB Protocols',
  'Socket LB Tracing',
  'Socket LB Coverage',
  'Devices',
  'Mode',
  'DSR Dispatch Mode',
  'Backend Selection',
  'Session Affinity',
  'Graceful Termination',
  'NAT46/64 Support',
  'XDP Acceleration',
  'Services',
  'Annotations',
] as const;

export type KprDetailLabel = (typeof KPR_DETAIL_LABELS)[number];

/** `  - <name>:` lines under `Services:` (and under `NAT46/64 Support:` for Services/Gateway). */
export const KPR_SERVICE_LABELS: readonly string[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'externalIPs', 'HostPort', 'Services', 'Gateway'];

/** Names of the `BPF Maps:` table rows across releases (status.md §1.6). */
export const BPF_MAP_NAMES: readonly string[] = [
  'Auth',
  'Non-TCP connection tracking',
  'TCP connection tracking',
  'Endpoint policy',
  'Events',
  'IP cache',
  'IP masquerading agent',
  'IPv4 masquerading agent',
  'IPv6 masquerading agent',
  'IPv4 fragmentation',
  'IPv4 service',
  'IPv6 service',
  'IPv4 service backend',
  'IPv6 service backend',
  'IPv4 service reverse NAT',
  'IPv6 service reverse NAT',
  'Metrics',
  'NAT',
  'Neighbor table',
  'Global policy',
  'Per endpoint policy',
  'Policy stats',
  'Ratelimit metrics',
  'Session affinity',
  'Signal',
  'Sockmap',
  'Sock reverse NAT',
  'Tunnel',
];

/** Column titles of the tables nested in `cilium status`. */
const TABLE_COLUMNS = {
  controllers: [['Name', 'Last success', 'Last error', 'Count', 'Message']],
  maps: [['Name', 'Size']],
  // Before 1.9: `Reachable` / `Endpoints reachable`, printed `true` / `false`.
  health: [['Name', 'IP', 'Node', 'Endpoints'], ['Name', 'IP', 'Reachable', 'Endpoints reachable']],
  redirects: [['Protocol', 'Redirect', 'Proxy Port']],
} as const;

/** Header lines of the tables nested in `cilium status`, padded or (flattened paste) single-spaced. */
export const STATUS_TABLE_HEADERS = {
  controllers: header(TABLE_COLUMNS.controllers),
  maps: header(TABLE_COLUMNS.maps),
  health: header(TABLE_COLUMNS.health),
  redirects: header(TABLE_COLUMNS.redirects),
} as const;

function header(releases: readonly (readonly string[])[]): RegExp {
  return new RegExp(String.raw`^\s*(?:${releases.map((columns) => columns.join(String.raw`\s+`)).join('|')})\s*$`);
}

const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const IPV6 = String.raw`[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}`;
const SINCE = String.raw`(?:never|[\dhmsµn.]+ ago)`;

/** A `Cluster health:` table cell: a word, 1.17+ `r/t[ (n unknown)]`, before 1.9 `true` / `false`. */
const REACHABILITY = String.raw`(reachable|unreachable|unknown|true|false|\d+\/\d+(?: \(\d+ unknown\))?)`;

/** Row shapes of the nested tables; each matches a row with or without tabwriter padding. */
export const STATUS_ROWS = {
  /** `cilium-health-ep   33s ago   never   0   no error` */
  controller: new RegExp(String.raw`^\s*([\w][\w.:/-]*(?: \([^()\s]*\))?)\s+(${SINCE})\s+(${SINCE})\s+(\d+)(?:\s+(.*?))?\s*$`),
  /** `10.0.1.104 (kube-system/coredns-5d78c9869d-7mxqz)`; before 1.5 the address alone. */
  address: new RegExp(String.raw`^\s*(${IPV4}|${IPV6})(?:\s+\((?!Direct Routing\))([^()]*)\))?\s*$`),
  /** `Non-TCP connection tracking   73507` */
  map: new RegExp(String.raw`^\s*(${alternation(BPF_MAP_NAMES)})\s+(\d+)\s*$`),
  /**
   * `k8s-worker-01 (localhost)   192.168.10.12   reachable   reachable`, 1.17+ `node-a   172.20.4.20   1/1   1/1`,
   * before 1.9 `prod/node-b   192.168.50.22   true   false` (a node of a named cluster is `cluster/node`);
   * a pasted name or address may be a redaction placeholder (`x.x.x.x`).
   */
  health: new RegExp(
    String.raw`^\s*([\w][\w./-]*|${REDACTED})( \(localhost\))?\s+((?:${IPV4}|${IPV6}|Unavailable|${REDACTED})(?:,(?:${IPV4}|${IPV6}|${REDACTED}))*)\s+` +
      String.raw`${REACHABILITY}\s+${REACHABILITY}\s*$`,
  ),
  /** `  DNS   cilium-dns-egress   38537` under `Proxy Status:` */
  redirect: /^\s+(\S+)\s{2,}(\S+)\s{2,}(\d+)\s*$/,
  /** `   3 events lost, 0 unknown notifications` under `NodeMonitor:` */
  monitorLost: /^\s*(\d+) events lost, (\d+) unknown notifications/,
  /** `   cluster-b: ready, 3 nodes, …` and its `└  …` detail lines under `ClusterMesh:` */
  clustermesh: /^\s+(?:(\S+): (ready|not-ready), (.*?)|└\s+(.*?))\s*$/,
  /** `  - service.cilium.io/…` under `  Annotations:` of the KubeProxyReplacement details */
  annotation: /^\s+- (\S+)\s*$/,
  /** `    Prefixes:   64:ff9b::/96` under `  NAT46/64 Support:` */
  nat46Prefixes: /^\s*Prefixes:\s+(.*?)\s*$/,
} as const;

/**
 * What the agent CLI prints instead of its output when it cannot reach the agent's API (pkg/client
 * `Hint`): the HTTP client's error naming the socket, then `Is the agent running?`; `--brief` prints
 * `cilium: daemon unreachable`, a stuck agent `Cilium API client timeout exceeded`. Commands other
 * than `status` prefix `Error: <what failed>: `.
 */
export const AGENT_API_UNREACHABLE = {
  dialError: /^(?:Error: .*?)?(?:Get|Post|Put|Patch|Delete) "?https?:\/\/[^\s"]+"?: dial unix \S+\.sock: .+$/,
  hint: /^(?:Is the agent running\?|cilium: daemon unreachable|(?:Error: .*?)?Cilium API client timeout exceeded)\s*$/,
} as const;

const MAIN_LABELS = alternation(STATUS_LABELS.map((l) => l.label));
const DETAIL_LABELS = alternation(KPR_DETAIL_LABELS);
const SERVICE_LABELS = alternation(KPR_SERVICE_LABELS);

/**
 * Where a new line starts inside a flattened status paste: a label, a nested table header, or a
 * table row. Row starts are the leading part of each row shape, so the rest of the row (a free-text
 * controller message) stays with it.
 */
export const FLATTENED_STATUS_START = new RegExp(
  [
    String.raw`(?<=\s)(?:${MAIN_LABELS}|${DETAIL_LABELS}):(?=\s|$)`,
    String.raw`(?<=\s)- (?:${SERVICE_LABELS}):(?=\s|$)`,
    String.raw`(?<=\s)(?:${Object.values(TABLE_COLUMNS).flatMap((releases) => releases.map((c) => c.join(' '))).join('|')})(?=\s|$)`,
    String.raw`(?<=\s)[\w][\w.:/-]*(?: \([^()\s]*\))? ${SINCE} ${SINCE} \d+(?=\s|$)`,
    String.raw`(?<=\s)(?:${IPV4}|${IPV6}) \((?!Direct Routing\))[^()]*\)`,
    String.raw`(?<=\s)(?:${alternation(BPF_MAP_NAMES)}) \d+(?=\s|$)`,
    String.raw`(?<=\s)[\w][\w./-]*(?: \(localhost\))? (?:${IPV4}|${IPV6}|Unavailable) (?:reachable|unreachable|unknown|true|false|\d+\/\d+)(?=\s)`,
  ].join('|'),
  'g',
);

const LABEL_LINE = new RegExp(String.raw`^(${MAIN_LABELS}):(?:\s+(.*))?$`);
const DETAIL_LINE = new RegExp(String.raw`^\s*(${DETAIL_LABELS}):(?:\s+(.*))?$`);
const SERVICE_LINE = new RegExp(String.raw`^\s*- (${SERVICE_LABELS}):(?:\s+(.*))?$`);

export interface LabelledLine<L extends string = string> {
  label: L;
  value: string;
}

/** A top-level `Label:   value` line of `cilium status` (label as printed, value untrimmed of notes). */
export function statusLabelLine(text: string): LabelledLine<StatusLabelName> | null {
  const m = LABEL_LINE.exec(text);
  return m ? { label: m[1] as StatusLabelName, value: (m[2] ?? '').trim() } : null;
}

/** A `KubeProxyReplacement Details:` line: `  Mode:   DSR`. */
export function kprDetailLine(text: string): LabelledLine<KprDetailLabel> | null {
  const m = DETAIL_LINE.exec(text);
  return m ? { label: m[1] as KprDetailLabel, value: (m[2] ?? '').trim() } : null;
}

const UNKNOWN_LABEL_LINE = /^(\s*)([A-Z][\w ./()-]*?):\s{2,}(\S.*?)\s*$/;

/**
 * A line shaped like a label this analyzer does not know yet: `Label:`, tabwriter padding, a value.
 * Newer releases add labels; inside a status block such a line is data, kept with its label.
 */
export function unknownLabelLine(text: string): (LabelledLine & { indented: boolean }) | null {
  const m = UNKNOWN_LABEL_LINE.exec(text);
  return m ? { label: m[2]!, value: m[3]!, indented: m[1]!.length > 0 } : null;
}

/** A `  - NodePort:   Enabled (Range: 30000-32767)` line. */
export function kprServiceLine(text: string): LabelledLine | null {
  const m = SERVICE_LINE.exec(text);
  return m ? { label: m[1]!, value: (m[2] ?? '').trim() } : null;
}

const SHAPES = new Map<string, RegExp>(STATUS_LABELS.map((l) => [l.label, l.shape]));

/** Strips pasted commentary (`Ok   Disabled  # the kvstore is off`) and collapses tabwriter padding. */
export function normaliseStatusValue(value: string): { value: string; note?: string } {
  const hash = value.search(/\s#\s/);
  const body = hash === -1 ? value : value.slice(0, hash);
  const normalised = body.replace(/\s+/g, ' ').trim();
  return hash === -1 ? { value: normalised } : { value: normalised, note: value.slice(hash).replace(/^\s*#\s*/, '').trim() };
}

/** Whether a top-level label's value has the shape that label prints (prose such as `Routing: we…` has not). */
export function statusValueFits(label: string, value: string): boolean {
  const shape = SHAPES.get(label);
  return shape !== undefined && shape.test(normaliseStatusValue(value).value);
}
