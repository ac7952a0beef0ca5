/**
 * Encapsulation overhead, route MTU and expected TCP MSS (datapath-model.md §1.3, pkg/mtu).
 * Cilium keeps the device MTU and lowers the route MTU of pods (and of node routes to remote
 * PodCIDRs in tunnel mode) by what encapsulation and encryption add.
 */
import type { DatapathConfig } from './config.js';

export const TUNNEL_OVERHEAD_V4 = 50;
export const TUNNEL_OVERHEAD_V6 = 70;
export const IPSEC_OVERHEAD = 77;
export const WIREGUARD_OVERHEAD = 80;
export const DEFAULT_DEVICE_MTU = 1500;
const TCP_IPV4_HEADERS = 40;
const TCP_IPV6_HEADERS = 60;

export interface RouteMtu {
  mtu: number;
  /** How it was derived, for the finding's text. */
  basis: string;
  /** Whether the device MTU was assumed (1500) rather than read. */
  assumed: boolean;
}

/** The MTU of the routes of pods on a node with this configuration (null when the routing mode is unknown). */
export function routeMtu(c: DatapathConfig): RouteMtu | null {
  if (c.routing === null) return null;
  const device = c.deviceMtu ?? DEFAULT_DEVICE_MTU;
  const assumed = c.deviceMtu === null;
  const minor = c.version?.minor ?? null;
  const tunnel = c.routing === 'tunnel' ? TUNNEL_OVERHEAD_V4 : 0;
  if (c.encryption === 'wireguard') {
    // ≤1.13 leaves the tunnel overhead out even in tunnel mode.
    const withTunnel = minor === null || minor >= 14 ? tunnel : 0;
    return { mtu: device - WIREGUARD_OVERHEAD - withTunnel, basis: `device ${device} − WireGuard ${WIREGUARD_OVERHEAD}${withTunnel ? ` − tunnel ${withTunnel}` : ''}`, assumed };
  }
  const ipsec = c.encryption === 'ipsec' ? IPSEC_OVERHEAD : 0;
  const parts = [`device ${device}`, tunnel ? `− ${c.tunnelProtocol ?? 'tunnel'} ${tunnel}` : '', ipsec ? `− IPsec ${ipsec}` : ''].filter(Boolean);
  return { mtu: device - tunnel - ipsec, basis: parts.join(' '), assumed };
}

/** The MSS a pod's SYN should carry on a route of this MTU. */
export function expectedMss(mtu: number, ipv6: boolean): number {
  return mtu - (ipv6 ? TCP_IPV6_HEADERS : TCP_IPV4_HEADERS);
}

export function mssHeaders(ipv6: boolean): number {
  return ipv6 ? TCP_IPV6_HEADERS : TCP_IPV4_HEADERS;
}
