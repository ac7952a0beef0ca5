/**
 * Records of host command dumps: iproute2 (`ip route`, `ip [-d] link`, `ip addr`, `ip rule`, `ip
 * neigh`), net-tools and busybox (`route -n`, `netstat -rn`, `arp`, `ifconfig`), and what client
 * commands print (ping summaries, curl's status line). Which node and network namespace printed
 * them is decided from the pasted command when stored.
 */

export interface HostRoute {
  kind: 'host-route';
  family: 'inet' | 'inet6' | null;
  /** `unicast` unless printed (`local`, `broadcast`, `blackhole`, `unreachable`, `prohibit`, `throw`). */
  type: string;
  /** `default` or a prefix / address as printed. */
  dst: string;
  table: string | null;
  via: string | null;
  dev: string | null;
  src: string | null;
  proto: string | null;
  scope: string | null;
  metric: number | null;
  mtu: number | null;
  /** A multipath route's `nexthop via … dev …` lines. */
  nexthops?: { via: string | null; dev: string | null }[];
}

/** The first line of an `ip link` / `ip addr` device block, or of an `ifconfig` one. */
export interface HostLink {
  kind: 'host-link';
  /** Null for ifconfig, which does not print it. */
  ifindex: number | null;
  name: string;
  /** `@if12` / `@eth0`: the peer's ifindex or the parent device, as printed. */
  peer: string | null;
  flags: string[];
  mtu: number | null;
  state: string | null;
  master: string | null;
}

/** A continuation line of a device block: `link/ether …`, `vxlan id … dstport …`, `inet …`. */
export interface HostLinkDetail {
  kind: 'host-link-detail';
  ifindex: number | null;
  name: string;
  mac: string | null;
  /** Old ifconfig prints the MTU on a line of its own (`UP BROADCAST RUNNING  MTU:1500  Metric:1`). */
  mtu: number | null;
  /** From `ip -d link`: `veth`, `vxlan`, `geneve`, `netkit`, `wireguard`, `bridge`… */
  linkKind: string | null;
  vni: number | null;
  port: number | null;
  external: boolean;
  /** `inet 10.0.1.5/24` / `inet6 …` address lines. */
  address: string | null;
}

export interface HostRule {
  kind: 'host-rule';
  priority: number;
  selector: string;
  /** `lookup X` table, or the action (`blackhole`, `unreachable`…). */
  table: string | null;
}

/** A neighbour (ARP / NDP) entry: `arp -n`, `arp -a`, `ip neigh`. */
export interface HostNeighbour {
  kind: 'host-neighbour';
  address: string;
  /** Null for an incomplete or failed entry. */
  mac: string | null;
  dev: string | null;
  /** As printed: arp's flags (`C`, `CM`, `PERM`) or ip neigh's states (`REACHABLE`, `STALE`…). */
  state: string | null;
}

/** A ping run's summary: its title names the target, the counts line the loss. */
export interface PingSummary {
  kind: 'ping-summary';
  target: string;
  transmitted: number;
  received: number;
  errors: number | null;
  lossPercent: number;
  /** From the round-trip line when it is on the same line (joined by a paste); else a `ping-rtt` record follows. */
  rtt: PingRtt['rtt'] | null;
}

/** The round-trip line of a ping summary, stored on its summary's row. */
export interface PingRtt {
  kind: 'ping-rtt';
  rtt: { min: number; avg: number; max: number; mdev: number | null };
}

/** curl's status line (`-i`, `-I`, `-v`). */
export interface HttpStatus {
  kind: 'http-status';
  version: string;
  status: number;
  reason: string | null;
}

export type HostRecord = HostRoute | HostLink | HostLinkDetail | HostRule | HostNeighbour | PingSummary | PingRtt | HttpStatus;
