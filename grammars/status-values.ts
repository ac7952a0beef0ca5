/**
 * Value grammars of the labelled lines of `cilium status` (status.md §1.3, §1.5). Every parser reads
 * the value with tabwriter padding collapsed to single spaces, so a flattened paste
 * (`Masquerading: BPF [eth0] 172.21.9.0/24`) and the aligned form give the same detail.
 *
 *   KubeProxyReplacement:   Strict   [ens33 192.168.2.33 (Direct Routing)]
 *   Masquerading:           BPF   [ens5]   10.0.0.0/8 [IPv4: Enabled, IPv6: Disabled]
 *   Hubble:                 Ok   Current/Max Flows: 4095/4095 (100.00%), Flows/s: 6.42   Metrics: Disabled
 */
import type { TokenType } from 'chevrotain';
import { createToken, Lexer } from './chevrotain.js';
import { MONITOR_BANNER } from '../src/knowledge/monitor/index.js';
import { isRedacted } from '../src/knowledge/terminal.js';
import { ADDRESS_POOL, STATUS_ROWS, type KprDetailLabel, type StatusLabelName } from '../src/knowledge/status-labels.js';
import type { IpamPool, StatusDetail, StatusDevice, WireguardInterface } from '../src/types/status.js';

// ---- address-shape lexer: classifies the cells of device lists and listing rows ------------

const Ws = createToken({ name: 'Ws', pattern: /\s+/, group: Lexer.SKIPPED });
export const Cidr4 = createToken({ name: 'Cidr4', pattern: /\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}(?![\w.:/])/ });
export const Ipv4 = createToken({ name: 'Ipv4', pattern: /\d{1,3}(?:\.\d{1,3}){3}(?![\w.:/])/ });
export const Cidr6 = createToken({ name: 'Cidr6', pattern: /[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){1,7}\/\d{1,3}(?![\w.:/])/ });
export const Ipv6 = createToken({ name: 'Ipv6', pattern: /[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?![\w.:/])/ });
export const DirectRouting = createToken({ name: 'DirectRouting', pattern: /\(Direct Routing\)/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Word = createToken({ name: 'Word', pattern: /[^\s,]+/ });

const shapeLexer = new Lexer([Ws, Cidr4, Ipv4, Cidr6, Ipv6, DirectRouting, Comma, Word], {
  positionTracking: 'onlyOffset',
  ensureOptimizations: false,
});

export interface ShapeToken {
  type: TokenType;
  image: string;
}

/** Splits text into address-shaped tokens (IPv4/IPv6 addresses and CIDRs, words, commas). */
export function shapeTokens(text: string): ShapeToken[] {
  return shapeLexer.tokenize(text).tokens.map((t) => ({ type: t.tokenType, image: t.image }));
}

/** `eth0 192.168.10.12 fe80::1 (Direct Routing), eth1 10.1.0.5` (1.9: names only). */
export function parseDevices(text: string): StatusDevice[] {
  const devices: StatusDevice[] = [];
  let current: StatusDevice | null = null;
  for (const t of shapeTokens(text)) {
    if (t.type === Comma) current = null;
    else if (t.type === DirectRouting) {
      if (current) current.directRouting = true;
    } else if (current && (t.type === Ipv4 || t.type === Ipv6)) current.ips.push(t.image);
    else if (current && isRedacted(t.image)) continue; // an address the user hid
    else {
      current = { name: t.image, ips: [], directRouting: false };
      devices.push(current);
    }
  }
  return devices;
}

// ---- helpers -------------------------------------------------------------------------------

type Parsed = StatusDetail | null | { error: string };

function fail(what: string): { error: string } {
  return { error: `unrecognised ${what}` };
}

function stateAndRest(value: string): { state: string; rest: string } {
  const sp = value.indexOf(' ');
  return sp === -1 ? { state: value, rest: '' } : { state: value.slice(0, sp), rest: value.slice(sp + 1) };
}

function enabled(value: string): Parsed {
  const m = /^(Enabled|Disabled)\b ?(.*)$/.exec(value);
  return m ? { type: 'enabled', enabled: m[1] === 'Enabled', extra: m[2]! } : fail('Enabled/Disabled value');
}

function bracketList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Go duration (`221.431µs`, `1m2.5s`) in microseconds. */
export function durationMicros(text: string): number | null {
  const units: Record<string, number> = { ns: 0.001, us: 1, µs: 1, μs: 1, ms: 1000, s: 1e6, m: 6e7, h: 3.6e9 };
  let total = 0;
  let rest = text;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m) return null;
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return text.length > 0 ? Math.round(total * 1000) / 1000 : null;
}

// ---- top-level labels ----------------------------------------------------------------------

function kubernetes(value: string): Parsed {
  const { state, rest } = stateAndRest(value);
  const m = /^(\d+\.\d+) \((v[^)]*)\) \[([^\]]*)\]/.exec(rest);
  return {
    type: 'kubernetes',
    state,
    version: m ? m[1]! : null,
    gitVersion: m ? m[2]! : null,
    platform: m ? m[3]! : null,
    message: m ? rest.slice(m[0].length).trim() : rest,
  };
}

/** Top-level items of a comma-separated list whose items may hold commas in parentheses. */
export function topLevelItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(text.slice(start).trim());
  return items.filter((item) => item.length > 0);
}

/** 1.8: `Probe (eth0, eth1) [NodePort (SNAT, 30000-32767, XDP: NONE), HostPort, ExternalIPs]`. */
const KPR_1_8 = /^(\w+) \(([^)]*)\) \[(.*)\]$/;

/** 1.7: the features alone, `Probe [NodePort (SNAT, 30000-32767), ExternalIPs, HostReachableServices (TCP, UDP)]`. */
const KPR_1_7 = /^(\w+) \[((?:NodePort|ExternalIPs|HostReachableServices|HostPort|SessionAffinity)\b.*)\]$/;

function kubeProxyReplacement(value: string): Parsed {
  const old = KPR_1_8.exec(value);
  if (old) {
    const devices = bracketList(old[2]!).map((name) => ({ name, ips: [], directRouting: false }));
    return { type: 'kpr', mode: old[1]!, devices, features: topLevelItems(old[3]!) };
  }
  const features = KPR_1_7.exec(value);
  if (features) return { type: 'kpr', mode: features[1]!, devices: [], features: topLevelItems(features[2]!) };
  const m = /^(\w+)(?: \[(.*?)\]?)?$/.exec(value);
  if (!m) return fail('KubeProxyReplacement value');
  return { type: 'kpr', mode: m[1]!, devices: m[2] ? parseDevices(m[2]) : [] };
}

function hostFirewall(value: string): Parsed {
  const m = /^(Enabled|Disabled)(?: \[(.*?)\]?)?$/.exec(value);
  if (!m) return fail('Host firewall value');
  return { type: 'devices', enabled: m[1] === 'Enabled', devices: m[2] ? parseDevices(m[2]) : [] };
}

function cilium(value: string): Parsed {
  const { state, rest } = stateAndRest(value);
  const m = /^(\d+\.\d+\.\d+\S*) \(([^)]*)\) ?(.*)$/.exec(rest);
  if (m) return { type: 'cilium', state, version: m[1]!, revision: m[2]!, reason: m[3]! };
  return { type: 'cilium', state, version: null, revision: null, reason: rest === 'OK' ? '' : rest };
}

const NODE_MONITOR = new RegExp(`^${MONITOR_BANNER}`);

function nodeMonitor(value: string): Parsed {
  if (value === 'Disabled') return { type: 'monitor', cpus: null, pages: null, pageSize: null, disabled: true };
  const m = NODE_MONITOR.exec(value);
  if (!m) return fail('NodeMonitor value');
  return { type: 'monitor', cpus: Number(m[1]), pages: Number(m[2]), pageSize: Number(m[3]), disabled: false };
}

/** `\t3 events lost, 0 unknown notifications` under `NodeMonitor:`. */
export function monitorLost(text: string): StatusDetail | null {
  const m = STATUS_ROWS.monitorLost.exec(text);
  return m ? { type: 'monitor-lost', lost: Number(m[1]), unknown: Number(m[2]) } : null;
}

function ipam(value: string): Parsed {
  if (value === 'Not running') return { type: 'ipam', pools: [], running: false };
  const pools: IpamPool[] = [];
  for (const m of value.matchAll(/(IPv[46]): (\d+)\/(\d+)? ?allocated(?: from ([^,]+?))?(?=,|$)/g)) {
    pools.push({
      family: m[1] as 'IPv4' | 'IPv6',
      used: Number(m[2]),
      size: m[3] !== undefined ? Number(m[3]) : null,
      from: m[4]?.trim() ?? null,
    });
  }
  return { type: 'ipam', pools, running: true };
}

/** `IPv4 address pool:   3/255 allocated from 10.60.2.0/24` (1.0–1.5): the pool as `IPAM:` later prints it. */
function addressPool(family: 'IPv4' | 'IPv6'): (value: string) => Parsed {
  return (value) => {
    const m = ADDRESS_POOL.exec(value);
    if (!m) return fail('address pool value');
    const pool: IpamPool = { family, used: Number(m[1]), size: m[2] !== undefined ? Number(m[2]) : null, from: m[3] ?? null };
    return { type: 'ipam', pools: [pool], running: true };
  };
}

function clusterMesh(value: string): Parsed {
  const m = /^(\d+)\/(\d+) (?:remote )?clusters ready(?:, (\d+) global-services)?/.exec(value);
  if (!m) return fail('ClusterMesh value');
  return { type: 'clustermesh', ready: Number(m[1]), total: Number(m[2]), globalServices: m[3] ? Number(m[3]) : null };
}

/** A count `cilium status` prints of a remote cluster (`6 nodes`), null when the release does not. */
function remoteCount(counts: string, noun: string): number | null {
  const m = new RegExp(`(?:^|, )(\\d+) ${noun}(?:,|$| \\()`).exec(counts);
  return m ? Number(m[1]) : null;
}

/** The detail of a remote cluster's row under `ClusterMesh:` from its readiness and the counts after it. */
export function remoteCluster(readiness: 'ready' | 'not-ready', counts: string): StatusDetail {
  const failures = /(\d+) (?:failures|reconnections) \(last: ([^)]*)\)/.exec(counts);
  return {
    type: 'remote-cluster',
    ready: readiness === 'ready',
    nodes: remoteCount(counts, 'nodes'),
    endpoints: remoteCount(counts, 'endpoints'),
    identities: remoteCount(counts, 'identities'),
    services: remoteCount(counts, 'services'),
    failures: failures ? Number(failures[1]) : null,
    lastFailure: failures ? failures[2]! : null,
  };
}

function bandwidthManager(value: string): Parsed {
  if (value === 'Disabled') return { type: 'bandwidth', enabled: false, congestion: null, devices: [] };
  const m = /^EDT with BPF(?: \[(CUBIC|BBR)\])? \[([^\]]*)\]?$/.exec(value);
  if (!m) return fail('BandwidthManager value');
  return { type: 'bandwidth', enabled: true, congestion: m[1] ?? null, devices: bracketList(m[2]!) };
}

function hostRouting(value: string): Parsed {
  return value === 'BPF' || value === 'Legacy' ? { type: 'host-routing', mode: value } : fail('Host Routing value');
}

function routing(value: string): Parsed {
  const m = /^Network: (Tunnel|Native)(?: \[(\w+)\])? Host: (Legacy|BPF)$/.exec(value);
  if (!m) return fail('Routing value');
  return {
    type: 'routing',
    network: m[1] === 'Tunnel' ? 'tunnel' : 'native',
    tunnelProtocol: m[2] ?? null,
    host: m[3] as 'BPF' | 'Legacy',
  };
}

const FAMILIES = / ?\[IPv4: (Enabled|Disabled), IPv6: (Enabled|Disabled)\]$/;

function masquerading(value: string): Parsed {
  const none = { ipMasqAgent: false, devices: [], cidr: null, cidr6: null };
  if (value === 'Disabled') return { type: 'masquerading', impl: 'disabled', ...none, ipv4: false, ipv6: false };
  const fam = FAMILIES.exec(value);
  const ipv4 = fam ? fam[1] === 'Enabled' : null;
  const ipv6 = fam ? fam[2] === 'Enabled' : null;
  const body = fam ? value.slice(0, fam.index) : value;
  if (body === 'IPTables') return { type: 'masquerading', impl: 'iptables', ...none, ipv4, ipv6 };
  const m = /^BPF( \(ip-masq-agent\))? \[([^\]]*)\](?: (\S+\/\d+))?(?: (\S+\/\d+))?$/.exec(body);
  if (!m) return fail('Masquerading value');
  return {
    type: 'masquerading',
    impl: 'BPF',
    ipMasqAgent: m[1] !== undefined,
    devices: bracketList(m[2]!),
    cidr: m[3] ?? null,
    cidr6: m[4] ?? null,
    ipv4,
    ipv6,
  };
}

function clockSource(value: string): Parsed {
  const m = /^(ktime|jiffies)(?: \[(\d+) Hz\])?$/.exec(value);
  return m ? { type: 'clock', source: m[1]!, hz: m[2] ? Number(m[2]) : null } : fail('Clock Source value');
}

function controllers(value: string): Parsed {
  const m = /^(\d+)\/(\d+) healthy/.exec(value);
  return m ? { type: 'controllers', healthy: Number(m[1]), total: Number(m[2]) } : fail('Controller Status value');
}

function proxy(value: string): Parsed {
  const m = /^OK, ip (\S+), (\d+) redirects active on ports (\d+-\d+)(?:, Envoy: (\w+))?$/.exec(value);
  if (m) return { type: 'proxy', ok: true, ip: m[1]!, redirects: Number(m[2]), ports: m[3]!, envoy: m[4] ?? null };
  // Before 1.8: `OK, ip 10.44.0.1, port-range 10000-20000`.
  const range = /^OK, ip (\S+), port-range (\d+-\d+)$/.exec(value);
  if (range) return { type: 'proxy', ok: true, ip: range[1]!, redirects: null, ports: range[2]!, envoy: null };
  const ok = value === 'No managed proxy redirect' || value.startsWith('OK');
  return { type: 'proxy', ok, ip: null, redirects: null, ports: null, envoy: null };
}

function identityRange(value: string): Parsed {
  if (value === 'Unknown') return null;
  const m = /^min (\d+), max (\d+)$/.exec(value);
  return m ? { type: 'identity-range', min: Number(m[1]), max: Number(m[2]) } : fail('Global Identity Range value');
}

function hubble(value: string): Parsed {
  const { state, rest } = stateAndRest(value);
  let message = rest;
  const flows = /Current\/Max Flows: (\d+)\/(\d+) \(([\d.]+)%\), Flows\/s: ([\d.]+)/.exec(rest);
  if (flows) message = message.replace(flows[0], '');
  const metrics = /Metrics: (.*)$/.exec(message);
  if (metrics) message = message.slice(0, metrics.index);
  return {
    type: 'hubble',
    state,
    message: message.trim(),
    current: flows ? Number(flows[1]) : null,
    max: flows ? Number(flows[2]) : null,
    percent: flows ? Number(flows[3]) : null,
    flowsPerSecond: flows ? Number(flows[4]) : null,
    metrics: metrics ? metrics[1]!.trim() : null,
  };
}

function bpfMaps(value: string): Parsed {
  const m = /^dynamic sizing: (on|off)(?: \(ratio: ([\d.]+)\))?/.exec(value);
  return m ? { type: 'maps', dynamicSizing: m[1] === 'on', ratio: m[2] ? Number(m[2]) : null } : fail('BPF Maps value');
}

function encryption(value: string): Parsed {
  const { state: mode, rest } = stateAndRest(value);
  const wireguard: WireguardInterface[] = [];
  for (const m of rest.matchAll(/([\w.-]+) \(Pubkey: ([^,]+), Port: (\d+), Peers: (\d+)\)/g)) {
    wireguard.push({ iface: m[1]!, pubkey: m[2]!, port: Number(m[3]), peers: Number(m[4]) });
  }
  const node = /NodeEncryption: (Enabled|Disabled)/.exec(rest);
  return {
    type: 'encryption',
    mode: mode === 'WireGuard' ? 'Wireguard' : mode,
    nodeEncryption: node ? node[1] === 'Enabled' : null,
    wireguard,
    message: wireguard.length > 0 ? '' : rest,
  };
}

/** `3/4 reachable   (2023-11-20T09:33:05Z)   (Probe interval: 1m14s)`, `Probe disabled`, `Warning …`. */
export function clusterHealth(value: string): Parsed {
  const m = /^(\d+)\/(\d+) reachable(?: \(([^)]*)\))?(?: \(Probe interval: ([^)]*)\))?/.exec(value);
  if (m) {
    return { type: 'cluster-health', reachable: Number(m[1]), total: Number(m[2]), time: m[3] ?? null, interval: m[4] ?? null, message: '' };
  }
  return { type: 'cluster-health', reachable: null, total: null, time: null, interval: null, message: value };
}

function modulesHealth(value: string): Parsed {
  const counts: Record<string, number> = {};
  for (const m of value.matchAll(/(\w+)\((\d+)\)/g)) counts[m[1]!] = Number(m[2]);
  return { type: 'modules', counts };
}

function state(value: string): Parsed {
  const { state: s, rest } = stateAndRest(value);
  return { type: 'state', state: s, message: rest };
}

function apis(value: string): Parsed {
  return { type: 'apis', apis: [...value.matchAll(/"([^"]*)"?/g)].map((m) => m[1]!) };
}

const word = (value: string): Parsed => (value ? { type: 'word', word: value } : null);
const text = (): Parsed => null;

/** Parsers of the top-level labels (status.md §1.3). */
export const LABEL_VALUES: Readonly<Record<StatusLabelName, (value: string) => Parsed>> = {
  KVStore: state,
  ContainerRuntime: state,
  Kubernetes: kubernetes,
  'Kubernetes APIs': apis,
  KubeProxyReplacement: kubeProxyReplacement,
  'Host firewall': hostFirewall,
  SRv6: enabled,
  'CNI Chaining': word,
  'CNI Config file': text,
  Cilium: cilium,
  'Stale status': text,
  NodeMonitor: nodeMonitor,
  'Cilium health daemon': state,
  'IPv4 address pool': addressPool('IPv4'),
  'IPv6 address pool': addressPool('IPv6'),
  IPAM: ipam,
  'Allocated addresses': text,
  ClusterMesh: clusterMesh,
  'IPv4 BIG TCP': enabled,
  'IPv6 BIG TCP': enabled,
  BandwidthManager: bandwidthManager,
  'Host Routing': hostRouting,
  Routing: routing,
  'Attach Mode': word,
  'Device Mode': word,
  Masquerading: masquerading,
  'Clock Source for BPF': clockSource,
  'Controller Status': controllers,
  'Proxy Status': proxy,
  'Global Identity Range': identityRange,
  Hubble: hubble,
  'KubeProxyReplacement Details': text,
  'BPF Maps': bpfMaps,
  Encryption: encryption,
  'Cluster health': clusterHealth,
  'Modules Health': modulesHealth,
};

// ---- KubeProxyReplacement Details ----------------------------------------------------------

function lbMode(value: string): Parsed {
  const m = /^(SNAT|DSR|Hybrid|Annotation)\b/i.exec(value);
  return m ? { type: 'word', word: m[1]! } : fail('load-balancer mode');
}

function backendSelection(value: string): Parsed {
  if (/^Random\b/.test(value)) return { type: 'backend-selection', algorithm: 'Random', tableSize: null };
  const m = /^Maglev(?: \(Table Size: (\d+)\))?/.exec(value);
  return m ? { type: 'backend-selection', algorithm: 'Maglev', tableSize: m[1] ? Number(m[1]) : null } : fail('Backend Selection value');
}

function serviceType(value: string): Parsed {
  const m = /^(Enabled|Disabled)(?: \(Range: ([\d-]+)\))?/.exec(value);
  return m ? { type: 'service-type', enabled: m[1] === 'Enabled', range: m[2] ?? null } : fail('service type value');
}

function firstWord(value: string): Parsed {
  const w = value.split(' ')[0];
  return w ? { type: 'word', word: w } : null;
}

/** Parsers of the `KubeProxyReplacement Details:` lines (status.md §1.5). */
export const KPR_DETAIL_VALUES: Readonly<Record<KprDetailLabel, (value: string) => Parsed>> = {
  Status: firstWord,
  'Socket LB': enabled,
  Protocols: text,
  'Socket LB Protocols': text,
  'Socket LB Tracing': enabled,
  'Socket LB Coverage': word,
  Devices: (v) => ({ type: 'devices', enabled: true, devices: parseDevices(v) }),
  Mode: lbMode,
  'DSR Dispatch Mode': word,
  'Backend Selection': backendSelection,
  'Session Affinity': enabled,
  'Graceful Termination': enabled,
  'NAT46/64 Support': (v) => (v === '' ? null : enabled(v)),
  'XDP Acceleration': firstWord,
  Services: text,
  Annotations: text,
};

/** Parser of the `  - NodePort:   Enabled (Range: 30000-32767)` lines. */
export const parseServiceType = serviceType;
