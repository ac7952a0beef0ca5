/**
 * Datapath drop reasons as `cilium monitor` prints them (`xx drop (‹text›)`, `reason ‹text›`),
 * across releases: one row per numeric code with every text the code has printed, the group a
 * finding is reported under, and what it means / why it happens / what to look at next.
 * Used by the monitor grammar (text → code), the drop rules and `explain`.
 */

export type DropGroupId =
  | 'status'
  | 'policy'
  | 'auth'
  | 'conntrack'
  | 'nat'
  | 'tail-call'
  | 'routing'
  | 'tunnel'
  | 'service'
  | 'malformed'
  | 'unsupported'
  | 'fragmentation'
  | 'encryption'
  | 'proxy'
  | 'egress-gateway'
  | 'srv6'
  | 'multicast'
  | 'datapath-state'
  | 'rate-limit'
  | 'unknown';

export interface DropGroup {
  id: DropGroupId;
  title: string;
  severity: 'error' | 'warning' | 'info';
  causes: string;
  checkNext: string;
}

export interface DropReason {
  code: number;
  /** The text the newest release prints for the code. */
  text: string;
  /** Texts older releases printed for the same code (renames). */
  formerTexts?: readonly string[];
  /** Approximate first release printing it; absent when every release in scope does. */
  since?: string;
  group: DropGroupId;
  meaning: string;
  /** Overrides the group's causes / check-next when the reason has its own. */
  causes?: string;
  checkNext?: string;
}

export const DROP_GROUPS: Readonly<Record<DropGroupId, DropGroup>> = {
  status: {
    id: 'status',
    title: 'Datapath status code',
    severity: 'info',
    causes: 'Status codes below 130 describe internal outcomes (metrics); they rarely appear as monitor drops.',
    checkNext: 'Correlate with the surrounding trace events; on their own they need no action.',
  },
  policy: {
    id: 'policy',
    title: 'Network policy drops',
    severity: 'info',
    causes:
      'No policy rule allows the flow between the two identities and port, a deny rule matches, policy ' +
      'enforcement mode is `always`, or an identity changed (pod relabelled, stale ipcache entry on a remote node).',
    checkNext:
      '`cilium policy get` and `cilium endpoint get <id>` for the endpoint; `cilium identity get <id>` for both ' +
      'identities; the policy-verdict lines next to the drop show direction and match type.',
  },
  auth: {
    id: 'auth',
    title: 'Mutual-authentication drops',
    severity: 'warning',
    causes: 'A policy requires authentication (SPIRE) and no valid authentication exists yet for the identity pair.',
    checkNext: 'Auth map (`cilium bpf auth list`), SPIRE server/agent health, agent log lines of the auth subsystem.',
  },
  conntrack: {
    id: 'conntrack',
    title: 'Connection-tracking drops',
    severity: 'warning',
    causes:
      'The conntrack map could not take a new entry or the packet did not fit the tracked state ' +
      '(truncated headers, unknown protocol).',
    checkNext: '`cilium bpf ct list global | wc -l` against the map size in `cilium status --verbose` (BPF Maps), CT GC interval in the agent log.',
  },
  nat: {
    id: 'nat',
    title: 'NAT / masquerading drops',
    severity: 'warning',
    causes: 'The SNAT engine found no mapping or could not allocate a port, or the packet type cannot be masqueraded.',
    checkNext: '`cilium bpf nat list`, `bpf-nat-global-max`, masquerade device list in `cilium status --verbose`.',
  },
  'tail-call': {
    id: 'tail-call',
    title: 'Missed tail calls',
    severity: 'warning',
    causes:
      'A BPF program jumped to a tail-call slot that was empty: the endpoint program was being replaced, ' +
      'its regeneration failed, or a map was resized.',
    checkNext: '`Failed endpoint regeneration` agent notifications and log lines, `cilium endpoint list` (not-ready endpoints), agent restarts.',
  },
  routing: {
    id: 'routing',
    title: 'Routing / forwarding drops',
    severity: 'warning',
    causes:
      'The datapath could not find where to send the packet: no route or neighbour (FIB lookup), a destination ' +
      'missing from the ipcache, or a source address that does not belong to the endpoint.',
    checkNext: '`ip route` on the node (PodCIDR routes in native routing), `cilium bpf ipcache list`, `cilium bpf tunnel list`.',
  },
  tunnel: {
    id: 'tunnel',
    title: 'Tunnel / encapsulation drops',
    severity: 'warning',
    causes: 'Encapsulation metadata was missing or not allowed: tunnel map without the remote node, wrong VNI, encapsulated traffic where none is expected.',
    checkNext: '`cilium bpf tunnel list`, routing mode on every node (tunnel vs native), `tunnel-port` in the ConfigMap.',
  },
  service: {
    id: 'service',
    title: 'Service load-balancing drops',
    severity: 'warning',
    causes: 'A service frontend was hit but no backend could be selected (no ready backends, stale service map), or LB source ranges denied the client.',
    checkNext: '`cilium service list` (backends and their state), Kubernetes EndpointSlices of the service, `loadBalancerSourceRanges`.',
  },
  malformed: {
    id: 'malformed',
    title: 'Malformed or unexpected packets',
    severity: 'info',
    causes: 'The packet was truncated, had invalid headers or addresses, or the datapath failed to rewrite it.',
    checkNext: 'Capture the packet with tcpdump on the interface named in the event; check for a misbehaving client or middlebox.',
  },
  unsupported: {
    id: 'unsupported',
    title: 'Unsupported protocols',
    severity: 'info',
    causes: 'The packet uses an L2/L3/L4 protocol the datapath does not handle (often IPv6 when IPv6 is disabled, or multicast).',
    checkNext: 'Which protocol the summary shows; `enable-ipv6`, and whether the traffic is expected at all.',
  },
  fragmentation: {
    id: 'fragmentation',
    title: 'Fragmentation / MTU drops',
    severity: 'warning',
    causes: 'Fragments cannot be tracked (first fragment missing, fragment map full) or a packet exceeds the path MTU.',
    checkNext: 'MTU of the devices and pod routes, `enable-ipv4-fragment-tracking`, PMTU discovery across the underlay.',
  },
  encryption: {
    id: 'encryption',
    title: 'Encryption drops',
    severity: 'error',
    causes: 'Traffic that must be encrypted was not (strict mode), or IPsec/WireGuard keys or peers are missing.',
    checkNext: '`cilium encrypt status`, WireGuard peers in `cilium status`, key rotation state.',
  },
  proxy: {
    id: 'proxy',
    title: 'L7 proxy redirection drops',
    severity: 'warning',
    causes: 'Redirecting a flow to the L7 / DNS proxy failed or the protocol cannot be proxied.',
    checkNext: 'L7 rules of the policy, Envoy / DNS proxy status in `cilium status`, proxy ports.',
  },
  'egress-gateway': {
    id: 'egress-gateway',
    title: 'Egress gateway drops',
    severity: 'warning',
    causes: 'An egress gateway policy selects the flow but no gateway node or egress IP is configured or reachable.',
    checkNext: '`cilium bpf egress list`, CiliumEgressGatewayPolicy status, the gateway node\'s interfaces.',
  },
  srv6: {
    id: 'srv6',
    title: 'SRv6 drops',
    severity: 'warning',
    causes: 'SRv6 state (SID, policy) was missing for the destination.',
    checkNext: 'SRv6 maps and the SRv6 policy / VRF configuration.',
  },
  multicast: {
    id: 'multicast',
    title: 'Multicast handling',
    severity: 'info',
    causes: 'The multicast datapath consumed the packet (IGMP, replicated delivery); usually not a failure.',
    checkNext: 'Multicast group configuration only if delivery is actually missing.',
  },
  'datapath-state': {
    id: 'datapath-state',
    title: 'Datapath not ready',
    severity: 'error',
    causes: 'Programs or maps the packet needs are not loaded yet: agent starting, endpoint not regenerated, device missing.',
    checkNext: 'Agent start-up progress in the log, endpoint states in `cilium endpoint list`, device detection log lines.',
  },
  'rate-limit': {
    id: 'rate-limit',
    title: 'Rate limiting',
    severity: 'info',
    causes: 'A bandwidth or rate limit (EDT horizon, ICMP/ARP rate limit) was exceeded.',
    checkNext: '`kubernetes.io/egress-bandwidth` annotations, bandwidth manager settings.',
  },
  unknown: {
    id: 'unknown',
    title: 'Unknown drop reasons',
    severity: 'warning',
    causes: 'The monitor CLI did not know the code: the CLI is older than the datapath that sent it.',
    checkNext: 'Use a `cilium` CLI of the same release as the agent, or look the code up with `cilium-analyze explain <code>`.',
  },
};

export const DROP_REASONS: readonly DropReason[] = [
  { code: 0, text: 'Success', group: 'status', meaning: 'No drop: the operation succeeded.' },
  { code: 2, text: 'Invalid packet', group: 'status', meaning: 'Status code for a packet the datapath could not parse.' },
  { code: 3, text: 'Interface', group: 'status', meaning: 'Status code: the packet is handed to an interface.' },
  { code: 4, text: 'Interface Decrypted', group: 'status', meaning: 'Status code: the packet was decrypted and is handed on.' },
  { code: 5, text: 'LB, sock cgroup: No backend slot entry found', group: 'service', meaning: 'Socket load balancing found the service but not the backend slot it selected.' },
  { code: 6, text: 'LB, sock cgroup: No backend entry found', group: 'service', meaning: 'Socket load balancing selected a backend id that is missing from the backend map.' },
  { code: 7, text: 'LB, sock cgroup: Reverse entry update failed', group: 'service', meaning: 'Socket load balancing could not record the reverse translation for the connection.' },
  { code: 8, text: 'LB, sock cgroup: Reverse entry stale', group: 'service', meaning: 'Socket load balancing found a reverse translation that no longer matches the service.' },
  { code: 9, text: 'Fragmented packet', group: 'fragmentation', meaning: 'Status code for a fragmented packet.' },
  { code: 10, text: 'Fragmented packet entry update failed', group: 'fragmentation', meaning: 'The fragment-tracking map could not take the entry for this datagram.' },
  { code: 11, text: 'Missed tail call to custom program', since: '1.14', group: 'tail-call', meaning: 'A custom BPF program hook was configured but its program slot is empty.' },
  { code: 12, text: 'Interface Decrypting', since: '1.18', group: 'status', meaning: 'Status code: the packet is being decrypted.' },
  { code: 13, text: 'Interface Encrypting', since: '1.18', group: 'status', meaning: 'Status code: the packet is being encrypted.' },
  { code: 14, text: 'LB: sock cgroup: Reverse entry delete succeeded', since: '1.18', group: 'status', meaning: 'Status code: a socket-LB reverse entry was removed.' },
  { code: 15, text: 'MTU error message', since: '1.18', group: 'fragmentation', meaning: 'Status code: an ICMP "too big" message was generated for the packet.' },
  { code: 130, text: 'Invalid source mac', group: 'malformed', meaning: 'The source MAC address did not match the endpoint (unused by current datapaths).' },
  { code: 131, text: 'Invalid destination mac', group: 'malformed', meaning: 'The destination MAC address was not the expected router MAC (unused by current datapaths).' },
  {
    code: 132, text: 'Invalid source ip', group: 'routing',
    meaning: 'A packet left an endpoint with a source address that is not assigned to that endpoint.',
    causes: 'Spoofed or secondary addresses inside the pod, a pod whose IP changed without regeneration, or traffic from a nested network namespace / VM.',
    checkNext: '`cilium endpoint get <id>` addresses versus the packet source; IPs configured inside the pod.',
  },
  {
    code: 133, text: 'Policy denied', group: 'policy',
    // Releases before 1.7 printed a policy denial by the stage that denied it; the L4 and CIDR
    // variants had codes 159 and 162 then (unprinted: the text is all a line tells).
    formerTexts: ['Policy denied (L3)', 'Policy denied (L4)', 'Policy denied (CIDR)'],
    meaning: 'Network policy does not allow this flow: the datapath looked up the policy map of the endpoint and found no allow entry for the peer identity, port and protocol.',
  },
  { code: 134, text: 'Invalid packet', group: 'malformed', meaning: 'The packet headers could not be parsed (truncated or inconsistent lengths).' },
  { code: 135, text: 'CT: Truncated or invalid header', group: 'conntrack', meaning: 'Conntrack could not read the L4 header it needs for the lookup.' },
  {
    code: 136, text: 'Fragmentation needed', formerTexts: ['CT: Missing TCP ACK flag'], since: '1.12', group: 'fragmentation',
    meaning: 'The packet is larger than the MTU of the path and may not be fragmented (DF set); older releases used this code for TCP segments without ACK on an established connection.',
  },
  { code: 137, text: 'CT: Unknown L4 protocol', group: 'conntrack', meaning: 'Conntrack does not track the packet\'s L4 protocol.' },
  { code: 138, text: "CT: Can't create entry from packet", group: 'conntrack', meaning: 'Conntrack refused to create an entry from this packet (unused by current datapaths).' },
  {
    code: 139, text: 'Unsupported L3 protocol', group: 'unsupported',
    meaning: 'The packet\'s network protocol is not handled by this program, most often IPv6 (router/neighbour solicitations) on an IPv4-only cluster.',
  },
  {
    code: 140, text: 'Missed tail call', group: 'tail-call',
    meaning: 'A BPF program tried to jump to the next program of the pipeline and the slot was empty, so the packet was dropped.',
  },
  { code: 141, text: 'Error writing to packet', group: 'malformed', meaning: 'Rewriting the packet (NAT, MAC, TTL) failed, e.g. because the buffer could not be made writable.' },
  { code: 142, text: 'Unknown L4 protocol', group: 'unsupported', meaning: 'The L4 protocol is not supported where the packet was seen.' },
  { code: 143, text: 'Unknown ICMPv4 code', group: 'unsupported', meaning: 'An ICMPv4 message with a code the datapath does not accept.' },
  { code: 144, text: 'Unknown ICMPv4 type', group: 'unsupported', meaning: 'An ICMPv4 message type the datapath does not accept.' },
  { code: 145, text: 'Unknown ICMPv6 code', group: 'unsupported', meaning: 'An ICMPv6 message with a code the datapath does not accept.' },
  { code: 146, text: 'Unknown ICMPv6 type', group: 'unsupported', meaning: 'An ICMPv6 message type the datapath does not accept.' },
  { code: 147, text: 'Error retrieving tunnel key', group: 'tunnel', meaning: 'The tunnel metadata (VNI / remote address) of an encapsulated packet could not be read.' },
  { code: 148, text: 'Error retrieving tunnel options', group: 'tunnel', meaning: 'Tunnel options could not be read (unused by current datapaths).' },
  { code: 149, text: 'Invalid Geneve option', group: 'tunnel', meaning: 'A Geneve option was malformed (unused by current datapaths).' },
  { code: 150, text: 'Unknown L3 target address', group: 'routing', meaning: 'The destination address is not known to the datapath (no endpoint, route or ipcache entry).' },
  {
    code: 151, text: 'Stale or unroutable IP', formerTexts: ['Not a local target address'], group: 'routing',
    meaning: 'The destination address belongs to no known endpoint or route: typically a pod that was deleted, or a PodCIDR without a route in native routing.',
    causes: 'Clients still sending to a deleted pod IP (stale DNS / endpoints), ipcache not yet updated, missing PodCIDR routes in native-routing mode.',
    checkNext: '`cilium bpf ipcache list` for the destination, `ip route` for the PodCIDR, the pod that owned the address.',
  },
  { code: 152, text: 'No matching local container found', group: 'routing', meaning: 'Local delivery found no endpoint for the destination (unused by current datapaths).' },
  { code: 153, text: 'Error while correcting L3 checksum', group: 'malformed', meaning: 'Updating the IP checksum after a rewrite failed.' },
  { code: 154, text: 'Error while correcting L4 checksum', group: 'malformed', meaning: 'Updating the TCP/UDP checksum after a rewrite failed.' },
  {
    code: 155, text: 'CT: Map insertion failed', group: 'conntrack',
    meaning: 'A new connection could not be recorded because the conntrack map is full (or the insert failed under pressure).',
    causes: 'Conntrack map too small for the connection rate (dynamic sizing on small nodes, low `bpf-ct-global-tcp-max`/`-any-max`), a connection storm or scan, GC not keeping up.',
    checkNext: 'Map sizes in `cilium status --verbose`, `cilium_bpf_map_pressure` metric, conntrack GC log lines, the sources opening many connections.',
  },
  { code: 156, text: 'Invalid IPv6 extension header', group: 'malformed', meaning: 'An IPv6 extension header chain could not be parsed.' },
  { code: 157, text: 'IP fragmentation not supported', formerTexts: ['IPv6 fragmentation not supported'], group: 'fragmentation', meaning: 'A fragmented packet reached a path without fragment support.' },
  {
    code: 158, text: 'Service backend not found', group: 'service',
    meaning: 'A packet to a service address found the service but no backend to send it to.',
    causes: 'The service has no ready endpoints, or the service/backend maps are out of sync with Kubernetes.',
  },
  { code: 159, text: '159', group: 'unsupported', meaning: 'Unsupported protocol for a service (the monitor has no text for this code and prints the number).' },
  {
    code: 160, text: 'No tunnel/encapsulation endpoint (datapath BUG!)', group: 'tunnel',
    meaning: 'Tunnel mode wanted to encapsulate the packet but the tunnel map has no remote node for the destination.',
    causes: 'A remote node\'s PodCIDR is missing from the tunnel map (node not yet known, kvstore/CRD sync problem).',
    checkNext: '`cilium bpf tunnel list` on the sending node, CiliumNode objects, node discovery log lines.',
  },
  { code: 161, text: 'NAT 46/64 not enabled', formerTexts: ['Failed to insert into proxymap'], since: '1.12', group: 'nat', meaning: 'A NAT46/64 translation was needed but the feature is off; older releases used the code for proxy-map insert failures.' },
  { code: 162, text: 'Reached EDT rate-limiting drop horizon', group: 'rate-limit', meaning: 'The bandwidth manager delayed the packet beyond its drop horizon.' },
  { code: 163, text: 'Unknown connection tracking state', group: 'conntrack', meaning: 'The conntrack lookup returned a state the program does not handle.' },
  { code: 164, text: 'Local host is unreachable', group: 'routing', meaning: 'The packet had to go to the local host but the host path is not reachable from this program.' },
  { code: 165, text: 'No configuration available to perform policy decision', group: 'policy', meaning: 'Policy could not be evaluated because the configuration is missing (unused).' },
  { code: 166, text: 'Unsupported L2 protocol', group: 'unsupported', meaning: 'The Ethernet type is not handled (e.g. VLAN-tagged or non-IP frames).' },
  {
    code: 167, text: 'No mapping for NAT masquerade', group: 'nat',
    meaning: 'A reply or a masqueraded packet found no NAT entry, or no source port could be allocated for SNAT.',
    causes: 'SNAT port exhaustion towards one destination (many pods talking to the same IP:port), NAT map too small, NAT entries evicted early.',
    checkNext: '`bpf-nat-global-max`, `cilium bpf nat list` counts per destination, NAT map pressure metric.',
  },
  { code: 168, text: 'Unsupported protocol for NAT masquerade', group: 'nat', meaning: 'The packet\'s protocol cannot be masqueraded by BPF NAT.' },
  {
    code: 169, text: 'FIB lookup failed', group: 'routing',
    meaning: 'The kernel routing table (FIB) lookup done by BPF found no route or neighbour for the destination.',
    causes: 'Missing route to a remote PodCIDR or external destination, missing neighbour entry, blackhole route. The extended error (`, N`) is the kernel FIB result.',
    checkNext: '`ip route get <dst>` on the node, `auto-direct-node-routes` / BGP in native routing, neighbour table.',
  },
  { code: 170, text: 'Encapsulation traffic is prohibited', group: 'tunnel', meaning: 'Encapsulated traffic arrived where tunnelling is not allowed (e.g. from a pod).' },
  { code: 171, text: 'Invalid identity', group: 'policy', meaning: 'The security identity carried by the packet is invalid (0 or out of range).' },
  { code: 172, text: 'Unknown sender', group: 'routing', meaning: 'The sender of the packet is not a known node or endpoint.' },
  { code: 173, text: 'NAT not needed', group: 'nat', meaning: 'Internal NAT outcome: no translation was required.' },
  { code: 174, text: 'Is a ClusterIP', group: 'service', meaning: 'Traffic to a ClusterIP arrived from outside the cluster, where ClusterIPs are not reachable.' },
  { code: 175, text: 'First logical datagram fragment not found', group: 'fragmentation', meaning: 'A non-first fragment arrived without the first one, so its ports are unknown.' },
  { code: 176, text: 'Forbidden ICMPv6 message', group: 'unsupported', meaning: 'An ICMPv6 message type that is not allowed here.' },
  { code: 177, text: 'Denied by LB src range check', group: 'service', meaning: 'The client address is outside the LoadBalancer source ranges of the service.' },
  { code: 178, text: 'Socket lookup failed', group: 'proxy', meaning: 'The proxy socket for a redirected flow could not be found.' },
  { code: 179, text: 'Socket assign failed', group: 'proxy', meaning: 'Assigning the packet to the proxy socket failed.' },
  { code: 180, text: 'Proxy redirection not supported for protocol', group: 'proxy', meaning: 'A policy asks for L7 redirection of a protocol the proxy cannot handle.' },
  { code: 181, text: 'Policy denied by denylist', since: '1.9', group: 'policy', meaning: 'A deny policy rule matched the flow.' },
  { code: 182, text: 'VLAN traffic disallowed by VLAN filter', since: '1.11', group: 'unsupported', meaning: 'VLAN-tagged traffic not in the allowed VLAN list.' },
  { code: 183, text: 'Incorrect VNI from VTEP', since: '1.12', group: 'tunnel', meaning: 'A VTEP sent traffic with an unexpected VNI.' },
  { code: 184, text: 'Failed to update or lookup TC buffer', since: '1.12', group: 'datapath-state', meaning: 'Internal per-packet scratch storage could not be used.' },
  { code: 185, text: 'No SID was found for the IP address', since: '1.12', group: 'srv6', meaning: 'SRv6 has no segment id for the destination.' },
  { code: 186, text: 'SRv6 state was removed during tail call', since: '1.12', group: 'srv6', meaning: 'SRv6 state disappeared between two programs.' },
  { code: 187, text: 'L3 translation from IPv4 to IPv6 failed (NAT46)', since: '1.13', group: 'nat', meaning: 'NAT46 translation of the packet failed.' },
  { code: 188, text: 'L3 translation from IPv6 to IPv4 failed (NAT64)', since: '1.13', group: 'nat', meaning: 'NAT64 translation of the packet failed.' },
  { code: 189, text: 'Authentication required', since: '1.14', group: 'auth', meaning: 'Policy requires mutual authentication for this identity pair and none is established yet.' },
  { code: 190, text: 'No conntrack map found', since: '1.14', group: 'datapath-state', meaning: 'The conntrack map the program needs is missing.' },
  { code: 191, text: 'No nat map found', since: '1.14', group: 'datapath-state', meaning: 'The NAT map the program needs is missing.' },
  { code: 192, text: 'Invalid ClusterID', since: '1.14', group: 'tunnel', meaning: 'The cluster id carried by the packet (cluster mesh) is invalid.' },
  { code: 193, text: 'Unsupported packet protocol for DSR encapsulation', since: '1.14', group: 'service', meaning: 'DSR cannot carry this protocol to the backend.' },
  { code: 194, text: 'No egress gateway found', since: '1.14', group: 'egress-gateway', meaning: 'An egress gateway policy matched but no gateway node is available.' },
  { code: 195, text: 'Traffic is unencrypted', since: '1.15', group: 'encryption', meaning: 'Strict encryption mode dropped traffic that would have left the node unencrypted.' },
  { code: 196, text: 'TTL exceeded', since: '1.15', group: 'routing', meaning: 'The packet\'s TTL / hop limit reached zero in the datapath (routing loop or very low TTL).' },
  { code: 197, text: 'No node ID found', since: '1.15', group: 'tunnel', meaning: 'No node id is allocated for the remote node (IPsec needs one).' },
  { code: 198, text: 'Rate limited', since: '1.15', group: 'rate-limit', meaning: 'A datapath rate limit was exceeded.' },
  { code: 199, text: 'IGMP handled', since: '1.16', group: 'multicast', meaning: 'An IGMP packet was consumed by the multicast datapath.' },
  { code: 200, text: 'IGMP subscribed', since: '1.16', group: 'multicast', meaning: 'An IGMP join was processed.' },
  { code: 201, text: 'Multicast handled', since: '1.16', group: 'multicast', meaning: 'A multicast packet was replicated by the datapath; the original is consumed.' },
  {
    code: 202, text: 'Host datapath not ready', since: '1.16', group: 'datapath-state',
    meaning: 'The host programs are loaded but not ready to process traffic yet (agent starting or reinitialising).',
  },
  { code: 203, text: 'Endpoint policy program not available', since: '1.17', group: 'datapath-state', meaning: 'The endpoint\'s policy program is not loaded yet (endpoint being created or regenerated).' },
  { code: 204, text: 'No Egress IP configured', since: '1.17', group: 'egress-gateway', meaning: 'The egress gateway has no egress IP for the flow.' },
  { code: 205, text: 'Punt to proxy', since: '1.17', group: 'proxy', meaning: 'The packet was handed to the proxy instead of being forwarded.' },
  { code: 206, text: 'No device', since: '1.18', group: 'datapath-state', meaning: 'No output device could be determined for the packet.' },
  { code: 207, text: 'First logical datagram fragment not found from world', since: '1.19', group: 'fragmentation', meaning: 'As 175, for fragments arriving from outside the cluster.' },
];

const BY_CODE = new Map<number, DropReason>(DROP_REASONS.map((r) => [r.code, r]));
const BY_TEXT = new Map<string, DropReason>();
// Real drop reasons (≥ 130) win over status codes that share a text (`Invalid packet`).
for (const r of [...DROP_REASONS].reverse()) {
  for (const t of [r.text, ...(r.formerTexts ?? [])]) {
    const key = t.toLowerCase();
    const prior = BY_TEXT.get(key);
    if (!prior || r.code >= 130) BY_TEXT.set(key, r);
  }
}

export function dropReasonByCode(code: number): DropReason | null {
  return BY_CODE.get(code) ?? null;
}

export function dropReasonByText(text: string): DropReason | null {
  return BY_TEXT.get(text.trim().toLowerCase()) ?? null;
}

export interface RenderedDropReason {
  /** Known reason, or null for a code the CLI printed as a number. */
  reason: DropReason | null;
  /** Numeric code when known from the table or printed. */
  code: number | null;
  /** Extended error (`‹text›, ‹E›`, ≈ 1.12+), null when not printed. */
  extError: number | null;
}

const EXT_ERROR = /^(.*), (-?\d+)$/s;
const NUMERIC = /^\d+$/;

/**
 * Reads a reason as rendered by the monitor (§4.4): `Policy denied`, `FIB lookup failed, 4`,
 * an unknown code `250, 0` or `250`. Reason texts contain commas, so the table is consulted
 * before the `, E` suffix is split off.
 */
export function readDropReason(rendered: string): RenderedDropReason {
  const whole = dropReasonByText(rendered);
  if (whole) return { reason: whole, code: whole.code, extError: null };
  let base = rendered;
  let extError: number | null = null;
  const ext = EXT_ERROR.exec(rendered);
  if (ext) {
    base = ext[1]!;
    extError = Number(ext[2]);
  }
  if (NUMERIC.test(base)) {
    const code = Number(base);
    return { reason: dropReasonByCode(code), code, extError };
  }
  const reason = dropReasonByText(base);
  return { reason, code: reason?.code ?? null, extError };
}

/** The codes of drop reasons named by any text they have printed (a rule's declared coverage). */
export function dropCodesOf(...texts: string[]): number[] {
  return texts.map((t) => {
    const reason = dropReasonByText(t);
    if (!reason) throw new Error(`no drop reason prints "${t}"`);
    return reason.code;
  });
}
