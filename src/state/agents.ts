import { DAEMON_INIT_COMPLETED, NODE_INFO_RETRIEVED, OWN_NODE_RECEIVED } from '../knowledge/agent-messages.js';
import { currentFlagName, isUnsetValue } from '../knowledge/flags.js';
import type { CaseDb } from '../store/db.js';
import type { AgentLog, AgentState, Fact, FactConflict, RequestedFlag, RuntimeOption } from '../types/state.js';
import { withClusterConfig, type ClusterConfig } from './cluster-config.js';
import { effectiveFromLog, nodePortFromFlags } from './effective.js';
import { evidenceOf, fact, stringField, type LogFacts } from './log-facts.js';
import { withRuntimeOptions } from './runtime-options.js';

/** Error lines kept per message shape: enough for evidence after other findings cited some. */
export const ERROR_SAMPLE = 25;

/** Agents seen in the log tables or printing `cilium config`: pods, or whole inputs when no pod is named. */
export function agentKeys(db: CaseDb): string[] {
  return db
    .prepare(
      `SELECT a.name FROM names a WHERE EXISTS (SELECT 1 FROM log_lines l WHERE l.agent_id = a.id)
       UNION SELECT agent FROM raw_lines UNION SELECT agent FROM config_flags UNION SELECT agent FROM cli_config ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
}

/** The flag dump as printed: the last value of each flag wins, earlier different values are conflicts. */
function configuredFlags(logs: LogFacts, agent: string): { configured: RequestedFlag[]; conflicts: FactConflict[] } {
  const last = new Map<string, RequestedFlag>();
  const history = new Map<string, Fact<string>[]>();
  for (const row of logs.flagDump(agent)) {
    const flag: RequestedFlag = { ...fact(row.value, 'flag', row), name: row.name };
    last.set(row.name, flag);
    const seen = history.get(row.name) ?? [];
    if (!seen.some((s) => s.value === row.value)) seen.push(flag);
    history.set(row.name, seen);
  }
  const conflicts = [...history.entries()]
    .filter(([, facts]) => facts.length > 1)
    .map(([key, facts]) => ({ key: `requested.${key}`, facts }));
  return { configured: [...last.values()], conflicts };
}

/**
 * Configured flags keyed by their current names. Dumps of the releases that know both names of a
 * renamed flag print both: the one that is set wins, the current name when both are.
 */
export function byCurrentName(configured: readonly RequestedFlag[]): Record<string, RequestedFlag> {
  const requested: Record<string, RequestedFlag> = {};
  const rank = (f: RequestedFlag): number => (isUnsetValue(f.value) ? 0 : 2) + (f.name === currentFlagName(f.name) ? 1 : 0);
  for (const flag of configured) {
    const key = currentFlagName(flag.name);
    const current = requested[key];
    if (!current || rank(flag) >= rank(current)) requested[key] = flag;
  }
  return requested;
}

function nodeName(logs: LogFacts, agent: string): Fact<string> | null {
  const fromBlock = logs.addressingBlock(agent).filter((r) => r.key === 'Local node-name' && r.value !== '');
  const last = fromBlock.at(-1);
  if (last) return fact(last.value, 'log', last);
  const events = logs.withMessage(agent, OWN_NODE_RECEIVED, ...NODE_INFO_RETRIEVED).filter((r) => stringField(r, 'nodeName'));
  const ev = events.at(-1);
  return ev ? fact(stringField(ev, 'nodeName')!, 'log', ev) : null;
}

function agentLog(logs: LogFacts, key: string): AgentLog {
  return { signals: logs.signals(key), errors: logs.errorGroups(key, ERROR_SAMPLE) };
}

/**
 * One agent from its log; the cluster-wide configuration (ConfigMap, Helm) fills flags its dump
 * lacks, and the agent's `cilium config` options replace the flags that set them.
 */
export function buildAgentFromLog(logs: LogFacts, key: string, cluster?: ClusterConfig, options: readonly RuntimeOption[] = []): AgentState {
  const dump = configuredFlags(logs, key);
  const withCluster = cluster ? withClusterConfig(dump.configured, cluster) : { configured: dump.configured, conflicts: [] };
  const configured = withCluster.configured;
  const running = withRuntimeOptions(byCurrentName(configured), options);
  const conflicts = [...dump.conflicts, ...withCluster.conflicts, ...running.conflicts];
  const requested = running.requested;
  const banner = logs.banner(key).at(-1);
  const completed = logs.withMessage(key, DAEMON_INIT_COMPLETED).at(-1);
  const startupComplete = completed ? evidenceOf(completed) : null;
  const log = agentLog(logs, key);
  return {
    key,
    pod: key.startsWith('source:') ? null : key,
    node: nodeName(logs, key),
    version: banner ? fact(banner.version, 'log', banner) : null,
    configured,
    requested,
    // Only a flag dump lists every flag: a ConfigMap excerpt says nothing of the flags it lacks.
    configKnown: dump.configured.length > 0,
    effective: effectiveFromLog({ agent: key, requested, startupComplete, logs, log }),
    runtime: running.runtime,
    nodePort: nodePortFromFlags(requested),
    status: null,
    log,
    conflicts,
    startupComplete,
  };
}
