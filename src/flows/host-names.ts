/**
 * tcpdump run without `-n` prints host names instead of addresses (`ip-10-0-1-5.ec2.internal.44312`,
 * `coredns-5d78c9869d-x2l9k.kube-system.svc.cluster.local.domain`). A flow is keyed on addresses:
 * this gives back the address a name stands for, where the name spells it (cloud and Kubernetes pod
 * DNS names carry the IPv4 address in dashes) or the cluster state knows the node, pod or service.
 * A name it cannot place stays without an address; nothing is guessed.
 */
import type { ClusterState } from '../types/state.js';

/** `ip-10-0-1-5.…` (EC2, GCE internal), `10-0-1-5.ns.pod.cluster.local` (Kubernetes pod A records). */
const DASHED_IPV4 = /^(?:ip-)?(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})(?:\.|$)/i;

function dashedAddress(name: string): string | null {
  const m = DASHED_IPV4.exec(name);
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  return octets.every((o) => o <= 255) ? octets.join('.') : null;
}

/** The address behind each name the state knows: nodes, pods (by name, and by name.namespace), services (svc.namespace.svc…). */
function knownNames(state: ClusterState): Map<string, string> {
  const names = new Map<string, string>();
  const add = (name: string, ip: string | null | undefined): void => {
    const key = name.toLowerCase();
    if (ip && !names.has(key)) names.set(key, ip);
  };
  for (const n of state.nodes) add(n.name, n.internalIPs[0]);
  for (const p of state.pods) {
    if (p.hostNetwork) continue;
    add(p.name, p.ips[0]);
    if (p.namespace) add(`${p.name}.${p.namespace}`, p.ips[0]);
  }
  for (const s of state.services) {
    const [ns, svc] = s.name?.includes('/') ? s.name.split('/') : [null, null];
    // `10.96.0.10:443`, `[fd00::a]:443`: the frontend's address without its port.
    const vip = s.vip ?? s.frontend.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
    if (ns && svc && vip) add(`${svc}.${ns}.svc`, vip);
  }
  return names;
}

export class HostNames {
  private readonly names: Map<string, string>;

  constructor(state: ClusterState) {
    this.names = knownNames(state);
  }

  /** The address `name` stands for, or null. */
  address(name: string | null | undefined): string | null {
    if (!name) return null;
    const dashed = dashedAddress(name);
    if (dashed) return dashed;
    const lower = name.toLowerCase();
    const labels = lower.split('.');
    // The longest prefix of the name's labels the state knows: `web-0.shop` before `web-0`; `svc.ns.svc` of `svc.ns.svc.cluster.local`.
    for (let n = labels.length; n >= 1; n--) {
      const found = this.names.get(labels.slice(0, n).join('.'));
      if (found) return found;
    }
    return null;
  }
}
