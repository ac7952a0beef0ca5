import type { Evidence } from '../types/evidence.js';
import type { Finding, RuleMeta, Severity } from '../types/findings.js';
import type { ReplayedFlow } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';

export interface RuleContext {
  state: ClusterState;
  /**
   * The flows the rule is shown (see `Rule.flows`), replayed by the model: a chunk held in memory, or
   * the flows a relating rule kept, replayed again as they are iterated (so each pass costs a replay).
   */
  flows: Iterable<ReplayedFlow>;
  /** Evidence lines already cited by earlier rules (catch-all rules skip them). */
  cited: ReadonlySet<string>;
  /** Drop codes that rules other than the catch-all ones report (their `meta.covers`). */
  coveredDropCodes: ReadonlySet<number>;
  /** Nodes where tcpdump captured a packet of any flow (whether a capture there could have seen a flow). */
  capturedNodes: ReadonlySet<string>;
}

/** What a rule's check returns; name, title and default severity come from its meta. */
export interface FindingDraft {
  /** Key of `meta.messages`; `data` fills its `{{placeholders}}`. */
  messageId: string;
  data?: Readonly<Record<string, string | number>>;
  node: string | null;
  evidence: Evidence[];
  severity?: Severity;
  title?: string;
  /** The flow the finding is about, and the observed hop (index into its `observed`) where it diverges. */
  flow?: { id: number; hop: number | null };
}

export interface Rule {
  meta: RuleMeta;
  /** Catch-all rules run after the others and skip lines those already cite. */
  catchAll?: boolean;
  /**
   * How the rule reads `flows`, so that a replay of many flows is never held whole. `each`: what it
   * finds in a flow depends on that flow alone, and it is shown the flows a chunk at a time. A
   * predicate: it relates flows to one another, and is shown, once, every flow the predicate keeps
   * (those that may take part in a finding). Absent: it reads no flows and is shown none.
   */
  flows?: 'each' | ((flow: ReplayedFlow, state: ClusterState) => boolean);
  check(ctx: RuleContext): FindingDraft[];
}

export type { Finding, RuleMeta, Severity };
