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
  /** The three most frequent shapes of its unparsed lines (empty when every line parsed). */
  unparsedShapes?: UnparsedShape[];
}

/** A message shape (values replaced by `#`) of unparsed lines, how often, why, and its first line. */
export interface UnparsedShape {
  /** The format whose grammar failed on it, or `unrecognised`. */
  format: string;
  shape: string;
  count: number;
  /** The reason given for its first line. */
  reason: string;
  example: { source: string; line: number; text: string };
}

/** One format's share of the case (`cilium-analyze coverage`). */
export interface FormatCoverage {
  format: string;
  /** Lines of this format: those parsed plus those its grammar failed on. */
  lines: number;
  parsed: number;
  unparsed: number;
  /** parsed / lines, 0–1. */
  share: number;
  shapes: UnparsedShape[];
}

/** What the grammars read of a case and what they miss. */
export interface CaseCoverage {
  inputs: number;
  lines: number;
  parsed: number;
  unparsed: number;
  share: number;
  formats: FormatCoverage[];
  /** The most frequent unparsed shapes over every format. */
  top: UnparsedShape[];
}

export type InputCoverage = 'parsed' | 'partly-parsed' | 'unparsed' | 'unsupported' | 'missing' | 'skipped';
