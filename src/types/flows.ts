/**
 * Observed packets, the flows they are stitched into, and the model's replay of each flow
 * (datapath-model.md §4, §7). An observation is one sighting of a packet at one point: a monitor
 * event (trace, drop, verdict, debug, socket-LB translation), a tcpdump frame, or a Hubble flow.
 */
import type { Evidence } from './evidence.js';

/** A connection's addresses as one packet carries them (ICMP echo: `sport` is the echo id, `dport` null). */
export interface Tuple {
  /** `tcp`, `udp`, `icmp`, `icmp6`, `sctp`… */
  proto: string;
  src: string;
  sport: number | null;
  dst: string;
  dport: number | null;
}

export type ObservationTool = 'monitor' | 'tcpdump' | 'hubble';

export type ObservationKind = 'trace' | 'drop' | 'policy-verdict' | 'debug' | 'trace-sock' | 'packet';

/** The outer header of an encapsulated frame. */
export interface OuterHeader {
  protocol: 'vxlan' | 'geneve';
  vni: number | null;
  src: string | null;
  dst: string | null;
  sport: number | null;
  dport: number | null;
  ttl: number | null;
  /** Outer IPv4 `flags [+]` / offset: the outer UDP datagram was fragmented. */
  fragmented: boolean;
}

export interface Observation {
  /** Input order across all tools (source, line, segment). */
  seq: number;
  tool: ObservationTool;
  kind: ObservationKind;
  /** Row id in the tool's table (`monitor_events`, `packets`, `hubble_flows`). */
  ref: number;
  /** The agent whose output it is (monitor, hubble); null for tcpdump. */
  agent: string | null;
  /** Node name when an input says it. */
  node: string | null;
  /** Where it was seen when the node is unknown: the agent key, or the capture's source and interface. */
  place: string;
  /** Observation point (`from-endpoint`, `to-overlay`…) of monitor/hubble events; null for captures. */
  point: string | null;
  /** Interface: the trace's ifname, the capture's interface. */
  device: string | null;
  /** `in`/`out` when tcpdump printed it (`-i any`) or the frame's MACs tell it. */
  direction: 'in' | 'out' | null;
  /** Capture network namespace: `host`, `pod/NAME`…; null when unknown. */
  netns: string | null;
  /** `FROM` endpoint of a monitor event (pod, host endpoint, or 0). */
  endpoint: number | null;
  /** Endpoint a trace or local delivery goes to. */
  destEndpoint: number | null;
  /** Seconds (epoch or time of day, per capture); null when not printed. */
  time: number | null;
  tuple: Tuple | null;
  /** The tuple was not printed on this line but taken from the event it belongs to (debug lines). */
  tupleInherited: boolean;
  tcpFlags: string | null;
  tcpSeq: number | null;
  tcpAck: number | null;
  mss: number | null;
  ttl: number | null;
  ipId: number | null;
  length: number | null;
  srcMac: string | null;
  dstMac: string | null;
  /** ICMP message kind (`echo request`, `EchoRequest`, `need to frag`…). */
  icmp: string | null;
  /** ICMP `need to frag (mtu N)` / `packet too big` MTU. */
  icmpMtu: number | null;
  /** The datagram an ICMP error quotes: it relates the error to that datagram's flow. */
  quoted: Tuple | null;
  outer: OuterHeader | null;
  srcIdentity: number | null;
  dstIdentity: number | null;
  /** Trace state / CT verdict (`new`, `reply`, `established`…). */
  state: string | null;
  drop: { code: number | null; reason: string } | null;
  policy: { action: string | null; match: string | null; direction: string | null } | null;
  /** Debug message name and what it says (mapped identity, local delivery target, encap node). */
  debug: { name: string; message: string; mappedIp: string | null; mappedIdentity: number | null } | null;
  /** Socket-LB translation (`pre-xlate-fwd`…): the socket cookie and the destination at that point. */
  xlate: { point: string; cookie: string | null; dst: string | null; dport: number | null; proto: string | null } | null;
  /** Hubble verdict (`FORWARDED`, `DROPPED`…). */
  verdict: string | null;
  evidence: Evidence;
}

/** Flow classes of datapath-model.md §4. */
export type FlowClass = 'F1' | 'F2' | 'F3' | 'F4' | 'F5' | 'F6' | 'F7' | 'F8' | 'F9';

/** What an address is, in the cluster the state describes. */
export interface AddressRole {
  kind: 'pod' | 'health' | 'node' | 'cilium-host' | 'service' | 'world' | 'unknown';
  /** Node the address lives on (pods, node IPs), when known. */
  node: string | null;
  /** Endpoint id (pods, health) and security identity, when known. */
  endpoint: number | null;
  identity: number | null;
  /** Pod `namespace/name` or service name. */
  name: string | null;
  evidence: Evidence[];
}

export interface FlowEnd extends AddressRole {
  ip: string;
  port: number | null;
}

/** A clock offset between two places estimated from packets both captured. */
export interface ClockOffset {
  from: string;
  to: string;
  /** Seconds to add to `to`'s times to compare them with `from`'s. */
  seconds: number;
  packets: number;
}

/** Where a hop is: a monitor event at an observation point, or a capture tap on a device. */
export interface HopPoint {
  /** `event`: a drop, a policy verdict or a socket-LB translation (its kind is the point). */
  kind: 'trace' | 'capture' | 'debug' | 'event';
  /** Observation point for traces (`to-endpoint`…), debug message for debug hops, event kind for events. */
  point: string | null;
  /** Device role: `pod-eth0`, `lxc`, `cilium_host`, `cilium_net`, `overlay`, `native`, `wireguard`. */
  device: string | null;
  /** Tap direction on the device: `rx` (received) / `tx` (transmitted). */
  direction: 'rx' | 'tx' | null;
}

/** One step of a flow, expected by the model or observed. */
export interface Hop {
  /** `request` (client → server) or `reply`. */
  leg: 'request' | 'reply';
  /** Node name, or the place label when no name is known. */
  node: string | null;
  at: HopPoint;
  /** Actual device name when known (`lxc5d2e7713aa01`, `eth0`). */
  device: string | null;
  /** Inner TTL at this point. */
  ttl: number | null;
  /** Outer header when the packet is encapsulated here. */
  encap: { protocol: 'vxlan' | 'geneve'; port: number | null; vni: number | null; ttl: number | null } | null;
  /** Addresses at this point (after translations). */
  src: string | null;
  dst: string | null;
  /** The Ethernet header's addresses (the inner frame's of an encapsulated packet); null where not known. */
  srcMac: string | null;
  dstMac: string | null;
  /** `dnat` (service), `snat` (masquerade / NodePort SNAT), `rev-nat`, or null. */
  nat: string | null;
}

/** `yes`, `no`, or `maybe` where the model cannot tell (a program that may not be attached, a version edge). */
export type Expectation = 'yes' | 'no' | 'maybe';

export interface ExpectedHop extends Hop {
  /** Which node of the flow: the client's, the server's, or a node in between (load balancer). */
  side: 'client' | 'server' | 'lb';
  /** Whether a capture here sees the packet (a redirect_peer'd packet is not on the lxc TX tap). */
  visible: Expectation;
  /** Whether the monitor emits this event at the configured aggregation (traces and debug lines). */
  emitted: Expectation;
  /** The endpoint a trace names (`FROM`, or `-> endpoint N`), when the model knows it. */
  endpoint: number | null;
  /** Confidence of the prediction: [V] verified, [D] derived, [U] uncertain (datapath-model.md §0). */
  basis: 'V' | 'D' | 'U';
  /** Route MTU the packet's sender uses here (for MSS checks). */
  routeMtu: number | null;
}

export interface ObservedHop extends Hop {
  observation: Observation;
  /** Index into the flow's `expected` hops this observation matched, or null. */
  expected: number | null;
}

export type DispositionKind = 'delivered' | 'dropped' | 'forwarded-to-world' | 'unknown';

export interface Disposition {
  kind: DispositionKind;
  /** Drop reason, or where it ends. */
  detail: string | null;
}

/** The replay of a flow under one assumed configuration. */
export interface FlowVariant {
  /** `routing=native, hostRouting=bpf, …` for the assumed (not stated) dimensions; empty when nothing was assumed. */
  label: string;
  class: FlowClass | null;
  expected: ExpectedHop[];
  observed: ObservedHop[];
}

/** A flow and its replay: what the model expected next to what was observed. */
export interface ReplayedFlow {
  id: number;
  class: FlowClass | null;
  /** As first seen on the wire, in the request direction. */
  tuple: Tuple;
  service: {
    vip: string;
    port: number | null;
    name: string | null;
    type: string;
    externalTrafficPolicy: 'Cluster' | 'Local' | null;
    l7LoadBalancer: boolean;
  } | null;
  nodes: string[];
  /** The client, and the server (the backend when a service translated the flow), with their roles. */
  client: FlowEnd;
  server: FlowEnd;
  observations: Observation[];
  expected: ExpectedHop[];
  observed: ObservedHop[];
  disposition: { expected: Disposition; observed: Disposition };
  /** What policy decided, as the monitor printed it (verdicts and policy drops), per direction. */
  policy: { direction: string | null; action: string; match: string | null; evidence: Evidence }[];
  clock: ClockOffset[];
  /** Every configuration the model evaluated: one when the inputs decide it, more when a dimension is unknown. */
  variants: FlowVariant[];
  /** The unknown dimensions whose variants predict differently at an observed point, with the variants. */
  ambiguity: { dimensions: string[]; variants: string[] } | null;
  /** Names of the rules that found a divergence in this flow (filled by the rules stage). */
  divergences: string[];
}
