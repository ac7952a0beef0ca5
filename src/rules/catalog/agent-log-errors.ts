import type { Evidence } from '../../types/evidence.js';
import { evidenceKey } from '../../types/evidence.js';
import type { Severity } from '../../types/findings.js';
import { agentNode, firstLines } from '../agent-log-queries.js';
import type { FindingDraft, Rule } from '../types.js';

interface ErrorLine extends Evidence {
  agent: string;
  level: string;
  shape: string;
}

const MAX_EVIDENCE = 5;

export const rule: Rule = {
  meta: {
    name: 'agent-log-errors',
    severity: 'warning',
    title: 'Agent logged errors',
    meaning:
      'error, fatal and panic lines of the agent not explained by a more specific finding, grouped by message ' +
      'shape. fatal/panic means the agent stopped.',
    checkNext: 'Read the quoted lines and the lines just before them; a fatal line is usually the root cause.',
    reads: ['L'],
  },
  catchAll: true,
  check({ state, db, cited }) {
    const rows = db
      .prepare(
        `SELECT s.name AS source, e.line, e.agent, e.level, sh.shape FROM log_events e
           JOIN sources s ON s.id = e.source_id JOIN shapes sh ON sh.id = e.shape_id
           WHERE e.level IN ('error', 'fatal', 'panic')
         UNION ALL
         SELECT s.name, r.line, r.agent, r.level, r.category || ': ' || substr(r.text, 1, 80) FROM raw_lines r
           JOIN sources s ON s.id = r.source_id
           WHERE r.level IN ('error', 'fatal', 'panic') AND r.category IN ('panic', 'verifier', 'klog')
         ORDER BY 1, 2`,
      )
      .all() as ErrorLine[];
    const groups = new Map<string, ErrorLine[]>();
    for (const r of rows) {
      if (cited.has(evidenceKey(r))) continue;
      const key = `${r.agent}\u0000${r.shape}`;
      const g = groups.get(key) ?? [];
      g.push(r);
      groups.set(key, g);
    }
    const drafts: FindingDraft[] = [];
    for (const lines of groups.values()) {
      const first = lines[0]!;
      const stopped = lines.some((l) => l.level === 'fatal' || l.level === 'panic');
      const severity: Severity = stopped ? 'critical' : 'warning';
      const more = lines.length > MAX_EVIDENCE ? ` (first ${MAX_EVIDENCE} quoted)` : '';
      drafts.push({
        severity,
        title: stopped ? 'Agent stopped with a fatal error' : 'Agent logged errors',
        node: agentNode(state.agents, first.agent),
        message:
          `${lines.length} ${stopped ? 'fatal' : 'error'} line(s) "${first.shape}"${more}. ` +
          (stopped ? 'The agent exits after a fatal line: this is likely the root cause of a crash loop.' : 'Check what the error names.'),
        evidence: firstLines(lines, MAX_EVIDENCE),
      });
    }
    return drafts;
  },
};
