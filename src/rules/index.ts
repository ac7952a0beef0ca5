import { readdir } from 'node:fs/promises';
import { EvidenceText } from '../store/evidence.js';
import type { CaseDb } from '../store/db.js';
import { compareEvidence, evidenceKey } from '../types/evidence.js';
import { SEVERITY_RANK, type Finding } from '../types/findings.js';
import type { ClusterState } from '../types/state.js';
import type { Rule } from './types.js';

export type { Rule, RuleContext, FindingDraft } from './types.js';

const CATALOG = new URL('./catalog/', import.meta.url);

/** Every rule module in `catalog/` (one rule per file, exported as `rule`), sorted by name. */
export async function loadRules(): Promise<Rule[]> {
  const files = (await readdir(CATALOG)).filter((f) => /\.(?:js|ts)$/.test(f) && !/\.d\.ts$|\.test\./.test(f));
  const rules: Rule[] = [];
  for (const file of files.sort()) {
    const mod = (await import(new URL(file, CATALOG).href)) as { rule?: Rule };
    if (!mod.rule) throw new Error(`rule module ${file} does not export \`rule\``);
    rules.push(mod.rule);
  }
  return rules.sort((a, b) => (a.meta.name < b.meta.name ? -1 : 1));
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      compareEvidence(a.evidence[0]!, b.evidence[0]!),
  );
}

/** Runs the rules (catch-all ones last) and returns findings with quoted evidence, sorted. */
export function runRules(rules: readonly Rule[], state: ClusterState, db: CaseDb): Finding[] {
  const text = new EvidenceText(db);
  const cited = new Set<string>();
  const findings: Finding[] = [];
  const ordered = [...rules.filter((r) => !r.catchAll), ...rules.filter((r) => r.catchAll)];
  for (const rule of ordered) {
    for (const draft of rule.check({ state, db, cited })) {
      if (draft.evidence.length === 0) throw new Error(`rule ${rule.meta.name} produced a finding without evidence`);
      const unique = new Map(draft.evidence.map((e) => [evidenceKey(e), e]));
      const evidence = text.complete([...unique.values()].sort(compareEvidence));
      for (const e of evidence) cited.add(evidenceKey(e));
      findings.push({
        rule: rule.meta.name,
        severity: draft.severity ?? rule.meta.severity,
        title: draft.title ?? rule.meta.title,
        message: draft.message,
        node: draft.node,
        evidence,
      });
    }
  }
  return sortFindings(findings);
}

/** Stores findings in the case database so `query` can join them with the records. */
export function persistFindings(db: CaseDb, findings: Finding[]): void {
  const insert = db.prepare(
    'INSERT INTO findings (rule, severity, title, message, node, evidence) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    db.exec('DELETE FROM findings');
    for (const f of findings) insert.run(f.rule, f.severity, f.title, f.message, f.node, JSON.stringify(f.evidence));
  })();
}
