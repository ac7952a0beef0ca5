import type { QuotedEvidence } from './evidence.js';

export type Severity = 'critical' | 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, error: 1, warning: 2, info: 3 };

export interface Finding {
  rule: string;
  severity: Severity;
  title: string;
  /** The rule's message id (`meta.messages` key): stable, unlike the message text. */
  messageId: string;
  /** What was expected, what was observed, what to check next. */
  message: string;
  node: string | null;
  /** At least one entry, with source, line and the line's text. */
  evidence: QuotedEvidence[];
  /** The flow (`flows[].id`) and observed hop the finding is about, for per-flow rules. */
  flow?: { id: number; hop: number | null };
}

export interface RuleMeta {
  /** kebab-case; the name in datapath-model.md §6 where one exists. */
  name: string;
  /** The §6 id (CFG-01, HLT-02…) when the rule comes from the model spec. */
  specId?: string;
  severity: Severity;
  title: string;
  /** What the finding usually means. */
  meaning: string;
  /** What to check next. */
  checkNext: string;
  /** Fact sources the rule reads: C config, S status, L log, M monitor, T tcpdump, R routes/links, K Kubernetes. */
  reads: readonly ('C' | 'S' | 'L' | 'M' | 'T' | 'R' | 'K')[];
  /**
   * Message templates by id (ESLint's `meta.messages`): a finding names its id and the data that
   * fills the `{{placeholders}}`.
   */
  messages: Readonly<Record<string, string>>;
  /** What the rule reports, so catch-all rules can leave it out. */
  covers?: RuleCoverage;
}

/** Drop reasons, identities and ports a rule reports (values from `src/knowledge`). */
export interface RuleCoverage {
  dropCodes?: readonly number[];
  identities?: readonly number[];
  ports?: readonly number[];
}
