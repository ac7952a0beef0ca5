/**
 * Records of host command dumps (iproute2): `ip route`, `ip [-d] link`, `ip addr`, `ip rule`. Which
 * node and network namespace printed them is decided from the pasted command when stored.
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

/** The first line of an `ip link` / `ip addr` device block. */
export interface HostLink {
  kind: 'host-link';
  ifindex: number;
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
  ifindex: number;
  name: string;
  mac: string | null;
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

export type HostRecord = HostRoute | HostLink | HostLinkDetail | HostRule;
