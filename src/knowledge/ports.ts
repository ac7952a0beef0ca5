/**
 * Service names tcpdump prints instead of port numbers when run without -n (from /etc/services),
 * limited to what Kubernetes / Cilium captures carry.
 */
export const SERVICE_PORTS: ReadonlyMap<string, number> = new Map([
  ['ftp', 21],
  ['ssh', 22],
  ['telnet', 23],
  ['smtp', 25],
  ['domain', 53],
  ['bootps', 67],
  ['bootpc', 68],
  ['tftp', 69],
  ['http', 80],
  ['ntp', 123],
  ['snmp', 161],
  ['bgp', 179],
  ['https', 443],
  ['syslog', 514],
  ['mdns', 5353],
  ['http-alt', 8080],
  ['webcache', 8080],
  ['geneve', 6081],
  ['vxlan', 4789],
  ['otv', 8472],
]);

/** UDP/TCP ports whose payload tcpdump prints as a DNS summary. */
export const DNS_PORTS: ReadonlySet<number> = new Set([53, 5353]);

/** Ports Cilium itself uses (datapath-model.md §1.2, F9). */
export const CILIUM_PORTS = {
  health: 4240,
  vxlan: 8472,
  geneve: 6081,
  wireguard: 51871,
} as const;

export const DNS_PORT = 53;
