/**
 * Trace-notification vocabulary of `cilium monitor`: observation points (where in the datapath a
 * packet was seen), trace reasons (its conntrack state), and the reserved security identities
 * the monitor prints by name.
 */

export interface ObservationPoint {
  code: number;
  /** Name in verbose headers and JSON (`to-endpoint`). */
  name: string;
  /** Prefix of the summary line (`-> endpoint`, `<- host`). */
  summary: string;
  /**
   * What the summary prints after the prefix: the endpoint id (`-> endpoint 1577`, `<- endpoint 812`)
   * or, when there is one, the proxy port (`-> proxy port 15001`).
   */
  summaryArgument?: 'endpoint' | 'proxy-port';
  direction: 'to' | 'from';
  since?: string;
  meaning: string;
}

export const OBSERVATION_POINTS: readonly ObservationPoint[] = [
  { code: 0, name: 'to-endpoint', summary: '-> endpoint', summaryArgument: 'endpoint', direction: 'to', meaning: 'The packet is being delivered to a local endpoint (pod); the last hop before the pod\'s interface.' },
  { code: 1, name: 'to-proxy', summary: '-> proxy', summaryArgument: 'proxy-port', direction: 'to', meaning: 'The packet is redirected to the L7 or DNS proxy because an L7 policy selects it.' },
  { code: 2, name: 'to-host', summary: '-> host from', direction: 'to', meaning: 'The packet is passed to the host (cilium_host) for the node itself.' },
  { code: 3, name: 'to-stack', summary: '-> stack', direction: 'to', meaning: 'The packet is handed to the Linux network stack (legacy routing, iptables, host-bound traffic).' },
  { code: 4, name: 'to-overlay', summary: '-> overlay', direction: 'to', meaning: 'The packet is sent into the tunnel device (VXLAN/Geneve) towards another node.' },
  { code: 5, name: 'from-endpoint', summary: '<- endpoint', summaryArgument: 'endpoint', direction: 'from', meaning: 'The packet was just sent by a local endpoint (pod egress, first hook).' },
  { code: 6, name: 'from-proxy', summary: '<- proxy', direction: 'from', meaning: 'The packet comes out of the L7 or DNS proxy.' },
  { code: 7, name: 'from-host', summary: '<- host', direction: 'from', meaning: 'The packet was sent by the host (cilium_host), e.g. health checks or host-network pods.' },
  { code: 8, name: 'from-stack', summary: '<- stack', direction: 'from', meaning: 'The packet comes from the Linux network stack.' },
  { code: 9, name: 'from-overlay', summary: '<- overlay', direction: 'from', meaning: 'The packet was received from the tunnel device (decapsulated).' },
  { code: 10, name: 'from-network', summary: '<- network', direction: 'from', meaning: 'The packet was received on a native (physical) device.' },
  { code: 11, name: 'to-network', summary: '-> network', direction: 'to', since: '1.11', meaning: 'The packet leaves the node through a native device.' },
  { code: 12, name: 'from-crypto', summary: '<- crypto', direction: 'from', since: '1.16', meaning: 'The packet comes from the encryption layer (IPsec / WireGuard) after decryption.' },
  { code: 13, name: 'to-crypto', summary: '-> crypto', direction: 'to', since: '1.16', meaning: 'The packet is handed to the encryption layer (IPsec / WireGuard).' },
];

export interface TraceReason {
  value: number;
  text: string;
  since?: string;
  meaning: string;
}

export const TRACE_REASONS: readonly TraceReason[] = [
  { value: 0, text: 'new', meaning: 'First packet of a connection: conntrack created a new entry (older releases also report observation points without conntrack information as new).' },
  { value: 1, text: 'established', meaning: 'The packet belongs to a connection conntrack already tracks, in the original direction.' },
  { value: 2, text: 'reply', meaning: 'The packet is a reply of a tracked connection.' },
  { value: 3, text: 'related', meaning: 'The packet is related to a tracked connection (e.g. an ICMP error about it).' },
  { value: 4, text: 'reopened', since: '1.11', meaning: 'A closing connection was reused by a new one with the same tuple.' },
  { value: 5, text: 'unknown', since: '1.12', meaning: 'The observation point carries no conntrack state.' },
  { value: 6, text: 'srv6-encap', since: '1.14', meaning: 'The packet was encapsulated by SRv6.' },
  { value: 7, text: 'srv6-decap', since: '1.14', meaning: 'The packet was decapsulated by SRv6.' },
  { value: 8, text: 'encrypt-overlay', since: '1.15', meaning: 'The packet is sent to the overlay for encryption.' },
];

/** Reserved identities printed by name when `-n` is not given (§3.3). */
export const RESERVED_IDENTITIES: ReadonlyMap<string, number> = new Map([
  ['unknown', 0],
  ['host', 1],
  ['world', 2],
  ['unmanaged', 3],
  ['health', 4],
  ['init', 5],
  ['remote-node', 6],
  ['kube-apiserver', 7],
  ['ingress', 8],
  ['world-ipv4', 9],
  ['world-ipv6', 10],
]);

/** The numeric identity of a printed identity (number or reserved name); null when unknown. */
export function identityNumber(printed: string): number | null {
  const c = printed.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return Number(printed);
  return RESERVED_IDENTITIES.get(printed) ?? null;
}

/** The number of a reserved identity by name (`health` → 4). */
export function reservedIdentity(name: string): number {
  const id = RESERVED_IDENTITIES.get(name);
  if (id === undefined) throw new Error(`no reserved identity "${name}"`);
  return id;
}
