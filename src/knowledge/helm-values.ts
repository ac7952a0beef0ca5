/**
 * Helm values of the cilium chart and the `cilium-config` keys (agent flag names) they render to,
 * across releases (datapath-model.md §1.2; chart template `templates/cilium-configmap.yaml`).
 * The one table from Helm names to agent flags: the grammar reads `--set` and values.yaml through
 * it, and it is the vocabulary that tells a pasted ConfigMap excerpt from prose.
 *
 * Helm defaults differ from agent defaults; only values the user set are mapped, never defaults.
 */
export interface HelmValueMapping {
  /** Dotted value path, e.g. `bpf.masquerade`. */
  helm: string;
  /** The `cilium-config` key (agent flag) it renders to; null for values the chart puts elsewhere. */
  flag: string | null;
  /** First chart minor release that renders it so (inclusive). */
  since?: number;
  /** First chart minor release that no longer renders it so. */
  until?: number;
  /** How a list value is joined in the ConfigMap (`devices: "eth0 eth1"`). */
  join?: ' ' | ',';
  /** The chart lower-cases the value (`enable-policy: "{{ lower … }}"`). */
  lower?: boolean;
  /**
   * The flag depends on another value: `encryption.enabled=true` renders `enable-ipsec` or
   * `enable-wireguard` after `encryption.type` (default in `flag`).
   */
  flagBy?: { helm: string; flags: Readonly<Record<string, string>> };
  /** A value the chart does not put into the ConfigMap but into the agent's environment. */
  env?: string;
}

export const HELM_VALUES: readonly HelmValueMapping[] = [
  // routing and encapsulation
  { helm: 'tunnel', flag: 'tunnel', until: 15 },
  { helm: 'routingMode', flag: 'routing-mode', since: 14 },
  { helm: 'tunnelProtocol', flag: 'tunnel-protocol', since: 14 },
  { helm: 'tunnelPort', flag: 'tunnel-port' },
  { helm: 'underlayProtocol', flag: 'underlay-protocol' },
  { helm: 'nativeRoutingCIDR', flag: 'native-routing-cidr', until: 12 },
  { helm: 'ipv4NativeRoutingCIDR', flag: 'ipv4-native-routing-cidr', since: 11 },
  { helm: 'ipv6NativeRoutingCIDR', flag: 'ipv6-native-routing-cidr', since: 12 },
  { helm: 'autoDirectNodeRoutes', flag: 'auto-direct-node-routes' },
  { helm: 'directRoutingSkipUnreachable', flag: 'direct-routing-skip-unreachable' },
  { helm: 'endpointRoutes.enabled', flag: 'enable-endpoint-routes' },
  { helm: 'MTU', flag: 'mtu' },
  // host routing, masquerading
  { helm: 'bpf.hostLegacyRouting', flag: 'enable-host-legacy-routing' },
  { helm: 'bpf.masquerade', flag: 'enable-bpf-masquerade' },
  { helm: 'enableIPv4Masquerade', flag: 'enable-ipv4-masquerade' },
  { helm: 'enableIPv6Masquerade', flag: 'enable-ipv6-masquerade' },
  { helm: 'masquerade', flag: 'masquerade', until: 10 },
  { helm: 'ipMasqAgent.enabled', flag: 'enable-ip-masq-agent' },
  { helm: 'egressMasqueradeInterfaces', flag: 'egress-masquerade-interfaces' },
  { helm: 'enableMasqueradeRouteSource', flag: 'enable-masquerade-to-route-source' },
  // kube-proxy replacement and load balancing
  { helm: 'kubeProxyReplacement', flag: 'kube-proxy-replacement' },
  { helm: 'socketLB.enabled', flag: 'bpf-lb-sock', since: 12 },
  { helm: 'socketLB.hostNamespaceOnly', flag: 'bpf-lb-sock-hostns-only', since: 12 },
  { helm: 'hostServices.enabled', flag: 'enable-host-reachable-services', until: 12 },
  { helm: 'hostServices.enabled', flag: 'bpf-lb-sock', since: 12 },
  { helm: 'hostServices.protocols', flag: 'host-reachable-services-protos', until: 13 },
  { helm: 'hostServices.hostNamespaceOnly', flag: 'bpf-lb-sock-hostns-only', since: 11 },
  { helm: 'nodePort.enabled', flag: 'enable-node-port' },
  { helm: 'nodePort.mode', flag: 'node-port-mode', until: 11 },
  { helm: 'nodePort.range', flag: 'node-port-range', join: ',' },
  { helm: 'nodePort.directRoutingDevice', flag: 'direct-routing-device' },
  { helm: 'nodePort.bindProtection', flag: 'node-port-bind-protection' },
  { helm: 'nodePort.autoProtectPortRange', flag: 'enable-auto-protect-node-port-range' },
  { helm: 'hostPort.enabled', flag: 'enable-host-port' },
  { helm: 'externalIPs.enabled', flag: 'enable-external-ips' },
  { helm: 'sessionAffinity', flag: 'enable-session-affinity' },
  { helm: 'loadBalancer.mode', flag: 'bpf-lb-mode' },
  { helm: 'loadBalancer.algorithm', flag: 'bpf-lb-algorithm' },
  { helm: 'loadBalancer.acceleration', flag: 'bpf-lb-acceleration' },
  { helm: 'loadBalancer.dsrDispatch', flag: 'bpf-lb-dsr-dispatch' },
  { helm: 'loadBalancer.l7.backend', flag: 'loadbalancer-l7' },
  { helm: 'maglev.tableSize', flag: 'bpf-lb-maglev-table-size' },
  { helm: 'maglev.hashSeed', flag: 'bpf-lb-maglev-hash-seed' },
  { helm: 'devices', flag: 'devices', join: ' ' },
  // BPF maps and monitor
  { helm: 'bpf.monitorAggregation', flag: 'monitor-aggregation' },
  { helm: 'bpf.monitorInterval', flag: 'monitor-aggregation-interval' },
  { helm: 'bpf.monitorFlags', flag: 'monitor-aggregation-flags' },
  { helm: 'bpf.mapDynamicSizeRatio', flag: 'bpf-map-dynamic-size-ratio' },
  { helm: 'bpf.ctTcpMax', flag: 'bpf-ct-global-tcp-max' },
  { helm: 'bpf.ctAnyMax', flag: 'bpf-ct-global-any-max' },
  { helm: 'bpf.natMax', flag: 'bpf-nat-global-max' },
  { helm: 'bpf.neighMax', flag: 'bpf-neigh-global-max' },
  { helm: 'bpf.lbMapMax', flag: 'bpf-lb-map-max' },
  { helm: 'bpf.policyMapMax', flag: 'bpf-policy-map-max' },
  { helm: 'bpf.preallocateMaps', flag: 'preallocate-bpf-maps' },
  { helm: 'bpf.tproxy', flag: 'enable-bpf-tproxy' },
  { helm: 'bpf.enableTCX', flag: 'enable-tcx' },
  { helm: 'bpf.datapathMode', flag: 'datapath-mode' },
  { helm: 'bpfClockProbe', flag: 'enable-bpf-clock-probe' },
  // features
  { helm: 'bandwidthManager.enabled', flag: 'enable-bandwidth-manager' },
  { helm: 'bandwidthManager.bbr', flag: 'enable-bbr' },
  {
    helm: 'encryption.enabled',
    flag: 'enable-ipsec',
    flagBy: { helm: 'encryption.type', flags: { ipsec: 'enable-ipsec', wireguard: 'enable-wireguard', ztunnel: 'enable-ztunnel' } },
  },
  { helm: 'encryption.nodeEncryption', flag: 'encrypt-node' },
  { helm: 'encryption.ipsec.interface', flag: 'encrypt-interface' },
  { helm: 'encryption.interface', flag: 'encrypt-interface', until: 13 },
  { helm: 'encryption.wireguard.userspaceFallback', flag: 'enable-wireguard-userspace-fallback', until: 17 },
  { helm: 'hostFirewall.enabled', flag: 'enable-host-firewall' },
  { helm: 'policyEnforcementMode', flag: 'enable-policy', lower: true },
  { helm: 'policyAuditMode', flag: 'policy-audit-mode' },
  { helm: 'l7Proxy', flag: 'enable-l7-proxy' },
  { helm: 'localRedirectPolicy', flag: 'enable-local-redirect-policy' },
  { helm: 'egressGateway.enabled', flag: 'enable-ipv4-egress-gateway', since: 12, until: 19 },
  { helm: 'enableXTSocketFallback', flag: 'enable-xt-socket-fallback' },
  { helm: 'installNoConntrackIptablesRules', flag: 'install-no-conntrack-iptables-rules' },
  { helm: 'enableIPv4BIGTCP', flag: 'enable-ipv4-big-tcp' },
  { helm: 'enableIPv6BIGTCP', flag: 'enable-ipv6-big-tcp' },
  { helm: 'wellKnownIdentities.enabled', flag: 'enable-well-known-identities' },
  { helm: 'endpointHealthChecking.enabled', flag: 'enable-endpoint-health-checking' },
  { helm: 'healthChecking', flag: 'enable-health-checking' },
  { helm: 'hubble.enabled', flag: 'enable-hubble' },
  { helm: 'hubble.eventBufferCapacity', flag: 'hubble-event-buffer-capacity' },
  { helm: 'hubble.eventQueueSize', flag: 'hubble-event-queue-size' },
  // addressing, IPAM, cluster
  { helm: 'ipv4.enabled', flag: 'enable-ipv4' },
  { helm: 'ipv6.enabled', flag: 'enable-ipv6' },
  { helm: 'ipam.mode', flag: 'ipam' },
  { helm: 'ipam.operator.clusterPoolIPv4PodCIDR', flag: 'cluster-pool-ipv4-cidr', until: 11 },
  { helm: 'ipam.operator.clusterPoolIPv4PodCIDRList', flag: 'cluster-pool-ipv4-cidr', join: ' ' },
  { helm: 'ipam.operator.clusterPoolIPv4MaskSize', flag: 'cluster-pool-ipv4-mask-size' },
  { helm: 'ipam.operator.clusterPoolIPv6PodCIDRList', flag: 'cluster-pool-ipv6-cidr', join: ' ' },
  { helm: 'ipam.operator.clusterPoolIPv6MaskSize', flag: 'cluster-pool-ipv6-mask-size' },
  { helm: 'identityAllocationMode', flag: 'identity-allocation-mode' },
  { helm: 'cluster.name', flag: 'cluster-name' },
  { helm: 'cluster.id', flag: 'cluster-id' },
  { helm: 'cni.chainingMode', flag: 'cni-chaining-mode' },
  { helm: 'cni.exclusive', flag: 'cni-exclusive' },
  { helm: 'cni.customConf', flag: 'custom-cni-conf' },
  { helm: 'k8s.requireIPv4PodCIDR', flag: 'k8s-require-ipv4-pod-cidr' },
  { helm: 'k8s.requireIPv6PodCIDR', flag: 'k8s-require-ipv6-pod-cidr' },
  { helm: 'enableRuntimeDeviceDetection', flag: 'enable-runtime-device-detection', since: 14, until: 18 },
  { helm: 'debug.enabled', flag: 'debug' },
  { helm: 'debug.verbose', flag: 'debug-verbose' },
  // rendered into the agent's environment, not the ConfigMap
  { helm: 'k8sServiceHost', flag: null, env: 'KUBERNETES_SERVICE_HOST' },
  { helm: 'k8sServicePort', flag: null, env: 'KUBERNETES_SERVICE_PORT' },
];

/** What one Helm value means for the agent. */
export interface MappedHelmValue {
  /** The ConfigMap key / agent flag; null when the chart does not render this value as a flag. */
  flag: string | null;
  value: string;
  /** Set for values that go to the agent's environment (`KUBERNETES_SERVICE_HOST`). */
  env: string | null;
}

/** Helm's list literal `{a,b}` as the chart joins it, booleans and numbers as printed. */
function renderValue(value: string, m: HelmValueMapping): string {
  const list = /^\{(.*)\}$/.exec(value.trim());
  let rendered = list ? list[1]!.split(',').map((v) => v.trim()).join(m.join ?? ' ') : value;
  if (m.lower) rendered = rendered.toLowerCase();
  return rendered;
}

/**
 * Maps a set Helm value to its flag. `chartMinor` is the chart's minor release when known (`--version
 * 1.10.6`); without it the newest mapping wins. `others` are the other values set with it (for
 * `flagBy`); a value the table does not know maps to no flag.
 */
export function mapHelmValue(
  key: string,
  value: string,
  chartMinor: number | null,
  others: ReadonlyMap<string, string> = new Map(),
): MappedHelmValue {
  const candidates = HELM_VALUES.filter((m) => m.helm === key);
  const fits = candidates.filter(
    (m) => chartMinor === null || ((m.since ?? 0) <= chartMinor && (m.until === undefined || chartMinor < m.until)),
  );
  const m = (chartMinor === null ? candidates.filter((c) => c.until === undefined) : fits).at(-1) ?? fits.at(-1) ?? candidates.at(-1);
  if (!m) return { flag: null, value, env: null };
  if (m.env) return { flag: null, value, env: m.env };
  if (m.flagBy) {
    if (value !== 'true') return { flag: null, value, env: null };
    const by = others.get(m.flagBy.helm);
    return { flag: (by !== undefined ? m.flagBy.flags[by] : m.flag) ?? null, value: 'true', env: null };
  }
  return { flag: m.flag, value: renderValue(value, m), env: null };
}

/** Top-level keys of the chart's values (the first path segment of every mapped value). */
export const HELM_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(HELM_VALUES.map((m) => m.helm.split('.')[0]!));
