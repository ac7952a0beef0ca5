import { readdir } from 'node:fs/promises';
import { compareEvidence, evidenceKey, type Evidence } from '../types/evidence.js';
import { SEVERITY_RANK, type Finding } from '../types/findings.js';
import type { ReplayedFlow } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';
import type { FindingDraft, Rule } from './types.js';

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

/** The message of a finding: its template with `{{name}}` replaced from the draft's data. */
export function formatMessage(rule: Rule, draft: FindingDraft): string {
  const template = rule.meta.messages[draft.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.name} has no message "${draft.messageId}"`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = draft.data?.[name];
    if (value === undefined) throw new Error(`rule ${rule.meta.name}, message ${draft.messageId}: no data for {{${name}}}`);
    return String(value);
  });
}

/** Adds the text of each evidence line (the pipeline reads it back from the case database). */
export type QuoteEvidence = (evidence: Evidence[]) => Required<Evidence>[];

/** Runs the rules (catch-all ones last) and returns findings with quoted evidence, sorted. */
export function runRules(rules: readonly Rule[], state: ClusterState, quote: QuoteEvidence, flows: readonly ReplayedFlow[] = []): Finding[] {
  const cited = new Set<string>();
  const coveredDropCodes = new Set(rules.filter((r) => !r.catchAll).flatMap((r) => r.meta.covers?.dropCodes ?? []));
  const findings: Finding[] = [];
  const ordered = [...rules.filter((r) => !r.catchAll), ...rules.filter((r) => r.catchAll)];
  for (const rule of ordered) {
    for (const draft of rule.check({ state, flows, cited, coveredDropCodes })) {
      if (draft.evidence.length === 0) throw new Error(`rule ${rule.meta.name} produced a finding without evidence`);
      const unique = new Map(draft.evidence.map((e) => [evidenceKey(e), { source: e.source, line: e.line }]));
      const evidence = quote([...unique.values()].sort(compareEvidence));
      for (const e of evidence) cited.add(evidenceKey(e));
      findings.push({
        rule: rule.meta.name,
        severity: draft.severity ?? rule.meta.severity,
        title: draft.title ?? rule.meta.title,
        messageId: draft.messageId,
        message: formatMessage(rule, draft),
        node: draft.node,
        evidence,
        ...(draft.flow ? { flow: draft.flow } : {}),
      });
    }
  }
  recordDivergences(flows, findings);
  return sortFindings(findings);
}

/** Names, on each flow, the rules that found something in it. */
function recordDivergences(flows: readonly ReplayedFlow[], findings: readonly Finding[]): void {
  const byId = new Map(flows.map((f) => [f.id, f]));
  for (const f of findings) {
    const flow = f.flow ? byId.get(f.flow.id) : undefined;
    if (flow && !flow.divergences.includes(f.rule)) flow.divergences.push(f.rule);
  }
  for (const flow of flows) flow.divergences.sort();
}
