import { runRules, type Rule } from '../../src/rules/index.js';
import { buildClusterState } from '../../src/state/index.js';
import { createCaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import type { Finding } from '../../src/types/findings.js';
import { fixture, stdinOf } from '../helpers/analyze.js';

/** Loads test/fixtures/monitor/<name> and runs `rules` on it (catch-all rules after the others). */
export async function findingsFor(name: string, ...rules: Rule[]): Promise<Finding[]> {
  const db = createCaseDb();
  try {
    await loadInputs(db, [fixture('monitor', name)], stdinOf(null));
    return runRules(rules, buildClusterState(db), db);
  } finally {
    db.close();
  }
}
