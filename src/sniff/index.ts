import { ELISION, INTERRUPT_ECHO } from '../knowledge/terminal.js';
import type { FormatId } from '../types/formats.js';
import { agentLogSniffer } from './agent-log.js';
import { hubbleSniffer } from './hubble.js';
import { hostSniffer } from './host.js';
import { kubernetesSniffer } from './kubernetes.js';
import { monitorSniffer } from './monitor.js';
import { statedbSniffer } from './statedb.js';
import { statusSniffer } from './status.js';
import { tcpdumpSniffer } from './tcpdump.js';
import { codeSniffer, matchPrompt, proseSniffer, shellSniffer } from './text.js';
import type { FormatSniffer } from './types.js';

export type { FormatSniffer } from './types.js';
export { matchPrompt, isProse, type PromptMatch } from './text.js';

/**
 * Every format family, most specific first. A new family adds its sniffer here; existing ones are
 * not touched. Prose is last: it is what remains when no output format claims a line.
 */
export const SNIFFERS: readonly FormatSniffer[] = [
  agentLogSniffer,
  shellSniffer,
  // Before status: its row shapes backtrack long on the long lines of hubble's JSON.
  hubbleSniffer,
  statusSniffer,
  tcpdumpSniffer,
  monitorSniffer,
  kubernetesSniffer,
  hostSniffer,
  statedbSniffer,
  codeSniffer,
  proseSniffer,
];

/**
 * Whether sniffer `i` scoring `score` wins over the best so far: a certain score over any
 * uncertain one and the earlier of two certain ones; else the higher score, the earlier on a tie.
 */
function beats(i: number, score: number, bestIndex: number, bestScore: number): boolean {
  if (score <= 0) return false;
  if (score >= 1) return bestScore < 1 || i < bestIndex;
  return bestScore < 1 && (score > bestScore || (score === bestScore && i < bestIndex));
}

const UNRECOGNISED = 'unrecognised: matches no known format';

/** The output of a pasted command, as the family that prints it recognises its bare lines. */
interface CommandOutput {
  command: string;
  sniffer: FormatSniffer | null;
  accepts: ((text: string) => boolean) | null;
}

/** Decides the format of each logical line of one source; keeps block context between lines. */
export class Sniffer {
  private last: FormatSniffer | null = null;
  /** The index of the family that scored best on the last line, -1 for none. */
  private hint = -1;
  /** The last pasted command, until prose or another command. */
  private output: CommandOutput | null = null;

  /** A dump being read (`FormatSniffer.opensDump`): its family and the characters it may still hold. */
  private dump: { family: FormatSniffer; left: number } | null = null;
  /** The last line classified that was not blank. */
  private previous = '';

  /** The index from which every family's ceiling is below 0.5 (prose, code): they never outweigh a continuation. */
  private readonly weakFrom: number;

  constructor(private readonly sniffers: readonly FormatSniffer[] = SNIFFERS) {
    let i = sniffers.length;
    while (i > 0 && (sniffers[i - 1]!.ceiling ?? 1) < 0.5) i--;
    this.weakFrom = i;
  }

  /** The line's format, or null when no family recognises it. */
  classify(text: string): FormatId | null {
    if (text.trim().length === 0) {
      if (this.dump) this.dump.left--;
      return 'blank';
    }
    // Ctrl-C ends whatever command was running: it belongs to the output before it when that
    // format takes it (`cilium monitor`), whatever else could read it alone (tcpdump's summary).
    if (INTERRUPT_ECHO.test(text) && this.last?.continues?.(text)) return this.last.format;
    // An elision stands for lines the user cut: the block around it goes on after it. Not in a
    // dump, where a run of dots is bytes that do not print.
    if (ELISION.test(text) && !this.dump) return 'elision';
    const { sniffers } = this;
    // The earliest certain (≥ 1) family, else the earliest of the highest score. The last line's
    // winner is asked first (a block's lines follow one another); then only the families that
    // could still beat the best so far, by their order and ceiling.
    const hint = this.hint;
    let bestIndex = -1;
    let bestScore = 0;
    if (hint >= 0) {
      const score = sniffers[hint]!.match(text);
      if (score > 0) {
        bestIndex = hint;
        bestScore = score;
      }
    }
    let continued: boolean | undefined;
    for (let i = 0; i < sniffers.length; i++) {
      if (i === hint) continue;
      if (i === this.weakFrom && bestScore < 0.5) {
        // Only families scoring below 0.5 are left: a line the block above continues is its own.
        continued = this.last?.continues?.(text) ?? false;
        if (continued) break;
      }
      const s = sniffers[i]!;
      if (!beats(i, s.ceiling ?? 1, bestIndex, bestScore)) {
        if (bestScore >= 1 && i > bestIndex) break;
        continue;
      }
      const score = s.match(text);
      if (beats(i, score, bestIndex, bestScore)) {
        bestIndex = i;
        bestScore = score;
      }
    }
    this.hint = bestIndex;
    let best = bestIndex >= 0 ? sniffers[bestIndex]! : null;
    const dump = this.dumpFamily(text, best, bestScore);
    this.previous = text;
    if (dump) best = dump;
    else if (!best || bestScore < 0.5) {
      if (continued ?? this.last?.continues?.(text)) best = this.last;
      else if (this.output?.accepts?.(text)) best = this.output.sniffer;
    }
    this.last = best;
    if (best === shellSniffer) this.output = this.commandOutput(text);
    else if (best === proseSniffer) this.output = null;
    return best ? best.format : null;
  }

  /**
   * The family whose dump the line is part of: the dump being read, unless the line is used up
   * or is a record of its own (certain, or of the dump's family); else the dump the line opens,
   * when no family claims it.
   */
  private dumpFamily(text: string, best: FormatSniffer | null, score: number): FormatSniffer | null {
    const dump = this.dump;
    if (dump) {
      if (score < 1 && best !== dump.family && text.length < dump.left) {
        dump.left -= text.length + 1;
        return dump.family;
      }
      this.dump = null;
      return null;
    }
    const family = this.last;
    if (score >= 0.5 || !family?.opensDump) return null;
    const length = family.opensDump(text, this.previous);
    if (length === null || text.length >= length) return null;
    this.dump = { family, left: length - text.length - 1 };
    return family;
  }

  /** Why the line `classify` just returned null for is not read. */
  unrecognisedReason(): string {
    if (!this.output) return UNRECOGNISED;
    const command = this.output.command.length > 60 ? `${this.output.command.slice(0, 57)}...` : this.output.command;
    return `unrecognised: output of \`${command}\` in no format this analyzer reads`;
  }

  private commandOutput(text: string): CommandOutput | null {
    const prompt = matchPrompt(text);
    if (!prompt) return null;
    for (const s of this.sniffers) {
      const accepts = s.outputOf?.(prompt.command) ?? null;
      if (accepts) return { command: prompt.command, sniffer: s, accepts };
    }
    return { command: prompt.command, sniffer: null, accepts: null };
  }
}
