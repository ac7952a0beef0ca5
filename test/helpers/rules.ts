/** Runs one rule on fixture logs loaded through the real pipeline. */
import { expect } from 'vitest';
import { runRules, type Rule } from '../../src/rules/index.js';
import type { FindingDraft } from '../../src/rules/types.js';
import { buildClusterState } from '../../src/state/index.js';
import { createCaseDb, finishCaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import type { Finding } from '../../src/types/findings.js';
import { fixture, stdinOf } from './analyze.js';

export const ruleFixture = (name: string) => fixture('agent', 'rules', name);

/**
 * Loads the fixtures, rebuilds state and runs `rule` alone through the runner (evidence is
 * completed with the quoted line). Also checks the raw drafts: every one cites evidence.
 */
export async function findingsOf(rule: Rule, ...fixtures: string[]): Promise<Finding[]> {
  const db = createCaseDb();
  try {
    await loadInputs(db, fixtures.map(ruleFixture), stdinOf(null));
    finishCaseDb(db);
    const state = buildClusterState(db);
    const drafts: FindingDraft[] = rule.check({ state, db, cited: new Set() });
    for (const d of drafts) expect(d.evidence.length, `${rule.meta.name} draft cites evidence`).toBeGreaterThan(0);
    const findings = runRules([rule], state, db);
    for (const f of findings) {
      expect(f.rule).toBe(rule.meta.name);
      for (const e of f.evidence) expect(e.text.length, `${f.rule} quotes ${e.source}:${e.line}`).toBeGreaterThan(0);
    }
    return findings;
  } finally {
    db.close();
  }
}

/** Evidence of findings as `file:line` (file name only), in order. */
export function cites(findings: Finding[]): string[] {
  return findings.flatMap((f) => f.evidence.map((e) => `${e.source.split(/[\\/]/).pop()}:${e.line}`));
}

export function expectRuleMeta(rule: Rule, name: string): void {
  expect(rule.meta.name).toBe(name);
  expect(rule.meta.title.length).toBeGreaterThan(0);
  expect(rule.meta.meaning.length).toBeGreaterThan(0);
  expect(rule.meta.checkNext.length).toBeGreaterThan(0);
  expect(rule.meta.reads.length).toBeGreaterThan(0);
}
