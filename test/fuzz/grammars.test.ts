/**
 * Property tests of every grammar: fed any sequence of damaged, out-of-range or foreign lines
 * (after any pasted command), a session never throws, never hangs and refuses a line only with a
 * reason. A session that throws would lose its block state; the loader contains it, but a grammar
 * must not rely on that.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRAMMARS } from '../../grammars/index.js';
import type { Grammar } from '../../src/types/grammar.js';
import { anyLine, pastedCommand, runs } from '../helpers/fuzz.js';

/** Feeds `lines` to a new session of `grammar` after `command`; throws on the first broken invariant. */
function feedChecked(grammar: Grammar, command: string | null, lines: readonly string[]): void {
  const session = grammar.open();
  if (command !== null) session.onCommand?.(command);
  lines.forEach((text, i) => {
    const result = session.feed({ source: 'fuzz.txt', line: i + 1, segment: 0, text, context: {} });
    if (!result.ok && result.reason.trim().length === 0) throw new Error(`refused without a reason: ${JSON.stringify(text.slice(0, 300))}`);
  });
  session.end?.();
}

const commandAndLines = fc.tuple(fc.option(pastedCommand, { nil: null }), fc.array(anyLine, { minLength: 1, maxLength: 25 }));

describe('every grammar holds on any text', () => {
  for (const [format, grammar] of GRAMMARS) {
    it(`${format}: no exception, a reason for every refusal`, () => {
      fc.assert(
        fc.property(commandAndLines, ([command, lines]) => feedChecked(grammar, command, lines)),
        { numRuns: runs(150) },
      );
    });
  }
});

describe('the property finds a broken grammar', () => {
  // If the property passed on a grammar that trips on what the generators make, it would prove nothing.
  const monitor = GRAMMARS.get('monitor')!;
  const tripping = (trips: (text: string) => boolean, fails: 'throws' | 'silent'): Grammar => ({
    ...monitor,
    open() {
      const inner = monitor.open();
      return {
        feed(line) {
          if (!trips(line.text)) return inner.feed(line);
          if (fails === 'throws') throw new RangeError('Maximum call stack size exceeded');
          return { ok: false, reason: '' };
        },
      };
    },
  });

  it('one whose recursion overflows on deeply nested braces', () => {
    const broken = tripping((t) => t.includes('{'.repeat(64)), 'throws');
    const result = fc.check(fc.property(commandAndLines, ([command, lines]) => feedChecked(broken, command, lines)), { numRuns: 1000 });
    expect(result.failed).toBe(true);
  });

  it('one that refuses an out-of-range number without saying why', () => {
    const broken = tripping((t) => /\b(?:65536|4294967296)\b/.test(t), 'silent');
    const result = fc.check(fc.property(commandAndLines, ([command, lines]) => feedChecked(broken, command, lines)), { numRuns: 1000 });
    expect(result.failed).toBe(true);
  });
});
