/**
 * What every address of a flow is: a pod (and on which node), a health endpoint, a node's own
 * address or its `cilium_host` address, a service frontend, or the world. Read from the cluster
 * state (pods, endpoint lists, nodes, services) and from what the datapath itself printed about
 * the address (ipcache mappings, trace identities, local deliveries).
 */
import ipaddr from 'ipaddr.js';
import { parseCidr } from '../types/cidr.js';
import { reservedIdentity } from '../knowledge/monitor/index.js';
import type { ServiceMap } from '../flows/index.js';
import type { Evidence } from '../types/evidence.js';
import type { AddressRole, Observation } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';

const WORLD = [reservedIdentity('world'), reservedIdentity('world-ipv4'), reservedIdentity('world-ipv6')];
const HOST = reservedIdentity('host');
const REMOTE_NODE = reservedIdentity('remote-node');
const HEALTH = reservedIdentity('health');
/** Cluster-scope identities of pods (cluster id 0; mesh clusters add `id << 16`); local CIDR identities have bit 24. */
const isPodIdentity = (id: number): boolean => id >= 256 && id < 1 << 24;

function inCidr(ip: string, cidr: string): boolean {
  const net = parseCidr(cidr);
  if (!net || !ipaddr.isValid(ip)) return false;
  const addr = ipaddr.parse(ip);
  return addr.kind() === net[0].kind() && addr.match(net);
}

export class AddressBook {
  private readonly roles = new Map<string, AddressRole>();
  private readonly podCidrs: { cidr: string; node: string; evidence: Evidence[] }[] = [];
  /** Endpoint ids seen per place, and the place each endpoint was seen on. */
  private readonly endpointPlace = new Map<number, string>();

  constructor(state: ClusterState, services: ServiceMap) {
    for (const f of services.all()) this.set(f.vip, { kind: 'service', node: null, endpoint: null, identity: null, name: f.name, evidence: f.evidence });
    for (const n of state.nodes) {
      for (const ip of n.internalIPs) this.set(ip, role('node', n.name, n.evidence));
      if (n.ciliumInternalIP) this.set(n.ciliumInternalIP, role('cilium-host', n.name, n.evidence));
      if (n.healthIP) this.set(n.healthIP, role('health', n.name, n.evidence));
      for (const c of n.podCIDRs) this.podCidrs.push({ cidr: c, node: n.name, evidence: n.evidence });
    }
    for (const ep of state.endpoints) {
      const health = ep.labels.some((l) => l === 'reserved:health');
      for (const ip of [ep.ipv4, ep.ipv6]) {
        if (!ip) continue;
        this.set(ip, { kind: health ? 'health' : 'pod', node: ep.node, endpoint: ep.id, identity: ep.identity, name: null, evidence: ep.evidence });
      }
    }
    for (const pod of state.pods) {
      if (pod.hostNetwork) continue;
      for (const ip of pod.ips) {
        const known = this.roles.get(ip);
        this.set(ip, {
          kind: 'pod',
          node: pod.node ?? known?.node ?? null,
          endpoint: known?.endpoint ?? null,
          identity: known?.identity ?? null,
          name: pod.namespace ? `${pod.namespace}/${pod.name}` : pod.name,
          evidence: [...pod.evidence, ...(known?.evidence ?? [])],
        });
      }
    }
  }

  private set(ip: string, r: AddressRole): void {
    const known = this.roles.get(ip);
    if (!known || known.kind === 'unknown') this.roles.set(ip, r);
    else {
      known.node ??= r.node;
      known.endpoint ??= r.endpoint;
      known.identity ??= r.identity;
      known.name ??= r.name;
    }
  }

  /**
   * Identities and endpoints the datapath printed for addresses the inputs did not describe: every
   * observation, in flow order, before a role is asked for.
   */
  learn(o: Observation): void {
    if (o.endpoint !== null && o.endpoint !== 0 && o.point === 'from-endpoint') this.endpointPlace.set(o.endpoint, o.place);
    if (o.destEndpoint !== null && o.destEndpoint !== 0 && (o.point === 'to-endpoint' || o.debug?.name === 'DBG_LOCAL_DELIVERY')) {
      this.endpointPlace.set(o.destEndpoint, o.place);
    }
    if (o.debug?.mappedIp && o.debug.mappedIdentity !== null) this.learnRole(o.debug.mappedIp, o.debug.mappedIdentity, null, null, o.evidence);
    const t = o.tuple;
    if (!t) return;
    if (o.kind === 'drop' || o.kind === 'trace') {
      this.learnRole(t.src, o.srcIdentity, null, o.place, o.evidence);
      if (o.point !== 'to-endpoint') this.learnRole(t.dst, o.dstIdentity, null, o.place, o.evidence);
    }
    if (o.kind !== 'trace') return;
    if (o.point === 'from-endpoint') this.learnRole(t.src, o.srcIdentity, o.endpoint, o.place, o.evidence);
    if (o.point === 'to-endpoint') {
      this.learnRole(t.dst, o.dstIdentity, o.destEndpoint, o.place, o.evidence);
      this.learnRole(t.src, o.srcIdentity, null, o.place, o.evidence);
    }
  }

  private learnRole(ip: string, identity: number | null, endpoint: number | null, place: string | null, ev: Evidence): void {
    if (!ip) return;
    const known = this.roles.get(ip);
    if (known && known.kind !== 'unknown') {
      known.identity ??= identity;
      known.endpoint ??= endpoint;
      return;
    }
    const kind: AddressRole['kind'] =
      identity === null ? 'unknown' : WORLD.includes(identity) ? 'world' : identity === HOST || identity === REMOTE_NODE ? 'node'
        : identity === HEALTH ? 'health' : isPodIdentity(identity) ? 'pod' : 'unknown';
    // An endpoint's events and the `host` identity (the printing agent's own node) tell where the address lives.
    const node = (endpoint !== null || identity === HOST) && place !== null ? place : null;
    this.roles.set(ip, { kind, node: known?.node ?? node, endpoint: known?.endpoint ?? endpoint, identity, name: null, evidence: [ev] });
  }

  private readonly resolved = new Map<string, AddressRole>();

  /** The role of an address; pods inside a node's PodCIDR are placed on that node. */
  role(ip: string): AddressRole {
    let r = this.resolved.get(ip);
    if (!r) {
      r = this.resolve(ip);
      this.resolved.set(ip, r);
    }
    return r;
  }

  private resolve(ip: string): AddressRole {
    const known = this.roles.get(ip);
    const cidr = this.podCidrs.find((c) => inCidr(ip, c.cidr));
    if (known) {
      if (!known.node && cidr && (known.kind === 'pod' || known.kind === 'health')) return { ...known, node: cidr.node };
      if (!known.node && known.endpoint !== null) return { ...known, node: this.endpointPlace.get(known.endpoint) ?? null };
      return known;
    }
    if (cidr) return { kind: 'pod', node: cidr.node, endpoint: null, identity: null, name: null, evidence: cidr.evidence };
    // A public address the cluster does not describe is the world; private ones may be unlisted services or nodes.
    if (ipaddr.isValid(ip) && ['unicast', 'reserved'].includes(ipaddr.parse(ip).range())) return { kind: 'world', node: null, endpoint: null, identity: null, name: null, evidence: [] };
    return { kind: 'unknown', node: null, endpoint: null, identity: null, name: null, evidence: [] };
  }

  /** The place (node or agent) where an endpoint's events were printed. */
  placeOfEndpoint(endpoint: number | null): string | null {
    return endpoint === null ? null : (this.endpointPlace.get(endpoint) ?? null);
  }
}

function role(kind: AddressRole['kind'], node: string, evidence: Evidence[]): AddressRole {
  return { kind, node, endpoint: null, identity: null, name: null, evidence };
}

export { inCidr };
