/**
 * Agent flag names and values across releases (agent-log.md §9, datapath-model.md §1.2, CFG-06/07).
 * Minor versions: `deprecatedIn: 14` means 1.14.
 */
export interface FlagLifecycle {
  name: string;
  deprecatedIn?: number;
  /** First minor release that no longer accepts the flag. */
  removedIn?: number;
  /** What to use instead. */
  replacedBy?: string;
  /**
   * Default printed by dumps of releases that still register the flag: seeing it there does not
   * mean anybody set it, so it is not reported as deprecated.
   */
  defaultValue?: string;
}

export interface FlagValueLifecycle {
  flag: string;
  values: readonly string[];
  deprecatedIn?: number;
  removedIn?: number;
  replacedBy: string;
}

export const FLAG_LIFECYCLES: readonly FlagLifecycle[] = [
  { name: 'tunnel', deprecatedIn: 14, removedIn: 15, replacedBy: '--routing-mode and --tunnel-protocol' },
  { name: 'native-routing-cidr', deprecatedIn: 11, removedIn: 12, replacedBy: '--ipv4-native-routing-cidr' },
  { name: 'masquerade', deprecatedIn: 10, replacedBy: '--enable-ipv4-masquerade / --enable-ipv6-masquerade', defaultValue: 'true' },
  { name: 'enable-host-reachable-services', removedIn: 12, replacedBy: '--bpf-lb-sock' },
  { name: 'host-reachable-services-protos', removedIn: 13, replacedBy: '--bpf-lb-sock (protocols are no longer selectable)' },
  { name: 'prefilter-device', removedIn: 10, replacedBy: '--enable-xdp-prefilter' },
  { name: 'prefilter-mode', removedIn: 10, replacedBy: '--enable-xdp-prefilter' },
  { name: 'enable-k8s-event-handover', removedIn: 15 },
  { name: 'enable-remote-node-identity', removedIn: 16, replacedBy: 'nothing: remote-node identity is always on' },
  { name: 'enable-xt-socket-fallback', removedIn: 17 },
  { name: 'enable-wireguard-userspace-fallback', removedIn: 17 },
  { name: 'clustermesh-ip-identities-sync-timeout', deprecatedIn: 16, replacedBy: '--clustermesh-sync-timeout' },
  { name: 'enable-runtime-device-detection', deprecatedIn: 16, removedIn: 18 },
  { name: 'enable-host-port', removedIn: 18, replacedBy: '--kube-proxy-replacement' },
  { name: 'enable-external-ips', removedIn: 18, replacedBy: '--kube-proxy-replacement' },
  { name: 'enable-high-scale-ipcache', removedIn: 18 },
  { name: 'k8s-api-server', deprecatedIn: 18, replacedBy: '--k8s-api-server-urls' },
  { name: 'enable-ipsec-encrypted-overlay', deprecatedIn: 18 },
  { name: 'enable-node-port', deprecatedIn: 18, removedIn: 19, replacedBy: '--kube-proxy-replacement', defaultValue: 'false' },
  { name: 'enable-ipv4-egress-gateway', deprecatedIn: 18, removedIn: 19, replacedBy: '--enable-egress-gateway' },
  { name: 'enable-session-affinity', removedIn: 19, replacedBy: 'nothing: session affinity is always on' },
  { name: 'enable-recorder', removedIn: 19 },
  { name: 'enable-svc-source-range-check', removedIn: 19 },
  { name: 'enable-custom-calls', removedIn: 19 },
  { name: 'enable-internal-traffic-policy', removedIn: 19 },
  { name: 'enable-k8s-endpoint-slice', removedIn: 19 },
  { name: 'tofqdns-pre-cache', deprecatedIn: 20 },
];

export const FLAG_VALUE_LIFECYCLES: readonly FlagValueLifecycle[] = [
  { flag: 'kube-proxy-replacement', values: ['probe'], deprecatedIn: 12, removedIn: 13, replacedBy: 'strict or partial' },
  {
    flag: 'kube-proxy-replacement',
    values: ['strict', 'partial', 'disabled'],
    deprecatedIn: 14,
    removedIn: 16,
    replacedBy: '"true" or "false"',
  },
];

/**
 * Flags renamed without a change of meaning. State keys requested flags by `to`; when an input
 * gives both names (dumps of the overlap releases print both), the value under `to` wins.
 */
export interface FlagRename {
  from: string;
  to: string;
  /** First minor release that has `to`. */
  since: number;
}

export const FLAG_RENAMES: readonly FlagRename[] = [
  { from: 'native-routing-cidr', to: 'ipv4-native-routing-cidr', since: 11 },
  { from: 'masquerade', to: 'enable-ipv4-masquerade', since: 10 },
  { from: 'enable-host-reachable-services', to: 'bpf-lb-sock', since: 12 },
  { from: 'node-port-mode', to: 'bpf-lb-mode', since: 10 },
  { from: 'node-port-algorithm', to: 'bpf-lb-algorithm', since: 10 },
  { from: 'node-port-acceleration', to: 'bpf-lb-acceleration', since: 10 },
];

/**
 * Rows of `cilium config` / `cilium-dbg config` (the running agent's options) by the name printed,
 * and the flag that sets each. Without options it prints the read-write options (pkg/option
 * `DaemonMutableOptionLibrary`, `Enabled`/`Disabled`), `MonitorNumPages` and `PolicyEnforcement`;
 * `-r`/`--all` add the read-only `DaemonConfig` fields under their Go names (booleans `true`/`false`).
 * Fields a release moved out of `DaemonConfig` are simply not printed by it. `lower`: the value is
 * printed capitalised (`FormatMonitorAggregationLevel`) where the flag takes it in lower case.
 */
export const RUNTIME_OPTION_FLAGS: Readonly<Record<string, { flag: string; lower?: true }>> = {
  PolicyEnforcement: { flag: 'enable-policy' },
  EnablePolicy: { flag: 'enable-policy' },
  Debug: { flag: 'debug' },
  MonitorAggregationLevel: { flag: 'monitor-aggregation', lower: true },
  MonitorAggregation: { flag: 'monitor-aggregation', lower: true },
  Tunnel: { flag: 'tunnel' },
  RoutingMode: { flag: 'routing-mode' },
  TunnelProtocol: { flag: 'tunnel-protocol' },
  KubeProxyReplacement: { flag: 'kube-proxy-replacement' },
  EnableNodePort: { flag: 'enable-node-port' },
  EnableHostPort: { flag: 'enable-host-port' },
  EnableExternalIPs: { flag: 'enable-external-ips' },
  EnableHostLegacyRouting: { flag: 'enable-host-legacy-routing' },
  EnableIPv4Masquerade: { flag: 'enable-ipv4-masquerade' },
  EnableIPv6Masquerade: { flag: 'enable-ipv6-masquerade' },
  EnableBPFMasquerade: { flag: 'enable-bpf-masquerade' },
  EnableIPMasqAgent: { flag: 'enable-ip-masq-agent' },
  EnableIPv4: { flag: 'enable-ipv4' },
  EnableIPv6: { flag: 'enable-ipv6' },
  EnableSocketLB: { flag: 'bpf-lb-sock' },
  EnableHostReachableServices: { flag: 'enable-host-reachable-services' },
  NodePortMode: { flag: 'bpf-lb-mode' },
  NodePortAlg: { flag: 'bpf-lb-algorithm' },
  NodePortAcceleration: { flag: 'bpf-lb-acceleration' },
  LoadBalancerDSRDispatch: { flag: 'bpf-lb-dsr-dispatch' },
  MaglevTableSize: { flag: 'bpf-lb-maglev-table-size' },
  EnableEndpointRoutes: { flag: 'enable-endpoint-routes' },
  EnableAutoDirectRouting: { flag: 'auto-direct-node-routes' },
  EnableL7Proxy: { flag: 'enable-l7-proxy' },
  EnableIPSec: { flag: 'enable-ipsec' },
  EnableWireguard: { flag: 'enable-wireguard' },
  EnableBPFTProxy: { flag: 'enable-bpf-tproxy' },
  EnableHostFirewall: { flag: 'enable-host-firewall' },
  EnableBandwidthManager: { flag: 'enable-bandwidth-manager' },
  MTU: { flag: 'mtu' },
  DatapathMode: { flag: 'datapath-mode' },
  IPAM: { flag: 'ipam' },
};

/** A `cilium config` row as the flag that sets it and the flag's spelling of the value; null when no flag does. */
export function runtimeOptionFlag(name: string, value: string): { flag: string; value: string } | null {
  const mapped = Object.hasOwn(RUNTIME_OPTION_FLAGS, name) ? RUNTIME_OPTION_FLAGS[name]! : null;
  if (!mapped) return null;
  const onOff = value === 'Enabled' ? 'true' : value === 'Disabled' ? 'false' : null;
  return { flag: mapped.flag, value: onOff ?? (mapped.lower ? value.toLowerCase() : value) };
}

/** The current name of a flag (`native-routing-cidr` → `ipv4-native-routing-cidr`). */
export function currentFlagName(name: string): string {
  return FLAG_RENAMES.find((r) => r.from === name)?.to ?? name;
}

/**
 * Values that mean the same as another value of the same flag from a release on: 1.14 added
 * `true`/`false` for kube-proxy replacement next to `strict`/`disabled`.
 */
export const FLAG_VALUE_ALIASES: readonly { flag: string; since: number; aliases: Readonly<Record<string, string>> }[] = [
  { flag: 'kube-proxy-replacement', since: 14, aliases: { strict: 'true', disabled: 'false' } },
];

/** A flag value in its current spelling, lower case (`Strict` → `true` from 1.14 on). */
export function currentFlagValue(flag: string, value: string, minor: number | null): string {
  const lower = value.toLowerCase();
  const alias = FLAG_VALUE_ALIASES.find((a) => a.flag === currentFlagName(flag) && (minor === null || minor >= a.since));
  return alias?.aliases[lower] ?? lower;
}

/** Values that mean "not set": a dump prints every registered flag, set or not. */
export function isUnsetValue(value: string): boolean {
  return value === '' || value === 'map[]' || value === '[]';
}

export interface FlagVerdict {
  status: 'deprecated' | 'invalid';
  flag: string;
  value: string;
  since: number;
  replacedBy?: string;
}

/** Judges one configured flag against the agent's minor release. */
export function judgeFlag(name: string, value: string, minor: number): FlagVerdict | null {
  if (isUnsetValue(value)) return null;
  for (const v of FLAG_VALUE_LIFECYCLES) {
    if (v.flag !== name || !v.values.includes(value.toLowerCase())) continue;
    if (v.removedIn !== undefined && minor >= v.removedIn) {
      return { status: 'invalid', flag: name, value, since: v.removedIn, replacedBy: v.replacedBy };
    }
    if (v.deprecatedIn !== undefined && minor >= v.deprecatedIn) {
      return { status: 'deprecated', flag: name, value, since: v.deprecatedIn, replacedBy: v.replacedBy };
    }
  }
  const f = FLAG_LIFECYCLES.find((l) => l.name === name);
  if (!f) return null;
  const replacedBy = f.replacedBy !== undefined ? { replacedBy: f.replacedBy } : {};
  if (f.removedIn !== undefined && minor >= f.removedIn) return { status: 'invalid', flag: name, value, since: f.removedIn, ...replacedBy };
  if (f.deprecatedIn !== undefined && minor >= f.deprecatedIn && value !== f.defaultValue) {
    return { status: 'deprecated', flag: name, value, since: f.deprecatedIn, ...replacedBy };
  }
  return null;
}
