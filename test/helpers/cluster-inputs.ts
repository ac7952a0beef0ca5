/**
 * Inputs of a small composed cluster for rule and flow tests, written the way users paste them:
 * agent start-up logs with their flag dump, `cilium node list`, `cilium endpoint list`,
 * `kubectl get pods -o wide`. Names and addresses are this suite's own.
 */
import { lines } from './rule-tester.js';

export interface NodeSpec {
  name: string;
  ip: string;
  /** PodCIDR, e.g. `10.42.1.0/24`. */
  cidr: string;
  /** The agent pod on it. */
  agent: string;
}

export const NODE_A: NodeSpec = { name: 'edge-a', ip: '172.30.4.21', cidr: '10.42.1.0/24', agent: 'cilium-ea91z' };
export const NODE_B: NodeSpec = { name: 'edge-b', ip: '172.30.4.22', cidr: '10.42.2.0/24', agent: 'cilium-eb44k' };

/** An agent's start-up log: its flag dump (`name: value`), banner, own node and the end of initialisation. */
export function agentLog(node: NodeSpec, version: string, flags: Record<string, string>, extra: string[] = []): string {
  return lines(
    `$ kubectl -n kube-system logs ${node.agent}`,
    ...Object.entries(flags).map(([k, v]) => `level=info msg="  --${k}='${v}'" subsys=daemon`),
    `level=info msg="Cilium ${version} 5c1a2e7b 2025-01-20T10:04:11+00:00 go version go1.22.10 linux/amd64" subsys=daemon`,
    `level=info msg="Received own node information from API server" ipAddr.ipv4=${node.ip} ipAddr.ipv6="<nil>" k8sNodeIP=${node.ip} labels="map[]" nodeName=${node.name} subsys=k8s v4Prefix=${node.cidr} v6Prefix="<nil>"`,
    ...extra,
    'level=info msg="Daemon initialization completed" bootstrapTime=4.9s subsys=daemon',
  );
}

/** `cilium node list` as the agent of the first node prints it. */
export function nodeList(...nodes: NodeSpec[]): string {
  return lines(
    `$ kubectl -n kube-system exec ${nodes[0]!.agent} -- cilium node list`,
    'Name     IPv4 Address    Endpoint CIDR   IPv6 Address   Endpoint CIDR',
    ...nodes.map((n) => `${n.name}   ${n.ip}   ${n.cidr}`),
  );
}

/** `cilium endpoint list` of one agent: `[id, identity, ipv4, app]` rows. */
export function endpointList(node: NodeSpec, rows: [number, number, string, string][]): string {
  return lines(
    `$ kubectl -n kube-system exec ${node.agent} -- cilium endpoint list`,
    'ENDPOINT   POLICY (ingress)   POLICY (egress)   IDENTITY   LABELS (source:key[=value])   IPv6   IPv4        STATUS',
    '           ENFORCEMENT        ENFORCEMENT',
    ...rows.map(([id, identity, ip, app]) => `${id}       Disabled           Disabled          ${identity}      k8s:app=${app}                       ${ip}   ready`),
  );
}

/** Flag dumps of common datapaths. */
export const NATIVE_BPF: Record<string, string> = {
  'routing-mode': 'native',
  'ipv4-native-routing-cidr': '10.42.0.0/16',
  'kube-proxy-replacement': 'true',
  'enable-bpf-masquerade': 'true',
  'enable-ipv4-masquerade': 'true',
  'enable-host-legacy-routing': 'false',
  'enable-endpoint-routes': 'false',
  'auto-direct-node-routes': 'true',
  'monitor-aggregation': 'none',
};

export const TUNNEL_VXLAN: Record<string, string> = {
  'routing-mode': 'tunnel',
  'tunnel-protocol': 'vxlan',
  'kube-proxy-replacement': 'true',
  'enable-bpf-masquerade': 'true',
  'enable-ipv4-masquerade': 'true',
  'enable-host-legacy-routing': 'false',
  'enable-endpoint-routes': 'false',
  'monitor-aggregation': 'none',
};
