import { selectMonitorGroups, type MonitorGroup } from '../state/monitor.js';
import type { MonitorGroupKey } from '../types/state.js';
import { nodeOfAgent } from './agents.js';
import type { FindingDraft, Rule, RuleMeta, Severity } from './types.js';

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
  meta: RuleMeta & { covers: { dropCodes: readonly number[] } };
  /** Grouping besides the agent (one finding per group). */
  groupBy: readonly MonitorGroupKey[];
  severity?(g: MonitorGroup): Severity;
  /** The message id and its data for one group. */
  message(g: MonitorGroup): Pick<FindingDraft, 'messageId' | 'data'>;
}

/** A rule reporting one finding per group of drops with the reason codes the rule covers. */
export function dropRule(spec: DropRuleSpec): Rule {
  return {
    meta: spec.meta,
    check({ state }) {
      const filter = { types: ['drop'] as const, dropCodes: spec.meta.covers.dropCodes };
      return selectMonitorGroups(state.monitor.groups, filter, ['agent', ...spec.groupBy]).map((g) => ({
        ...spec.message(g),
        node: nodeOfAgent(state, String(g.key.agent)),
        severity: spec.severity?.(g) ?? spec.meta.severity,
        evidence: g.evidence,
      }));
    },
  };
}
