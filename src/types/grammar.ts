import type { FormatId } from './formats.js';
import type { LogicalLine } from './lines.js';
import type { FormatRecord } from './records.js';

export type FeedResult =
  | { ok: true; records: FormatRecord[] }
  | { ok: false; reason: string };

/** Per-source parsing state of one grammar (block formats keep context between lines). */
export interface GrammarSession {
  feed(line: LogicalLine): FeedResult;
  /** End of the source: records still held back waiting for a continuation line. */
  end?(): FormatRecord[];
  /** A pasted shell command: how the output that follows was produced (e.g. tcpdump's flags). */
  onCommand?(command: string): void;
}

/** A format family's grammar. `samples` are real-shaped lines a shared test parses. */
export interface Grammar {
  format: FormatId;
  samples: readonly string[];
  open(): GrammarSession;
}
