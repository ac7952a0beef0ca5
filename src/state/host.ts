/**
 * Routes and devices from iproute2 and net-tools dumps, each attributed to a node and network namespace: a command
 * run in a pod (`kubectl exec POD -- ip route`) belongs to the pod's netns on the pod's node (an agent
 * pod is hostNetwork: the node's host netns); a command in a node shell to the prompt's host.
 */
import { podNetns } from '../knowledge/tcpdump-command.js';
import type { CaseDb } from '../store/db.js';
import type { Fact, LinkState, NeighbourState, NodeState, RouteState } from '../types/state.js';

interface CommandColumns {
  source: string;
  line: number;
  agent: string;
  host: string | null;
  pod: string | null;
  netns: string | null;
}

/**
 * Node and netns of a dump row; `nodeOfPod` knows the pods' (and agents') nodes. A dump no pod or
 * prompt places, in an input the ingest gave an agent of its own (a bugtool run without pod name,
 * which runs in the agent's host network namespace), is on that agent's node.
 */
function placement(r: CommandColumns, nodeOfPod: (pod: string) => string | null): { node: string | null; netns: string | null } {
  if (r.pod) return { node: nodeOfPod(r.pod), netns: r.netns ?? podNetns(r.pod) };
  if (!r.host && r.agent !== `source:${r.source}`) {
    const node = nodeOfPod(r.agent);
    if (node) return { node, netns: r.netns ?? 'host' };
  }
  // A node's name is its host name in lower case (Kubernetes names are); prompts keep the case.
  return { node: r.host?.toLowerCase() ?? null, netns: r.netns ?? (r.host ? 'host' : null) };
}

export function readRoutes(db: CaseDb, nodeOfPod: (pod: string) => string | null): RouteState[] {
  const rows = db
    .prepare(
      `SELECT r.agent, r.host, r.pod, r.netns, r.route_table, r.dst, r.via, r.dev, r.src, r.mtu, r.proto, r.scope, s.name AS source, r.line
       FROM host_routes r JOIN sources s ON s.id = r.source_id ORDER BY r.id`,
    )
    .all() as (CommandColumns & {
      route_table: string | null; dst: string; via: string | null; dev: string | null; src: string | null; mtu: number | null;
      proto: string | null; scope: string | null;
    })[];
  return rows.map((r) => ({
    ...placement(r, nodeOfPod),
    table: r.route_table,
    dst: r.dst,
    via: r.via,
    dev: r.dev,
    src: r.src,
    mtu: r.mtu,
    proto: r.proto,
    scope: r.scope,
    evidence: [{ source: r.source, line: r.line }],
  }));
}

export function readNeighbours(db: CaseDb, nodeOfPod: (pod: string) => string | null): NeighbourState[] {
  const rows = db
    .prepare(
      `SELECT n.agent, n.host, n.pod, n.netns, n.address, n.mac, n.dev, n.state, s.name AS source, n.line
       FROM host_neighbours n JOIN sources s ON s.id = n.source_id ORDER BY n.id`,
    )
    .all() as (CommandColumns & { address: string; mac: string | null; dev: string | null; state: string | null })[];
  return rows.map((r) => ({
    ...placement(r, nodeOfPod),
    address: r.address,
    mac: r.mac,
    dev: r.dev,
    state: r.state,
    evidence: [{ source: r.source, line: r.line }],
  }));
}

/** Devices with what their continuation lines add (MAC, kind, VNI and port, addresses). */
export function readLinks(db: CaseDb, nodeOfPod: (pod: string) => string | null): LinkState[] {
  const links = db
    .prepare(
      `SELECT l.source_id, l.agent, l.host, l.pod, l.netns, l.ifindex, l.name, l.mtu, s.name AS source, l.line
       FROM host_links l JOIN sources s ON s.id = l.source_id ORDER BY l.source_id, l.line, l.id`,
    )
    .all() as (CommandColumns & { source_id: number; ifindex: number | null; name: string; mtu: number | null })[];
  // ifconfig prints no ifindex (its devices match by name alone), and the old layout its MAC on the device line.
  const details = db.prepare(
    `SELECT mac, mtu, link_kind, vni, port, external, address, line FROM host_link_details
     WHERE source_id = ? AND ifindex IS ? AND name = ? AND line >= ? AND line <= ? ORDER BY line, id`,
  );
  return links.map((l, i) => {
    const next = links[i + 1];
    // A flattened dump holds its devices on one line: their details are told apart by name.
    const until = next && next.source_id === l.source_id ? Math.max(l.line, next.line - 1) : Number.MAX_SAFE_INTEGER;
    const link: LinkState = {
      ...placement(l, nodeOfPod),
      name: l.name,
      ifindex: l.ifindex,
      mtu: l.mtu,
      mac: null,
      kind: null,
      tunnel: null,
      addresses: [],
      evidence: [{ source: l.source, line: l.line }],
    };
    const rows = details.all(l.source_id, l.ifindex, l.name, l.line, until) as {
      mac: string | null; mtu: number | null; link_kind: string | null; vni: number | null; port: number | null; external: number;
      address: string | null; line: number;
    }[];
    for (const d of rows) {
      link.mac ??= d.mac;
      if (link.mtu === null && d.mtu !== null) {
        link.mtu = d.mtu;
        link.evidence.push({ source: l.source, line: d.line });
      }
      if (d.address) link.addresses.push(d.address);
      if (d.link_kind) {
        link.kind = d.link_kind;
        if (d.link_kind === 'vxlan' || d.link_kind === 'geneve') link.tunnel = { vni: d.vni, port: d.port, external: d.external === 1 };
        link.evidence.push({ source: l.source, line: d.line });
      }
    }
    return link;
  });
}

/**
 * The MTU of the device carrying a node's address in its host namespace (`ip addr`/`ip link` of the
 * node): the native device the agent derives its MTUs from when neither the log nor `mtu` says.
 */
export function nativeDeviceMtu(links: readonly LinkState[], node: NodeState): Fact<number> | null {
  const own = (address: string): boolean => node.internalIPs.includes(address.split('/')[0]!);
  const device = links.find((l) => l.node === node.name && (l.netns === 'host' || l.netns === null) && l.mtu !== null && l.addresses.some(own));
  return device ? { value: device.mtu!, origin: device.origin ?? 'host', evidence: device.evidence } : null;
}

/**
 * Tunnel mode as a node's routes show it: Cilium routes remote PodCIDRs via `cilium_host` with the
 * route MTU lowered for the tunnel header; in native routing they go via the peer's node address
 * (auto-direct-node-routes) or the network's own routes. The tunnel device (`ip -d link`) names the
 * protocol.
 */
export function tunnelFromHostDumps(
  routes: readonly RouteState[],
  links: readonly LinkState[],
  node: NodeState,
): { routing: Fact<'tunnel'>; protocol: Fact<'vxlan' | 'geneve'> | null } | null {
  const local = new Set(node.podCIDRs);
  const remote = routes.find(
    (r) => r.node === node.name && (r.netns === 'host' || r.netns === null) && r.dev === 'cilium_host' && r.mtu !== null && r.dst.includes('/') && !local.has(r.dst),
  );
  if (!remote) return null;
  const device = links.find((l) => l.node === node.name && (l.name === 'cilium_vxlan' || l.name === 'cilium_geneve'));
  const protocol = device?.name === 'cilium_geneve' ? 'geneve' : device ? 'vxlan' : null;
  return {
    routing: { value: 'tunnel', origin: 'host', evidence: remote.evidence },
    protocol: device && protocol ? { value: protocol, origin: 'host', evidence: device.evidence } : null,
  };
}

/** fe80::/10 and 169.254.0.0/16: every device has them, they name no node. */
export function isLinkLocal(ip: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(ip) || ip.startsWith('169.254.');
}

/**
 * The nodes whose host namespace a dump shows, with their own address: the source of the default
 * route (the node's primary address) and the addresses of the device that route leaves by.
 */
export function nodesOfHostDumps(routes: readonly RouteState[], links: readonly LinkState[]): NodeState[] {
  const nodes = new Map<string, NodeState>();
  for (const r of routes) {
    if (!r.node || (r.netns !== 'host' && r.netns !== null) || r.dst !== 'default') continue;
    const device = links.find((l) => l.node === r.node && l.name === r.dev && (l.netns === 'host' || l.netns === null));
    const ips = [...(r.src ? [r.src] : []), ...(device?.addresses ?? []).map((a) => a.split('/')[0]!)].filter((ip) => !isLinkLocal(ip));
    if (ips.length === 0) continue;
    const node = nodes.get(r.node) ?? { name: r.node, internalIPs: [], ciliumInternalIP: null, healthIP: null, podCIDRs: [], evidence: [] };
    for (const ip of ips) if (!node.internalIPs.includes(ip)) node.internalIPs.push(ip);
    node.evidence.push(...r.evidence, ...(device?.evidence ?? []));
    nodes.set(r.node, node);
  }
  return [...nodes.values()];
}
