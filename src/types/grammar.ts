import type { FormatId } from './formats.js';
import type { LogicalLine } from './lines.js';
import type { FormatRecord } from './records.js';

export type FeedResult =
  | { ok: true; records: FormatRecord[] }
  | { ok: false; reason: string };

/** Per-source parsing state of one grammar (block formats keep context between lines). */
export interface GrammarSession {
  feed(line: LogicalLine): FeedResult;
  /**
   * End of the source: records still held back waiting for a continuation line, or why what it
   * holds is no record (a block cut off by the end of the input).
   */
  end?(): FormatRecord[] | { cutOff: string };
  /** A pasted shell command: how the output that follows was produced (e.g. tcpdump's flags). */
  onCommand?(command: string): void;
}

/** Depth of nested objects a sample may spell out in part (records nest a few levels at most). */
type Depth = [never, 0, 1, 2, 3, 4];

type DeepPartial<T, D extends number = 5> = [D] extends [never]
  ? T
  : T extends readonly unknown[]
    ? { [K in keyof T]: DeepPartial<T[K], Depth[D]> }
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K], Depth[D]> }
      : T;

/** The fields of a record that matter, by its kind: any subset, nested objects too. */
export type ExpectedRecord = FormatRecord extends infer R ? (R extends FormatRecord ? DeepPartial<R> & Pick<R, 'kind'> : never) : never;

/**
 * A documented sample (lnav's format samples, insights-core's parser doc tests): consecutive lines
 * as printed and every record they parse into, in order. test/grammars feeds the lines to a new
 * session (after its command, through `onCommand`) and matches each record against the fields listed.
 */
export interface GrammarSample {
  /** The pasted command the lines came from, when their reading depends on it (tcpdump -S, -ttt). */
  command?: string;
  lines: readonly string[];
  records: readonly ExpectedRecord[];
}

/** A format family's grammar. */
export interface Grammar {
  format: FormatId;
  /** Real-shaped samples with the records they parse into. */
  samples: readonly GrammarSample[];
  open(): GrammarSession;
}
