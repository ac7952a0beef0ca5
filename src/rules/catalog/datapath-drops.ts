import { DROP_GROUPS, dropReasonByCode, type DropGroupId } from '../../knowledge/monitor/index.js';
import { GROUP_EVIDENCE, selectMonitorGroups, type MonitorGroup } from '../../state/monitor.js';
import { evidenceKey, type Evidence } from '../../types/evidence.js';
import { nodeOfAgent, plural } from '../agents.js';
import { agentLabel } from '../monitor-queries.js';
import type { FindingDraft, Rule } from '../types.js';

const EVIDENCE_PER_REASON = 3;
const MAX_EVIDENCE = 6;

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
    messages: {
      drops: '{{packets}} dropped {{where}}: {{reasons}}. {{causes}} Check next: {{checkNext}}',
    },
  },
  catchAll: true,
  check({ state, cited, coveredDropCodes }) {
    const byGroup = new Map<string, { agent: string; group: DropGroupId; reasons: MonitorGroup[]; evidence: Evidence[] }>();
    const groups = selectMonitorGroups(state.monitor.groups, { types: ['drop'] }, ['agent', 'drop_code', 'drop_reason'], GROUP_EVIDENCE);
    for (const g of groups) {
      const code = g.key.drop_code ?? null;
      if (code !== null && coveredDropCodes.has(code)) continue;
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
        messageId: 'drops',
        data: { packets: plural(total, 'packet'), where: agentLabel(agent), reasons: list.join(', '), causes: info.causes, checkNext: info.checkNext },
        node: nodeOfAgent(state, agent),
        severity: info.severity,
        title: `Datapath drops: ${info.title.toLowerCase()}`,
        evidence: evidence.slice(0, MAX_EVIDENCE),
      });
    }
    return drafts;
  },
};
