/**
 * `kubectl describe pod` and `kubectl describe node` (k8s.io/kubectl pkg/describe: describePod,
 * describeContainers, describeNode, DescribeEvents); a description of another kind yields its events. Top-level `Label:  value` lines, containers at two spaces, their fields at four,
 * state details at six, and the Events table:
 *
 *   Name:             cilium-q4z8m
 *   Node:             wk-02/172.16.4.12
 *   Containers:
 *     cilium-agent:
 *       Image:          quay.io/cilium/cilium:v1.13.9@sha256:…
 *       State:          Waiting
 *         Reason:       CrashLoopBackOff
 *       Last State:     Terminated
 *         Reason:       OOMKilled
 *         Exit Code:    137
 *       Restart Count:  7
 *   Events:
 *     Type     Reason   Age                 From     Message
 *     Warning  BackOff  2m (x31 over 12m)   kubelet  Back-off restarting failed container
 */
import type { KubeContainer, KubeEventRecord, KubeNode, KubePod, LineRef } from '../src/types/kubernetes.js';

const TOP_LABEL = /^([A-Z][A-Za-z -]*?):(?:\s+(.*?))?\s*$/;
const INDENTED_LABEL = /^(\s+)([A-Z][A-Za-z ]*?):(?:\s+(.*?))?\s*$/;
const EVENTS_HEADER = /^\s+Type\s+Reason\s+Age\s+From\s+Message\s*$/;
const EVENT_ROW = /^\s+(Normal|Warning)\s+(\S+)\s+(\S+(?: \(x(\d+) over \S+\))?)\s+(\S+(?:, \S+)*)\s+(.*?)\s*$/;

type Section = 'pod' | 'containers' | 'init' | 'events' | 'addresses' | 'system' | 'other';

/** Top-level labels only a pod's / a node's description prints. */
const POD_LABELS = new Set(['Containers', 'Init Containers', 'Node', 'Controlled By', 'QoS Class']);
const NODE_LABELS = new Set(['Roles', 'Taints', 'Addresses', 'System Info', 'PodCIDR', 'PodCIDRs', 'Allocatable']);

/** Reads one describe output; `line()` answers whether it took the line, `finish()` gives the object. */
export class Description {
  private readonly pod: KubePod;
  private readonly node: KubeNode;
  private kind: 'pod' | 'node' | null = null;
  private section: Section = 'pod';
  private container: KubeContainer | null = null;
  /** Which state the six-space detail lines belong to. */
  private stateOf: 'state' | 'last' | null = null;
  private readonly events: KubeEventRecord[] = [];

  constructor(name: string, private readonly at: LineRef) {
    this.pod = {
      kind: 'kube-pod', namespace: null, name, node: null, ips: [], hostNetwork: null, phase: null, ready: null,
      restarts: null, containers: [], labels: {}, at,
    };
    this.node = {
      kind: 'kube-node', object: 'node', name, status: null, internalIPs: [], externalIPs: [], ciliumInternalIP: null, healthIP: null,
      podCIDRs: [], kernelVersion: null, osImage: null, containerRuntime: null, kubeletVersion: null, at,
    };
  }

  /** Events rows read so far (emitted as they come). */
  takeEvents(): KubeEventRecord[] {
    return this.events.splice(0);
  }

  /** Takes a line of the description; false when the line is not part of it. */
  line(text: string): boolean {
    const top = TOP_LABEL.exec(text);
    if (top) {
      this.topLabel(top[1]!, top[2] ?? '');
      return true;
    }
    if (!/^\s/.test(text)) return false;
    if (this.section === 'events') return this.eventLine(text);
    if (this.section === 'containers' || this.section === 'init') this.containerLine(text);
    else if (this.section === 'addresses' || this.section === 'system') this.nodeLine(text);
    else if (this.section === 'pod') {
      // `Labels:` continuation (`                  k8s-app=cilium`) and the `IPs:` list.
      const label = /^\s+([\w./-]+)=(\S*)\s*$/.exec(text);
      if (label) this.pod.labels[label[1]!] = label[2]!;
      const ip = /^\s+IP:\s+(\S+)\s*$/.exec(text);
      if (ip && !this.pod.ips.includes(ip[1]!)) this.pod.ips.push(ip[1]!);
    }
    return true;
  }

  private topLabel(label: string, value: string): void {
    this.container = null;
    if (POD_LABELS.has(label)) this.kind ??= 'pod';
    else if (NODE_LABELS.has(label)) this.kind ??= 'node';
    switch (label) {
      case 'PodCIDR':
      case 'PodCIDRs':
        for (const cidr of value.split(',')) if (cidr && !this.node.podCIDRs.includes(cidr)) this.node.podCIDRs.push(cidr);
        break;
      case 'Namespace':
        this.pod.namespace = value || null;
        break;
      case 'Node': {
        const node = value.split('/')[0];
        this.pod.node = node && node !== '<none>' ? node : null;
        break;
      }
      case 'Status':
        this.pod.phase = value || null;
        break;
      case 'IP':
        if (value && !this.pod.ips.includes(value)) this.pod.ips.push(value);
        break;
      case 'Labels': {
        const m = /^([\w./-]+)=(\S*)$/.exec(value);
        if (m) this.pod.labels[m[1]!] = m[2]!;
        break;
      }
    }
    const sections: Record<string, Section> = {
      Containers: 'containers', 'Init Containers': 'init', Events: 'events', Labels: 'pod', IPs: 'pod', Addresses: 'addresses', 'System Info': 'system',
    };
    this.section = sections[label] ?? 'other';
  }

  /** `  InternalIP:  10.0.0.4` under Addresses, `  Kernel Version:  6.1.0` under System Info. */
  private nodeLine(text: string): void {
    const m = INDENTED_LABEL.exec(text);
    if (!m) return;
    const value = m[3] ?? '';
    const n = this.node;
    if (m[2] === 'InternalIP' && value && !n.internalIPs.includes(value)) n.internalIPs.push(value);
    else if (m[2] === 'ExternalIP' && value && !n.externalIPs.includes(value)) n.externalIPs.push(value);
    else if (m[2] === 'Kernel Version') n.kernelVersion = value || null;
    else if (m[2] === 'OS Image') n.osImage = value || null;
    else if (m[2] === 'Container Runtime Version') n.containerRuntime = value || null;
    else if (m[2] === 'Kubelet Version') n.kubeletVersion = value || null;
  }

  private containerLine(text: string): void {
    const m = INDENTED_LABEL.exec(text);
    const name = /^ {2}([a-z0-9][a-z0-9.-]*):\s*$/.exec(text);
    if (name) {
      this.container = { name: name[1]!, image: null, ready: null, restarts: null, state: null, reason: null, lastState: null };
      if (this.section === 'containers') this.pod.containers.push(this.container);
      this.stateOf = null;
      return;
    }
    const c = this.container;
    if (!m || !c) return;
    const [, indent, label, value = ''] = m as unknown as [string, string, string, string?];
    if (indent.length <= 4) {
      this.stateOf = null;
      if (label === 'Image') c.image = value || null;
      else if (label === 'Ready') c.ready = value === 'True';
      else if (label === 'Restart Count') c.restarts = /^\d+$/.test(value) ? Number(value) : null;
      else if (label === 'State') {
        c.state = value || null;
        this.stateOf = 'state';
      } else if (label === 'Last State') {
        c.lastState = { reason: null, exitCode: null, finishedAt: null };
        this.stateOf = 'last';
      }
      return;
    }
    if (this.stateOf === 'state' && label === 'Reason') c.reason = value;
    if (this.stateOf === 'last' && c.lastState) {
      if (label === 'Reason') c.lastState.reason = value;
      else if (label === 'Exit Code') c.lastState.exitCode = /^-?\d+$/.test(value) ? Number(value) : null;
      else if (label === 'Finished') c.lastState.finishedAt = value;
    }
  }

  private eventLine(text: string): boolean {
    if (EVENTS_HEADER.test(text) || /^\s+-{4}\s+-{6}/.test(text)) return true;
    const m = EVENT_ROW.exec(text);
    if (!m) return false;
    this.events.push({
      kind: 'kube-event',
      namespace: this.pod.namespace,
      object: this.kind === 'node' ? `Node/${this.pod.name}` : this.kind === 'pod' ? `Pod/${this.pod.name}` : this.pod.name,
      type: m[1]!,
      reason: m[2]!,
      message: m[6]!,
      count: m[4] ? Number(m[4]) : null,
    });
    return true;
  }

  /** The described pod or node; null for a description of another kind. */
  finish(): KubePod | KubeNode | null {
    if (this.kind === 'node') return this.node;
    if (this.kind !== 'pod') return null;
    const restarts = this.pod.containers.reduce<number | null>((s, c) => (c.restarts === null ? s : (s ?? 0) + c.restarts), null);
    return { ...this.pod, restarts, at: this.at };
  }
}
