import type { FormatId } from './formats.js';
import type { LogicalLine } from './lines.js';
import type { FormatRecord } from './records.js';

export type FeedResult =
  | { ok: true; records: FormatRecord[] }
  | { ok: false; reason: string };

/** Per-source parsing state of one grammar (block formats keep context between lines). */
export interface GrammarSession {
  feed(line: LogicalLine): FeedResult;
}

/** A format family's grammar. `samples` are real-shaped lines a shared test parses. */
export interface Grammar {
  format: FormatId;
  samples: readonly string[];
  open(): GrammarSession;
}
