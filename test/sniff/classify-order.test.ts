/**
 * The sniffer asks the last line's family first and skips families that cannot win; the format it
 * picks must be the one every family's score picks: the earliest certain family, else the earliest
 * of the highest score, then the block's continuation or the pasted command's output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELISION, INTERRUPT_ECHO } from '../../src/knowledge/terminal.js';
import { matchPrompt, Sniffer, SNIFFERS, type FormatSniffer } from '../../src/sniff/index.js';
import type { FormatId } from '../../src/types/formats.js';
import { anyLine, pastedCommand, runs, SAMPLE_LINES } from '../helpers/fuzz.js';

/** Every family asked, in order, on every line. */
class EveryFamily {
  private last: FormatSniffer | null = null;
  private output: { sniffer: FormatSniffer | null; accepts: ((text: string) => boolean) | null } | null = null;

  classify(text: string): FormatId | null {
    if (text.trim().length === 0) return 'blank';
    if (INTERRUPT_ECHO.test(text) && this.last?.continues?.(text)) return this.last.format;
    if (ELISION.test(text)) return 'elision';
    let best: FormatSniffer | null = null;
    let bestScore = 0;
    for (const s of SNIFFERS) {
      const score = s.match(text);
      if (score > bestScore) {
        best = s;
        bestScore = score;
        if (score >= 1) break;
      }
    }
    if (!best || bestScore < 0.5) {
      if (this.last?.continues?.(text)) best = this.last;
      else if (this.output?.accepts?.(text)) best = this.output.sniffer;
    }
    this.last = best;
    if (best?.format === 'shell') {
      const prompt = matchPrompt(text);
      const family = prompt ? SNIFFERS.find((s) => s.outputOf?.(prompt.command)) : undefined;
      this.output = prompt ? { sniffer: family ?? null, accepts: family?.outputOf?.(prompt.command) ?? null } : null;
    } else if (best?.format === 'prose') this.output = null;
    return best ? best.format : null;
  }
}

const session = fc.array(fc.oneof(anyLine, pastedCommand.map((command) => `$ ${command}`)), { minLength: 1, maxLength: 40 });

describe('the sniffer picks what asking every family picks', () => {
  it('on any sequence of lines of every format, damaged and mixed, after any pasted command', () => {
    fc.assert(
      fc.property(session, (lines) => {
        const sniffer = new Sniffer();
        const reference = new EveryFamily();
        for (const line of lines) expect(sniffer.classify(line)).toBe(reference.classify(line));
      }),
      { numRuns: runs(300) },
    );
  });

  it('no family scores above its ceiling on the samples', () => {
    for (const s of SNIFFERS) {
      for (const line of SAMPLE_LINES) expect(s.match(line)).toBeLessThanOrEqual(s.ceiling ?? 1);
    }
  });

  it('the family asked first yields to an earlier one that scores as high', () => {
    const family = (format: FormatId, score: (text: string) => number): FormatSniffer => ({ format, match: score });
    const sniffer = new Sniffer([
      family('monitor', (t) => (t.startsWith('both') ? 1 : t.startsWith('tie') ? 0.7 : 0)),
      family('tcpdump', (t) => (t.startsWith('b') ? 1 : t.startsWith('t') ? 0.7 : 0)),
    ]);
    expect(sniffer.classify('b alone')).toBe('tcpdump');
    expect(sniffer.classify('both')).toBe('monitor');
    expect(sniffer.classify('t alone')).toBe('tcpdump');
    expect(sniffer.classify('tie')).toBe('monitor');
  });
});
