import {
  ADDING_LOCAL_NODE,
  ANNOTATING_NODE,
  OWN_NODE_RECEIVED,
  REMOTE_NODE_UPDATED,
  ROUTER_IP_MESSAGES,
} from '../knowledge/agent-messages.js';
import type { Evidence } from '../types/evidence.js';
import type { AgentState, NodeState } from '../types/state.js';
import { evidenceOf, stringField, type LogFacts } from './log-facts.js';

class NodeBuilder {
  readonly nodes = new Map<string, NodeState>();
  /** The lines each node cites, so that two messages on one line cite it once. */
  private readonly cited = new Map<NodeState, Set<string>>();

  get(name: string): NodeState {
    let n = this.nodes.get(name);
    if (!n) {
      n = { name, internalIPs: [], ciliumInternalIP: null, healthIP: null, podCIDRs: [], evidence: [] };
      this.nodes.set(name, n);
      this.cited.set(n, new Set());
    }
    return n;
  }

  cite(node: NodeState, ev: Evidence): void {
    const key = `${ev.source}\u0000${ev.line}`;
    const cited = this.cited.get(node)!;
    if (cited.has(key)) return;
    cited.add(key);
    node.evidence.push(ev);
  }
}

function addUnique(list: string[], value: string | null): void {
  if (value && !list.includes(value)) list.push(value);
}

/** `{prod-fe-k8s-wn1 default [{InternalIP 10.1.16.221} {CiliumInternalIP 172.21.9.225}] 172.21.9.0/24 …}` */
function addressesOfNodeStruct(text: string): { type: string; ip: string }[] {
  return [...text.matchAll(/\{(InternalIP|ExternalIP|CiliumInternalIP) ([0-9a-fA-F.:]+)\}/g)].map((m) => ({
    type: m[1]!,
    ip: m[2]!,
  }));
}

/** The local node of one agent, from every start-up message that describes it (agent-log.md §8.2, §8.3). */
function addLocalNode(b: NodeBuilder, logs: LogFacts, agent: AgentState): void {
  if (!agent.node) return;
  const node = b.get(agent.node.value);
  for (const e of agent.node.evidence) b.cite(node, e);
  const key = agent.key;
  for (const r of logs.withMessage(key, OWN_NODE_RECEIVED)) {
    addUnique(node.internalIPs, stringField(r, 'ipAddr.ipv4', 'ipv4', 'k8sNodeIP'));
    addUnique(node.podCIDRs, stringField(r, 'v4Prefix'));
    addUnique(node.podCIDRs, stringField(r, 'v6Prefix'));
    b.cite(node, evidenceOf(r));
  }
  for (const r of logs.withMessage(key, ...ROUTER_IP_MESSAGES)) {
    const ip = stringField(r, 'ipv4');
    if (ip) {
      node.ciliumInternalIP = ip;
      b.cite(node, evidenceOf(r));
    }
  }
  for (const r of logs.withMessage(key, ANNOTATING_NODE)) {
    node.ciliumInternalIP = stringField(r, 'v4CiliumHostIP.IPv4') ?? node.ciliumInternalIP;
    node.healthIP = stringField(r, 'v4healthIP.IPv4') ?? node.healthIP;
    if (node.healthIP) node.healthIPBy = 'node';
    addUnique(node.podCIDRs, stringField(r, 'v4Prefix'));
    b.cite(node, evidenceOf(r));
  }
  for (const r of logs.withMessage(key, ADDING_LOCAL_NODE)) {
    const text = stringField(r, 'node') ?? '';
    for (const a of addressesOfNodeStruct(text)) {
      if (a.type === 'InternalIP') addUnique(node.internalIPs, a.ip);
      if (a.type === 'CiliumInternalIP') node.ciliumInternalIP = a.ip;
    }
    b.cite(node, evidenceOf(r));
  }
  for (const r of logs.addressingBlock(key)) {
    if (r.key === 'External-Node IPv4' && r.value !== '<nil>') addUnique(node.internalIPs, r.value);
    else if (r.key === 'Internal-Node IPv4' && r.value !== '<nil>') node.ciliumInternalIP = r.value;
    else if (r.key === 'IPv4 allocation prefix' || r.key === 'IPv6 allocation prefix') addUnique(node.podCIDRs, r.value);
    else continue;
    b.cite(node, evidenceOf(r));
  }
}

/** Nodes the agents' logs describe: their own node in detail, remote nodes by name. */
export function buildNodesFromLog(logs: LogFacts, agents: AgentState[]): NodeState[] {
  const b = new NodeBuilder();
  for (const agent of agents) addLocalNode(b, logs, agent);
  // An agent logs "Node updated" for every peer, over and over: its first line about each peer is cited.
  for (const agent of agents) {
    const named = new Set<string>();
    for (const r of logs.eachWithMessage(agent.key, REMOTE_NODE_UPDATED)) {
      const name = stringField(r, 'nodeName');
      if (!name || named.has(name)) continue;
      named.add(name);
      b.cite(b.get(name), evidenceOf(r));
    }
  }
  return [...b.nodes.values()].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}
