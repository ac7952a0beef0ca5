import { DROP_GROUPS, dropReasonByCode, type DropGroupId } from '../../knowledge/monitor/index.js';
import { groupMonitorEvents, type MonitorGroup } from '../../state/monitor.js';
import { evidenceKey, type Evidence } from '../../types/evidence.js';
import { agentNode } from '../agent-log-queries.js';
import { agentLabel, plural } from '../monitor-queries.js';
import type { FindingDraft, Rule } from '../types.js';

/** Reasons a specific rule reports: policy-drop, missed-tail-call, ct-table-full, nat-table-full. */
const SPECIFIC_CODES = new Set([133, 181, 140, 11, 155, 167]);
const EVIDENCE_PER_REASON = 3;
const MAX_EVIDENCE = 6;
/** Drop lines sampled per reason, so that lines cited by other rules can be skipped. */
const SAMPLE = 25;

function groupOf(code: number | null): DropGroupId {
  return (code === null ? null : dropReasonByCode(code)?.group) ?? 'unknown';
}

export const rule: Rule = {
  meta: {
    name: 'datapath-drops',
    severity: 'warning',
    title: 'Datapath drops',
    meaning:
      'Packets the datapath dropped for reasons no more specific finding explains, one finding per group of ' +
      'related drop reasons (routing, service, conntrack, encryption…).',
    checkNext: 'The reasons listed in the finding; `cilium-analyze explain "<reason>"` describes each one.',
    reads: ['M'],
  },
  catchAll: true,
  check({ state, db, cited }) {
    const byGroup = new Map<string, { agent: string; group: DropGroupId; reasons: MonitorGroup[]; evidence: Evidence[] }>();
    for (const g of groupMonitorEvents(db, { types: ['drop'] }, ['agent', 'drop_code', 'drop_reason'], SAMPLE)) {
      const code = g.key.drop_code === null || g.key.drop_code === undefined ? null : Number(g.key.drop_code);
      if (code !== null && SPECIFIC_CODES.has(code)) continue;
      const fresh = g.evidence.filter((e) => !cited.has(evidenceKey(e)));
      if (fresh.length === 0) continue;
      const agent = String(g.key.agent);
      const group = groupOf(code);
      const key = `${agent}\u0000${group}`;
      const entry = byGroup.get(key) ?? { agent, group, reasons: [], evidence: [] };
      entry.reasons.push(g);
      entry.evidence.push(...fresh.slice(0, EVIDENCE_PER_REASON));
      byGroup.set(key, entry);
    }
    const drafts: FindingDraft[] = [];
    for (const { agent, group, reasons, evidence } of byGroup.values()) {
      const info = DROP_GROUPS[group];
      const total = reasons.reduce((n, r) => n + r.count, 0);
      const list = reasons.map((r) => `"${r.key.drop_reason}"${r.key.drop_code !== null ? ` (${r.key.drop_code})` : ''} ×${r.count}`);
      drafts.push({
        node: agentNode(state.agents, agent),
        severity: info.severity,
        title: `Datapath drops: ${info.title.toLowerCase()}`,
        message:
          `${plural(total, 'packet')} dropped ${agentLabel(agent)}: ${list.join(', ')}. ${info.causes} Check next: ${info.checkNext}`,
        evidence: evidence.slice(0, MAX_EVIDENCE),
      });
    }
    return drafts;
  },
};
