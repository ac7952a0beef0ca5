import type { CaseDb } from '../store/db.js';
import type { Evidence } from '../types/evidence.js';
import type { Finding, RuleMeta, Severity } from '../types/findings.js';
import type { ClusterState } from '../types/state.js';

export interface RuleContext {
  state: ClusterState;
  /** The case database, for rules that count or select stored records (never to parse text). */
  db: CaseDb;
  /** Evidence lines already cited by earlier rules (catch-all rules skip them). */
  cited: ReadonlySet<string>;
}

/** What a rule's check returns; name, title and default severity come from its meta. */
export interface FindingDraft {
  message: string;
  node: string | null;
  evidence: Evidence[];
  severity?: Severity;
  title?: string;
}

export interface Rule {
  meta: RuleMeta;
  /** Catch-all rules run after the others and skip lines those already cite. */
  catchAll?: boolean;
  check(ctx: RuleContext): FindingDraft[];
}

export type { Finding, RuleMeta, Severity };
