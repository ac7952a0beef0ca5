import { readdir } from 'node:fs/promises';
import { compareEvidence, evidenceKey, type Evidence, type QuotedEvidence } from '../types/evidence.js';
import { SEVERITY_RANK, type Finding } from '../types/findings.js';
import type { Observation, ReplayedFlow } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';
import type { FindingDraft, Rule } from './types.js';
import { append } from '../types/collections.js';

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
export type QuoteEvidence = (evidence: Evidence[]) => QuotedEvidence[];

/** The flows of these ids (in this order), replayed again as they are iterated. */
export type ReviveFlows = (ids: readonly number[]) => Iterable<ReplayedFlow>;

/**
 * A run of the rules over a case whose flows are replayed a chunk at a time: `each` rules see every
 * chunk as it comes, and the ids of the flows the other rules want are kept for them until
 * `finish`, which runs every other rule once (catch-all ones last), showing it its flows replayed
 * again (`revive`) — a replayed flow holds every configuration variant's hops, too much to keep
 * thousands of — and returns the findings with quoted evidence, sorted.
 */
export class RuleRun {
  private readonly cited = new Set<string>();
  private readonly coveredDropCodes: ReadonlySet<number>;
  private readonly findings: Finding[] = [];
  private readonly perFlow: Rule[];
  /** The ids of the flows each relating rule wants, in order. */
  private readonly kept = new Map<Rule, number[]>();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly state: ClusterState,
    private readonly quote: QuoteEvidence,
    private readonly capturedNodes: ReadonlySet<string>,
    private readonly revive: ReviveFlows,
  ) {
    this.coveredDropCodes = new Set(rules.filter((r) => !r.catchAll).flatMap((r) => r.meta.covers?.dropCodes ?? []));
    for (const r of rules) if (r.catchAll && r.flows) throw new Error(`catch-all rule ${r.meta.name} must not read flows`);
    this.perFlow = rules.filter((r) => r.flows === 'each');
  }

  /** Findings about these flows from the `each` rules; the flows another rule wants are kept for it. */
  flows(chunk: readonly ReplayedFlow[]): Finding[] {
    const found = this.perFlow.flatMap((rule) => this.check(rule, chunk));
    for (const rule of this.rules) {
      const wants = rule.flows;
      if (typeof wants !== 'function') continue;
      for (const flow of chunk) if (wants(flow, this.state)) append(this.kept, rule, flow.id);
    }
    return found;
  }

  /** Every finding: those of the chunks, then those of the other rules over the kept flows; sorted. */
  finish(): Finding[] {
    const rest = this.rules.filter((r) => !this.perFlow.includes(r));
    for (const rule of [...rest.filter((r) => !r.catchAll), ...rest.filter((r) => r.catchAll)]) {
      const ids = this.kept.get(rule) ?? [];
      const revive = this.revive;
      this.check(rule, { [Symbol.iterator]: () => revive(ids)[Symbol.iterator]() });
    }
    return sortFindings(this.findings);
  }

  private check(rule: Rule, flows: Iterable<ReplayedFlow>): Finding[] {
    const { state, cited, coveredDropCodes, capturedNodes } = this;
    const found: Finding[] = [];
    for (const draft of rule.check({ state, flows, cited, coveredDropCodes, capturedNodes })) {
      if (draft.evidence.length === 0) throw new Error(`rule ${rule.meta.name} produced a finding without evidence`);
      const unique = new Map(draft.evidence.map((e) => [evidenceKey(e), { source: e.source, line: e.line }]));
      const evidence = this.quote([...unique.values()].sort(compareEvidence));
      for (const e of evidence) cited.add(evidenceKey(e));
      found.push({
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
    this.findings.push(...found);
    return found;
  }
}

/** Adds to `nodes` the node where tcpdump captured this observation, if it did. */
export function noteCapturedNode(nodes: Set<string>, o: Observation): void {
  if (o.tool === 'tcpdump' && o.node) nodes.add(o.node);
}

/** Nodes where tcpdump captured a packet of one of these flows. */
export function capturedNodesOf(observations: Iterable<Observation>): Set<string> {
  const nodes = new Set<string>();
  for (const o of observations) noteCapturedNode(nodes, o);
  return nodes;
}

/** Runs the rules over flows held whole (catch-all ones last); returns findings with quoted evidence, sorted, and names them on the flows. */
export function runRules(rules: readonly Rule[], state: ClusterState, quote: QuoteEvidence, flows: readonly ReplayedFlow[] = []): Finding[] {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const run = new RuleRun(rules, state, quote, capturedNodesOf(flows.flatMap((f) => f.observations)), (ids) => ids.map((id) => byId.get(id)!));
  run.flows(flows);
  const findings = run.finish();
  recordDivergences(flows, findings);
  return findings;
}

/** The rules that found something in each flow, by flow id, sorted. */
export function divergencesOf(findings: readonly Finding[]): Map<number, string[]> {
  const byFlow = new Map<number, string[]>();
  for (const f of findings) {
    if (!f.flow) continue;
    const rules = byFlow.get(f.flow.id) ?? [];
    if (!rules.includes(f.rule)) rules.push(f.rule);
    byFlow.set(f.flow.id, rules);
  }
  for (const rules of byFlow.values()) rules.sort();
  return byFlow;
}

/** Names, on each flow, the rules that found something in it. */
function recordDivergences(flows: readonly ReplayedFlow[], findings: readonly Finding[]): void {
  const byFlow = divergencesOf(findings);
  for (const flow of flows) flow.divergences = byFlow.get(flow.id) ?? [];
}
