/**
 * The cluster-wide requested configuration: the `cilium-config` ConfigMap (YAML, `cilium config
 * view`, pasted excerpts) and Helm values (`--set`, values.yaml) mapped to agent flags through
 * knowledge/helm-values.ts. It applies to every agent of the case; an agent's own flag dump wins
 * over it, the ConfigMap wins over Helm, and every disagreement is kept as a conflict.
 */
import { currentFlagName } from '../knowledge/flags.js';
import { mapHelmValue } from '../knowledge/helm-values.js';
import { parseVersion } from '../knowledge/versions.js';
import type { CaseDb } from '../store/db.js';
import type { FactConflict, RequestedFlag } from '../types/state.js';

interface ValueRow {
  origin: 'configmap' | 'helm';
  flag: string | null;
  value: string;
  helm_key: string | null;
  chart_version: string | null;
  source: string;
  line: number;
}

export interface ClusterConfig {
  /** Requested flags by current flag name. */
  flags: Map<string, RequestedFlag>;
  conflicts: FactConflict[];
}

/** Adds a flag: the last value wins; a different earlier value is kept as a conflict. */
function put(into: ClusterConfig, flag: RequestedFlag): void {
  const key = currentFlagName(flag.name);
  const current = into.flags.get(key);
  if (current && current.value === flag.value) {
    // The same value again: every line is evidence; the origin read later (the ConfigMap) names it.
    const evidence = [...current.evidence, ...flag.evidence.filter((e) => !current.evidence.some((x) => x.line === e.line && x.source === e.source))];
    into.flags.set(key, { ...flag, evidence });
    return;
  }
  if (current) into.conflicts.push({ key: `requested.${key}`, facts: [current, flag] });
  into.flags.set(key, flag);
}

export function readClusterConfig(db: CaseDb): ClusterConfig {
  const rows = db
    .prepare(
      `SELECT v.origin, v.flag, v.value, v.helm_key, v.chart_version, s.name AS source, v.line
       FROM config_values v JOIN sources s ON s.id = v.source_id ORDER BY v.source_id, v.line, v.id`,
    )
    .all() as ValueRow[];
  const config: ClusterConfig = { flags: new Map(), conflicts: [] };
  const helm = rows.filter((r) => r.origin === 'helm' && r.helm_key !== null);
  const helmValues = new Map(helm.map((r) => [r.helm_key!, r.value]));
  for (const r of helm) {
    const chart = r.chart_version ? parseVersion(r.chart_version) : null;
    const mapped = mapHelmValue(r.helm_key!, r.value, chart ? chart.minor : null, helmValues);
    if (!mapped.flag) continue;
    put(config, { name: mapped.flag, value: mapped.value, origin: 'helm', evidence: [{ source: r.source, line: r.line }] });
  }
  // The ConfigMap is what Helm rendered: read after the Helm values, it wins over them.
  for (const r of rows) {
    if (r.origin !== 'configmap' || r.flag === null) continue;
    put(config, { name: r.flag, value: r.value, origin: 'configmap', evidence: [{ source: r.source, line: r.line }] });
  }
  return config;
}

/**
 * An agent's configured flags with the cluster configuration added: a flag the agent's dump printed
 * stays (a different cluster value is a conflict), the others are taken from the cluster.
 */
export function withClusterConfig(
  configured: readonly RequestedFlag[],
  cluster: ClusterConfig,
): { configured: RequestedFlag[]; conflicts: FactConflict[] } {
  const own = new Map(configured.map((f) => [currentFlagName(f.name), f]));
  const added: RequestedFlag[] = [];
  const conflicts: FactConflict[] = [...cluster.conflicts];
  for (const [key, flag] of cluster.flags) {
    const dumped = own.get(key);
    if (!dumped) added.push(flag);
    else if (dumped.value.toLowerCase() !== flag.value.toLowerCase()) conflicts.push({ key: `requested.${key}`, facts: [dumped, flag] });
  }
  return { configured: [...configured, ...added], conflicts };
}
