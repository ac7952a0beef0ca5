/**
 * The reference datapath model: replays every stitched flow against the configuration of the
 * nodes it crosses. Dimensions the inputs leave open (routing mode, host routing, endpoint routes,
 * monitor aggregation) are evaluated in every variant; the replay keeps all of them, and says which
 * unknowns change what would have been seen.
 */
import { isSynAck, tcpFlags, type FlowSet, type StitchedFlow } from '../flows/index.js';
import type { Disposition, FlowClass, FlowVariant, Observation, ReplayedFlow } from '../types/flows.js';
import type { AgentState, ClusterState } from '../types/state.js';
import { AddressBook, inCidr } from './addresses.js';
import { classify, type FlowParties } from './classify.js';
import { consensusConfig, datapathConfig, type Aggregation, type DatapathConfig } from './config.js';
import { matchObservation, placeObservation, sidesOfPlaces, type MatchContext } from './match.js';
import { MacBook } from './macs.js';
import { routeMtu } from './mtu.js';
import { expectedPath, LINUX_TTL, type LoadBalancerNode, type Variant } from './path.js';

export { datapathConfig, type DatapathConfig, type Aggregation } from './config.js';
export { routeMtu, expectedMss, mssHeaders, TUNNEL_OVERHEAD_V4, DEFAULT_DEVICE_MTU } from './mtu.js';
export { AddressBook, inCidr } from './addresses.js';
export { deviceRole } from './match.js';
export { ENCAPSULATION_TTL, type Variant } from './path.js';


/** The configuration of the node at a place: its agent's, else the only agent's of the case. */
export class NodeConfigs {
  private readonly byPlace = new Map<string, DatapathConfig>();
  private readonly fallback: DatapathConfig;

  constructor(agents: readonly AgentState[]) {
    for (const a of agents) {
      const c = datapathConfig(a);
      this.byPlace.set(`agent:${a.key}`, c);
      if (a.node) this.byPlace.set(a.node.value, c);
    }
    this.fallback = agents.length === 1 ? datapathConfig(agents[0]!) : consensusConfig(agents.map(datapathConfig));
  }

  at(place: string | null): DatapathConfig {
    return (place === null ? undefined : this.byPlace.get(place)) ?? this.fallback;
  }

  all(): DatapathConfig[] {
    return [...new Set(this.byPlace.values())];
  }
}

interface Dimension<K extends keyof Variant> {
  name: K;
  values: Variant[K][];
  assumed: boolean;
}

function dimension<K extends keyof Variant>(name: K, known: Variant[K] | null, all: Variant[K][]): Dimension<K> {
  return known === null ? { name, values: all, assumed: true } : { name, values: [known], assumed: false };
}

interface VariantChoice {
  variant: Variant;
  label: string;
  /** The assumed value of each dimension the configurations left open. */
  assumed: ReadonlyMap<string, string>;
}

/** Every combination of the dimension values the configurations leave open. */
function variantsOf(client: DatapathConfig, server: DatapathConfig): VariantChoice[] {
  const pick = <T>(a: T | null, b: T | null): T | null => a ?? b;
  const dims = [
    dimension('routing', pick(client.routing, server.routing), ['tunnel', 'native']),
    dimension('hostRouting', pick(client.hostRouting, server.hostRouting), ['bpf', 'legacy']),
    dimension('endpointRoutes', pick(client.endpointRoutes, server.endpointRoutes), [false, true]),
    dimension('aggregation', pick(client.monitorAggregation, server.monitorAggregation), ['none', 'medium'] as Aggregation[]),
  ];
  let combos: { variant: Partial<Variant>; assumed: [string, string][] }[] = [{ variant: {}, assumed: [] }];
  for (const d of dims) {
    combos = combos.flatMap((c) =>
      d.values.map((v) => ({ variant: { ...c.variant, [d.name]: v }, assumed: d.assumed ? [...c.assumed, [d.name, String(v)] as [string, string]] : c.assumed })),
    );
  }
  return combos.map((c) => ({ variant: c.variant as Variant, label: c.assumed.map(([k, v]) => `${k}=${v}`).join(', '), assumed: new Map(c.assumed) }));
}

/** The variants of each pair of configurations, worked out once: configurations are shared by every flow between two nodes. */
class VariantChoices {
  private readonly byPair = new Map<DatapathConfig, Map<DatapathConfig, VariantChoice[]>>();

  of(client: DatapathConfig, server: DatapathConfig): VariantChoice[] {
    let byServer = this.byPair.get(client);
    if (!byServer) this.byPair.set(client, (byServer = new Map()));
    let choices = byServer.get(server);
    if (!choices) byServer.set(server, (choices = variantsOf(client, server)));
    return choices;
  }
}

/** The class under a variant: cross-node pod traffic is F2 in tunnel mode, F3 in native routing. */
function classUnder(classes: readonly FlowClass[], v: Variant): FlowClass | null {
  if (classes.length === 0) return null;
  if (classes.includes('F2') && classes.includes('F3')) return v.routing === 'tunnel' ? 'F2' : 'F3';
  return classes[0]!;
}

/** Pods and health endpoints are endpoints with a pod datapath (lxc, policy program). */
const isPodLike = (kind: string): boolean => kind === 'pod' || kind === 'health';

const LINUX_SENDERS = new Set(['pod', 'node', 'cilium-host', 'health']);

/** Pods and nodes run Linux (Cilium runs on nothing else): their packets start at TTL 64. */
export const isLinuxSender = (kind: string): boolean => LINUX_SENDERS.has(kind);

/** A sender's initial TTL: what its own egress showed (`<- endpoint` of its endpoint), else Linux's 64 for pods and nodes. */
function initialTtl(flow: StitchedFlow, end: FlowParties['client'], leg: 'request' | 'reply'): number | null {
  const ep = end.role.endpoint;
  const first = flow.observations.find(
    (o, i) => flow.legs[i] === leg && o.ttl !== null && o.point === 'from-endpoint' && ep !== null && o.endpoint === ep,
  );
  if (first) return first.ttl;
  return isLinuxSender(end.role.kind) ? LINUX_TTL : null;
}

/** The node an external client's NodePort request reached: the owner of the address it used, else where it was first seen. */
function loadBalancerOf(flow: StitchedFlow, parties: FlowParties, book: AddressBook, configs: NodeConfigs, state: ClusterState): LoadBalancerNode {
  const vip = parties.vip?.ip ?? flow.tuple.dst;
  const place = book.role(vip).node ?? flow.observations.find((_, i) => flow.legs[i] === 'request')?.node ?? null;
  const node = state.nodes.find((n) => n.name === place);
  return { place, config: configs.at(place), nodeIp: node?.internalIPs.includes(vip) ? vip : (node?.internalIPs[0] ?? vip), routerIp: node?.ciliumInternalIP ?? null };
}

/**
 * The MTU of the route the client's SYN took: a pod's routes carry Cilium's route MTU, and so do a
 * node's routes to remote PodCIDRs; a node's route to its own PodCIDR is not read here.
 */
function senderRouteMtu(parties: FlowParties, clientConfig: DatapathConfig, variant: Variant): number | null {
  const hostToOwnPod = !isPodLike(parties.client.role.kind) && parties.client.place !== null && parties.client.place === parties.server.place;
  if (hostToOwnPod) return null;
  return routeMtu({ ...clientConfig, routing: variant.routing })?.mtu ?? null;
}

function masqueradeTarget(parties: FlowParties, config: DatapathConfig, state: ClusterState): string | null {
  if (config.masquerade !== true) return null;
  if (config.nativeRoutingCIDR && inCidr(parties.server.ip, config.nativeRoutingCIDR)) return null;
  const node = state.nodes.find((n) => n.name === parties.client.place);
  return node?.internalIPs[0] ?? null;
}

function disposition(observations: readonly Observation[], legs: readonly string[], parties: FlowParties): Disposition {
  const drop = observations.find((o) => o.drop);
  if (drop) return { kind: 'dropped', detail: drop.drop!.reason };
  // A world server's answer, or the request on its way there, is as far as the cluster sees it.
  if (parties.server.role.kind === 'world' && parties.vip === null) {
    const left = observations.some((o, i) => legs[i] === 'request' && (o.point === 'to-network' || o.point === 'to-stack' || (o.tool === 'tcpdump' && o.netns === 'host')));
    return left || legs.includes('reply') ? { kind: 'forwarded-to-world', detail: null } : { kind: 'unknown', detail: null };
  }
  const delivered = observations.some(
    (o, i) => legs[i] === 'request' && ((o.point === 'to-endpoint' && o.tuple?.dst === parties.server.ip) || (o.netns?.startsWith('pod/') && o.tuple?.dst === parties.server.ip)),
  );
  if (delivered || legs.includes('reply')) return { kind: 'delivered', detail: refusal(observations, legs) };
  return { kind: 'unknown', detail: null };
}

/** The ICMP kind of a port unreachable: tcpdump's (`port unreachable`, ICMPv4 and v6 alike) or the monitor's (`PortUnreachable`). */
const PORT_UNREACHABLE = /port ?unreachable/i;

/**
 * How the server turned a delivered request away, when it did: a TCP reset before any SYN-ACK, or
 * an ICMP port unreachable quoting the request. The datapath delivered it; nothing listened.
 */
function refusal(observations: readonly Observation[], legs: readonly string[]): string | null {
  let reset = false;
  for (let i = 0; i < observations.length; i++) {
    if (legs[i] !== 'reply') continue;
    const o = observations[i]!;
    if (isSynAck(o.tcpFlags)) return null;
    if (o.quoted && PORT_UNREACHABLE.test(o.icmp ?? '')) return 'refused: ICMP port unreachable';
    if (tcpFlags(o.tcpFlags).has('RST')) reset = true;
  }
  return reset ? 'refused: TCP reset' : null;
}

/** The drop reason (158) of a service lookup that finds no backend. */
const NO_BACKEND = 'Service backend not found';

function expectedDisposition(cls: FlowClass | null, service: StitchedFlow['service']): Disposition {
  if (service?.listedByAgent && service.backends.size === 0) return { kind: 'dropped', detail: NO_BACKEND };
  if (cls === 'F7') return { kind: 'forwarded-to-world', detail: null };
  if (cls === null) return { kind: 'unknown', detail: null };
  return { kind: 'delivered', detail: null };
}

/**
 * What a variant predicts that observations can contradict: the class, the TTL and visibility at
 * each observed point, and the traces it says must have been printed but were not.
 */
function signature(v: FlowVariant): string {
  const at = v.observed.map((o) => {
    const e = o.expected === null ? null : v.expected[o.expected]!;
    return e ? `${e.ttl}|${e.visible}` : '-';
  });
  const traced = new Set(v.observed.map((o) => `${o.leg}|${o.at.point}`));
  const matchedAt = v.observed.map((o) => o.expected).filter((i): i is number => i !== null);
  const sameStretch = (m: number, i: number): boolean => v.expected[m]!.leg === v.expected[i]!.leg && v.expected[m]!.side === v.expected[i]!.side;
  const within = (i: number): boolean => matchedAt.some((m) => m < i && sameStretch(m, i)) && matchedAt.some((m) => m > i && sameStretch(m, i));
  const unseen = v.expected
    .filter((e, i) => e.at.kind === 'trace' && e.emitted === 'yes' && !traced.has(`${e.leg}|${e.at.point}`) && within(i))
    .map((e) => `${e.leg}|${e.at.point}`);
  return `${v.class}|${at.join(',')}|${unseen.join(',')}`;
}

/**
 * The unknown dimensions that matter for this flow: those for which two variants differing only
 * in that dimension predict differently at the observed points.
 */
function ambiguityOf(variants: readonly FlowVariant[], choices: readonly VariantChoice[]): ReplayedFlow['ambiguity'] {
  if (variants.length < 2) return null;
  const sigs = variants.map(signature);
  if (sigs.every((sig) => sig === sigs[0])) return null;
  const relevant = new Set<string>();
  for (let a = 0; a < sigs.length; a++) {
    for (let b = a + 1; b < sigs.length; b++) {
      if (sigs[a] === sigs[b]) continue;
      const dims = choices[a]!.assumed;
      const differing = [...dims.keys()].filter((k) => dims.get(k) !== choices[b]!.assumed.get(k));
      if (differing.length === 1) relevant.add(differing[0]!);
    }
  }
  if (relevant.size === 0) return null;
  const dimensions = [...relevant].sort();
  const labels = [...new Set(choices.map((c) => dimensions.map((d) => `${d}=${c.assumed.get(d)}`).join(', ')))];
  return { dimensions, variants: labels };
}

function replayOne(flow: StitchedFlow, state: ClusterState, book: AddressBook, configs: NodeConfigs, choices: VariantChoices, macs: MacBook, ctxBase: Omit<MatchContext, 'client' | 'server'>): ReplayedFlow {
  const parties = classify(flow, book);
  const clientConfig = configs.at(parties.client.place);
  const serverConfig = configs.at(parties.server.place);
  const partyCtx: MatchContext = { ...ctxBase, client: parties.client, server: parties.server };
  const ctx: MatchContext = { ...partyCtx, placeSides: sidesOfPlaces(flow.observations, partyCtx) };
  const debug = flow.observations.some((o) => o.kind === 'debug');
  const placed = flow.observations.map((o, i) => placeObservation(o, flow.legs[i]!, ctx));
  const open = choices.of(clientConfig, serverConfig);
  const variants = open.map(({ variant, label }) => {
    const cls = classUnder(parties.classes, variant);
    const socketLb = clientConfig.socketLB === true && !clientConfig.socketLBHostnsOnly;
    const expected =
      cls === null
        ? []
        : expectedPath({
            class: cls,
            proto: flow.tuple.proto,
            variant,
            client: { place: parties.client.place, endpoint: parties.client.role.endpoint, identity: parties.client.role.identity, ip: parties.client.ip, isPod: isPodLike(parties.client.role.kind) },
            server: { place: parties.server.place, endpoint: parties.server.role.endpoint, identity: parties.server.role.identity, ip: parties.server.ip, isPod: isPodLike(parties.server.role.kind) },
            clientConfig,
            serverConfig,
            service: parties.vip ? { vip: parties.vip.ip, socketLb, perPacketLb: perPacketLb(clientConfig) } : null,
            initialTtl: { client: initialTtl(flow, parties.client, 'request'), server: initialTtl(flow, parties.server, 'reply') },
            masqueradeTo: cls === 'F7' ? masqueradeTarget(parties, clientConfig, state) : null,
            routeMtu: senderRouteMtu(parties, clientConfig, variant),
            debug,
            loadBalancer: cls === 'F6' ? loadBalancerOf(flow, parties, book, configs, state) : null,
            macs,
          });
    const observed = placed.map((p) => matchObservation(p, expected));
    return { label, class: cls, expected, observed };
  });
  const primary = variants[0]!;
  const nodes = [...new Set(flow.observations.map((o) => o.node ?? o.place))].sort();
  return {
    id: flow.id,
    class: primary.class,
    tuple: flow.tuple,
    service:
      flow.service
        ? {
            // `*`: a NodePort on every node address, the one addressed not seen.
            vip: parties.vip?.ip ?? flow.service.vip, port: parties.vip?.port ?? flow.service.port, name: flow.service.name, type: flow.service.type,
            externalTrafficPolicy: flow.service.externalTrafficPolicy, l7LoadBalancer: flow.service.l7LoadBalancer,
          }
        : null,
    nodes,
    client: { ...parties.client.role, node: parties.client.place, ip: parties.client.ip, port: parties.client.port },
    server: { ...parties.server.role, node: parties.server.place, ip: parties.server.ip, port: parties.server.port },
    observations: flow.observations,
    expected: primary.expected,
    observed: primary.observed,
    disposition: { expected: expectedDisposition(primary.class, flow.service), observed: disposition(flow.observations, flow.legs, parties) },
    clock: flow.clock,
    policy: policyDecisions(flow.observations, book),
    variants,
    ambiguity: ambiguityOf(variants, open),
    divergences: [],
  };
}

/**
 * Policy verdicts and policy drops of the flow: the decision, its direction and match type. A drop
 * names its direction by the endpoint it was going to (`to endpoint N`: ingress of N) or, printed
 * by Hubble, by its traffic direction; else a drop towards a pod from outside is an ingress drop.
 */
function policyDecisions(observations: readonly Observation[], book: AddressBook): ReplayedFlow['policy'] {
  const decisions: ReplayedFlow['policy'] = [];
  for (const o of observations) {
    if (o.kind === 'policy-verdict' && o.policy?.action) {
      decisions.push({ direction: o.policy.direction, action: o.policy.action, match: o.policy.match, evidence: o.evidence });
    } else if (o.drop && /^Policy denied/.test(o.drop.reason)) {
      const toPod = o.tuple !== null && book.role(o.tuple.dst).kind === 'pod';
      const fromPod = o.tuple !== null && book.role(o.tuple.src).kind === 'pod';
      const inferred = o.destEndpoint ? 'ingress' : o.destEndpoint === 0 ? 'egress' : toPod && !fromPod ? 'ingress' : fromPod && !toPod ? 'egress' : null;
      decisions.push({ direction: o.policy?.direction ?? inferred, action: 'deny', match: null, evidence: o.evidence });
    }
  }
  return decisions;
}

/**
 * Per-packet service LB compiled into the pod program (datapath-model.md §1.4 Step 6): socket LB
 * not full, hostns-only, or (≥1.12) Envoy config / L7 LB.
 */
export function perPacketLb(c: DatapathConfig): boolean {
  if (c.socketLB !== true || c.socketLBHostnsOnly) return true;
  return c.envoyConfig && (c.version === null || c.version.minor >= 12);
}

/**
 * Replays flows of a set one at a time, against what the whole set and the state say of addresses,
 * configurations and lxc devices: the caller keeps a replayed flow only as long as it needs it.
 * The set's observations are read once, when it is made; `observe` sees each of them too (for a
 * caller that needs them all before the first replay).
 */
export class FlowReplayer {
  private readonly book: AddressBook;
  private readonly configs: NodeConfigs;
  private readonly choices = new VariantChoices();
  private readonly macs: MacBook;
  private readonly ctx: Omit<MatchContext, 'client' | 'server'>;

  constructor(flows: FlowSet, private readonly state: ClusterState, observe?: (o: Observation) => void) {
    this.book = new AddressBook(state, flows.services);
    this.configs = new NodeConfigs(state.agents);
    this.macs = new MacBook(state);
    const lxcOwner = new Map<string, number>();
    // What the datapath printed of addresses, endpoints and lxc devices: one pass over every flow's observations.
    for (const o of flows.observations()) {
      this.book.learn(o);
      this.macs.learn(o);
      if (o.point === 'to-endpoint' && o.device?.startsWith('lxc') && o.destEndpoint !== null) lxcOwner.set(o.device, o.destEndpoint);
      observe?.(o);
    }
    this.ctx = { lxcOwner, podIps: new Map(state.pods.map((p) => [p.name, p.ips])) };
  }

  replay(flow: StitchedFlow): ReplayedFlow {
    return replayOne(flow, this.state, this.book, this.configs, this.choices, this.macs, this.ctx);
  }
}

/** Replays every flow of the set. */
export function replayFlows(flows: FlowSet, state: ClusterState): ReplayedFlow[] {
  const replayer = new FlowReplayer(flows, state);
  return Array.from(flows.flows(), (f) => replayer.replay(f));
}
