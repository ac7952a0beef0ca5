/**
 * Service frontends and their backends, from every source that tells them: `cilium service list`
 * and Kubernetes Services (the state), socket-LB translations (`pre-xlate-fwd` then
 * `post-xlate-fwd` of one socket), and a pasted client command (`kubectl exec POD -- curl VIP:PORT`)
 * followed by captures of that pod talking to another address on the same port.
 */
import ipaddr from 'ipaddr.js';
import type { Evidence } from '../types/evidence.js';
import type { Observation } from '../types/flows.js';
import type { ClusterState, ServiceState } from '../types/state.js';
import { append } from '../types/collections.js';

export interface ServiceFrontend {
  vip: string;
  port: number | null;
  /** Lower-case protocol, or null for any. */
  proto: string | null;
  type: string;
  name: string | null;
  externalTrafficPolicy: 'Cluster' | 'Local' | null;
  l7LoadBalancer: boolean;
  /** `ip:port` of the backends. */
  backends: Set<string>;
  /** An agent's service list printed the frontend: its backends are all the datapath has (none: it drops). */
  listedByAgent: boolean;
  evidence: Evidence[];
}

/** `10.96.0.10:53/UDP`, `[fd00::a]:443`, `172.16.16.87:80` → address, port, protocol. */
export function parseEndpoint(text: string): { ip: string; port: number | null; proto: string | null } | null {
  const m = /^\[?([0-9a-fA-F.:]+?)\]?(?::(\d+))?(?:\/(\w+))?$/.exec(text.trim());
  if (!m || !ipaddr.isValid(m[1]!)) return null;
  return { ip: m[1]!, port: m[2] ? Number(m[2]) : null, proto: m[3] ? m[3].toLowerCase() : null };
}

const key = (ip: string, port: number | null): string => `${ip}:${port ?? '*'}`;

export class ServiceMap {
  private readonly byFrontend = new Map<string, ServiceFrontend>();
  private readonly byBackend = new Map<string, ServiceFrontend[]>();

  add(f: Omit<ServiceFrontend, 'backends' | 'evidence' | 'listedByAgent'> & { backends?: Iterable<string>; evidence: Evidence[]; listedByAgent?: boolean }): ServiceFrontend {
    const k = key(f.vip, f.port);
    let existing = this.byFrontend.get(k);
    if (!existing) {
      existing = { ...f, backends: new Set(), evidence: [...f.evidence], listedByAgent: f.listedByAgent ?? false };
      this.byFrontend.set(k, existing);
    } else {
      existing.name ??= f.name;
      existing.externalTrafficPolicy ??= f.externalTrafficPolicy;
      existing.l7LoadBalancer ||= f.l7LoadBalancer;
      existing.listedByAgent ||= f.listedByAgent ?? false;
      if (existing.type === 'unknown') existing.type = f.type;
      existing.evidence.push(...f.evidence);
    }
    for (const b of f.backends ?? []) this.addBackend(existing, b);
    return existing;
  }

  addBackend(f: ServiceFrontend, backend: string): void {
    if (f.backends.has(backend)) return;
    f.backends.add(backend);
    append(this.byBackend, backend, f);
  }

  /** Addresses of the cluster's nodes, where a NodePort listening on every address (`*`) answers. */
  constructor(private readonly nodeAddresses: ReadonlySet<string> = new Set()) {}

  /** The frontend at this address and port: an exact frontend, a service without a port, or a NodePort on a node address. */
  frontend(ip: string, port: number | null): ServiceFrontend | null {
    return (
      this.byFrontend.get(key(ip, port)) ??
      this.byFrontend.get(key(ip, null)) ??
      (this.nodeAddresses.has(ip) ? (this.byFrontend.get(key('*', port)) ?? null) : null)
    );
  }

  /** Frontends that load-balance to this backend. */
  frontendsOf(ip: string, port: number | null): ServiceFrontend[] {
    return this.byBackend.get(key(ip, port)) ?? [];
  }

  all(): ServiceFrontend[] {
    return [...this.byFrontend.values()];
  }
}

/** A NodePort printed on every node address: `0.0.0.0:31940`, `*:31940`, `:31940`. */
const ANY_NODE = /^(?:0\.0\.0\.0|\*|\[::\]|)?:(\d+)(?:\/(\w+))?$/;

function fromState(map: ServiceMap, s: ServiceState): void {
  const anyNode = ANY_NODE.exec(s.frontend.trim());
  const fe = s.vip
    ? { ip: s.vip, port: s.port ?? null, proto: s.protocol?.toLowerCase() ?? null }
    : anyNode
      ? { ip: '*', port: Number(anyNode[1]), proto: anyNode[2]?.toLowerCase() ?? null }
      : parseEndpoint(s.frontend);
  if (!fe) return;
  const backends = s.backends.map((b) => parseEndpoint(b.address)).filter((b) => b !== null).map((b) => key(b.ip, b.port));
  map.add({
    vip: fe.ip,
    port: fe.port,
    proto: fe.proto,
    type: s.type,
    name: s.name ?? null,
    externalTrafficPolicy: s.externalTrafficPolicy ?? null,
    l7LoadBalancer: s.l7LoadBalancer ?? /l7/i.test(s.type),
    backends,
    evidence: s.evidence,
    listedByAgent: s.agent !== null,
  });
}

/** Socket-LB translations (in input order): the same socket's destination before and after. */
function fromSocketTranslations(map: ServiceMap, translations: readonly Observation[]): void {
  const pre = new Map<string, Observation>();
  for (const o of translations) {
    const x = o.xlate;
    if (!x?.cookie || !x.dst) continue;
    if (x.point.startsWith('pre-xlate')) pre.set(x.cookie, o);
    else if (x.point.startsWith('post-xlate')) {
      const before = pre.get(x.cookie);
      if (!before?.xlate?.dst || before.xlate.dst === x.dst) continue;
      const f = map.add({
        vip: before.xlate.dst,
        port: before.xlate.dport,
        proto: before.xlate.proto,
        type: 'unknown',
        name: null,
        externalTrafficPolicy: null,
        l7LoadBalancer: false,
        evidence: [before.evidence, o.evidence],
      });
      map.addBackend(f, key(x.dst, x.dport));
    }
  }
}

/** Every frontend the inputs tell of: the state's, and the socket-LB translations' (in input order). */
export function buildServiceMap(state: ClusterState, translations: readonly Observation[]): ServiceMap {
  const map = new ServiceMap(new Set(state.nodes.flatMap((n) => [...n.internalIPs, ...(n.ciliumInternalIP ? [n.ciliumInternalIP] : [])])));
  for (const s of state.services) fromState(map, s);
  fromSocketTranslations(map, translations);
  return map;
}
