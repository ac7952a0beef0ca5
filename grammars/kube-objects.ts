/**
 * Kubernetes objects (`kubectl get … -o yaml|json`, sysdump `k8s-*.yaml`) and Helm values documents,
 * once parsed, turned into records: Pods, Nodes, CiliumNodes, Services, Endpoints, EndpointSlices,
 * CiliumEndpoints, Events, the `cilium-config` ConfigMap, and values.yaml. `at(path)` gives the line
 * a field was printed on (the object's `metadata.name`, a ConfigMap key).
 */
import { isConfigKey } from '../src/knowledge/config-keys.js';
import { HELM_TOP_LEVEL_KEYS } from '../src/knowledge/helm-values.js';
import type {
  KubeContainer,
  KubernetesRecord,
  KubeServicePort,
  LineRef,
} from '../src/types/kubernetes.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
export type LineOf = (path: readonly (string | number)[]) => LineRef;

const obj = (v: Json | undefined): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const arr = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const str = (v: Json | undefined): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);
const num = (v: Json | undefined): number | null => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
const strings = (v: Json | undefined): string[] => arr(v).flatMap((x) => (typeof x === 'string' ? [x] : []));
const labels = (v: Json | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).flatMap(([k, x]) => (str(x) !== null ? [[k, str(x)!]] : [])));

/** A scalar as the ConfigMap / Helm would print it; lists as Helm's `{a,b}` literal. */
function scalar(v: Json): string | null {
  if (Array.isArray(v)) return `{${v.map((x) => str(x) ?? '').join(',')}}`;
  return str(v);
}

function containerStatus(status: Obj): Pick<KubeContainer, 'state' | 'reason' | 'lastState'> {
  const stateOf = (s: Obj): [string | null, Obj] => {
    const key = Object.keys(s)[0];
    return key ? [key.charAt(0).toUpperCase() + key.slice(1), obj(s[key])] : [null, {}];
  };
  const [state, detail] = stateOf(obj(status['state']));
  const [last, lastDetail] = stateOf(obj(status['lastState']));
  return {
    state,
    reason: str(detail['reason']),
    lastState: last
      ? { reason: str(lastDetail['reason']), exitCode: num(lastDetail['exitCode']), finishedAt: str(lastDetail['finishedAt']) }
      : null,
  };
}

function pod(o: Obj, meta: Obj): KubernetesRecord {
  const spec = obj(o['spec']);
  const status = obj(o['status']);
  const statuses = new Map(arr(status['containerStatuses']).map((s) => [str(obj(s)['name']) ?? '', obj(s)]));
  const containers: KubeContainer[] = arr(spec['containers']).map((c) => {
    const name = str(obj(c)['name']) ?? '';
    const s = statuses.get(name) ?? {};
    return {
      name,
      image: str(s['image']) ?? str(obj(c)['image']),
      ready: typeof s['ready'] === 'boolean' ? s['ready'] : null,
      restarts: num(s['restartCount']),
      ...containerStatus(s),
    };
  });
  const ips = strings(arr(status['podIPs']).map((p) => obj(p)['ip'] ?? null));
  const restarts = containers.reduce<number | null>((sum, c) => (c.restarts === null ? sum : (sum ?? 0) + c.restarts), null);
  return {
    kind: 'kube-pod',
    namespace: str(meta['namespace']),
    name: str(meta['name'])!,
    node: str(spec['nodeName']),
    ips: ips.length > 0 ? ips : strings([status['podIP'] ?? null]),
    hostNetwork: typeof spec['hostNetwork'] === 'boolean' ? spec['hostNetwork'] : null,
    phase: str(status['phase']),
    ready: null,
    restarts,
    containers,
    labels: labels(meta['labels']),
  };
}

function node(o: Obj, meta: Obj): KubernetesRecord {
  const spec = obj(o['spec']);
  const status = obj(o['status']);
  const addresses = arr(status['addresses']).map(obj);
  const of = (type: string) => addresses.filter((a) => a['type'] === type).flatMap((a) => strings([a['address'] ?? null]));
  const info = obj(status['nodeInfo']);
  const ready = arr(status['conditions']).map(obj).find((c) => c['type'] === 'Ready');
  return {
    kind: 'kube-node',
    object: 'node',
    name: str(meta['name'])!,
    status: ready ? (ready['status'] === 'True' ? 'Ready' : 'NotReady') : null,
    internalIPs: of('InternalIP'),
    externalIPs: of('ExternalIP'),
    ciliumInternalIP: null,
    healthIP: null,
    podCIDRs: strings(spec['podCIDRs']).length > 0 ? strings(spec['podCIDRs']) : strings([spec['podCIDR'] ?? null]),
    kernelVersion: str(info['kernelVersion']),
    osImage: str(info['osImage']),
    containerRuntime: str(info['containerRuntimeVersion']),
    kubeletVersion: str(info['kubeletVersion']),
  };
}

function ciliumNode(o: Obj, meta: Obj): KubernetesRecord {
  const spec = obj(o['spec']);
  const addresses = arr(spec['addresses']).map(obj);
  const of = (type: string) => addresses.filter((a) => a['type'] === type).flatMap((a) => strings([a['ip'] ?? null]));
  return {
    kind: 'kube-node',
    object: 'ciliumnode',
    name: str(meta['name'])!,
    status: null,
    internalIPs: of('InternalIP'),
    externalIPs: of('ExternalIP'),
    ciliumInternalIP: of('CiliumInternalIP')[0] ?? null,
    healthIP: str(obj(spec['health'])['ipv4']),
    podCIDRs: strings(obj(spec['ipam'])['podCIDRs']),
    kernelVersion: null,
    osImage: null,
    containerRuntime: null,
    kubeletVersion: null,
  };
}

function service(o: Obj, meta: Obj): KubernetesRecord {
  const spec = obj(o['spec']);
  const ports: KubeServicePort[] = arr(spec['ports']).map(obj).flatMap((p) => {
    const port = num(p['port']);
    return port === null
      ? []
      : [{ name: str(p['name']), port, protocol: str(p['protocol']) ?? 'TCP', targetPort: str(p['targetPort']), nodePort: num(p['nodePort']) }];
  });
  const clusterIPs = strings(spec['clusterIPs']).length > 0 ? strings(spec['clusterIPs']) : strings([spec['clusterIP'] ?? null]);
  const policy = str(spec['externalTrafficPolicy']);
  return {
    kind: 'kube-service',
    namespace: str(meta['namespace']),
    name: str(meta['name'])!,
    type: str(spec['type']) ?? 'ClusterIP',
    clusterIPs: clusterIPs.filter((ip) => ip !== 'None'),
    externalIPs: strings(spec['externalIPs']),
    ports,
    externalTrafficPolicy: policy === 'Local' || policy === 'Cluster' ? policy : null,
    l7LoadBalancer: str(obj(meta['annotations'])['service.cilium.io/lb-l7']) === 'enabled',
  };
}

function ports(v: Json | undefined): { name: string | null; port: number; protocol: string }[] {
  return arr(v).map(obj).flatMap((p) => {
    const port = num(p['port']);
    return port === null ? [] : [{ name: str(p['name']), port, protocol: str(p['protocol']) ?? 'TCP' }];
  });
}

function endpoints(o: Obj, meta: Obj): KubernetesRecord[] {
  return arr(o['subsets']).map(obj).map((subset) => {
    const address = (ready: boolean) => (a: Json) => {
      const x = obj(a);
      return { ip: str(x['ip']) ?? '', node: str(x['nodeName']), pod: str(obj(x['targetRef'])['name']), ready };
    };
    return {
      kind: 'kube-endpoints' as const,
      namespace: str(meta['namespace']),
      service: str(meta['name'])!,
      addresses: [...arr(subset['addresses']).map(address(true)), ...arr(subset['notReadyAddresses']).map(address(false))],
      ports: ports(subset['ports']),
    };
  });
}

function endpointSlice(o: Obj, meta: Obj): KubernetesRecord {
  const service = str(labels(meta['labels'])['kubernetes.io/service-name'] ?? null) ?? (str(meta['name']) ?? '').replace(/-[a-z0-9]{5}$/, '');
  return {
    kind: 'kube-endpoints',
    namespace: str(meta['namespace']),
    service,
    addresses: arr(o['endpoints']).map(obj).flatMap((e) => {
      const ready = obj(e['conditions'])['ready'] !== false;
      return strings(e['addresses']).map((ip) => ({ ip, node: str(e['nodeName']), pod: str(obj(e['targetRef'])['name']), ready }));
    }),
    ports: ports(o['ports']),
  };
}

function ciliumEndpoint(o: Obj, meta: Obj): KubernetesRecord {
  const status = obj(o['status']);
  const networking = obj(status['networking']);
  const addressing = arr(networking['addressing']).map(obj)[0] ?? {};
  return {
    kind: 'kube-cilium-endpoint',
    namespace: str(meta['namespace']),
    name: str(meta['name'])!,
    endpointId: num(status['id']),
    identity: num(obj(status['identity'])['id']),
    state: str(status['state']),
    ipv4: str(addressing['ipv4']),
    ipv6: str(addressing['ipv6']),
    node: str(networking['node']),
  };
}

function event(o: Obj, meta: Obj): KubernetesRecord {
  const involved = obj(o['involvedObject'] ?? o['regarding']);
  const kind = str(involved['kind']);
  const name = str(involved['name']);
  return {
    kind: 'kube-event',
    namespace: str(meta['namespace']),
    object: kind && name ? `${kind}/${name}` : null,
    type: str(o['type']),
    reason: str(o['reason']),
    message: str(o['message'] ?? o['note']) ?? '',
    count: num(o['count']) ?? num(obj(o['series'])['count']),
  };
}

const OBJECTS: Readonly<Record<string, (o: Obj, meta: Obj) => KubernetesRecord | KubernetesRecord[]>> = {
  Pod: pod,
  Node: node,
  CiliumNode: ciliumNode,
  Service: service,
  Endpoints: endpoints,
  EndpointSlice: endpointSlice,
  CiliumEndpoint: ciliumEndpoint,
  Event: event,
};

/** `data:` of the cilium-config ConfigMap (or of a pasted `data:` block): one value per key. */
function configMapData(data: Obj, path: (string | number)[], at: LineOf): KubernetesRecord[] {
  return Object.entries(data).flatMap(([key, v]) => {
    const value = scalar(v);
    if (value === null) return [];
    return [{ kind: 'config-value', origin: 'configmap', flag: key, value, helmKey: null, chartVersion: null, at: at([...path, key]) }];
  });
}

/** Helm values: every leaf under its dotted path (state maps the paths to flags). */
function helmValues(values: Obj, path: string[], at: LineOf): KubernetesRecord[] {
  return Object.entries(values).flatMap(([key, v]): KubernetesRecord[] => {
    const here = [...path, key];
    if (v && typeof v === 'object' && !Array.isArray(v)) return helmValues(v, here, at);
    const value = scalar(v);
    if (value === null) return [];
    return [{ kind: 'config-value', origin: 'helm', flag: null, value, helmKey: here.join('.'), chartVersion: null, at: at(here) }];
  });
}

const isConfigMapName = (name: string | null) => name === null || name === 'cilium-config';

/**
 * The records of one parsed document: a Kubernetes object or List, a bare `data:` block, or Helm
 * values. `path` is where the document sits (a List's `items.N`).
 */
export function documentRecords(doc: Json, at: LineOf, path: (string | number)[] = []): KubernetesRecord[] {
  const o = obj(doc);
  const kind = str(o['kind']);
  const meta = obj(o['metadata']);
  if (kind && /List$/.test(kind) && Array.isArray(o['items'])) {
    return o['items'].flatMap((item, i) => documentRecords(item, at, [...path, 'items', i]));
  }
  if (kind === 'ConfigMap') return isConfigMapName(str(meta['name'])) ? configMapData(obj(o['data']), [...path, 'data'], at) : [];
  if (kind) {
    const build = OBJECTS[kind];
    if (!build || str(meta['name']) === null) return [];
    const line = at([...path, 'metadata', 'name']);
    return ([] as KubernetesRecord[]).concat(build(o, meta)).map((r) => ({ ...r, at: line }));
  }
  if (o['data'] && typeof o['data'] === 'object') return configMapData(obj(o['data']), [...path, 'data'], at);
  const keys = Object.keys(o);
  if (keys.some((k) => HELM_TOP_LEVEL_KEYS.has(k) && !isConfigKey(k)) || keys.some((k) => o[k] !== null && typeof o[k] === 'object')) {
    return helmValues(o, [], at);
  }
  return configMapData(o, path, at);
}
