import type { CaseDb } from '../store/db.js';
import type { ClusterState } from '../types/state.js';
import { EFFECTIVE_KEYS } from '../types/state.js';
import { agentKeys, buildAgentFromLog } from './agents.js';
import { LogFacts } from './log-facts.js';
import { buildNodesFromLog } from './nodes.js';

/** Rebuilds the cluster state from a loaded case database and stores it in its state tables. */
export function buildClusterState(db: CaseDb): ClusterState {
  const logs = new LogFacts(db);
  const agents = agentKeys(db).map((key) => buildAgentFromLog(logs, key));
  const nodes = buildNodesFromLog(logs, agents);
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
