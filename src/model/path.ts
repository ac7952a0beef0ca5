/**
 * Expected hop lists (datapath-model.md §2, §4): for a flow of a class and the configuration of the
 * nodes it crosses, every point that sees the packet, in order, with the TTL, encapsulation and
 * addresses there. TTL is computed by walking the hops — each BPF L3 step and each kernel forward
 * takes one — never read from a table, so intermediate routers or other paths fit the same code.
 */
import type { Aggregation, DatapathConfig } from './config.js';
import type { MacBook } from './macs.js';
import type { ExpectedHop, Expectation, FlowClass, HopPoint } from '../types/flows.js';

/** Assumed values of the dimensions that decide the path (known ones, or one variant of unknown ones). */
export interface Variant {
  routing: 'tunnel' | 'native';
  hostRouting: 'bpf' | 'legacy';
  endpointRoutes: boolean;
  aggregation: Aggregation;
}

/** What the path builder needs to know of a flow. */
export interface PathInput {
  class: FlowClass;
  proto: string;
  variant: Variant;
  client: { place: string | null; endpoint: number | null; identity: number | null; ip: string; isPod: boolean };
  server: { place: string | null; endpoint: number | null; identity: number | null; ip: string; isPod: boolean };
  /** Configuration of the client's and the server's node. */
  clientConfig: DatapathConfig;
  serverConfig: DatapathConfig;
  /** The service frontend the client addressed, and whether the pod program translates it (per-packet LB). */
  service: { vip: string; perPacketLb: boolean; socketLb: boolean } | null;
  /** The initial TTL of the client's and the server's packets (64 for a Linux sender; null when unknown). */
  initialTtl: { client: number | null; server: number | null };
  /** Source address after masquerading towards the world, when it happens. */
  masqueradeTo: string | null;
  routeMtu: number | null;
  /** Whether the flow's observations include datapath debug lines (else no debug hops are predicted). */
  debug: boolean;
  /** The node whose BPF NodePort received an external client's request (F6). */
  loadBalancer: LoadBalancerNode | null;
  /** The MACs the inputs know (pods, their lxc devices, nodes' devices). */
  macs: MacBook;
}

export interface LoadBalancerNode {
  place: string | null;
  config: DatapathConfig;
  /** The node's address (SNAT source in native routing) and its cilium_host address (in tunnel mode). */
  nodeIp: string | null;
  routerIp: string | null;
}

const ENCAP_TTL = 64;
/** What a Linux pod or host sends with. */
export const LINUX_TTL = 64;

class PathBuilder {
  readonly hops: ExpectedHop[] = [];
  ttl: number | null;

  constructor(
    private readonly leg: 'request' | 'reply',
    initialTtl: number | null,
    private readonly aggregation: Aggregation,
    private src: string,
    private dst: string,
    private readonly routeMtu: number | null,
    readonly macs: MacBook,
  ) {
    this.ttl = initialTtl;
  }

  /** The Ethernet header's addresses from here on (null: not known, a neighbour's or an unknown device's). */
  private srcMac: string | null = null;
  private dstMac: string | null = null;

  private push(side: ExpectedHop['side'], node: string | null, at: HopPoint, extra: Partial<ExpectedHop>): void {
    this.hops.push({
      leg: this.leg, side, node, at, device: null, ttl: this.ttl, encap: null, src: this.src, dst: this.dst, srcMac: this.srcMac, dstMac: this.dstMac,
      nat: null, visible: 'yes', emitted: 'yes', basis: 'D', routeMtu: this.routeMtu, endpoint: null, ...extra,
    });
  }

  /** A hop rewrites the Ethernet header (datapath-model.md §2.3). */
  ethernet(src: string | null, dst: string | null): void {
    this.srcMac = src;
    this.dstMac = dst;
  }

  /** bpf_lxc's pass to the stack sets the destination to the router's (the lxc's) MAC, the source unchanged. */
  toRouter(lxc: string | null): void {
    this.dstMac = lxc;
  }

  capture(side: ExpectedHop['side'], node: string | null, device: string, direction: 'rx' | 'tx', extra: Partial<ExpectedHop> = {}): void {
    this.push(side, node, { kind: 'capture', point: null, device, direction }, extra);
  }

  /** A trace event; `<-` points are emitted only without aggregation, `->` points for reported packets from `medium` on. */
  trace(side: ExpectedHop['side'], node: string | null, point: string, endpoint: number | null, extra: Partial<ExpectedHop> = {}): void {
    const from = point.startsWith('from-');
    const emitted: Expectation = from ? (this.aggregation === 'none' ? 'yes' : 'no') : this.aggregation === 'medium' || this.aggregation === 'maximum' ? 'maybe' : 'yes';
    this.push(side, node, { kind: 'trace', point, device: null, direction: null }, { endpoint, emitted, visible: 'no', ...extra });
  }

  /** Set when the flow has no datapath debug output: debug hops are then left out. */
  quiet = false;

  debug(side: ExpectedHop['side'], node: string | null, name: string, endpoint: number | null): void {
    if (this.quiet) return;
    this.push(side, node, { kind: 'debug', point: name, device: null, direction: null }, { endpoint, visible: 'no', emitted: 'maybe' });
  }

  /** A service frontend restored as the reply's source by the client's policy program (per-packet LB). */
  revNatBeforeDelivery: string | null = null;

  decrement(n = 1): void {
    if (this.ttl !== null) this.ttl -= n;
  }

  translate(src: string | null, dst: string | null): void {
    if (src) this.src = src;
    if (dst) this.dst = dst;
  }
}

type Side = ExpectedHop['side'];

interface Endpoint {
  side: Side;
  place: string | null;
  ip: string;
  endpoint: number | null;
  identity: number | null;
  isPod: boolean;
  config: DatapathConfig;
}

/**
 * The conntrack debug lines of one program run (datapath debug only): the lookup, its verdict, the
 * ipcache mapping of the peer (egress), the entry found or created.
 */
function conntrack(b: PathBuilder, at: Endpoint, egress: boolean): void {
  for (const name of ['DBG_CT_LOOKUP4_1', 'DBG_CT_LOOKUP_2', 'DBG_CT_MATCH', 'DBG_CT_VERDICT']) b.debug(at.side, at.place, name, at.endpoint);
  if (egress) b.debug(at.side, at.place, 'DBG_IP_ID_MAP_SUCCEED4', at.endpoint);
  b.debug(at.side, at.place, 'DBG_CT_CREATED4', at.endpoint);
}

/** A pod sends: its `eth0` transmits, its `lxc` receives, `cil_from_container` traces `<- endpoint` and looks up conntrack. */
function leavePod(b: PathBuilder, from: Endpoint): void {
  // The pod sends to its gateway, whose address the ARP responder answers with the lxc's MAC.
  b.ethernet(b.macs.pod(from.ip), b.macs.lxcOf(from.ip));
  b.capture(from.side, from.place, 'pod-eth0', 'tx', { basis: 'V' });
  b.capture(from.side, from.place, 'lxc', 'rx', { basis: 'V' });
  b.trace(from.side, from.place, 'from-endpoint', from.endpoint, { basis: 'V' });
  conntrack(b, from, true);
}

/**
 * Delivery to a local pod after the policy program: `-> endpoint`, then redirect_peer (BPF host
 * routing on an ingress hook: the lxc TX tap never sees it) or a plain redirect through the lxc.
 */
function deliver(b: PathBuilder, to: Endpoint, v: Variant, peerRedirect: boolean, throughStack: boolean): void {
  if (throughStack) {
    // Endpoint routes / CNI chaining: the kernel forwards to the lxc, `cil_to_container` enforces policy.
    b.decrement();
    b.ethernet(b.macs.lxcOf(to.ip), b.macs.pod(to.ip));
    if (b.revNatBeforeDelivery) b.translate(b.revNatBeforeDelivery, null);
    b.trace(to.side, to.place, 'to-endpoint', to.endpoint);
    b.capture(to.side, to.place, 'lxc', 'tx');
    b.capture(to.side, to.place, 'pod-eth0', 'rx');
    return;
  }
  b.debug(to.side, to.place, 'DBG_LOCAL_DELIVERY', to.endpoint);
  // ipv4_l3 of local delivery: from the destination's lxc to the destination pod.
  b.decrement();
  b.ethernet(b.macs.lxcOf(to.ip), b.macs.pod(to.ip));
  conntrack(b, to, false);
  if (b.revNatBeforeDelivery) b.translate(b.revNatBeforeDelivery, null);
  b.trace(to.side, to.place, 'to-endpoint', to.endpoint, { basis: 'V' });
  b.capture(to.side, to.place, 'lxc', 'tx', { visible: peerRedirect && v.hostRouting === 'bpf' ? 'no' : 'yes', basis: 'V' });
  b.capture(to.side, to.place, 'pod-eth0', 'rx', { basis: 'V' });
}

/** bpf_lxc with `ENABLE_ROUTING` (no endpoint routes, no CNI chaining) decrements before handing to the stack. */
const routesInPod = (v: Variant, c: DatapathConfig): boolean => !v.endpointRoutes && c.cniChaining !== true;

/** bpf_lxc hands the packet to the stack (`-> stack`), after ipv4_l3 where it routes (TTL − 1, destination MAC := the router's). */
function passToStack(b: PathBuilder, from: Endpoint, v: Variant): void {
  if (routesInPod(v, from.config)) {
    b.decrement();
    b.toRouter(b.macs.lxcOf(from.ip));
  }
  b.trace(from.side, from.place, 'to-stack', from.endpoint);
}


/** Pod → pod across nodes in tunnel mode (F2): inner TTL untouched until the remote local delivery. */
function viaTunnel(b: PathBuilder, from: Endpoint, to: Endpoint, v: Variant, vni: number | null): void {
  const encap = tunnelOf(from.config, vni);
  b.debug(from.side, from.place, 'DBG_ENCAP', from.endpoint);
  b.trace(from.side, from.place, 'to-overlay', from.endpoint, { basis: 'V' });
  b.capture(from.side, from.place, 'overlay', 'tx', { basis: 'V' });
  b.capture(from.side, from.place, 'native', 'tx', { encap, basis: 'V' });
  arriveByTunnel(b, to, v, encap);
}

function tunnelOf(c: DatapathConfig, vni: number | null): NonNullable<ExpectedHop['encap']> {
  return { protocol: c.tunnelProtocol ?? 'vxlan', port: c.tunnelPort, vni, ttl: ENCAP_TTL };
}

/** The receiving node of a tunnelled packet: `cil_from_overlay`, then local delivery. */
function arriveByTunnel(b: PathBuilder, to: Endpoint, v: Variant, encap: NonNullable<ExpectedHop['encap']>): void {
  b.capture(to.side, to.place, 'native', 'rx', { encap, basis: 'V' });
  b.trace(to.side, to.place, 'from-network', null, { emitted: v.aggregation === 'none' ? 'maybe' : 'no' });
  b.capture(to.side, to.place, 'overlay', 'rx', { basis: 'V' });
  b.trace(to.side, to.place, 'from-overlay', 0, { basis: 'V' });
  const minor = to.config.version?.minor ?? null;
  const stackDelivery = v.hostRouting === 'legacy' && v.endpointRoutes && to.config.nodePort === false && (minor === null || minor >= 13);
  if (stackDelivery) b.decrement(); // handed to the stack with PACKET_HOST, forwarded cilium_vxlan → lxc
  deliver(b, to, v, true, false);
}

/** Pod → pod across nodes in native routing (F3). */
function viaNative(b: PathBuilder, from: Endpoint, to: Endpoint, v: Variant): void {
  const fromCfg = from.config;
  if (fromCfg.encryption === 'wireguard' && to.config.encryption === 'wireguard') {
    viaWireGuard(b, from, to, v);
    return;
  }
  if (v.hostRouting === 'bpf') {
    b.decrement(); // FIB redirect: ipv4_l3, from the egress device to the next hop's MAC
    b.ethernet(b.macs.nativeOf(from.place), null);
    b.trace(from.side, from.place, 'to-network', from.endpoint, { emitted: toNetworkEmitted(fromCfg, v) });
    b.capture(from.side, from.place, 'native', 'tx', { basis: 'V' });
  } else {
    passToStack(b, from, v);
    b.decrement(); // kernel forward lxc → native
    b.ethernet(b.macs.nativeOf(from.place), null);
    b.capture(from.side, from.place, 'native', 'tx');
  }
  arriveNative(b, to, v);
}

/**
 * Pod → pod between WireGuard nodes (datapath-model.md §1.5): routed to `cilium_wg0`, which the
 * plain packet leaves and enters; the native devices carry only UDP between the nodes' WireGuard
 * ports. TTLs on this path are undefined (§2.3): the hops are `[D]`.
 */
function viaWireGuard(b: PathBuilder, from: Endpoint, to: Endpoint, v: Variant): void {
  b.decrement();
  b.ethernet(null, null); // cilium_wg0 is an L3 device
  b.capture(from.side, from.place, 'wireguard', 'tx');
  b.capture(from.side, from.place, 'native', 'tx', { visible: 'no' });
  b.capture(to.side, to.place, 'native', 'rx', { visible: 'no' });
  b.capture(to.side, to.place, 'wireguard', 'rx');
  deliver(b, to, v, true, false);
}

/**
 * The receiving node of a natively routed packet: `cil_from_netdev`, then local delivery — by BPF,
 * by the kernel through the lxc (endpoint routes), or by the kernel to `cilium_host`, whose
 * `cil_from_host` redirects it at tc egress (never on a cilium_host capture).
 */
function arriveNative(b: PathBuilder, to: Endpoint, v: Variant, revSnat = false): void {
  // Received by the node's device: addressed to its MAC, from a neighbour's the model does not know.
  b.ethernet(null, b.macs.nativeOf(to.place));
  b.capture(to.side, to.place, 'native', 'rx', { basis: v.hostRouting === 'bpf' ? 'V' : 'D' });
  b.trace(to.side, to.place, 'from-network', null, { emitted: v.aggregation === 'none' ? 'maybe' : 'no' });
  // A masqueraded connection's reply is translated back to the pod after the trace (BPF in cil_from_netdev, else netfilter).
  if (revSnat) b.translate(null, to.ip);
  // cil_from_netdev resolves the source identity from the ipcache (FROM = the host endpoint).
  b.debug(to.side, to.place, 'DBG_IP_ID_MAP_SUCCEED4', null);
  if (v.hostRouting === 'bpf') {
    deliver(b, to, v, true, false);
    return;
  }
  if (!routesInPod(v, to.config)) {
    deliver(b, to, v, false, true);
    return;
  }
  b.decrement();
  b.capture(to.side, to.place, 'cilium_host', 'tx', { visible: 'no' });
  b.trace(to.side, to.place, 'from-host', null);
  deliver(b, to, v, false, false);
}

/** `-> network` from bpf_lxc after the FIB redirect: from 1.12.1 on. */
function toNetworkEmitted(c: DatapathConfig, v: Variant): Expectation {
  const version = c.version;
  if (!version) return 'maybe';
  const since = version.minor > 12 || (version.minor === 12 && version.patch >= 1);
  if (!since) return 'no';
  return v.aggregation === 'medium' || v.aggregation === 'maximum' ? 'maybe' : 'yes';
}

/** Pod → world (F7): leaves through the native device, masqueraded when configured. */
function toWorld(b: PathBuilder, from: Endpoint, v: Variant, masqueradeTo: string | null, capture: Partial<ExpectedHop> = {}): void {
  const c = from.config;
  const minor = c.version?.minor ?? null;
  // #35023 (BUG-01): tunnel + BPF host routing hands pod→world to the stack on 1.10–1.16.
  const viaStack = v.hostRouting === 'legacy' || (v.routing === 'tunnel' && minor !== null && minor <= 16);
  if (viaStack) {
    passToStack(b, from, v);
    b.decrement();
  } else {
    b.decrement();
    b.trace(from.side, from.place, 'to-network', from.endpoint, { emitted: toNetworkEmitted(c, v) });
  }
  b.ethernet(b.macs.nativeOf(from.place), null);
  if (masqueradeTo) b.translate(masqueradeTo, null);
  b.capture(from.side, from.place, 'native', 'tx', { ...capture, nat: masqueradeTo ? 'snat' : null });
}

/**
 * The host (a node address, its cilium_host address, a host-network process) sends to a pod
 * (F8, F9): `cil_from_host` traces `<- host` and delivers to a local pod with a plain redirect —
 * visible on the lxc TX tap also with BPF host routing — or encapsulates to a remote one (the host
 * identity is sent as remote-node, 6); in native routing the kernel routes it out of the native device.
 */
function hostToPod(b: PathBuilder, from: Endpoint, to: Endpoint, v: Variant, sameNode: boolean): void {
  if (sameNode) {
    if (v.endpointRoutes || to.config.cniChaining === true) {
      // The kernel routes straight to the lxc: `cil_to_container` enforces policy, no decrement.
      b.trace(to.side, to.place, 'to-endpoint', to.endpoint);
      b.capture(to.side, to.place, 'lxc', 'tx');
      b.capture(to.side, to.place, 'pod-eth0', 'rx');
      return;
    }
    b.capture(from.side, from.place, 'cilium_host', 'tx', { visible: 'no' });
    b.trace(from.side, from.place, 'from-host', null);
    deliver(b, to, v, false, false);
    return;
  }
  if (v.routing === 'tunnel') {
    b.capture(from.side, from.place, 'cilium_host', 'tx', { visible: 'no' });
    b.trace(from.side, from.place, 'from-host', null);
    viaTunnel(b, from, to, v, REMOTE_NODE_IDENTITY);
    return;
  }
  // Native routing: the kernel routes it out of the native device; the receiving node delivers as for pod traffic.
  b.ethernet(b.macs.nativeOf(from.place), null);
  b.capture(from.side, from.place, 'native', 'tx');
  arriveNative(b, to, v);
}

/** A pod sends to its own node's address: bpf_lxc hands it to the stack (`-> stack`). */
function podToOwnHost(b: PathBuilder, from: Endpoint, v: Variant): void {
  leavePod(b, from);
  passToStack(b, from, v);
}

/**
 * A pod sends to another node's address (F8 pod → remote host, the reply of host → remote pod):
 * routed like a world destination but not masqueraded — node addresses have no tunnel endpoint
 * (datapath-model.md §4 F8) — and received by the other node's native device.
 */
function podToRemoteHost(b: PathBuilder, from: Endpoint, to: Endpoint, v: Variant): void {
  leavePod(b, from);
  toWorld(b, from, v, null);
  b.ethernet(null, b.macs.nativeOf(to.place));
  b.capture(to.side, to.place, 'native', 'rx');
}

const REMOTE_NODE_IDENTITY = 6;
const WORLD_IDENTITY = 2;

/** XDP acceleration handles NodePort before any capture point of the node. */
const accelerated = (c: DatapathConfig): boolean => c.acceleration !== null && !['disabled', 'none'].includes(c.acceleration);

/**
 * An external client to a NodePort (F6, SNAT and DSR modes of datapath-model.md §4): the receiving
 * node's `nodeport_lb4` translates at its native device. A local backend is delivered with the
 * client's address; a remote one is forwarded with the node's address as source (native routing),
 * its cilium_host address inside the tunnel (VNI = world from 1.12 on, remote-node before), or —
 * DSR — with the client's address, the reply then leaving the backend's node directly.
 */
function nodePortFromOutside(input: PathInput, leg: 'request' | 'reply', b: PathBuilder): void {
  const lb = input.loadBalancer!;
  const v = input.variant;
  const server: Endpoint = { side: 'server', ...input.server, config: input.serverConfig };
  const local = lb.place !== null && lb.place === server.place;
  // The receiving node is the server's side when the backend runs there, else it stands for the (outside) client's.
  const lbEnd: Endpoint = { side: local ? 'server' : 'client', place: lb.place, ip: lb.nodeIp ?? input.service?.vip ?? input.server.ip, endpoint: null, identity: null, isPod: false, config: lb.config };
  const hidden = accelerated(lb.config) ? { visible: 'no' as const } : {};
  const dsr = !local && v.routing === 'native' && (lb.config.lbMode === 'dsr' || (lb.config.lbMode === 'hybrid' && input.proto === 'tcp'));
  const snatTo = local || dsr ? null : v.routing === 'tunnel' ? lb.routerIp : lb.nodeIp;
  const vni = (lb.config.version?.minor ?? 12) >= 12 ? WORLD_IDENTITY : REMOTE_NODE_IDENTITY;
  const lbMac = b.macs.nativeOf(lb.place);
  if (leg === 'request') {
    b.translate(null, input.service?.vip ?? null);
    b.ethernet(null, lbMac);
    b.capture(lbEnd.side, lbEnd.place, 'native', 'rx', hidden);
    b.trace(lbEnd.side, lbEnd.place, 'from-network', null, { emitted: v.aggregation === 'none' ? 'maybe' : 'no' });
    b.translate(snatTo, input.server.ip);
    if (local) deliver(b, server, v, true, false);
    else if (v.routing === 'tunnel') {
      const encap = tunnelOf(lb.config, vni);
      b.ethernet(null, null); // the inner header the NodePort path writes is not modelled
      b.trace(lbEnd.side, lbEnd.place, 'to-overlay', null);
      b.capture(lbEnd.side, lbEnd.place, 'native', 'tx', { ...hidden, encap, nat: 'snat' });
      arriveByTunnel(b, server, v, encap);
    } else {
      b.ethernet(lbMac, null);
      b.capture(lbEnd.side, lbEnd.place, 'native', 'tx', { ...hidden, nat: snatTo ? 'snat' : 'dnat' });
      arriveNative(b, server, v);
    }
    return;
  }
  if (snatTo) b.translate(null, snatTo);
  leavePod(b, server);
  if (local || dsr) {
    // Reverse DNAT where the backend runs: the reply leaves with the frontend's address, routed
    // towards the client like any pod → world packet (its L3 hop takes one off the TTL).
    b.translate(input.service?.vip ?? null, input.client.ip);
    toWorld(b, server, v, null, dsr ? {} : hidden);
    return;
  }
  if (v.routing === 'tunnel') {
    const encap = tunnelOf(server.config, server.identity);
    b.trace(server.side, server.place, 'to-overlay', server.endpoint);
    b.capture(server.side, server.place, 'native', 'tx', { encap });
    b.capture(lbEnd.side, lbEnd.place, 'native', 'rx', { ...hidden, encap });
  } else {
    b.ethernet(b.macs.nativeOf(server.place), null);
    b.capture(server.side, server.place, 'native', 'tx');
    b.ethernet(null, lbMac);
    b.capture(lbEnd.side, lbEnd.place, 'native', 'rx', hidden);
  }
  b.translate(input.service?.vip ?? null, input.client.ip);
  b.ethernet(lbMac, null);
  b.capture(lbEnd.side, lbEnd.place, 'native', 'tx', { ...hidden, nat: 'rev-snat' });
}

function endpoints(input: PathInput, leg: 'request' | 'reply'): [Endpoint, Endpoint] {
  const client: Endpoint = { side: 'client', ...input.client, config: input.clientConfig };
  const server: Endpoint = { side: 'server', ...input.server, config: input.serverConfig };
  return leg === 'request' ? [client, server] : [server, client];
}

/**
 * Pod → pod (F1–F3), also towards a service backend (F4): with per-packet LB the pod's own
 * interfaces carry the frontend, translated in bpf_lxc, and replies are translated back there.
 */
function podToPod(input: PathInput, leg: 'request' | 'reply', b: PathBuilder): void {
  const v = input.variant;
  const [from, to] = endpoints(input, leg);
  const perPacket = input.service !== null && input.service.perPacketLb && !input.service.socketLb;
  if (perPacket && leg === 'request') b.translate(null, input.service!.vip);
  leavePod(b, from);
  if (perPacket && leg === 'request') b.translate(null, input.server.ip);
  if (perPacket && leg === 'reply') b.revNatBeforeDelivery = input.service!.vip;
  if (input.class === 'F1' || (input.class === 'F4' && from.place !== null && from.place === to.place)) {
    deliver(b, to, v, true, false);
    return;
  }
  if (v.routing === 'tunnel') viaTunnel(b, from, to, v, from.identity);
  else viaNative(b, from, to, v);
}

/** The expected hops of both legs of a flow, in order. */
export function expectedPath(input: PathInput): ExpectedHop[] {
  const hops: ExpectedHop[] = [];
  for (const leg of ['request', 'reply'] as const) {
    const [src, dst] = leg === 'request' ? [input.client.ip, input.server.ip] : [input.server.ip, input.client.ip];
    const initial = leg === 'request' ? input.initialTtl.client : input.initialTtl.server;
    const b = new PathBuilder(leg, initial, input.variant.aggregation, src, dst, leg === 'request' ? input.routeMtu : null, input.macs);
    b.quiet = !input.debug;
    switch (input.class) {
      case 'F1':
      case 'F2':
      case 'F3':
      case 'F4':
        if (input.client.isPod && input.server.isPod) podToPod(input, leg, b);
        break;
      case 'F7':
        if (leg === 'request' && input.client.isPod) {
          leavePod(b, endpoints(input, leg)[0]);
          toWorld(b, endpoints(input, leg)[0], input.variant, input.masqueradeTo);
        } else if (leg === 'reply' && input.client.isPod) {
          // The world answers the address the request left with.
          if (input.masqueradeTo) b.translate(null, input.masqueradeTo);
          arriveNative(b, endpoints(input, leg)[1], input.variant, input.masqueradeTo !== null);
        }
        break;
      case 'F6':
        if (input.loadBalancer && input.server.isPod) nodePortFromOutside(input, leg, b);
        break;
      case 'F8':
      case 'F9': {
        // The request of a host client to a pod, and the reply of a pod server to a host client.
        const [from, to] = endpoints(input, leg);
        const same = input.client.place !== null && input.client.place === input.server.place;
        if (!from.isPod && to.isPod) hostToPod(b, from, to, input.variant, same);
        else if (from.isPod && !to.isPod && same) podToOwnHost(b, from, input.variant);
        else if (from.isPod && !to.isPod && to.place !== null) podToRemoteHost(b, from, to, input.variant);
        break;
      }
      default:
        break;
    }
    hops.push(...b.hops);
  }
  return hops;
}

export const ENCAPSULATION_TTL = ENCAP_TTL;
