/**
 * Cluster state from Kubernetes text (kubectl tables, objects, describe): pods with their node and
 * containers, nodes with addresses, PodCIDRs and kernels, services with their Endpoints backends,
 * events. Every fact has origin `kubernetes` and the lines it was printed on; a pod printed several
 * times (a table, then its YAML, then `describe`) is one pod with every line as evidence.
 */
import type { CaseDb } from '../store/db.js';
import type { Evidence } from '../types/evidence.js';
import type { KubeContainer, KubeServicePort } from '../types/kubernetes.js';
import type { ContainerState, KubeEvent, NodeState, PodState, ServiceState } from '../types/state.js';

interface Located {
  source: string;
  line: number;
}

const ev = (r: Located): Evidence => ({ source: r.source, line: r.line });
const parse = <T>(s: string | null): T => JSON.parse(s ?? 'null') as T;

function cite(list: Evidence[], e: Evidence): void {
  if (!list.some((x) => x.source === e.source && x.line === e.line)) list.push(e);
}

function addAll(list: string[], values: readonly string[]): void {
  for (const v of values) if (!list.includes(v)) list.push(v);
}

function container(c: KubeContainer, at: Evidence, into: ContainerState | undefined): ContainerState {
  const base: ContainerState = into ?? {
    name: c.name, image: null, ready: null, restarts: null, state: null, reason: null, lastState: null, evidence: [],
  };
  base.image = c.image ?? base.image;
  base.ready = c.ready ?? base.ready;
  base.restarts = c.restarts ?? base.restarts;
  base.state = c.state ?? base.state;
  base.reason = c.reason ?? base.reason;
  base.lastState = c.lastState ?? base.lastState;
  cite(base.evidence, at);
  return base;
}

/** Pods by namespace and name; a pod printed without namespace merges with its namespaced form. */
export function readPods(db: CaseDb): PodState[] {
  const rows = db
    .prepare(
      `SELECT p.namespace, p.name, p.node, p.ips, p.host_network, p.phase, p.restarts, p.containers, p.labels,
              s.name AS source, p.line FROM kube_pods p JOIN sources s ON s.id = p.source_id ORDER BY p.id`,
    )
    .all() as (Located & {
      namespace: string | null; name: string; node: string | null; ips: string; host_network: number | null; phase: string | null;
      restarts: number | null; containers: string; labels: string;
    })[];
  const pods = new Map<string, PodState>();
  /** Pods by name alone: a pod printed without namespace (a wide table without -A) is the same pod. */
  const byName = new Map<string, PodState[]>();
  for (const r of rows) {
    const sameName = byName.get(r.name) ?? [];
    const pod =
      pods.get(`${r.namespace ?? ''}/${r.name}`) ?? sameName.find((p) => p.namespace === null || r.namespace === null);
    const p: PodState = pod ?? {
      namespace: null, name: r.name, ips: [], node: null, hostNetwork: null, phase: null, restarts: null, containers: [], labels: {}, evidence: [],
    };
    const before = `${p.namespace ?? ''}/${p.name}`;
    p.namespace ??= r.namespace;
    p.node = r.node ?? p.node;
    addAll(p.ips, parse<string[]>(r.ips));
    p.hostNetwork = r.host_network === null ? p.hostNetwork : r.host_network === 1;
    p.phase = r.phase ?? p.phase;
    p.restarts = r.restarts ?? p.restarts;
    Object.assign(p.labels, parse<Record<string, string>>(r.labels));
    for (const c of parse<KubeContainer[]>(r.containers)) {
      const existing = p.containers.find((x) => x.name === c.name);
      const merged = container(c, ev(r), existing);
      if (!existing) p.containers.push(merged);
    }
    cite(p.evidence, ev(r));
    pods.delete(before);
    pods.set(`${p.namespace ?? ''}/${p.name}`, p);
    if (!pod) byName.set(r.name, [...sameName, p]);
  }
  return [...pods.values()].sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1));
}

/** Nodes and CiliumNodes: internal IPs, PodCIDRs, router and health IPs, kernel versions. */
export function readKubeNodes(db: CaseDb): NodeState[] {
  const rows = db
    .prepare(
      `SELECT n.name, n.internal_ips, n.cilium_internal_ip, n.health_ip, n.pod_cidrs, n.kernel_version, s.name AS source, n.line
       FROM kube_nodes n JOIN sources s ON s.id = n.source_id ORDER BY n.id`,
    )
    .all() as (Located & {
      name: string; internal_ips: string; cilium_internal_ip: string | null; health_ip: string | null; pod_cidrs: string;
      kernel_version: string | null;
    })[];
  const nodes = new Map<string, NodeState>();
  for (const r of rows) {
    const n = nodes.get(r.name) ?? {
      name: r.name, internalIPs: [], ciliumInternalIP: null, healthIP: null, podCIDRs: [], kernelVersion: null, evidence: [],
    };
    addAll(n.internalIPs, parse<string[]>(r.internal_ips));
    addAll(n.podCIDRs, parse<string[]>(r.pod_cidrs));
    n.ciliumInternalIP = r.cilium_internal_ip ?? n.ciliumInternalIP;
    n.healthIP = r.health_ip ?? n.healthIP;
    if (n.healthIP) n.healthIPBy = 'node';
    n.kernelVersion = r.kernel_version ?? n.kernelVersion ?? null;
    cite(n.evidence, ev(r));
    nodes.set(r.name, n);
  }
  return [...nodes.values()];
}

export function readKubeEvents(db: CaseDb): KubeEvent[] {
  const rows = db
    .prepare(
      `SELECT e.namespace, e.object, e.type, e.reason, e.message, e.count, s.name AS source, e.line
       FROM kube_events e JOIN sources s ON s.id = e.source_id ORDER BY e.id`,
    )
    .all() as (Located & { namespace: string | null; object: string | null; type: string | null; reason: string | null; message: string; count: number | null })[];
  return rows.map((r) => ({
    namespace: r.namespace, object: r.object, type: r.type, reason: r.reason, message: r.message, count: r.count, evidence: [ev(r)],
  }));
}

interface EndpointsRow extends Located {
  namespace: string | null;
  service: string;
  addresses: string;
  ports: string;
}

/** The backend addresses of one service port: the Endpoints port of the same name, else the only one. */
function backendsOf(endpoints: readonly EndpointsRow[], port: KubeServicePort): { addresses: string[]; evidence: Evidence[] } {
  const addresses: string[] = [];
  const evidence: Evidence[] = [];
  for (const e of endpoints) {
    const ports = parse<{ name: string | null; port: number }[]>(e.ports);
    const target =
      ports.find((p) => p.name !== null && p.name === port.name) ??
      (ports.length === 1 ? ports[0] : undefined) ??
      ports.find((p) => String(p.port) === port.targetPort);
    for (const a of parse<{ ip: string; ready: boolean }[]>(e.addresses)) {
      if (!a.ready) continue;
      const address = target ? (a.ip.includes(':') ? `[${a.ip}]:${target.port}` : `${a.ip}:${target.port}`) : a.ip;
      if (!addresses.includes(address)) addresses.push(address);
    }
    cite(evidence, ev(e));
  }
  return { addresses, evidence };
}

/** Kubernetes Services as frontends (ClusterIP:port, one per port) with backends from Endpoints/EndpointSlices. */
export function readKubeServices(db: CaseDb): ServiceState[] {
  const services = db
    .prepare(
      `SELECT v.namespace, v.name, v.type, v.cluster_ips, v.ports, v.external_traffic_policy, v.l7_load_balancer,
              s.name AS source, v.line FROM kube_services v JOIN sources s ON s.id = v.source_id ORDER BY v.id`,
    )
    .all() as (Located & {
      namespace: string | null; name: string; type: string; cluster_ips: string; ports: string; external_traffic_policy: string | null;
      l7_load_balancer: number;
    })[];
  const endpoints = db
    .prepare(
      `SELECT e.namespace, e.service, e.addresses, e.ports, s.name AS source, e.line
       FROM kube_endpoints e JOIN sources s ON s.id = e.source_id ORDER BY e.id`,
    )
    .all() as EndpointsRow[];
  const byFrontend = new Map<string, ServiceState>();
  for (const v of services) {
    const own = endpoints.filter((e) => e.service === v.name && (e.namespace === null || v.namespace === null || e.namespace === v.namespace));
    for (const ip of parse<string[]>(v.cluster_ips)) {
      for (const port of parse<KubeServicePort[]>(v.ports)) {
        const frontend = ip.includes(':') ? `[${ip}]:${port.port}` : `${ip}:${port.port}`;
        const backends = backendsOf(own, port);
        const policy = v.external_traffic_policy;
        const service: ServiceState = {
          id: null,
          frontend,
          type: v.type,
          backends: backends.addresses.map((address) => ({ address, state: null })),
          agent: null,
          node: null,
          name: v.namespace ? `${v.namespace}/${v.name}` : v.name,
          vip: ip,
          port: port.port,
          protocol: port.protocol,
          externalTrafficPolicy: policy === 'Local' || policy === 'Cluster' ? policy : null,
          l7LoadBalancer: v.l7_load_balancer === 1,
          evidence: [ev(v), ...backends.evidence],
        };
        byFrontend.set(`${frontend}/${port.protocol}`, service);
        // The node port answers on every node address, as `cilium service list` prints it (`0.0.0.0:31940`).
        if (port.nodePort !== null) {
          const anyNode = `0.0.0.0:${port.nodePort}`;
          byFrontend.set(`${anyNode}/${port.protocol}`, { ...service, frontend: anyNode, type: 'NodePort', vip: null, port: port.nodePort });
        }
      }
    }
  }
  return [...byFrontend.values()];
}

/** `quay.io/cilium/cilium:v1.15.10@sha256:…` → `1.15.10`; null for other images. */
export function ciliumImageVersion(image: string | null): string | null {
  if (!image || !/(?:^|\/)cilium(?:-dev)?:/.test(image)) return null;
  const m = /:v?(\d+\.\d+\.\d+[\w.-]*?)(?:@|$)/.exec(image);
  return m ? m[1]! : null;
}
