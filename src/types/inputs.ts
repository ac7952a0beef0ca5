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
  /** Set when the input was not read (binary file found in a directory). */
  skipped?: string;
}
