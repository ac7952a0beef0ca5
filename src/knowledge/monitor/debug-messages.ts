/**
 * Datapath debug messages (`CPU 03: MARK 0x0 FROM 2073 DEBUG: ‹message›`): one row per message
 * text with the `DBG_*` codes that print it, a pattern whose named groups are the arguments the
 * analyzer uses, and what the message tells about the packet's path.
 *
 * Named groups: srcIp srcPort dstIp dstPort nexthdr flags identity endpoint ip port verdict
 * revnat ifname proxyPort (any subset).
 */

export interface DebugMessage {
  /** DBG_* codes printing this text (IPv4 and IPv6 variants often share one). */
  codes: readonly number[];
  name: string;
  pattern: RegExp;
  meaning: string;
  /**
   * Whose identity the `identity` group is: the packet's source (default), its destination, or
   * the identity the ipcache maps the `ip` group to (either end of the packet).
   */
  identityRole?: 'destination' | 'mapped';
}

const IP4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const IP6FRAG = String.raw`\[::[0-9a-f]+:[0-9a-f]+\]`;
const CTINFO = String.raw`sport=(?<srcPort>\d+) dport=(?<dstPort>\d+) nexthdr=(?<nexthdr>\d+) flags=(?<flags>[A-Z, ]*)`;

function re(source: string): RegExp {
  return new RegExp(`^${source}$`);
}

export const DEBUG_MESSAGES: readonly DebugMessage[] = [
  { codes: [1], name: 'DBG_GENERIC', pattern: re(String.raw`No message, arg1=\d+ \(0x[0-9a-f]+\) arg2=\d+ \(0x[0-9a-f]+\)`), meaning: 'A generic debug point without a dedicated text.' },
  { codes: [2], name: 'DBG_LOCAL_DELIVERY', pattern: re(String.raw`Attempting local delivery for container id (?<endpoint>\d+) from seclabel (?<identity>\d+)`), meaning: 'The packet is about to be delivered to the local endpoint with this id; the next event for it should be a to-endpoint trace, a proxy redirect or a drop.' },
  { codes: [3], name: 'DBG_ENCAP', pattern: re(String.raw`Encapsulating to node (?<node>\d+) \(0x[0-9a-f]+\) from seclabel (?<identity>\d+)`), meaning: 'The packet is encapsulated towards the node whose address is printed as a number.' },
  { codes: [4], name: 'DBG_LXC_FOUND', pattern: re(String.raw`Local container found ifindex (?<ifname>\S*) seclabel (?<identity>\d+)`), meaning: 'The destination is a local endpoint reached through this interface.', identityRole: 'destination' },
  { codes: [5], name: 'DBG_POLICY_DENIED', pattern: re(String.raw`Policy evaluation would deny packet from (?<identity>\d+) to (?<dstIdentity>\d+)`), meaning: 'Policy would deny the packet (audit or debug path).' },
  { codes: [6], name: 'DBG_CT_LOOKUP', pattern: re(`CT lookup: ${CTINFO}`), meaning: 'Conntrack lookup of the packet\'s ports (old datapaths).' },
  { codes: [7], name: 'DBG_CT_LOOKUP_REV', pattern: re(`CT reverse lookup: ${CTINFO}`), meaning: 'Conntrack lookup in the reply direction (old datapaths).' },
  { codes: [8], name: 'DBG_CT_MATCH', pattern: re(String.raw`CT entry found lifetime=(?<lifetime>\d+), revnat=(?<revnat>\d+)`), meaning: 'Conntrack found an existing entry; the connection is already tracked.' },
  { codes: [9], name: 'DBG_CT_CREATED', pattern: re(`CT created 1/2: ${CTINFO} revnat=(?<revnat>\\d+)`), meaning: 'Conntrack created an entry (old datapaths, part 1).' },
  { codes: [10], name: 'DBG_CT_CREATED2', pattern: re(String.raw`CT created 2/2: (?<ip>${IP4}) revnat=(?<revnat>\d+)`), meaning: 'Conntrack created an entry (old datapaths, part 2).' },
  { codes: [11], name: 'DBG_ICMP6_HANDLE', pattern: re(String.raw`Handling ICMPv6 type=\d+`), meaning: 'The datapath handles an ICMPv6 message itself (NDP, echo to the router).' },
  { codes: [12], name: 'DBG_ICMP6_REQUEST', pattern: re(String.raw`ICMPv6 echo request for router offset=\d+`), meaning: 'An ICMPv6 echo request to the router address is answered by the datapath.' },
  { codes: [13], name: 'DBG_ICMP6_NS', pattern: re(String.raw`ICMPv6 neighbour soliciation for address [0-9a-f]+:[0-9a-f]+`), meaning: 'A neighbour solicitation is answered by the datapath.' },
  { codes: [14], name: 'DBG_ICMP6_TIME_EXCEEDED', pattern: re('Sending ICMPv6 time exceeded'), meaning: 'The datapath replies with ICMPv6 time exceeded.' },
  { codes: [15], name: 'DBG_CT_VERDICT', pattern: re(String.raw`CT verdict: (?<verdict>.+), revnat=(?<revnat>\d+)`), meaning: 'Result of the conntrack lookup: New (no entry yet), Established, Reply or Related.' },
  { codes: [16], name: 'DBG_DECAP', pattern: re(String.raw`Tunnel decap: id=(?<identity>\d+) flowlabel=[0-9a-f]+`), meaning: 'A packet was decapsulated; the id is the source identity carried in the tunnel header.' },
  { codes: [17], name: 'DBG_PORT_MAP', pattern: re(String.raw`Mapping port from=\d+ to=\d+`), meaning: 'A port translation is applied.' },
  { codes: [18], name: 'DBG_ERROR_RET', pattern: re(String.raw`BPF function \d+ returned error \d+`), meaning: 'A BPF helper returned an error.' },
  { codes: [19], name: 'DBG_TO_HOST', pattern: re(String.raw`Going to host, policy-skip=\d+`), meaning: 'The packet is passed to the host.' },
  { codes: [20], name: 'DBG_TO_STACK', pattern: re(String.raw`Going to the stack, policy-skip=\d+`), meaning: 'The packet is passed to the Linux stack.' },
  { codes: [21], name: 'DBG_PKT_HASH', pattern: re(String.raw`Packet hash=\d+ \(0x[0-9a-f]+\), selected_service=\d+`), meaning: 'Hash used to pick a service backend.' },
  { codes: [22], name: 'DBG_LB6_LOOKUP_FRONTEND', pattern: re(String.raw`Frontend service lookup, addr\.p4=[0-9a-f]+ key\.dport=(?<dstPort>\d+)`), meaning: 'IPv6 service frontend lookup.' },
  { codes: [23], name: 'DBG_LB6_LOOKUP_FRONTEND_FAIL', pattern: re(String.raw`Frontend service lookup failed, addr\.p2=[0-9a-f]+ addr\.p3=[0-9a-f]+`), meaning: 'The IPv6 destination is not a service frontend.' },
  { codes: [24, 32], name: 'DBG_LB_LOOKUP_BACKEND_SLOT', pattern: re(String.raw`Service backend slot lookup: slot=\d+, dport=(?<dstPort>\d+)`), meaning: 'A backend slot of the service is selected.' },
  { codes: [25], name: 'DBG_LB6_LOOKUP_BACKEND_SLOT_SUCCESS', pattern: re(String.raw`Service backend slot lookup result: target\.p4=[0-9a-f]+ port=(?<port>\d+)`), meaning: 'The IPv6 backend chosen for the service.' },
  { codes: [26, 34], name: 'DBG_LB_LOOKUP_BACKEND_SLOT_V2_FAIL', pattern: re(String.raw`Service backend slot lookup failed: slot=\d+, dport=(?<dstPort>\d+)`), meaning: 'The selected backend slot is empty (service being updated, no backends).' },
  { codes: [27, 35], name: 'DBG_LB_LOOKUP_BACKEND_FAIL', pattern: re(String.raw`Backend service lookup failed: backend_id=\d+`), meaning: 'The backend id of the slot is missing from the backend map.' },
  { codes: [28, 36], name: 'DBG_LB_REVERSE_NAT_LOOKUP', pattern: re(String.raw`Reverse NAT lookup, index=\d+`), meaning: 'Looking up the service address to restore on a reply.' },
  { codes: [29], name: 'DBG_LB6_REVERSE_NAT', pattern: re(String.raw`Performing reverse NAT, address\.p4=[0-9a-f]+ port=(?<port>\d+)`), meaning: 'The reply source is rewritten back to the IPv6 service address.' },
  { codes: [30], name: 'DBG_LB4_LOOKUP_FRONTEND', pattern: re(String.raw`Frontend service lookup, addr=(?<dstIp>${IP4}) key\.dport=(?<dstPort>\d+)`), meaning: 'The destination is looked up as a service frontend.' },
  { codes: [31], name: 'DBG_LB4_LOOKUP_FRONTEND_FAIL', pattern: re('Frontend service lookup failed'), meaning: 'The destination is not a service frontend.' },
  { codes: [33], name: 'DBG_LB4_LOOKUP_BACKEND_SLOT_SUCCESS', pattern: re(String.raw`Service backend slot lookup result: target=(?<ip>${IP4}) port=(?<port>\d+)`), meaning: 'The backend chosen for the service.' },
  { codes: [37], name: 'DBG_LB4_REVERSE_NAT', pattern: re(String.raw`Performing reverse NAT, address=(?<ip>${IP4}) port=(?<port>\d+)`), meaning: 'The reply source is rewritten back to the service address.' },
  { codes: [38], name: 'DBG_LB4_LOOPBACK_SNAT', pattern: re(String.raw`Loopback SNAT from=(?<srcIp>${IP4}) to=(?<dstIp>${IP4})`), meaning: 'A pod reaches itself through a service: the source is rewritten (hairpin).' },
  { codes: [39], name: 'DBG_LB4_LOOPBACK_SNAT_REV', pattern: re(String.raw`Loopback reverse SNAT from=(?<srcIp>${IP4}) to=(?<dstIp>${IP4})`), meaning: 'Reply of a hairpinned service connection.' },
  { codes: [40], name: 'DBG_CT_LOOKUP4', pattern: re(String.raw`CT lookup address: (?<ip>${IP4})`), meaning: 'Conntrack lookup for this address.' },
  { codes: [41], name: 'DBG_RR_BACKEND_SLOT_SEL', pattern: re(String.raw`RR backend slot selection hash=\d+ \(0x[0-9a-f]+\), selected_service=\d+`), meaning: 'Round-robin backend selection.' },
  { codes: [42], name: 'DBG_REV_PROXY_LOOKUP', pattern: re(String.raw`Reverse proxy lookup sport=\d+ dport=\d+ saddr=(?<ip>${IP4}) nexthdr=\d+`), meaning: 'Looking up the original destination of a proxied connection.' },
  { codes: [43], name: 'DBG_REV_PROXY_FOUND', pattern: re(String.raw`Reverse proxy entry found, orig-daddr=(?<dstIp>${IP4}) orig-dport=(?<dstPort>\d+)`), meaning: 'The original destination of a proxied connection.' },
  { codes: [44], name: 'DBG_REV_PROXY_UPDATE', pattern: re(String.raw`Reverse proxy updated sport=\d+ dport=\d+ saddr=(?<ip>${IP4}) nexthdr=\d+`), meaning: 'The proxy map entry was updated.' },
  { codes: [45], name: 'DBG_L4_POLICY', pattern: re(String.raw`Resolved L4 policy to: (?<port>\d+) / (?:egress|ingress|)`), meaning: 'The L4 policy entry that matched (proxy port or 0).' },
  { codes: [46], name: 'DBG_NETDEV_IN_CLUSTER', pattern: re(String.raw`Destination is inside cluster prefix, source identity: (?<identity>\d+)`), meaning: 'The destination lies in the cluster prefix.' },
  { codes: [47], name: 'DBG_NETDEV_ENCAP4', pattern: re(String.raw`Attempting encapsulation, lookup key: (?<ip>${IP4}), identity: (?<identity>\d+)`), meaning: 'The tunnel map is looked up for the destination.' },
  { codes: [48], name: 'DBG_CT_LOOKUP4_1', pattern: re(String.raw`Conntrack lookup 1/2: src=(?<srcIp>${IP4}):(?<srcPort>\d+) dst=(?<dstIp>${IP4}):(?<dstPort>\d+)`), meaning: 'First half of a conntrack lookup: the tuple (for ICMP the port fields hold the echo id).' },
  { codes: [49, 52], name: 'DBG_CT_LOOKUP_2', pattern: re(String.raw`Conntrack lookup 2/2: nexthdr=(?<nexthdr>\d+) flags=(?<flags>\d+)(?: dir=(?<dir>\d+) scope=(?<scope>\d+))?`), meaning: 'Second half of a conntrack lookup: the protocol and the lookup direction flags (1.14+ also the direction and scope).' },
  { codes: [50], name: 'DBG_CT_CREATED4', pattern: re(String.raw`Conntrack create: proxy-port=(?<proxyPort>\d+) revnat=(?<revnat>\d+) src-identity=(?<identity>\d+) lb=(?<ip>${IP4})`), meaning: 'A new IPv4 conntrack entry was created for the connection.' },
  { codes: [51], name: 'DBG_CT_LOOKUP6_1', pattern: re(String.raw`Conntrack lookup 1/2: src=(?<srcIp>${IP6FRAG}):(?<srcPort>\d+) dst=(?<dstIp>${IP6FRAG}):(?<dstPort>\d+)`), meaning: 'First half of an IPv6 conntrack lookup (only the last 32 bits of each address are printed).' },
  { codes: [53], name: 'DBG_CT_CREATED6', pattern: re(String.raw`Conntrack create: proxy-port=(?<proxyPort>\d+) revnat=(?<revnat>\d+) src-identity=(?<identity>\d+)`), meaning: 'A new IPv6 conntrack entry was created for the connection.' },
  { codes: [54], name: 'DBG_SKIP_PROXY', pattern: re(String.raw`Skipping proxy, tc_index is set=[0-9a-f]+`), meaning: 'The packet already passed the proxy and is not redirected again.' },
  { codes: [55], name: 'DBG_L4_CREATE', pattern: re(String.raw`Matched L4 policy; creating conntrack src=(?<identity>\d+) dst=(?<dstIdentity>\d+) dport=(?<dstPort>\d+) proto=\d+`), meaning: 'An L4 policy matched and conntrack is created.' },
  { codes: [56], name: 'DBG_IP_ID_MAP_FAILED4', pattern: re(String.raw`Failed to map addr=(?<ip>${IP4}) to identity`), meaning: 'The address has no ipcache entry: the peer is treated as world.', identityRole: 'mapped' },
  { codes: [57], name: 'DBG_IP_ID_MAP_FAILED6', pattern: re(String.raw`Failed to map addr\.p4=(?<ip>${IP6FRAG}) to identity`), meaning: 'The IPv6 address has no ipcache entry.', identityRole: 'mapped' },
  { codes: [58], name: 'DBG_IP_ID_MAP_SUCCEED4', pattern: re(String.raw`Successfully mapped addr=(?<ip>${IP4}) to identity=(?<identity>\d+)`), meaning: 'The ipcache maps the address to this security identity; policy uses it.', identityRole: 'mapped' },
  { codes: [59], name: 'DBG_IP_ID_MAP_SUCCEED6', pattern: re(String.raw`Successfully mapped addr\.p4=(?<ip>${IP6FRAG}) to identity=(?<identity>\d+)`), meaning: 'The ipcache maps the IPv6 address to this security identity.', identityRole: 'mapped' },
  { codes: [60], name: 'DBG_LB_STALE_CT', pattern: re(String.raw`Stale CT entry found stale_ct\.rev_nat_id=\d+, svc\.rev_nat_id=\d+`), meaning: 'A conntrack entry refers to an old service; it is replaced.' },
  { codes: [61], name: 'DBG_INHERIT_IDENTITY', pattern: re(String.raw`Inheriting identity=(?<identity>\d+) from stack`), meaning: 'The packet keeps the identity the stack marked it with.' },
  { codes: [62], name: 'DBG_SK_LOOKUP4', pattern: re(String.raw`Socket lookup: src=(?<srcIp>${IP4}):(?<srcPort>\d+) dst=(?<dstIp>${IP4}):(?<dstPort>\d+)`), meaning: 'Looking up a local (proxy) socket for the packet.' },
  { codes: [63], name: 'DBG_SK_LOOKUP6', pattern: re(String.raw`Socket lookup: src=(?<srcIp>${IP6FRAG}):(?<srcPort>\d+) dst=(?<dstIp>${IP6FRAG}):(?<dstPort>\d+)`), meaning: 'Looking up a local (proxy) socket for the IPv6 packet.' },
  { codes: [64], name: 'DBG_SK_ASSIGN', pattern: re('Socket assign: (?<result>.+)'), meaning: 'Result of assigning the packet to a proxy socket.' },
  { codes: [65], name: 'DBG_L7_LB', pattern: re(String.raw`L7 LB from (?<srcIp>${IP4}) to (?<dstIp>${IP4}): proxy port (?<proxyPort>\d+)`), meaning: 'The service is load-balanced by the L7 proxy on this port.' },
  // Texts of releases before ≈ 1.10 (pkg/monitor/datapath_debug.go at the 1.0–1.9 release commits):
  // the load balancer's "master"/"slave" service entries, `daddr` before 1.8. Codes are the
  // 1.5–1.9 numbering (1.0–1.4 numbered the IPv4 LB messages two lower).
  { codes: [22], name: 'DBG_LB6_LOOKUP_MASTER', pattern: re(String.raw`Master service lookup, addr\.p4=[0-9a-f]+ key\.dport=(?<dstPort>\d+)`), meaning: 'IPv6 service frontend lookup (old text of DBG_LB6_LOOKUP_FRONTEND).' },
  { codes: [23], name: 'DBG_LB6_LOOKUP_MASTER_FAIL', pattern: re(String.raw`Master service lookup failed, addr\.p2=[0-9a-f]+ addr\.p3=[0-9a-f]+`), meaning: 'The IPv6 destination is not a service frontend (old text).' },
  { codes: [24, 32], name: 'DBG_LB_LOOKUP_SLAVE', pattern: re(String.raw`Slave service lookup: slave=\d+, dport=(?<dstPort>\d+)`), meaning: 'A backend slot of the service is selected (old text of DBG_LB_LOOKUP_BACKEND_SLOT).' },
  { codes: [25], name: 'DBG_LB6_LOOKUP_SLAVE_SUCCESS', pattern: re(String.raw`Slave service lookup result: target\.p4=[0-9a-f]+ port=(?<port>\d+)`), meaning: 'The IPv6 backend chosen for the service (old text).' },
  { codes: [26, 34], name: 'DBG_LB_LOOKUP_SLAVE_V2_FAIL', pattern: re(String.raw`Slave service lookup failed: slave=\d+, dport=(?<dstPort>\d+)`), meaning: 'The selected backend slot is empty (old text, 1.5+).' },
  { codes: [30], name: 'DBG_LB4_LOOKUP_MASTER', pattern: re(String.raw`Master service lookup, addr=(?<dstIp>${IP4}) key\.dport=(?<dstPort>\d+)`), meaning: 'The destination is looked up as a service frontend (old text).' },
  { codes: [31], name: 'DBG_LB4_LOOKUP_MASTER_FAIL', pattern: re('Master service lookup failed'), meaning: 'The destination is not a service frontend (old text).' },
  { codes: [33], name: 'DBG_LB4_LOOKUP_SLAVE_SUCCESS', pattern: re(String.raw`Slave service lookup result: target=(?<ip>${IP4}) port=(?<port>\d+)`), meaning: 'The backend chosen for the service (old text).' },
  { codes: [41], name: 'DBG_RR_SLAVE_SEL', pattern: re(String.raw`RR slave selection hash=\d+ \(0x[0-9a-f]+\), selected_service=\d+`), meaning: 'Round-robin backend selection (old text).' },
  { codes: [56], name: 'DBG_IP_ID_MAP_FAILED4', pattern: re(String.raw`Failed to map daddr=(?<ip>${IP4}) to identity`), meaning: 'The address has no ipcache entry (text before 1.8).', identityRole: 'mapped' },
  { codes: [57], name: 'DBG_IP_ID_MAP_FAILED6', pattern: re(String.raw`Failed to map daddr\.p4=(?<ip>${IP6FRAG}) to identity`), meaning: 'The IPv6 address has no ipcache entry (text before 1.8).', identityRole: 'mapped' },
  { codes: [58], name: 'DBG_IP_ID_MAP_SUCCEED4', pattern: re(String.raw`Successfully mapped daddr=(?<ip>${IP4}) to identity=(?<identity>\d+)`), meaning: 'The ipcache maps the address to this security identity (text before 1.8).', identityRole: 'mapped' },
  { codes: [59], name: 'DBG_IP_ID_MAP_SUCCEED6', pattern: re(String.raw`Successfully mapped daddr\.p4=(?<ip>${IP6FRAG}) to identity=(?<identity>\d+)`), meaning: 'The ipcache maps the IPv6 address to this security identity (text before 1.8).', identityRole: 'mapped' },
  { codes: [], name: 'DBG_UNKNOWN', pattern: re(String.raw`Unknown message type=(?<code>\d+) arg1=\d+ arg2=\d+`), meaning: 'The CLI does not know this debug code (it is newer than the CLI).' },
];

const BY_FIRST_WORD = new Map<string, DebugMessage[]>();
for (const m of DEBUG_MESSAGES) {
  const word = /^\^([A-Za-z0-9]+)/.exec(m.pattern.source)![1]!;
  const list = BY_FIRST_WORD.get(word) ?? [];
  list.push(m);
  BY_FIRST_WORD.set(word, list);
}

export interface DebugMatch {
  message: DebugMessage;
  args: Record<string, string>;
}

/** Which debug message a text is, with its named arguments; null for a text in no release. */
export function matchDebugMessage(text: string): DebugMatch | null {
  const space = text.indexOf(' ');
  const candidates = BY_FIRST_WORD.get(space === -1 ? text : text.slice(0, space));
  if (!candidates) return null;
  for (const message of candidates) {
    const m = message.pattern.exec(text);
    if (m) return { message, args: { ...m.groups } };
  }
  return null;
}
