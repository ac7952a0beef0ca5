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

/** Start-up errors of §1.4 Steps 1 and 3 (fatal unless noted), by release. */
export const ADNR_WITH_TUNNEL = [
  // 1.9.5 / 1.10 – 1.18
  'auto-direct-node-routes cannot be used with tunneling',
  // main after 1.18
  'auto-direct-node-routes requires native or hybrid routing mode',
] as const;
export const DSR_ROUTING_INVALID = [
  // ≤1.12, a warning: the agent runs SNAT instead
  'mode feature due to tunneling mode being enabled',
  // 1.13 / 1.14 and later
  'mode cannot be used with tunneling.',
  'mode cannot be used with vxlan tunneling.',
  // 1.14: geneve tunnelling with another dispatch, geneve dispatch without geneve
  'dispatch cannot be used with geneve tunneling',
  // ≥1.15
  'Tunnel routing with Node Port',
  // 1.14 `… requires geneve tunneling.`, ≥1.15 `… requires geneve tunnel protocol.`
  'dispatch requires geneve tunnel',
  'currently only available under XDP acceleration',
] as const;
export const MAGLEV_TABLE_SIZE_INVALID = 'Invalid value for --bpf-lb-maglev-table-size';
/** 1.9–1.15; the ≤1.12 `probe` mode appends ` Disabling BPF NodePort feature.` and runs on. */
export const IPSEC_WITH_NODEPORT = 'IPSec cannot be used with BPF NodePort';
/**
 * An endpoint's policy map could not take an entry (pkg/endpoint/bpf.go): every release logs
 * `Failed to add PolicyMap key` (≤1.5 with the key appended) with the map error in `error=`; 1.17+
 * also fails regenerations with `policy map max entries limit exceeded` and, with lockdown on
 * overflow, warns `The policy map exceeds the max entries limit, …`.
 */
export const POLICY_MAP_UPDATE_FAILED = [
  'Failed to add PolicyMap key',
  // The regeneration error that follows failed key updates (bare, the key errors are logged before it).
  'syncPolicyMap failed',
  'policy map max entries limit exceeded',
  'The policy map exceeds the max entries limit',
  'in order to prevent a map overflow',
] as const;
/**
 * What the error of a policy map update says when the map is full, across releases: E2BIG of the hash map,
 * ENOSPC (`no space left on device`) of the 1.16+ LPM-trie policy map.
 */
export const MAP_FULL_ERRORS = ['the map is full', 'argument list too long', 'max entries limit', 'map overflow', 'no space left on device'] as const;
/** The option parser refusing a value at start-up (`Invalid value for --kube-proxy-replacement: strict`), every release. */
export const INVALID_FLAG_VALUE = 'Invalid value for --';
/** ≤1.15 `The requested hostPort N is colliding …`; newer without the port in the message. */
export const HOSTPORT_IN_NODEPORT_RANGE = 'is colliding with the configured NodePort range';

/**
 * The agent stopping on a signal: ≤1.13 `Exiting due to signal` (subsys daemon, pidfile, …), the hive of
 * 1.14+ `Signal received`; both name the signal in `signal=` (`terminated`, `interrupt`).
 */
export const SIGNAL_RECEIVED = ['Exiting due to signal', 'Signal received'] as const;
/**
 * A child of the agent killed: `bpf/init.sh` or the compiler of the datapath loader (`Command execution
 * failed … error="signal: killed"`, `Failed to compile bpf_lxc.o: signal: killed`), every release.
 */
export const CHILD_KILLED = 'signal: killed';
/**
 * The agent's Kubernetes client failing to reach the API server (every release: logrus `subsys=k8s`, 1.14+
 * `k8s-client`, slog `module=agent.infra.k8s-client`), and the start-up failure it causes: ≤1.13
 * `Unable to initialize Kubernetes subsystem` (fatal), 1.14+ the hive's `Start hook failed` of the clientset.
 */
export const APISERVER_UNREACHABLE = 'Unable to contact k8s api-server';
export const K8S_CLIENT_START_FAILED = ['Unable to initialize Kubernetes subsystem', '(*compositeClientset).onStart'] as const;
/** The hive's start failing (1.14+): logrus `failed to start: <error>` (fatal), slog `Failed to start hive` with `error=`. */
export const HIVE_START_FAILED = ['failed to start: ', 'Failed to start hive'] as const;
/**
 * The node has no pod CIDR for the agent's IPAM: logged under `Waiting for k8s node information` as its
 * error — ≤1.7 `Required IPv4 pod CIDR not present in node resource`, 1.8–1.9 with a lower-case `required`,
 * 1.10+ `required IPv4 PodCIDR not available` (IPv6 alike).
 */
export const NODE_POD_CIDR_MISSING = ['pod CIDR not present in node resource', 'PodCIDR not available'] as const;
/**
 * The agent's IPAM has no address left: the allocator's `range is full` (the health endpoint's address at
 * start-up, `Error while allocating cilium-health IP`) and CRD/ENI pools' `No more IPs available`.
 */
export const IPAM_RANGE_FULL = ['range is full', 'No more IPs available'] as const;
/**
 * A host route inside the allocation range: its addresses are excluded from IPAM (≤1.x `Blacklisting local
 * route as no-alloc`, older `Marking local route as no-alloc in node allocation prefix`).
 */
export const ROUTE_NO_ALLOC = 'local route as no-alloc';
/** The CNI plugin's refusal when the agent's IPAM failed (`[POST /ipam][502] postIpamFailure …`), in kubelet events. */
export const CNI_IPAM_FAILURE = 'postIpamFailure';
/**
 * 1.15.4 listing the IPv6 routing rules of the L7 proxy on a kernel without IPv6 and failing start-up
 * (`failed while reinitializing datapath: listing routing rules: address family not supported by protocol`).
 */
export const ROUTING_RULES_AF_UNSUPPORTED = 'listing routing rules: address family not supported by protocol';
/**
 * The kernel refusing to bind a socket: `listen tcp [fe80::…]:4240: bind: invalid argument` (a link-local
 * IPv6 address without its interface) or `cannot assign requested address` (an address the node lacks).
 */
export const BIND_REFUSED = ['bind: invalid argument', 'bind: cannot assign requested address'] as const;
/** 1.8–1.9 NodePort set-up: `Failed to determine IPv6 of DEVICE for NodePort` (the device has no usable IPv6 address). */
export const NODEPORT_IPV6_MISSING = 'Failed to determine IPv6 of ';
/**
 * The operator refusing pod CIDRs to a node (cluster-pool and multi-pool allocators, 1.11 →, warning),
 * and the errors that mean the pool has none left (`pool empty` of multi-pool, `allocator full` of the
 * cluster pool's CIDR sets, `… exhausted`).
 */
export const POD_CIDR_ALLOCATION_FAILED = 'Failed to allocate PodCIDRs to node';
export const POD_CIDR_POOL_EMPTY = /pool empty|allocator full|exhausted/i;
/** The CRD allocator's ENI branch (`unable to find ENI <id>`), printed by every CRD-backed IPAM mode in 1.10.0. */
export const ENI_NOT_FOUND = 'unable to find ENI';
/**
 * The identity allocator failing (every release): one attempt for a label set (`Key allocation attempt failed`,
 * with `attempt=` counting from 0, retried with back-off), and an endpoint giving up on its identity
 * (`Error changing endpoint identity`, error `unable to resolve identity: …`).
 */
export const IDENTITY_ATTEMPT_FAILED = 'Key allocation attempt failed';
export const ENDPOINT_IDENTITY_FAILED = ['Error changing endpoint identity', 'unable to resolve identity'] as const;
/**
 * A feature refused because its kernel probe failed, worded as a version (`BPF NodePort services needs kernel
 * 4.17.0 or newer.`, `… requires kernel 5.10 or newer.`): fatal or an error when the feature was asked for.
 */
export const KERNEL_REQUIRED = ['needs kernel', 'requires kernel'] as const;
/** The start-up check that prints the running kernel (≤1.13: `clang (10.0.0) and kernel (5.18.14) versions: OK!`). */
export const KERNEL_VERSION_CHECKED = 'and kernel (';
/** The kernel refusing a BPF map's memory (ENOMEM), at creation or update, in every release's wording. */
export const MAP_NO_MEMORY = 'cannot allocate memory';
/** Start-up aborted because the agent's context was cancelled (`… failed while reinitializing datapath: …: context canceled`). */
export const CONTEXT_CANCELED = 'context canceled';

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
  { id: 'adnr-with-tunnel', texts: ADNR_WITH_TUNNEL, inFields: true },
  { id: 'dsr-routing-invalid', texts: DSR_ROUTING_INVALID, inFields: true },
  { id: 'maglev-table-invalid', texts: [MAGLEV_TABLE_SIZE_INVALID], inFields: true },
  { id: 'ipsec-with-nodeport', texts: [IPSEC_WITH_NODEPORT], inFields: true },
  { id: 'policy-map-update-failed', texts: POLICY_MAP_UPDATE_FAILED, inFields: true },
  { id: 'invalid-flag-value', texts: [INVALID_FLAG_VALUE], inFields: true },
  { id: 'hostport-in-nodeport-range', texts: [HOSTPORT_IN_NODEPORT_RANGE], inFields: false },
  { id: 'signal-received', texts: SIGNAL_RECEIVED, inFields: false },
  { id: 'child-killed', texts: [CHILD_KILLED], inFields: true },
  { id: 'context-canceled', texts: [CONTEXT_CANCELED], inFields: true },
  { id: 'apiserver-unreachable', texts: [APISERVER_UNREACHABLE], inFields: false },
  { id: 'k8s-client-start-failed', texts: K8S_CLIENT_START_FAILED, inFields: true },
  { id: 'hive-start-failed', texts: HIVE_START_FAILED, inFields: false },
  { id: 'node-pod-cidr-missing', texts: NODE_POD_CIDR_MISSING, inFields: true },
  { id: 'ipam-range-full', texts: IPAM_RANGE_FULL, inFields: true },
  { id: 'routing-rules-af-unsupported', texts: [ROUTING_RULES_AF_UNSUPPORTED], inFields: true },
  { id: 'eni-not-found', texts: [ENI_NOT_FOUND], inFields: true },
  { id: 'pod-cidr-allocation-failed', texts: [POD_CIDR_ALLOCATION_FAILED], inFields: false },
  { id: 'bind-refused', texts: BIND_REFUSED, inFields: true },
  { id: 'nodeport-ipv6-missing', texts: [NODEPORT_IPV6_MISSING], inFields: true },
  { id: 'identity-attempt-failed', texts: [IDENTITY_ATTEMPT_FAILED], inFields: false },
  { id: 'endpoint-identity-failed', texts: ENDPOINT_IDENTITY_FAILED, inFields: true },
  { id: 'kernel-required', texts: KERNEL_REQUIRED, inFields: true },
  { id: 'kernel-version-checked', texts: [KERNEL_VERSION_CHECKED], inFields: false },
  { id: 'route-no-alloc', texts: [ROUTE_NO_ALLOC], inFields: false },
  { id: 'map-no-memory', texts: [MAP_NO_MEMORY], inFields: true },
] as const;

export type LogSignalId = (typeof LOG_SIGNALS)[number]['id'];
