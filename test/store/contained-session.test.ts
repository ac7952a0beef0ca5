import { afterEach, describe, expect, it, vi } from 'vitest';
import { statusGrammar } from '../../grammars/status.js';
import { createCaseDb, type CaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import type { GrammarSession } from '../../src/types/grammar.js';
import type { InputSummary } from '../../src/types/inputs.js';
import { stdinOf } from '../helpers/analyze.js';

const realOpen = statusGrammar.open.bind(statusGrammar);

/** The status grammar, with a session that throws where `fault` says (a bug in a grammar). */
function faultyStatusGrammar(fault: { feed?: RegExp; onCommand?: boolean; end?: boolean }): void {
  vi.spyOn(statusGrammar, 'open').mockImplementation((): GrammarSession => {
    const real = realOpen();
    return {
      feed(line) {
        if (fault.feed?.test(line.text)) throw new TypeError('LABEL_VALUES[line.label] is not a function');
        return real.feed(line);
      },
      onCommand() {
        if (fault.onCommand) throw new Error('cannot take the command');
      },
      ...(fault.end ? { end: () => { throw new Error('cannot flush'); } } : {}),
    };
  });
}

async function load(text: string): Promise<{ db: CaseDb; summary: InputSummary }> {
  const db = createCaseDb();
  const { sources } = await loadInputs(db, ['-'], stdinOf(text));
  return { db, summary: sources[0]! };
}

function unparsed(db: CaseDb): { line: number; reason: string }[] {
  return db.prepare('SELECT line, reason FROM unparsed ORDER BY line').all() as { line: number; reason: string }[];
}

const STATUS = [
  '$ kubectl -n kube-system exec cilium-q8z2k -- cilium-dbg status',
  'KVStore:                 Ok   Disabled',
  'Kubernetes:              Ok   1.30 (v1.30.4) [linux/arm64]',
  'Host Routing:            Legacy',
  'Masquerading:            IPTables [IPv4: Enabled, IPv6: Disabled]',
];

describe('an exception inside a grammar session', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('fails only its line, with the error as the reason; the next line gets a new session', async () => {
    faultyStatusGrammar({ feed: /^Kubernetes:/ });
    const { db, summary } = await load(`${STATUS.join('\n')}\n`);
    expect(summary).toMatchObject({ lines: 5, parsed: 4, unparsed: 1 });
    expect(summary.parsed + summary.unparsed).toBe(summary.lines);
    expect(unparsed(db)).toEqual([{ line: 3, reason: 'cilium-status grammar failed: LABEL_VALUES[line.label] is not a function' }]);
    expect(db.prepare('SELECT label FROM status_fields ORDER BY id').pluck().all()).toEqual(['KVStore', 'Host Routing', 'Masquerading']);
    db.close();
  });

  it('taking a pasted command fails the line where it was taken; the new session goes without it', async () => {
    faultyStatusGrammar({ onCommand: true });
    const { db, summary } = await load(`${[...STATUS, ...STATUS].join('\n')}\n`);
    expect(summary).toMatchObject({ lines: 10, parsed: 8, unparsed: 2 });
    // Line 2 opens the session, which learns the command of line 1; line 6 is the next command.
    expect(unparsed(db)).toEqual([
      { line: 2, reason: 'cilium-status grammar failed: cannot take the command' },
      { line: 6, reason: 'cilium-status grammar failed: cannot take the command' },
    ]);
    expect(db.prepare('SELECT count(*) FROM status_fields').pluck().get()).toBe(7);
    db.close();
  });

  it('at the end of the input is reported at the last line', async () => {
    faultyStatusGrammar({ end: true });
    const { db, summary } = await load(`${STATUS.join('\n')}\n`);
    expect(summary).toMatchObject({ lines: 5, parsed: 5, unparsed: 0 });
    expect(unparsed(db)).toEqual([{ line: 5, reason: 'end of input: cilium-status grammar failed: cannot flush' }]);
    db.close();
  });

  it('a block the end of the input cut off is reported at the last line, without an exception', async () => {
    const { db, summary } = await load(['$ cilium-dbg shell -- db/show --format=json devices', '{', '  "Name": "eth1",', '  "MTU": 9001,'].join('\n') + '\n');
    expect(summary.parsed + summary.unparsed).toBe(summary.lines);
    expect(unparsed(db)).toEqual([{ line: 4, reason: 'end of input: statedb: the JSON object from line 2 is cut off' }]);
    db.close();
  });
});
