/** Agent log message texts the state and rules match on (agent-log.md §8, datapath-model.md §1.4). */

/** `<reason> Falling back to legacy host routing (enable-host-legacy-routing=true).` */
export const HOST_ROUTING_FALLBACK_SUFFIX = 'Falling back to legacy host routing (enable-host-legacy-routing=true).';
/** 1.9–1.15: printed after BPF masquerade validation failed. */
export const BPF_MASQ_HOST_ROUTING_FALLBACK = 'BPF masquerade could not be enabled. Falling back to legacy host routing';
export const IPTABLES_MASQ_FALLBACK = 'Falling back to iptables-based masquerading.';
export const NATIVE_CIDR_MISSING = 'native routing cidr must be configured';
export const DAEMON_INIT_COMPLETED = 'Daemon initialization completed';
export const MTU_MESSAGES = [
  'Inheriting MTU from external network interface',
  'Using configured MTU',
  'Overwriting MTU based on CNI configuration',
] as const;
export const OWN_NODE_RECEIVED = 'Received own node information from API server';
export const NODE_INFO_RETRIEVED = [
  'Retrieved node information from kubernetes node',
  'Retrieved node information from cilium node',
] as const;
export const ROUTER_IP_MESSAGES = [
  'Restored router IPs from node information',
  'Restored router address from node_config',
  'Restored router address from device',
] as const;
export const ANNOTATING_NODE = 'Annotating k8s node';
export const ADDING_LOCAL_NODE = 'Adding local node to cluster';
export const REMOTE_NODE_UPDATED = 'Node updated';

/** Why BPF host routing fell back, by the reason text that prefixes the fallback line. */
export const HOST_ROUTING_FALLBACK_REASONS: readonly { text: string; cause: string }[] = [
  { text: 'BPF host routing requires enable-node-port.', cause: 'NodePort is disabled' },
  { text: 'BPF host routing is only available in native routing mode.', cause: 'tunnel routing (1.9)' },
  { text: 'BPF host routing is incompatible with enable-endpoint-routes.', cause: 'endpoint routes are enabled' },
  { text: 'BPF host routing is currently not supported with enable-endpoint-routes', cause: 'endpoint routes are enabled' },
  { text: 'BPF host routing is incompatible with enable-ipsec.', cause: 'IPsec is enabled' },
  { text: 'BPF host routing requires enable-bpf-masquerade.', cause: 'masquerading is done by iptables (enable-bpf-masquerade is off)' },
  { text: 'BPF host routing requires kube-proxy-replacement', cause: 'kube-proxy replacement is not strict/true' },
  { text: 'BPF host routing requires kernel 5.10 or newer.', cause: 'the kernel is older than 5.10' },
  { text: 'BPF host routing is not supported with netfilter-compatible-mode.', cause: 'netfilter-compatible mode is on' },
  { text: 'BPF host routing is currently not supported with devices without L2 addr.', cause: 'a device has no L2 address' },
  { text: 'BPF host routing is currently not compatible with Wireguard', cause: 'WireGuard is enabled' },
  { text: 'BPF masquerade could not be enabled.', cause: 'BPF masquerade could not be enabled' },
];

export function hostRoutingFallbackCause(msg: string): string | null {
  return HOST_ROUTING_FALLBACK_REASONS.find((r) => msg.startsWith(r.text))?.cause ?? null;
}

/**
 * Log messages the state collects per agent, by id. A line carries a signal when its message (or,
 * where `inFields`, one of its field values, e.g. `error=`) contains one of the texts.
 */
export const LOG_SIGNALS = [
  { id: 'host-routing-fallback', texts: [HOST_ROUTING_FALLBACK_SUFFIX, BPF_MASQ_HOST_ROUTING_FALLBACK], inFields: true },
  { id: 'iptables-masq-fallback', texts: [IPTABLES_MASQ_FALLBACK], inFields: true },
  { id: 'native-cidr-missing', texts: [NATIVE_CIDR_MISSING], inFields: true },
  { id: 'hubble-queue-full', texts: ['hubble events queue is full', 'messages were lost'], inFields: false },
  { id: 'xdp-acceleration-failed', texts: ['Cannot set NodePort acceleration'], inFields: true },
] as const;

export type LogSignalId = (typeof LOG_SIGNALS)[number]['id'];
