/**
 * The MAC addresses the model can predict at a hop (datapath-model.md §2.3), where the inputs
 * know them: a pod's `eth0` and its host-side `lxc` (`ip link` in the pod's network namespace and
 * on its node; which lxc serves which pod, from the monitor's `-> endpoint … ifindex lxc…`), and a
 * node's native device (the one holding its address in `ip addr`).
 */
import type { Observation } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';

/** MACs of one hop's Ethernet header; null where the model cannot tell (a neighbour's, an unknown device's). */
export interface HopMacs {
  src: string | null;
  dst: string | null;
}

export class MacBook {
  /** A pod address → the MAC of the pod-side device holding it. */
  private readonly podDevice = new Map<string, string>();
  /** `node|device` → MAC, in the node's own network namespace. */
  private readonly hostDevice = new Map<string, string>();
  /** A pod address → its node and the lxc device that delivers to it. */
  private readonly lxc = new Map<string, { node: string; device: string }>();
  private readonly native = new Map<string, string>();

  constructor(state: ClusterState) {
    for (const l of state.links) {
      if (!l.mac) continue;
      const mac = l.mac.toLowerCase();
      if (l.netns === 'host' || l.netns === null) {
        if (l.node) this.hostDevice.set(`${l.node}|${l.name}`, mac);
        continue;
      }
      for (const a of l.addresses) this.podDevice.set(a.split('/')[0]!, mac);
    }
    for (const n of state.nodes) {
      const device = state.links.find(
        (l) => l.node === n.name && (l.netns === 'host' || l.netns === null) && l.mac && l.addresses.some((a) => n.internalIPs.includes(a.split('/')[0]!)),
      );
      if (device) this.native.set(n.name, device.mac!.toLowerCase());
    }
  }

  /** Which lxc delivers to which pod address, from every observation (in flow order; the last says). */
  learn(o: Observation): void {
    if (o.point === 'to-endpoint' && o.node && o.device?.startsWith('lxc') && o.tuple) this.lxc.set(o.tuple.dst, { node: o.node, device: o.device });
  }

  /** The MAC of the pod's own interface. */
  pod(ip: string): string | null {
    return this.podDevice.get(ip) ?? null;
  }

  /** The MAC of the host side of the pod's veth: the gateway its packets are sent to, and the source of what is delivered to it. */
  lxcOf(ip: string): string | null {
    const at = this.lxc.get(ip);
    return at ? (this.hostDevice.get(`${at.node}|${at.device}`) ?? null) : null;
  }

  /** The MAC of the node's native device (the one holding its address). */
  nativeOf(node: string | null): string | null {
    return node === null ? null : (this.native.get(node) ?? null);
  }
}
