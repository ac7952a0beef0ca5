import { evidenceKey } from '../../types/evidence.js';
import { firstLines } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

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
    messages: {
      errors: '{{count}} error line(s) "{{shape}}"{{more}}. Check what the error names.',
      fatal:
        '{{count}} fatal line(s) "{{shape}}"{{more}}. The agent exits after a fatal line: this is likely the root cause of a crash loop.',
    },
  },
  catchAll: true,
  check({ state, cited }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      for (const group of agent.log.errors) {
        // The group's first lines stand for it: when other findings cite all of them, it is explained.
        const fresh = group.evidence.filter((e) => !cited.has(evidenceKey(e)));
        if (fresh.length === 0) continue;
        const count = group.count - (group.evidence.length - fresh.length);
        const stopped = group.level === 'fatal' || group.level === 'panic';
        drafts.push({
          messageId: stopped ? 'fatal' : 'errors',
          data: { count, shape: group.shape, more: count > MAX_EVIDENCE ? ` (first ${MAX_EVIDENCE} quoted)` : '' },
          severity: stopped ? 'critical' : 'warning',
          title: stopped ? 'Agent stopped with a fatal error' : 'Agent logged errors',
          node: agent.node?.value ?? null,
          evidence: firstLines(fresh, MAX_EVIDENCE),
        });
      }
    }
    return drafts;
  },
};
