/**
 * A table-driven rule tester in the manner of ESLint's RuleTester: each case gives its inputs
 * inline (file name → text), runs them through the real pipeline (ingest, grammars, store, state)
 * and the rule, and checks every finding by message id, severity and the lines it cites.
 * `valid` cases must give no finding of the rule; `invalid` cases exactly the listed ones, in
 * report order.
 */
import { describe, expect, it } from 'vitest';
import { runRules, type Rule } from '../../src/rules/index.js';
import { buildClusterState } from '../../src/state/index.js';
import { buildFlows } from '../../src/flows/index.js';
import { replayFlows } from '../../src/model/index.js';
import { EvidenceText } from '../../src/store/evidence.js';
import type { Finding, Severity } from '../../src/types/findings.js';
import type { ReplayedFlow } from '../../src/types/flows.js';
import type { ClusterState } from '../../src/types/state.js';
import { join } from 'node:path';
import { cite, withCase } from './case.js';

export interface RuleCase {
  name: string;
  /** Inputs written to files of these names (evidence cites them as `name:line`). */
  inputs?: Record<string, string>;
  /** Existing files read as they are (seeds, shared fixtures). */
  files?: string[];
  /** Changes the built cluster state before the rules run (facts no grammar reads yet); `paths` by input name. */
  amend?: (state: ClusterState, paths: Readonly<Record<string, string>>) => void;
}

export interface ExpectedFinding {
  messageId: string;
  severity: Severity;
  /** Every cited line, as `file:line` with the file's base name, in order. */
  lines: string[];
  node?: string | null;
  /** The title, when the finding sets its own. */
  title?: string;
  /** Parts the message must contain. */
  includes?: string[];
  /** The whole message, where its end matters. */
  message?: string;
}

export interface InvalidCase extends RuleCase {
  findings: ExpectedFinding[];
}

export interface RuleTests {
  valid: RuleCase[];
  invalid: InvalidCase[];
  /** Rules that run before the tested one (what a catch-all rule leaves to them). */
  before?: Rule[];
}

/** Text from lines, each ending with a newline. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** The findings of `rules` on the case's inputs, through the whole pipeline. */
export function findingsOn(rules: readonly Rule[], c: RuleCase): Promise<Finding[]> {
  return withCase(c.inputs ?? {}, c.files ?? [], (db, dir) => {
    const evidence = new EvidenceText(db);
    const state = buildClusterState(db);
    c.amend?.(state, Object.fromEntries(Object.keys(c.inputs ?? {}).map((name) => [name, join(dir, name)])));
    const set = buildFlows(db, state);
    let flows: ReplayedFlow[];
    try {
      flows = replayFlows(set, state);
    } finally {
      set.close();
    }
    // Messages name inputs as given; the tests name them as a user in their directory would.
    return runRules(rules, state, (l) => evidence.complete(l), flows).map((f) => ({ ...f, message: f.message.replaceAll(`${dir}/`, '') }));
  });
}

function describeFinding(f: Finding): ExpectedFinding & { title: string; message: string } {
  return {
    messageId: f.messageId,
    severity: f.severity,
    lines: f.evidence.map(cite),
    node: f.node,
    title: f.title,
    message: f.message,
  };
}

export function ruleTester(rule: Rule, tests: RuleTests): void {
  const rules = [...(tests.before ?? []), rule];
  describe(`rule ${rule.meta.name}`, () => {
    it('documents itself', () => {
      const { meta } = rule;
      expect(meta.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      for (const text of [meta.title, meta.meaning, meta.checkNext]) expect(text.length).toBeGreaterThan(0);
      expect(meta.reads.length).toBeGreaterThan(0);
      expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    });

    for (const c of tests.valid) {
      it(`valid: ${c.name}`, async () => {
        const found = (await findingsOn(rules, c)).filter((f) => f.rule === rule.meta.name);
        expect(found.map(describeFinding)).toEqual([]);
      });
    }

    for (const c of tests.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const found = (await findingsOn(rules, c)).filter((f) => f.rule === rule.meta.name).map(describeFinding);
        expect(found.map(({ messageId, severity, lines }) => ({ messageId, severity, lines }))).toEqual(
          c.findings.map(({ messageId, severity, lines }) => ({ messageId, severity, lines })),
        );
        c.findings.forEach((expected, i) => {
          const actual = found[i]!;
          if (expected.node !== undefined) expect(actual.node, `node of finding ${i}`).toBe(expected.node);
          if (expected.title !== undefined) expect(actual.title, `title of finding ${i}`).toBe(expected.title);
          if (expected.message !== undefined) expect(actual.message, `message of finding ${i}`).toBe(expected.message);
          for (const part of expected.includes ?? []) {
            expect(actual.message.includes(part), `message of finding ${i} contains "${part}": ${actual.message}`).toBe(true);
          }
          expect(actual.message, 'no unfilled placeholder').not.toMatch(/\{\{/);
        });
      });
    }
  });
}
