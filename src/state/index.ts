/**
 * Builds the cluster state from a loaded case database: the one view the model, rules and report
 * read. Every table is read once here; nothing downstream goes back to the database.
 */
import type { CaseDb } from '../store/db.js';
import type { AgentState, ClusterState, EndpointState, HealthReport, NodeState, PodState } from '../types/state.js';
import { EFFECTIVE_KEYS } from '../types/state.js';
import { placeAgents } from './agent-placement.js';
import { agentKeys, buildAgentFromLog } from './agents.js';
import { readClusterConfig } from './cluster-config.js';
import { readCliClusterMesh } from './cli-clustermesh.js';
import { readCliStatus } from './cli-status.js';
import { readHealthReports } from './health.js';
import { nativeDeviceMtu, nodesOfHostDumps, readLinks, readNeighbours, readRoutes, tunnelFromHostDumps } from './host.js';
import { readKubeEvents, readKubeNodes, readKubeServices, readPods } from './kubernetes.js';
import { readEndpoints, readIdentities, readServices, readStatusNodes } from './listings.js';
import { LogFacts } from './log-facts.js';
import { readMonitorState } from './monitor.js';
import { readRuntimeOptions } from './runtime-options.js';
import { buildNodesFromLog } from './nodes.js';
import { readArpExchanges, readPacketSummary } from './packets.js';
import { readStatedb, withStatedbLinks } from './statedb.js';
import { mergeStatusIntoAgent, readStatusOwners, type StatusOwner } from './status.js';

const sameName = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** The agent a status block belongs to: same key (pod or input), else same node, else same pod. */
function agentForStatus(agents: readonly AgentState[], owner: StatusOwner): AgentState | undefined {
  return (
    agents.find((a) => a.key === owner.key) ??
    agents.find((a) => sameName(a.node?.value, owner.node?.value)) ??
    agents.find((a) => sameName(a.pod, owner.pod))
  );
}

/**
 * Combines what logs and status say of one agent: status fills gaps, disagreements are conflicts.
 * `base` builds an agent of which no log was given (it still has the cluster-wide configuration).
 */
function combineAgents(fromLogs: AgentState[], owners: StatusOwner[], base: (key: string) => AgentState): AgentState[] {
  const agents = [...fromLogs];
  for (const owner of owners) {
    const target = agentForStatus(agents, owner);
    if (target) agents[agents.indexOf(target)] = mergeStatusIntoAgent(target, owner);
    else agents.push(mergeStatusIntoAgent(base(owner.key), owner));
  }
  return agents.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function mergeNode(into: NodeState, other: NodeState): void {
  for (const ip of other.internalIPs) if (!into.internalIPs.includes(ip)) into.internalIPs.push(ip);
  for (const c of other.podCIDRs) if (!into.podCIDRs.includes(c)) into.podCIDRs.push(c);
  into.ciliumInternalIP ??= other.ciliumInternalIP;
  // What the node itself published wins over what a peer probes.
  if (into.healthIP === null || (into.healthIPBy === 'peer' && other.healthIPBy === 'node' && other.healthIP !== null)) {
    into.healthIP = other.healthIP;
    into.healthIPBy = other.healthIPBy ?? null;
  }
  into.kernelVersion ??= other.kernelVersion ?? null;
  for (const e of other.evidence) {
    if (!into.evidence.some((x) => x.source === e.source && x.line === e.line)) into.evidence.push(e);
  }
}

function combineNodes(lists: NodeState[][]): NodeState[] {
  const byName = new Map<string, NodeState>();
  for (const list of lists) {
    for (const n of list) {
      const key = n.name.toLowerCase();
      const existing = byName.get(key);
      if (existing) mergeNode(existing, n);
      else byName.set(key, { ...n, internalIPs: [...n.internalIPs], podCIDRs: [...n.podCIDRs], evidence: [...n.evidence] });
    }
  }
  return [...byName.values()].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/**
 * Clusters whose Kubernetes node names are addresses (`kubectl get pods -o wide` printing
 * `192.168.1.13` as NODE) while a shell prompt or status names the same machine by host name: a
 * node named by an address another node owns is that node, for the nodes, pods and agents.
 */
function unifyAddressNames(nodes: NodeState[], named: { agents: AgentState[]; pods: PodState[]; placed: { node: string | null }[] }): NodeState[] {
  const owner = new Map<string, NodeState>();
  for (const n of nodes) for (const ip of n.internalIPs) if (ip !== n.name && !owner.has(ip)) owner.set(ip, n);
  const canonical = (name: string): string => owner.get(name)?.name ?? name;
  for (const item of [...named.pods, ...named.placed]) if (item.node) item.node = canonical(item.node);
  for (const agent of named.agents) if (agent.node) agent.node = { ...agent.node, value: canonical(agent.node.value) };
  const aliases = nodes.filter((n) => owner.has(n.name));
  for (const alias of aliases) mergeNode(owner.get(alias.name)!, alias);
  return nodes.filter((n) => !owner.has(n.name));
}

/** The node of every agent key, also under the key its status block was printed with. */
function nodesByAgentKey(agents: readonly AgentState[]): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const a of agents) {
    if (!a.node) continue;
    nodes.set(a.key, a.node.value);
    if (a.status && !nodes.has(a.status.key)) nodes.set(a.status.key, a.node.value);
  }
  return nodes;
}

/** A brief status prints no `(localhost)` row: the reporter is then the node of the agent that printed it. */
function withReporters(reports: HealthReport[], nodes: ReadonlyMap<string, string>): HealthReport[] {
  return reports.map((r) => ({ ...r, reporter: r.reporter ?? nodes.get(r.agent) ?? null }));
}

/**
 * `kubectl get pods -o wide` prints one address of a dual-stack pod: the endpoint holding that
 * address gives the pod its other family's address too.
 */
function addEndpointAddresses(pods: readonly PodState[], endpoints: readonly EndpointState[]): void {
  const byIp = new Map<string, EndpointState>();
  for (const ep of endpoints) for (const ip of [ep.ipv4, ep.ipv6]) if (ip) byIp.set(ip, ep);
  for (const pod of pods) {
    if (pod.hostNetwork) continue;
    const ep = pod.ips.map((ip) => byIp.get(ip)).find((e) => e !== undefined);
    if (!ep) continue;
    for (const ip of [ep.ipv4, ep.ipv6]) if (ip && !pod.ips.includes(ip)) pod.ips.push(ip);
  }
}

/** The key of the one agent a case with a cluster configuration but no agent output gets. */
export const CLUSTER_AGENT = 'cluster';

/** Rebuilds the cluster state from a loaded case database and stores it in its state tables. */
export function buildClusterState(db: CaseDb): ClusterState {
  const logs = new LogFacts(db);
  const cluster = readClusterConfig(db);
  const options = readRuntimeOptions(db);
  const base = (key: string): AgentState => buildAgentFromLog(logs, key, cluster, options.get(key));
  const fromLogs = agentKeys(db).map(base);
  const owners = readStatusOwners(db);
  const pods = readPods(db);
  const combined = combineAgents(fromLogs, owners, base);
  // A configuration with no agent printed anywhere still describes the cluster's agents.
  const agents = placeAgents(db, combined.length === 0 && cluster.flags.size > 0 ? [{ ...base(CLUSTER_AGENT), pod: null }] : combined, pods);
  const health = readHealthReports(db);
  const podNode = (byAgent: ReadonlyMap<string, string>) => (pod: string): string | null => pods.find((p) => p.name === pod)?.node ?? byAgent.get(pod) ?? null;
  const placedPods = podNode(nodesByAgentKey(agents));
  const statedb = readStatedb(db, placedPods);
  const routes = [...readRoutes(db, placedPods), ...statedb.routes];
  const links = withStatedbLinks(readLinks(db, placedPods), statedb.links);
  const listed = [
    buildNodesFromLog(logs, agents), readStatusNodes(db, owners, health), readKubeNodes(db), nodesOfHostDumps(routes, links), statedb.nodes,
  ];
  const nodes = unifyAddressNames(combineNodes(listed), { agents, pods, placed: [...routes, ...links] });
  const nodeOf = nodesByAgentKey(agents);
  const endpoints = readEndpoints(db, nodeOf);
  addEndpointAddresses(pods, endpoints);
  const state: ClusterState = {
    agents,
    nodes,
    health: withReporters(health, nodeOf),
    endpoints,
    services: [...readServices(db, nodeOf), ...statedb.services, ...readKubeServices(db)],
    identities: readIdentities(db),
    pods,
    events: readKubeEvents(db),
    routes,
    links,
    neighbours: readNeighbours(db, placedPods),
    monitor: readMonitorState(db, placedPods),
    packets: readPacketSummary(db),
    arp: readArpExchanges(db),
    cliStatus: readCliStatus(db),
    cliClusterMesh: readCliClusterMesh(db),
  };
  learnFromHostDumps(state);
  persistState(db, state);
  return state;
}

/**
 * What an agent's node's host dumps show of its datapath where no line of the agent says it: the
 * native device's MTU, tunnel mode from the routes to remote PodCIDRs.
 */
function learnFromHostDumps(state: ClusterState): void {
  for (const agent of state.agents) {
    const node = agent.node ? state.nodes.find((n) => n.name === agent.node!.value) : undefined;
    if (!node) continue;
    agent.effective.mtu ??= nativeDeviceMtu(state.links, node);
    if (agent.effective.routingMode) continue;
    const tunnel = tunnelFromHostDumps(state.routes, state.links, node);
    if (!tunnel) continue;
    agent.effective.routingMode = tunnel.routing;
    agent.effective.tunnelProtocol ??= tunnel.protocol;
  }
}

function persistState(db: CaseDb, state: ClusterState): void {
  const agent = db.prepare(
    'INSERT OR REPLACE INTO agents (key, pod, node, version, first_source, effective) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const factRow = db.prepare('INSERT INTO facts (agent, name, value, origin, evidence) VALUES (?, ?, ?, ?, ?)');
  const node = db.prepare(
    `INSERT OR REPLACE INTO nodes (name, internal_ips, cilium_internal_ip, health_ip, pod_cidrs, evidence)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.exec('DELETE FROM agents; DELETE FROM facts; DELETE FROM nodes;');
    for (const a of state.agents) {
      const effective = Object.fromEntries(EFFECTIVE_KEYS.map((k) => [k, a.effective[k]?.value ?? null]));
      const firstSource = a.version?.evidence[0]?.source ?? a.node?.evidence[0]?.source ?? null;
      agent.run(a.key, a.pod, a.node?.value ?? null, a.version?.value ?? null, firstSource, JSON.stringify(effective));
      for (const k of EFFECTIVE_KEYS) {
        const f = a.effective[k];
        if (f) factRow.run(a.key, k, String(f.value), f.origin, JSON.stringify(f.evidence));
      }
      for (const [k, f] of Object.entries(a.status?.facts ?? {})) {
        factRow.run(a.key, k, JSON.stringify(f.value), f.origin, JSON.stringify(f.evidence));
      }
      for (const f of Object.values(a.runtime)) factRow.run(a.key, `runtime.${f.name}`, f.value, f.origin, JSON.stringify(f.evidence));
    }
    for (const n of state.nodes) {
      node.run(n.name, JSON.stringify(n.internalIPs), n.ciliumInternalIP, n.healthIP, JSON.stringify(n.podCIDRs), JSON.stringify(n.evidence));
    }
  })();
}
