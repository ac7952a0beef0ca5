import type { FeedResult, Grammar, GrammarSession } from '../types/grammar.js';
import type { LogicalLine } from '../types/lines.js';
import type { FormatRecord } from '../types/records.js';

/** Why a grammar call failed: the exception's message, named after the format. */
export class GrammarFailure {
  constructor(readonly reason: string) {}
}

/**
 * One format's grammar session over one source, with its exceptions contained (Batfish's parse
 * status): an exception fails the line at hand, with the error as its reason, never the run. A
 * session that threw may hold broken state, so it is dropped; the format's next line opens a new
 * one. The session is opened at its format's first line and learns the last pasted command then,
 * unless that command is the one it could not take.
 */
export class ContainedSession {
  private session: GrammarSession | null = null;
  private lastCommand: string | null = null;

  constructor(private readonly grammar: Grammar) {}

  feed(line: LogicalLine): FeedResult {
    try {
      return this.open().feed(line);
    } catch (err) {
      return { ok: false, reason: this.drop(err).reason };
    }
  }

  /** A pasted shell command: how the output that follows was produced. */
  onCommand(command: string): GrammarFailure | null {
    this.lastCommand = command;
    try {
      this.session?.onCommand?.(command);
      return null;
    } catch (err) {
      this.lastCommand = null;
      return this.drop(err);
    }
  }

  /** End of the source: the records the session still holds. */
  end(): FormatRecord[] | GrammarFailure {
    try {
      const held = this.session?.end?.() ?? [];
      return 'cutOff' in held ? new GrammarFailure(`${this.grammar.format}: ${held.cutOff}`) : held;
    } catch (err) {
      return this.drop(err);
    }
  }

  private open(): GrammarSession {
    if (!this.session) {
      const session = this.grammar.open();
      try {
        if (this.lastCommand !== null) session.onCommand?.(this.lastCommand);
      } catch (err) {
        this.lastCommand = null;
        throw err;
      }
      this.session = session;
    }
    return this.session;
  }

  private drop(err: unknown): GrammarFailure {
    this.session = null;
    return new GrammarFailure(`${this.grammar.format} grammar failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
