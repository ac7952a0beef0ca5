import { DAEMON_INIT_COMPLETED, NODE_INFO_RETRIEVED, OWN_NODE_RECEIVED } from '../knowledge/agent-messages.js';
import type { CaseDb } from '../store/db.js';
import type { AgentState, Fact, FactConflict } from '../types/state.js';
import { effectiveFromLog } from './effective.js';
import { evidenceOf, fact, stringField, type LogFacts } from './log-facts.js';

/** Agents seen in the log tables: pods, or whole inputs when no pod is named. */
export function agentKeys(db: CaseDb): string[] {
  return db
    .prepare(
      `SELECT agent FROM log_events UNION SELECT agent FROM raw_lines UNION SELECT agent FROM config_flags ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
}

/** The flag dump: the last value of each flag wins; earlier different values are conflicts. */
function requestedFlags(logs: LogFacts, agent: string): { requested: Record<string, Fact<string>>; conflicts: FactConflict[] } {
  const requested: Record<string, Fact<string>> = {};
  const history = new Map<string, Fact<string>[]>();
  for (const row of logs.flagDump(agent)) {
    const f = fact(row.value, 'flag', row);
    requested[row.name] = f;
    const seen = history.get(row.name) ?? [];
    if (!seen.some((s) => s.value === row.value)) seen.push(f);
    history.set(row.name, seen);
  }
  const conflicts = [...history.entries()]
    .filter(([, facts]) => facts.length > 1)
    .map(([key, facts]) => ({ key: `requested.${key}`, facts }));
  return { requested, conflicts };
}

function nodeName(logs: LogFacts, agent: string): Fact<string> | null {
  const fromBlock = logs.addressingBlock(agent).filter((r) => r.key === 'Local node-name' && r.value !== '');
  const last = fromBlock.at(-1);
  if (last) return fact(last.value, 'log', last);
  const events = logs.withMessage(agent, OWN_NODE_RECEIVED, ...NODE_INFO_RETRIEVED).filter((r) => stringField(r, 'nodeName'));
  const ev = events.at(-1);
  return ev ? fact(stringField(ev, 'nodeName')!, 'log', ev) : null;
}

export function buildAgentFromLog(logs: LogFacts, key: string): AgentState {
  const { requested, conflicts } = requestedFlags(logs, key);
  const banner = logs.banner(key).at(-1);
  const completed = logs.withMessage(key, DAEMON_INIT_COMPLETED).at(-1);
  const startupComplete = completed ? evidenceOf(completed) : null;
  return {
    key,
    pod: key.startsWith('source:') ? null : key,
    node: nodeName(logs, key),
    version: banner ? fact(banner.version, 'log', banner) : null,
    requested,
    effective: effectiveFromLog({ agent: key, requested, startupComplete, logs }),
    extra: {},
    conflicts,
    startupComplete,
  };
}
