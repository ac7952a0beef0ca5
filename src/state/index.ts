import type { CaseDb } from '../store/db.js';
import type { AgentState, ClusterState, NodeState } from '../types/state.js';
import { EFFECTIVE_KEYS } from '../types/state.js';
import { agentKeys, buildAgentFromLog } from './agents.js';
import { LogFacts } from './log-facts.js';
import { buildNodesFromLog } from './nodes.js';
import { agentFromStatus, mergeStatusIntoAgent, readStatusAgents, readStatusNodes, type StatusAgent } from './status.js';

const sameName = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** The agent a status block belongs to: same key (pod or input), else same node, else same pod. */
export function agentForStatus(agents: readonly AgentState[], status: StatusAgent): AgentState | undefined {
  return (
    agents.find((a) => a.key === status.key) ??
    agents.find((a) => sameName(a.node?.value, status.node?.value)) ??
    agents.find((a) => sameName(a.pod, status.pod))
  );
}

/** Combines what logs and status say of one agent: status fills gaps, disagreements are conflicts. */
function combineAgents(fromLogs: AgentState[], fromStatus: StatusAgent[]): AgentState[] {
  const agents = [...fromLogs];
  for (const status of fromStatus) {
    const target = agentForStatus(agents, status);
    if (target) agents[agents.indexOf(target)] = mergeStatusIntoAgent(target, status);
    else agents.push(agentFromStatus(status));
  }
  return agents.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function mergeNode(into: NodeState, other: NodeState): void {
  for (const ip of other.internalIPs) if (!into.internalIPs.includes(ip)) into.internalIPs.push(ip);
  for (const c of other.podCIDRs) if (!into.podCIDRs.includes(c)) into.podCIDRs.push(c);
  into.ciliumInternalIP ??= other.ciliumInternalIP;
  into.healthIP ??= other.healthIP;
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

/** Rebuilds the cluster state from a loaded case database and stores it in its state tables. */
export function buildClusterState(db: CaseDb): ClusterState {
  const logs = new LogFacts(db);
  const fromLogs = agentKeys(db).map((key) => buildAgentFromLog(logs, key));
  const agents = combineAgents(fromLogs, readStatusAgents(db));
  const nodes = combineNodes([buildNodesFromLog(logs, agents), readStatusNodes(db)]);
  const state: ClusterState = { agents, nodes };
  persistState(db, state);
  return state;
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
      for (const [k, f] of Object.entries(a.extra)) factRow.run(a.key, k, JSON.stringify(f.value), f.origin, JSON.stringify(f.evidence));
    }
    for (const n of state.nodes) {
      node.run(n.name, JSON.stringify(n.internalIPs), n.ciliumInternalIP, n.healthIP, JSON.stringify(n.podCIDRs), JSON.stringify(n.evidence));
    }
  })();
}
