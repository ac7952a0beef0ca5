import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/agent-log-errors.js';
import { rule as nativeCidrMissing } from '../../src/rules/catalog/native-cidr-missing.js';
import { runRules } from '../../src/rules/index.js';
import { buildClusterState } from '../../src/state/index.js';
import { createCaseDb, finishCaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import { stdinOf } from '../helpers/analyze.js';
import { cites, expectRuleMeta, findingsOf, ruleFixture } from '../helpers/rules.js';

describe('agent-log-errors (catch-all)', () => {
  it('has its documentation and runs after the specific rules', () => {
    expectRuleMeta(rule, 'agent-log-errors');
    expect(rule.catchAll).toBe(true);
  });

  it('groups error lines by agent and message shape; fatal and panic are critical', async () => {
    const findings = await findingsOf(rule, 'errors.log');
    const summary = findings.map((f) => ({ severity: f.severity, node: f.node, cites: cites([f]) }));
    expect(summary).toEqual([
      // sorted: critical first, then by first evidence
      { severity: 'critical', node: 'worker-c1', cites: ['errors.log:6'] },
      { severity: 'critical', node: null, cites: ['errors.log:7'] },
      { severity: 'warning', node: 'worker-c1', cites: ['errors.log:2', 'errors.log:4'] },
      { severity: 'warning', node: 'worker-c1', cites: ['errors.log:5'] },
      { severity: 'warning', node: null, cites: ['errors.log:13'] },
    ]);
    const apiServer = findings.find((f) => f.evidence.length === 2)!;
    expect(apiServer.message).toContain('2 error line(s) "Unable to contact k8s api-server"');
    expect(findings[1]!.title).toBe('Agent stopped with a fatal error');
    expect(findings[1]!.evidence[0]!.text).toMatch(/^panic: runtime error/);
  });

  it('does not fire on info, warning and debug lines, nor on klog info', async () => {
    expect(await findingsOf(rule, 'quiet.log')).toEqual([]);
  });

  it('skips lines a specific rule already cites (the native-CIDR fatal start)', async () => {
    const db = createCaseDb();
    try {
      await loadInputs(db, [ruleFixture('native-cidr-fatal-1.14.log')], stdinOf(null));
      finishCaseDb(db);
      const state = buildClusterState(db);
      expect(runRules([rule], state, db).map((f) => f.rule)).toEqual(['agent-log-errors', 'agent-log-errors']);
      const both = runRules([rule, nativeCidrMissing], state, db);
      expect(both.map((f) => f.rule)).toEqual(['native-cidr-missing']);
    } finally {
      db.close();
    }
  });
});
