import type { FormatId } from '../types/formats.js';

/** Recognises the lines of one format family. */
export interface FormatSniffer {
  format: FormatId;
  /** Confidence that a line starts or is a record of this format: 0 (no) to 1 (certain). */
  match(text: string): number;
  /** After a line of this format, does `text` continue it (stack frames, dump lines…)? */
  continues?(text: string): boolean;
}
