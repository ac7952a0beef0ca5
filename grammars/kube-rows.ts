/**
 * Rows of kubectl tables (`kubectl get pods|nodes|svc|endpoints|endpointslices|ciliumnodes|
 * ciliumendpoints|events [-o wide] [-A]`), cut by the header's column starts when the padding
 * survived, else fitted token by token to the columns' value shapes:
 *
 *   NAME                  READY   STATUS    RESTARTS      AGE   IP           NODE    NOMINATED NODE   READINESS GATES
 *   web-5d8f7c9b4-q2x7z   1/1     Running   2 (3h ago)    5d    10.42.1.17   wk-01   <none>           <none>
 *   wk-01 Ready <none> 30d v1.28.4 172.16.4.11 <none> Ubuntu 22.04.3 LTS 6.5.0-14-generic containerd://1.7.11
 */
import { columnShape, type KubeTableSpec } from '../src/knowledge/kube-tables.js';
import { isRedacted } from '../src/knowledge/terminal.js';
import { cellsAtStarts, columnStarts, fitTokens, type TableColumn } from '../src/knowledge/table-rows.js';
import type { KubeResource, KubernetesRecord, KubeServicePort } from '../src/types/kubernetes.js';

export interface OpenTable {
  resource: KubeResource;
  columns: TableColumn[];
  /** The header kept its padding: rows are cut at its column starts first. */
  aligned: boolean;
  /** The namespace the listing command named (`kubectl get svc -n shop`), for rows without a NAMESPACE column. */
  namespace: string | null;
}

export function openTable(spec: KubeTableSpec, header: string, namespace: string | null): OpenTable {
  const starts = columnStarts(header, spec.columns);
  const columns = spec.columns.map((name, i) => ({ name, shape: columnShape(spec.resource, name), start: starts?.[i] ?? -1 }));
  return { resource: spec.resource, columns, aligned: starts !== null, namespace };
}

/** A cell's value; null for kubectl's markers of no value and for a value the user hid. */
const none = (v: string | undefined): string | null =>
  v === undefined || v === '' || v === '<none>' || v === '<unset>' || isRedacted(v) ? null : v;
const list = (v: string | undefined, sep = ','): string[] => {
  const value = none(v);
  return value && value !== 'None' && value !== '<pending>' ? value.split(sep).filter((x) => x.length > 0) : [];
};
const leadingInt = (v: string | undefined): number | null => {
  const m = /^(\d+)/.exec(v ?? '');
  return m ? Number(m[1]) : null;
};

/** `80:30080/TCP,443/TCP` */
function servicePorts(v: string | undefined): KubeServicePort[] {
  return list(v).flatMap((p) => {
    const m = /^(\d+)(?::(\d+))?\/(\w+)$/.exec(p);
    return m ? [{ name: null, port: Number(m[1]), protocol: m[3]!, targetPort: null, nodePort: m[2] ? Number(m[2]) : null }] : [];
  });
}

/** `10.0.1.5:8080,10.0.2.9:8080 + 2 more...` (endpoints) or `10.0.1.5,10.0.2.9` (slices). */
function endpointAddresses(v: string | undefined): { ip: string; port: number | null }[] {
  const value = none(v)?.replace(/ \+ \d+ more\.\.\.$/, '');
  if (!value) return [];
  return value.split(',').map((a) => {
    const m = /^(.*):(\d+)$/.exec(a);
    return m && !a.includes('::') && a.split(':').length === 2 ? { ip: m[1]!, port: Number(m[2]) } : { ip: a, port: null };
  });
}

/** The record of one row, or null when the row does not fit the table's columns. */
export function tableRow(table: OpenTable, text: string): KubernetesRecord | null {
  const row = text.replace(/\s*\^C\s*$/, '').trimEnd();
  const cells =
    (table.aligned ? cellsAtStarts(row, table.columns) : null) ?? fitTokens(row.trim().split(/\s+/), table.columns, true);
  if (!cells) return null;
  const c: Record<string, string> = {};
  table.columns.forEach((col, i) => (c[col.name] = cells[i]!));
  const namespace = none(c['NAMESPACE']) ?? table.namespace;
  switch (table.resource) {
    case 'pods':
      return {
        kind: 'kube-pod', namespace, name: c['NAME']!, node: none(c['NODE']), ips: list(c['IP']), hostNetwork: null,
        phase: none(c['STATUS']), ready: none(c['READY']), restarts: leadingInt(c['RESTARTS']), containers: [], labels: {},
      };
    case 'nodes':
      return {
        kind: 'kube-node', object: 'node', name: c['NAME']!, status: none(c['STATUS']), internalIPs: list(c['INTERNAL-IP']),
        externalIPs: list(c['EXTERNAL-IP']), ciliumInternalIP: null, healthIP: null, podCIDRs: [],
        kernelVersion: none(c['KERNEL-VERSION']), osImage: none(c['OS-IMAGE']), containerRuntime: none(c['CONTAINER-RUNTIME']),
        kubeletVersion: none(c['VERSION']),
      };
    case 'ciliumnodes':
      return {
        kind: 'kube-node', object: 'ciliumnode', name: c['NAME']!, status: null, internalIPs: list(c['INTERNALIP']),
        externalIPs: [], ciliumInternalIP: none(c['CILIUMINTERNALIP']), healthIP: null, podCIDRs: [], kernelVersion: null,
        osImage: null, containerRuntime: null, kubeletVersion: null,
      };
    case 'services':
      return {
        kind: 'kube-service', namespace, name: c['NAME']!, type: c['TYPE']!, clusterIPs: list(c['CLUSTER-IP']),
        externalIPs: list(c['EXTERNAL-IP']), ports: servicePorts(c['PORT(S)']), externalTrafficPolicy: null, l7LoadBalancer: false,
      };
    case 'endpoints':
    case 'endpointslices': {
      const addresses = endpointAddresses(c['ENDPOINTS']);
      const ports =
        table.resource === 'endpoints'
          ? [...new Set(addresses.flatMap((a) => (a.port !== null ? [a.port] : [])))].map((port) => ({ name: null, port, protocol: 'TCP' }))
          : list(c['PORTS']).flatMap((p) => (/^\d+$/.test(p) ? [{ name: null, port: Number(p), protocol: 'TCP' }] : []));
      // A slice is named after its service plus a generated suffix.
      const service = table.resource === 'endpointslices' ? c['NAME']!.replace(/-[a-z0-9]{5}$/, '') : c['NAME']!;
      return {
        kind: 'kube-endpoints', namespace, service,
        addresses: [...new Map(addresses.map((a) => [a.ip, { ip: a.ip, node: null, pod: null, ready: true }])).values()], ports,
      };
    }
    case 'ciliumendpoints':
      return {
        kind: 'kube-cilium-endpoint', namespace, name: c['NAME']!, endpointId: leadingInt(c['ENDPOINT ID']),
        identity: leadingInt(c['SECURITY IDENTITY'] || c['IDENTITY ID']), state: none(c['ENDPOINT STATE']),
        ipv4: none(c['IPV4']), ipv6: none(c['IPV6']), node: null,
      };
    case 'events': {
      const count = /\(x(\d+) over/.exec(c['LAST SEEN'] ?? '') ?? null;
      return {
        kind: 'kube-event', namespace, object: none(c['OBJECT']) ?? (c['KIND'] && c['NAME'] ? `${c['KIND']}/${c['NAME']}` : null),
        type: none(c['TYPE']), reason: none(c['REASON']),
        message: c['MESSAGE'] ?? '', count: count ? Number(count[1]) : c['COUNT'] ? Number(c['COUNT']) : null,
      };
    }
  }
}
