import type { FormatId } from '../types/formats.js';

/** Recognises the lines of one format family. */
export interface FormatSniffer {
  format: FormatId;
  /** Confidence that a line starts or is a record of this format: 0 (no) to 1 (certain). */
  match(text: string): number;
  /** The highest confidence `match` returns, when below 1: the sniffer is skipped where it cannot win. */
  ceiling?: number;
  /** After a line of this format, does `text` continue it (stack frames, dump lines…)? */
  continues?(text: string): boolean;
  /**
   * Does `text`, after the line `previous` of this format, open a dump of that record's bytes
   * printed as text (tcpdump -A), whose lines can hold anything? Its length in characters, at most,
   * else null: the dump's lines are this format's until it is used up or a certain line of another
   * format (or a record of this one) comes.
   */
  opensDump?(text: string, previous: string): number | null;
  /**
   * For a pasted command whose output this family prints, how a line of that output looks when
   * nothing else marks it (`OK` after `cilium status --brief`, rows after `kubectl get pods | grep`).
   */
  outputOf?(command: string): ((text: string) => boolean) | null;
}
