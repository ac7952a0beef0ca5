/**
 * Service names tcpdump prints instead of port numbers when run without -n: the first name
 * getservent() gives for the port (addrtoname.c init_servarray), so the host's /etc/services
 * decides. Names of Debian's netbase 6.x and of the full IANA list other distributions ship
 * (Fedora/RHEL `setup`, older netbase), for the ports Kubernetes and Cilium captures carry;
 * aliases of one port are all listed. Ports no list names (4240, 4244, 10250, 9962…) print as
 * numbers.
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
  ['www', 80],
  ['kerberos', 88],
  ['sunrpc', 111],
  ['ntp', 123],
  ['snmp', 161],
  ['snmp-trap', 162],
  ['bgp', 179],
  ['ldap', 389],
  ['https', 443],
  ['isakmp', 500],
  ['shell', 514],
  ['syslog', 514],
  ['ldaps', 636],
  ['domain-s', 853],
  ['openvpn', 1194],
  ['nfs', 2049],
  ['docker', 2375],
  ['docker-s', 2376],
  ['etcd-client', 2379],
  ['etcd-server', 2380],
  ['mysql', 3306],
  ['ipsec-nat-t', 4500],
  ['vxlan', 4789],
  ['mdns', 5353],
  ['postgresql', 5432],
  ['amqp', 5672],
  ['geneve', 6081],
  ['redis', 6379],
  ['sun-sr-https', 6443],
  ['irdmi', 8000],
  ['http-alt', 8080],
  ['webcache', 8080],
  ['sunproxyadmin', 8081],
  ['us-cli', 8082],
  ['pcsync-https', 8443],
  ['otv', 8472],
  ['cslistener', 9000],
  ['websm', 9090],
  ['jetdirect', 9100],
  ['hp-pdl-datastr', 9100],
  ['pdl-datastream', 9100],
  ['wap-wsp', 9200],
  ['memcache', 11211],
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
