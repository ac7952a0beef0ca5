import { groupMonitorEvents, type MonitorGroup, type MonitorGroupKey } from '../state/monitor.js';
import { agentNode } from './agent-log-queries.js';
import type { Rule, RuleMeta, Severity } from './types.js';

/** `3 drops` / `1 drop`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `identity 22099 -> 11575` from a group keyed by src_identity / dst_identity. */
export function identityPair(g: MonitorGroup): string {
  return `identity ${g.key.src_identity ?? '?'} -> ${g.key.dst_identity ?? '?'}`;
}

/** `tcp/8080` from a group keyed by protocol / dst_port; empty when neither is known. */
export function portOf(g: MonitorGroup): string {
  const proto = g.key.protocol ?? null;
  const port = g.key.dst_port ?? null;
  if (proto === null && port === null) return '';
  return port === null ? String(proto) : `${proto ?? 'port'}/${port}`;
}

/** Where the monitor output was read: the agent key unless it is only the input's name. */
export function agentLabel(agent: unknown): string {
  const key = String(agent ?? '');
  return key.startsWith('source:') ? `in ${key.slice('source:'.length)}` : `on ${key}`;
}

export interface DropRuleSpec {
  meta: RuleMeta;
  /** Drop reason codes the rule reports. */
  codes: readonly number[];
  /** Grouping besides the agent (one finding per group). */
  groupBy: readonly MonitorGroupKey[];
  severity?(g: MonitorGroup): Severity;
  /** Observation + expectation + what to check, for one group. */
  message(g: MonitorGroup): string;
}

/** A rule reporting one finding per group of drops with the given reason codes. */
export function dropRule(spec: DropRuleSpec): Rule {
  return {
    meta: spec.meta,
    check({ state, db }) {
      return groupMonitorEvents(db, { types: ['drop'], dropCodes: spec.codes }, ['agent', ...spec.groupBy]).map((g) => ({
        node: agentNode(state.agents, String(g.key.agent)),
        severity: spec.severity?.(g) ?? spec.meta.severity,
        message: spec.message(g),
        evidence: g.evidence,
      }));
    },
  };
}
