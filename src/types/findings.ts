import type { Evidence } from './evidence.js';

export type Severity = 'critical' | 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, error: 1, warning: 2, info: 3 };

export interface Finding {
  rule: string;
  severity: Severity;
  title: string;
  /** What was expected, what was observed, what to check next. */
  message: string;
  node: string | null;
  /** At least one entry, with source, line and the line's text. */
  evidence: Required<Evidence>[];
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
  /** Fact sources the rule reads: C config, S status, L log, M monitor, T tcpdump. */
  reads: readonly ('C' | 'S' | 'L' | 'M' | 'T')[];
}
