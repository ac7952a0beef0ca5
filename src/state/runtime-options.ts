/**
 * `cilium config` / `cilium-dbg config` output: the running agent's options (read-write, and with
 * `-r`/`--all` the read-only daemon configuration). Options some flag sets replace that flag in the
 * agent's requested configuration — they are what the agent runs with — and a different value from
 * its flag dump, the ConfigMap or Helm is kept as a conflict, as between the ConfigMap and the dump.
 */
import { currentFlagValue, runtimeOptionFlag } from '../knowledge/flags.js';
import type { CaseDb } from '../store/db.js';
import type { FactConflict, RequestedFlag, RuntimeOption } from '../types/state.js';

interface ConfigRow {
  agent: string;
  name: string;
  value: string;
  parent: string | null;
  source: string;
  line: number;
}

/** Every agent's `cilium config` rows in input order, by agent key. */
export function readRuntimeOptions(db: CaseDb): Map<string, RuntimeOption[]> {
  const rows = db
    .prepare(
      `SELECT c.agent, c.name, c.value, c.parent, s.name AS source, c.line FROM cli_config c
       JOIN sources s ON s.id = c.source_id ORDER BY c.source_id, c.line, c.id`,
    )
    .all() as ConfigRow[];
  const byAgent = new Map<string, RuntimeOption[]>();
  for (const r of rows) {
    const name = r.parent === null ? r.name : `${r.parent}.${r.name}`;
    const flag = r.parent === null ? runtimeOptionFlag(r.name, r.value) : null;
    const option: RuntimeOption = { name, value: r.value, origin: 'cli', evidence: [{ source: r.source, line: r.line }], flag: flag && { name: flag.flag, value: flag.value } };
    const list = byAgent.get(r.agent);
    if (list) list.push(option);
    else byAgent.set(r.agent, [option]);
  }
  return byAgent;
}

const sameValue = (flag: string, a: string, b: string): boolean => currentFlagValue(flag, a, null) === currentFlagValue(flag, b, null);

/**
 * The agent's options by printed name (the last print wins) and its requested flags with the
 * options a flag sets in their place; every disagreement (with the configuration, or between two
 * prints) is a conflict.
 */
export function withRuntimeOptions(
  requested: Readonly<Record<string, RequestedFlag>>,
  options: readonly RuntimeOption[],
): { runtime: Record<string, RuntimeOption>; requested: Record<string, RequestedFlag>; conflicts: FactConflict[] } {
  const runtime: Record<string, RuntimeOption> = {};
  const merged = { ...requested };
  const conflicts: FactConflict[] = [];
  for (const option of options) {
    runtime[option.name] = option;
    if (!option.flag) continue;
    const key = option.flag.name;
    const flag: RequestedFlag = { name: option.name, value: option.flag.value, origin: 'cli', evidence: option.evidence };
    const current = merged[key];
    if (current && sameValue(key, current.value, flag.value)) {
      // The same value again (`Debug` is a read-write option and a daemon field): every line is evidence, the running agent names it.
      merged[key] = { ...flag, evidence: [...current.evidence, ...flag.evidence] };
      continue;
    }
    if (current) conflicts.push({ key: `requested.${key}`, facts: [current, flag] });
    merged[key] = flag;
  }
  return { runtime, requested: merged, conflicts };
}
