import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { buildClusterState } from '../../src/state/index.js';
import { createCaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import type { FindingDraft, Rule } from '../../src/rules/types.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/status/', import.meta.url));

/** Loads a status fixture (or a shared file) and runs one rule on it. */
export async function runOn(rule: Rule, fixture: string): Promise<FindingDraft[]> {
  const db = createCaseDb();
  await loadInputs(db, [fixture.includes('/') ? fixture : `${FIXTURES}${fixture}`], Readable.from([]));
  const state = buildClusterState(db);
  const findings = rule.check({ state, db, cited: new Set() });
  for (const f of findings) if (f.evidence.length === 0) throw new Error(`${rule.meta.name}: finding without evidence`);
  return findings;
}

/** The fixture lines a finding cites, as `file:line`. */
export function cited(f: FindingDraft): string[] {
  return f.evidence.map((e) => `${e.source.slice(e.source.lastIndexOf('/') + 1)}:${e.line}`);
}
