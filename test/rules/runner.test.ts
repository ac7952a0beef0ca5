/** The rule runner: discovery of the catalog, message templates, catch-all ordering, evidence. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage, loadRules, RuleRun, runRules, type Rule } from '../../src/rules/index.js';
import type { ReplayedFlow } from '../../src/types/flows.js';
import { dropReasonByCode } from '../../src/knowledge/monitor/index.js';
import { evidenceKey, type Evidence } from '../../src/types/evidence.js';
import type { ClusterState } from '../../src/types/state.js';

const EMPTY_STATE: ClusterState = {
  agents: [],
  nodes: [],
  health: [],
  endpoints: [],
  services: [],
  identities: [],
  monitor: {
    summary: { events: 0, byKind: {}, drops: [] },
    groups: [],
    drops: { total: 0, lostEvents: 0, byReason: [], byEndpoint: [], byIdentityPair: [], overTime: [] },
  },
  packets: { total: 0, byProtocol: {}, captures: [] },
};

const quote = (evidence: Evidence[]) => evidence.map((e) => ({ ...e, text: `line ${e.line} of ${e.source}` }));

/** A stand-in rule reporting the given drafts and remembering what the runner told it. */
function standIn(name: string, drafts: ReturnType<Rule['check']>, extra: Partial<Rule> = {}): Rule & { seen: { cited: string[]; covered: number[] }[] } {
  const seen: { cited: string[]; covered: number[] }[] = [];
  return {
    meta: { name, severity: 'warning', title: `title of ${name}`, meaning: 'm', checkNext: 'c', reads: ['L'], messages: { found: '{{what}} found at {{ where }}', plain: 'nothing to fill' } },
    check: ({ cited, coveredDropCodes }) => {
      seen.push({ cited: [...cited], covered: [...coveredDropCodes] });
      return drafts;
    },
    seen,
    ...extra,
  };
}

// Loaded while the file is collected: the catalog modules are evaluated outside any test (mutation
// testing counts their module-level code as static).
const CATALOG = await loadRules();

describe('rule discovery', () => {
  it('loads one rule per catalog module, sorted by name, names unique and as the file is named', async () => {
    const rules = await loadRules();
    expect(rules).toEqual(CATALOG);
    const files = readdirSync(new URL('../../src/rules/catalog/', import.meta.url)).filter((f) => f.endsWith('.ts'));
    const names = rules.map((r) => r.meta.name);
    expect(names).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it('every drop code a rule covers is a code of the knowledge table', () => {
    const covered = CATALOG.flatMap((r) => r.meta.covers?.dropCodes ?? []);
    expect(covered.length).toBeGreaterThan(0);
    expect(covered.filter((code) => dropReasonByCode(code) === null)).toEqual([]);
  });
});

describe('message templates', () => {
  const rule = standIn('templates', []);

  it('fills every placeholder, spaces inside the braces allowed', () => {
    expect(formatMessage(rule, { messageId: 'found', data: { what: '3 drops', where: 'node-a' }, node: null, evidence: [] })).toBe('3 drops found at node-a');
    expect(formatMessage(rule, { messageId: 'plain', node: null, evidence: [] })).toBe('nothing to fill');
  });

  it('refuses an unknown message id and a placeholder without data', () => {
    expect(() => formatMessage(rule, { messageId: 'missing', node: null, evidence: [] })).toThrow('rule templates has no message "missing"');
    expect(() => formatMessage(rule, { messageId: 'found', data: { what: 'x' }, node: null, evidence: [] })).toThrow('rule templates, message found: no data for {{where}}');
    expect(() => formatMessage(rule, { messageId: 'found', node: null, evidence: [] })).toThrow('rule templates, message found: no data for {{what}}');
  });
});

describe('running rules', () => {
  const at = (line: number, source = 'a.log') => ({ source, line });

  it('runs catch-all rules last, telling them the lines cited and the drop codes covered before', () => {
    const catchAll = standIn('catch-all', [], { catchAll: true, meta: { ...standIn('x', []).meta, name: 'catch-all', covers: { dropCodes: [999] } } });
    const specific = standIn('specific', [{ messageId: 'plain', node: null, evidence: [at(7), at(3)] }], {
      meta: { ...standIn('x', []).meta, name: 'specific', covers: { dropCodes: [133, 181] } },
    });
    const coversNothing = standIn('covers-nothing', []);
    runRules([catchAll, specific, coversNothing], EMPTY_STATE, quote);
    expect(specific.seen).toEqual([{ cited: [], covered: [133, 181] }]);
    expect(catchAll.seen).toEqual([{ cited: [evidenceKey(at(3)), evidenceKey(at(7))], covered: [133, 181] }]);
  });

  it('builds findings from meta and draft: severity and title overridable, evidence unique, sorted and quoted', () => {
    const rule = standIn('one', [
      { messageId: 'found', data: { what: 'x', where: 'y' }, node: 'node-a', evidence: [at(9), at(2, 'b.log'), at(9), at(4)] },
      { messageId: 'plain', node: null, severity: 'critical', title: 'Own title', evidence: [at(12)] },
    ]);
    expect(runRules([rule], EMPTY_STATE, quote)).toEqual([
      {
        rule: 'one', severity: 'critical', title: 'Own title', messageId: 'plain', message: 'nothing to fill', node: null,
        evidence: [{ source: 'a.log', line: 12, text: 'line 12 of a.log' }],
      },
      {
        rule: 'one', severity: 'warning', title: 'title of one', messageId: 'found', message: 'x found at y', node: 'node-a',
        evidence: [
          { source: 'a.log', line: 4, text: 'line 4 of a.log' },
          { source: 'a.log', line: 9, text: 'line 9 of a.log' },
          { source: 'b.log', line: 2, text: 'line 2 of b.log' },
        ],
      },
    ]);
  });

  it('sorts findings by severity, rule name, then first evidence', () => {
    const plain = (line: number, severity?: 'error') => ({ messageId: 'plain', node: null, evidence: [at(line)], ...(severity ? { severity } : {}) });
    const rules = [standIn('a-rule', [plain(8), plain(9, 'error'), plain(6)]), standIn('b-rule', [plain(5), plain(1), plain(3)]), standIn('c-rule', [plain(2), plain(7)])];
    const order = (given: Rule[]) => runRules(given, EMPTY_STATE, quote).map((f) => `${f.severity} ${f.rule} ${f.evidence[0]!.line}`);
    expect(order([...rules].reverse())).toEqual(order(rules));
    expect(order(rules)).toEqual([
      'error a-rule 9',
      'warning a-rule 6',
      'warning a-rule 8',
      'warning b-rule 1',
      'warning b-rule 3',
      'warning b-rule 5',
      'warning c-rule 2',
      'warning c-rule 7',
    ]);
  });

  it('refuses a finding without evidence', () => {
    expect(() => runRules([standIn('empty', [{ messageId: 'plain', node: null, evidence: [] }])], EMPTY_STATE, quote)).toThrow(
      'rule empty produced a finding without evidence',
    );
  });
});

describe('a run fed a chunk of flows at a time', () => {
  /** Flows as far as these rules look at them: an id, and whether it is ambiguous. */
  const flows = (ids: number[], ambiguous: number[] = []): ReplayedFlow[] =>
    ids.map((id) => ({ id, ambiguity: ambiguous.includes(id) ? { dimensions: ['routing'], variants: [] } : null, observations: [], divergences: [] }) as unknown as ReplayedFlow);
  const evidence = (id: number): Evidence[] => [{ source: 'flows.txt', line: id }];
  /** Replays again: a fresh flow of each id, as the pipeline's replayer gives it; counts what it was asked for. */
  const revived: number[][] = [];
  const revive = (ids: readonly number[]): ReplayedFlow[] => {
    revived.push([...ids]);
    return flows([...ids], [...ids]);
  };

  it('shows each-flow rules every chunk, relating rules once the flows they keep (replayed again), other rules none', () => {
    revived.length = 0;
    const shown: Record<string, number[][]> = { each: [], relating: [], none: [] };
    const rule = (name: string, wants: Rule['flows']): Rule => ({
      ...standIn(name, []),
      flows: wants,
      check: ({ flows: seen }) => {
        const list = [...seen];
        shown[name]!.push(list.map((f) => f.id));
        return list.map((f) => ({ messageId: 'plain', node: null, evidence: evidence(f.id), flow: { id: f.id, hop: null } }));
      },
    });
    const run = new RuleRun([rule('each', 'each'), rule('relating', (f) => f.ambiguity !== null), rule('none', undefined)], EMPTY_STATE, quote, new Set(), revive);
    const first = run.flows(flows([1, 2, 3], [2]));
    run.flows(flows([4, 5], [5]));
    const findings = run.finish();
    expect(shown).toEqual({ each: [[1, 2, 3], [4, 5]], relating: [[2, 5]], none: [[]] });
    // Only the kept ids are replayed again, once per pass the rule makes over them.
    expect(revived).toEqual([[2, 5], []]);
    expect(first.map((f) => f.flow!.id)).toEqual([1, 2, 3]);
    expect(findings.filter((f) => f.rule === 'relating').map((f) => f.flow!.id)).toEqual([2, 5]);
    expect(findings.filter((f) => f.rule === 'each')).toHaveLength(5);
  });

  it('finds what a run over the flows held whole finds', () => {
    const rules = [standIn('a', []), { ...standIn('b', []), flows: 'each' as const, check: ({ flows: seen }: { flows: readonly ReplayedFlow[] }) => seen.filter((f) => f.id % 2 === 0).map((f) => ({ messageId: 'plain', node: null, evidence: evidence(f.id), flow: { id: f.id, hop: 0 } })) }];
    const whole = runRules(rules, EMPTY_STATE, quote, flows([1, 2, 3, 4]));
    const run = new RuleRun(rules, EMPTY_STATE, quote, new Set(), revive);
    run.flows(flows([1, 2]));
    run.flows(flows([3, 4]));
    expect(run.finish()).toEqual(whole);
  });

  it('refuses a catch-all rule that reads flows (it must run after every other rule)', () => {
    expect(() => new RuleRun([standIn('late', [], { catchAll: true, flows: 'each' })], EMPTY_STATE, quote, new Set(), revive)).toThrow(/catch-all rule late must not read flows/);
  });

  it('every catalog rule that reads flows says how', () => {
    const files = readdirSync(new URL('../../src/rules/catalog/', import.meta.url)).filter((f) => f.endsWith('.ts'));
    const undeclared = files.filter((f) => {
      const text = readFileSync(new URL(`../../src/rules/catalog/${f}`, import.meta.url), 'utf8');
      return /check\(\{[^}]*\bflows\b/.test(text) && !/^  flows: /m.test(text);
    });
    expect(undeclared).toEqual([]);
  });
});
