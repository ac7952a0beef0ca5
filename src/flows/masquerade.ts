/**
 * Joins the two sides of a masquerade: a pod's connection to the world as its node printed it
 * (`<- endpoint`, pod capture: pod address) and as the wire carries it (node address as source).
 * BPF and iptables masquerading keep the source port unless another socket holds it, so the node,
 * the port (or echo id) and the world peer name the connection on both sides.
 */
import ipaddr from 'ipaddr.js';
import { parseCidr, type Cidr } from '../types/cidr.js';
import type { Tuple } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';

/** The node each cluster address belongs to (its own addresses, its PodCIDRs, its listed pods); null for the world. */
export class AddressNodes {
  private readonly exact = new Map<string, string | null>();
  private readonly podCidrs: { cidr: Cidr; node: string }[] = [];

  constructor(state: ClusterState) {
    for (const n of state.nodes) {
      for (const ip of n.internalIPs) this.exact.set(ip, n.name);
      if (n.ciliumInternalIP) this.exact.set(n.ciliumInternalIP, n.name);
      if (n.healthIP) this.exact.set(n.healthIP, n.name);
      for (const c of n.podCIDRs) {
        const cidr = parseCidr(c);
        if (cidr) this.podCidrs.push({ cidr, node: n.name });
      }
    }
    for (const p of state.pods) for (const ip of p.ips) if (p.node && !this.exact.has(ip)) this.exact.set(ip, p.node);
    // Service frontends are cluster addresses of no node.
    for (const s of state.services) {
      const ip = /^\[?([0-9a-fA-F.:]+?)\]?(?::\d+)?(?:\/\w+)?$/.exec(s.frontend)?.[1];
      if (ip && !this.exact.has(ip)) this.exact.set(ip, null);
    }
  }

  /** The node of a cluster address; null for a cluster address of no node; undefined for the world. */
  nodeOf(ip: string): string | null | undefined {
    if (this.exact.has(ip)) return this.exact.get(ip);
    const looked = this.inCidrs.get(ip);
    if (looked !== undefined || this.inCidrs.has(ip)) return looked;
    const node = this.podCidrNode(ip);
    this.inCidrs.set(ip, node);
    return node;
  }

  /** Addresses looked up in the PodCIDRs: a case has far fewer addresses than observations. */
  private readonly inCidrs = new Map<string, string | undefined>();

  private podCidrNode(ip: string): string | undefined {
    if (!ipaddr.isValid(ip)) return undefined;
    const addr = ipaddr.parse(ip);
    for (const { cidr, node } of this.podCidrs) if (addr.kind() === cidr[0].kind() && addr.match(cidr)) return node;
    return undefined;
  }
}

/** The inside node and world peer of a tuple between a node's address or pod and the world (`node|peer`), else null. */
export function masqueradePair(t: Tuple, nodes: AddressNodes): string | null {
  const srcNode = nodes.nodeOf(t.src);
  const dstNode = nodes.nodeOf(t.dst);
  if (srcNode && dstNode === undefined) return `masq|${t.proto}|${srcNode}|${t.dst}`;
  if (dstNode && srcNode === undefined) return `masq|${t.proto}|${dstNode}|${t.src}`;
  return null;
}

/** The masquerade key of a tuple between a node's address or pod and the world, else null. */
export function masqueradeKey(t: Tuple, nodes: AddressNodes): string | null {
  if (t.sport === null || (t.dport === null && t.proto !== 'icmp' && t.proto !== 'icmp6')) return null;
  const srcNode = nodes.nodeOf(t.src);
  const dstNode = nodes.nodeOf(t.dst);
  const icmp = t.proto === 'icmp' || t.proto === 'icmp6';
  // An echo names its connection by its id on both legs; TCP/UDP by the inside end's port.
  if (srcNode && dstNode === undefined) return `masq|${t.proto}|${srcNode}|${t.sport}|${t.dst}:${icmp ? '' : t.dport}`;
  if (dstNode && srcNode === undefined) return `masq|${t.proto}|${dstNode}|${icmp ? t.sport : t.dport}|${t.src}:${icmp ? '' : t.sport}`;
  return null;
}
