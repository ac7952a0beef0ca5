/** The line accounting of one input (report-json.md `inputs[]`): every line is parsed or unparsed. */
export interface InputSummary {
  /** The input's name: its path as given or found in a folder, `-` for standard input. */
  source: string;
  lines: number;
  parsed: number;
  unparsed: number;
  /** Physical lines per primary format; sums to `parsed`. */
  formats: Record<string, number>;
  /** Logical records per format (a repaired physical line holds several). */
  records: Record<string, number>;
  /** Set when the input was not read: why (binary file found in a directory, unsupported member, failed command). */
  skipped?: string;
  /** Bundle member family (`agent-log`, `bugtool-command`…; `unknown` for an archive member no pattern knows). */
  member?: string;
  /** What the bundle member holds (the command that printed it, the resource). */
  what?: string;
  /** A read that stopped early (a broken archive): the lines before it stand. */
  note?: string;
  /**
   * parsed / partly-parsed (some lines unparsed) / unparsed (none parsed) / unsupported (recognised,
   * not read) / missing (the command that should have printed it failed) / skipped (not text, not a file).
   */
  coverage?: InputCoverage;
}

export type InputCoverage = 'parsed' | 'partly-parsed' | 'unparsed' | 'unsupported' | 'missing' | 'skipped';
