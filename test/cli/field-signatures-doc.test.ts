/** `rules` and `explain` document every field signature with its meaning and next check. */
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/index.js';
import { renderExplanation } from '../../src/report/explain.js';
import { renderRuleList } from '../../src/report/rules-doc.js';

const SIGNATURES = [
  'health-ip-stale', 'health-self-unreachable', 'health-daemon-missing', 'ct-entries-lost', 'identity-world-for-cluster-ip',
  'agents-not-ready', 'agent-init-killed', 'agent-terminated-externally', 'reply-missing', 'tcp-retransmissions',
];

describe('field signatures in the rule vocabulary', () => {
  it('are listed by `rules` with meaning and next check', async () => {
    const rules = await loadRules();
    const listing = renderRuleList(rules);
    for (const name of SIGNATURES) {
      const at = listing.indexOf(`${name} — `);
      expect(at, name).toBeGreaterThanOrEqual(0);
      const entry = listing.slice(at, listing.indexOf('\n\n', at));
      expect(entry).toMatch(/Meaning: \S/);
      expect(entry).toMatch(/Check next: \S/);
    }
  });

  it('are explained by `explain`', async () => {
    const rules = await loadRules();
    for (const name of SIGNATURES) expect(renderExplanation(name, rules), name).toContain('What to check next:');
  });
});
