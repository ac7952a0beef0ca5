import { parseVersion, minorAtLeast } from '../knowledge/versions.js';
import { agentForStatus } from '../state/index.js';
import { readStatusAgents, type StatusAgent } from '../state/status.js';
import type { CaseDb } from '../store/db.js';
import type { Evidence } from '../types/evidence.js';
import type { AgentState, Fact } from '../types/state.js';

const cache = new WeakMap<CaseDb, StatusAgent[]>();

/** Status facts per agent, read once per case database. */
export function statusAgents(db: CaseDb): StatusAgent[] {
  let agents = cache.get(db);
  if (!agents) {
    agents = readStatusAgents(db);
    cache.set(db, agents);
  }
  return agents;
}

/** The node of an agent: from the merged state when it knows it, else from status. */
export function statusNode(agents: readonly AgentState[], status: StatusAgent): string | null {
  return agentForStatus(agents, status)?.node?.value ?? status.node?.value ?? null;
}

/** The key of the merged agent a status block belongs to (log lines carry that key). */
export function stateKey(agents: readonly AgentState[], status: StatusAgent): string {
  return agentForStatus(agents, status)?.key ?? status.key;
}

export interface RequestedFlag extends Evidence {
  name: string;
  value: string;
}

/** The configured value of the first of `names` in the flag dump of the agent the status belongs to. */
export function requestedFlag(agents: readonly AgentState[], status: StatusAgent, ...names: string[]): RequestedFlag | null {
  const requested = agentForStatus(agents, status)?.requested ?? {};
  for (const name of names) {
    const f = requested[name];
    const at = f?.evidence.at(-1);
    if (f && at) return { source: at.source, line: at.line, name, value: f.value };
  }
  return null;
}

/** Whether the agent's flag dump was given at all (absence of a flag means something only then). */
export function hasFlagDump(agents: readonly AgentState[], status: StatusAgent): boolean {
  return Object.keys(agentForStatus(agents, status)?.requested ?? {}).length > 0;
}

export function flagEvidence(flag: RequestedFlag): Evidence {
  return { source: flag.source, line: flag.line };
}

/** Whether the agent runs at least minor release `minor` (false when its version is unknown). */
export function atLeast(agents: readonly AgentState[], status: StatusAgent, minor: number): boolean {
  const text = status.version?.value ?? agentForStatus(agents, status)?.version?.value;
  const v = text ? parseVersion(text) : null;
  return v !== null && minorAtLeast(v, minor);
}

export function factEvidence(...facts: (Fact<unknown> | undefined | null)[]): Evidence[] {
  return facts.flatMap((f) => f?.evidence ?? []);
}

/** Effective NodePort per status: the KPR details line, else implied by the KPR mode. */
export function statusNodePort(status: StatusAgent): Fact<boolean> | null {
  if (status.extra.nodePort) return status.extra.nodePort;
  const kpr = status.effective.kubeProxyReplacement;
  if (kpr && (kpr.value === 'strict' || kpr.value === 'true')) return { ...kpr, value: true };
  if (kpr && kpr.value === 'disabled') return { ...kpr, value: false };
  return null;
}

interface StatusRow extends Evidence {
  name: string;
}

function lastBlockOf(db: CaseDb, agent: string, label: string): number | null {
  const id = db
    .prepare(`SELECT block_id FROM status_fields WHERE agent = ? AND label = ? ORDER BY id DESC LIMIT 1`)
    .pluck()
    .get(agent, label) as number | undefined;
  return id ?? null;
}

/** Controllers of the agent's last `Controller Status` table whose last runs failed (Count > 0). */
export function failingControllers(db: CaseDb, agent: string): (StatusRow & { count: number; message: string })[] {
  const block = lastBlockOf(db, agent, 'Controller Status');
  if (block === null) return [];
  return db
    .prepare(
      `SELECT s.name AS source, c.line, c.name, c.count, c.message FROM status_controllers c
       JOIN sources s ON s.id = c.source_id WHERE c.block_id = ? AND c.count > 0 ORDER BY c.id`,
    )
    .all(block) as (StatusRow & { count: number; message: string })[];
}

/** Rows of the agent's last `BPF Maps` table. */
export function mapRows(db: CaseDb, agent: string): (StatusRow & { size: number })[] {
  const block = lastBlockOf(db, agent, 'BPF Maps');
  if (block === null) return [];
  return db
    .prepare(
      `SELECT s.name AS source, m.line, m.name, m.size FROM status_maps m JOIN sources s ON s.id = m.source_id
       WHERE m.block_id = ? ORDER BY m.id`,
    )
    .all(block) as (StatusRow & { size: number })[];
}
