/**
 * Records of the Kubernetes family: kubectl tables, `kubectl describe pod`, `-o yaml` / `-o json`
 * objects and Lists, and the requested Cilium configuration (the `cilium-config` ConfigMap, `cilium
 * config view`, Helm `--set` and values.yaml). A record read from a buffered YAML/JSON document carries
 * `at`, the line its fact was printed on, because it is emitted when the document ends.
 */
import type { ContainerState, KubeEvent } from './state.js';

/** The line a record's fact was printed on, when it is not the line being fed. */
export interface LineRef {
  line: number;
  segment: number;
  text: string;
}

export type KubeResource =
  | 'pods'
  | 'nodes'
  | 'services'
  | 'endpoints'
  | 'endpointslices'
  | 'ciliumnodes'
  | 'ciliumendpoints'
  | 'events';

/** A kubectl table header: which resource the rows below list. */
export interface KubeTableHeader {
  kind: 'kube-table';
  resource: KubeResource;
  columns: string[];
  at?: LineRef;
}

/** A container as a pod record prints it (state adds the lines it was read from). */
export type KubeContainer = Omit<ContainerState, 'evidence'>;

export interface KubePod {
  kind: 'kube-pod';
  namespace: string | null;
  name: string;
  node: string | null;
  ips: string[];
  hostNetwork: boolean | null;
  /** The phase, or the STATUS column of `kubectl get pods` (CrashLoopBackOff, Init:0/1…). */
  phase: string | null;
  /** READY column (`1/1`). */
  ready: string | null;
  restarts: number | null;
  containers: KubeContainer[];
  labels: Record<string, string>;
  at?: LineRef;
}

export interface KubeNode {
  kind: 'kube-node';
  /** `node` for a Kubernetes Node, `ciliumnode` for a CiliumNode. */
  object: 'node' | 'ciliumnode';
  name: string;
  status: string | null;
  internalIPs: string[];
  externalIPs: string[];
  ciliumInternalIP: string | null;
  healthIP: string | null;
  podCIDRs: string[];
  kernelVersion: string | null;
  osImage: string | null;
  containerRuntime: string | null;
  kubeletVersion: string | null;
  at?: LineRef;
}

export interface KubeServicePort {
  name: string | null;
  port: number;
  protocol: string;
  targetPort: string | null;
  nodePort: number | null;
}

export interface KubeService {
  kind: 'kube-service';
  namespace: string | null;
  name: string;
  type: string;
  clusterIPs: string[];
  externalIPs: string[];
  ports: KubeServicePort[];
  externalTrafficPolicy: 'Cluster' | 'Local' | null;
  /** `service.cilium.io/lb-l7: enabled`. */
  l7LoadBalancer: boolean;
  at?: LineRef;
}

/** Endpoints or an EndpointSlice of a service: its backends. */
export interface KubeEndpoints {
  kind: 'kube-endpoints';
  namespace: string | null;
  /** The service name (Endpoints name, or the slice's `kubernetes.io/service-name` label). */
  service: string;
  addresses: { ip: string; node: string | null; pod: string | null; ready: boolean }[];
  ports: { name: string | null; port: number; protocol: string }[];
  at?: LineRef;
}

export interface KubeCiliumEndpoint {
  kind: 'kube-cilium-endpoint';
  namespace: string | null;
  name: string;
  endpointId: number | null;
  identity: number | null;
  state: string | null;
  ipv4: string | null;
  ipv6: string | null;
  node: string | null;
  at?: LineRef;
}

/** A Kubernetes event (`kubectl get events`, an Event object, a `describe` Events row). */
export interface KubeEventRecord extends Omit<KubeEvent, 'evidence'> {
  kind: 'kube-event';
  at?: LineRef;
}

export type ConfigOrigin = 'configmap' | 'helm';

/** One requested configuration value: a ConfigMap key, or a Helm value mapped to its flag. */
export interface ConfigValue {
  kind: 'config-value';
  origin: ConfigOrigin;
  /** The agent flag name (ConfigMap key); null for a Helm value the table does not map to a flag. */
  flag: string | null;
  value: string;
  /** The Helm value path as given (`bpf.masquerade`), for Helm values. */
  helmKey: string | null;
  /** The chart release of a Helm command (`--version 1.10.6`), when given. */
  chartVersion: string | null;
  at?: LineRef;
}

export type KubernetesRecord =
  | KubeTableHeader
  | KubePod
  | KubeNode
  | KubeService
  | KubeEndpoints
  | KubeCiliumEndpoint
  | KubeEventRecord
  | ConfigValue;

export type KubernetesRecordKind = KubernetesRecord['kind'];
