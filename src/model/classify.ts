/**
 * Who talks to whom in a flow, and its class of the flow catalogue (datapath-model.md §4): the
 * client and the server with their roles, the service frontend between them, and whether both
 * pods are on one node — from the state where it says so, else from where the datapath printed
 * their endpoints (an agent only prints the endpoints of its own node).
 */
import type { StitchedFlow } from '../flows/index.js';
import type { AddressRole, FlowClass, Observation } from '../types/flows.js';
import type { AddressBook } from './addresses.js';

const HEALTH_PORT = 4240;
const NODEPORT_RANGE = [30000, 32767] as const;

export interface Party {
  ip: string;
  port: number | null;
  role: AddressRole;
  /** Node name or place where it lives (pods, health endpoints, node addresses). */
  place: string | null;
}

export interface FlowParties {
  client: Party;
  /** The backend when a service translated the flow, else the destination. */
  server: Party;
  /** The frontend the client addressed. */
  vip: { ip: string; port: number | null } | null;
  /** Candidate classes: one when the inputs decide it, several when the routing mode is unknown. */
  classes: FlowClass[];
  sameNode: boolean | null;
}

function party(book: AddressBook, ip: string, port: number | null): Party {
  const role = book.role(ip);
  return { ip, port, role, place: role.node ?? book.placeOfEndpoint(role.endpoint) };
}

/** The address the service translated to: a request destination other than the frontend. */
function backendOf(flow: StitchedFlow, vip: string): { ip: string; port: number | null } | null {
  for (let i = 0; i < flow.observations.length; i++) {
    const t = flow.observations[i]!.tuple;
    if (flow.legs[i] === 'request' && t && t.dst !== vip) return { ip: t.dst, port: t.dport };
  }
  const x = flow.observations.find((o) => o.xlate?.point.startsWith('post') && o.xlate.dst)?.xlate;
  return x?.dst ? { ip: x.dst, port: x.dport } : null;
}

/** A service with one backend sends every connection there, seen or not. */
function onlyBackend(service: NonNullable<StitchedFlow['service']>): { ip: string; port: number | null } | null {
  if (service.backends.size !== 1) return null;
  const [only] = service.backends;
  const m = /^(.*):(\d+|\*)$/.exec(only!);
  return m ? { ip: m[1]!, port: m[2] === '*' ? null : Number(m[2]) } : null;
}

/** Same node when the state places both, else when the datapath printed a local delivery to the server from the client's program. */
function sameNode(flow: StitchedFlow, client: Party, server: Party): boolean | null {
  if (client.place && server.place) return client.place === server.place;
  const delivered = (o: Observation): boolean =>
    o.debug?.name === 'DBG_LOCAL_DELIVERY' && server.role.endpoint !== null && o.destEndpoint === server.role.endpoint &&
    client.role.endpoint !== null && o.endpoint === client.role.endpoint;
  if (flow.observations.some(delivered)) return true;
  const leftNode = flow.observations.some((o) => o.point === 'to-overlay' || o.point === 'to-network' || o.outer !== null);
  return leftNode ? false : null;
}

/**
 * The node address a NodePort request reached: the first-seen tuple's destination, or — where the
 * first sighting was already translated (Hubble prints the backend) — the request seen addressed to a node.
 */
function nodePortAddress(flow: StitchedFlow, book: AddressBook, port: number | null): string | null {
  if (book.role(flow.tuple.dst).kind === 'node') return flow.tuple.dst;
  for (let i = 0; i < flow.observations.length; i++) {
    const t = flow.observations[i]!.tuple;
    if (flow.legs[i] === 'request' && t && (port === null || t.dport === port) && book.role(t.dst).kind === 'node') return t.dst;
  }
  return null;
}

/**
 * A connection to the world first seen masqueraded (the node's address as its source): the pod
 * whose request to the same peer was seen before the translation is its client.
 */
function masqueradedClient(flow: StitchedFlow, book: AddressBook): { ip: string; port: number | null } | null {
  const t = flow.tuple;
  if (book.role(t.src).kind !== 'node' || book.role(t.dst).kind !== 'world') return null;
  for (let i = 0; i < flow.observations.length; i++) {
    const r = flow.observations[i]!.tuple;
    if (flow.legs[i] === 'request' && r && r.dst === t.dst && r.dport === t.dport && book.role(r.src).kind === 'pod') return { ip: r.src, port: r.sport };
  }
  return null;
}

export function classify(flow: StitchedFlow, book: AddressBook): FlowParties {
  const t = flow.tuple;
  const service = flow.service;
  // A NodePort on every node address answers at the node address the client used (when the flow shows it).
  const vipIp = service === null ? null : service.vip !== '*' ? service.vip : nodePortAddress(flow, book, service.port);
  const vip = service && vipIp ? { ip: vipIp, port: service.port } : null;
  const inside = masqueradedClient(flow, book);
  const client = inside ? party(book, inside.ip, inside.port) : party(book, t.src, t.sport);
  const backend = vip && t.dst === vip.ip ? (backendOf(flow, vip.ip) ?? onlyBackend(service!)) : null;
  const server = backend ? party(book, backend.ip, backend.port) : party(book, t.dst, t.dport);
  const same = client.role.kind === 'pod' && server.role.kind === 'pod' ? sameNode(flow, client, server) : null;
  const pods = (kind: AddressRole['kind']): boolean => kind === 'pod';
  const inCluster = (k: AddressRole['kind']): boolean => k === 'pod' || k === 'health' || k === 'node' || k === 'cilium-host';
  let classes: FlowClass[] = [];
  const toHealth = server.role.kind === 'health' || (t.dport === HEALTH_PORT && server.role.kind === 'node');
  if (toHealth && (client.role.kind === 'node' || client.role.kind === 'cilium-host')) classes = ['F9'];
  else if (vip && service) {
    const nodePort = /nodeport|loadbalancer|externalip/i.test(service.type);
    if (nodePort) classes = [inCluster(client.role.kind) ? 'F5' : 'F6'];
    else if (pods(client.role.kind)) classes = ['F4'];
  } else if (
    t.dport !== null && t.dport >= NODEPORT_RANGE[0] && t.dport <= NODEPORT_RANGE[1] && client.role.kind !== 'pod' &&
    server.role.kind === 'node' && !inCluster(client.role.kind)
  ) classes = ['F6'];
  else if (pods(client.role.kind) && pods(server.role.kind)) classes = same === true ? ['F1'] : ['F2', 'F3'];
  else if (pods(client.role.kind) && server.role.kind === 'world') classes = ['F7'];
  else if ((client.role.kind === 'node' || client.role.kind === 'cilium-host') && pods(server.role.kind)) classes = ['F8'];
  else if (pods(client.role.kind) && (server.role.kind === 'node' || server.role.kind === 'cilium-host')) classes = ['F8'];
  return { client, server, vip, classes, sameNode: same };
}
