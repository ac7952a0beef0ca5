import type { LineContext, LogicalLine } from '../types/lines.js';
import { MAX_LINE_CHARS, readBlocks } from './lines.js';
import { splitJoinedRecords } from './repair.js';
import { splitFlattenedTable } from './table-repair.js';
import type { TextSource } from './sources.js';
import { unwrapLine, type Unwrapped } from './unwrap.js';

export { expandInputs, isSkipped, binaryKind, type TextSource, type SkippedSource } from './sources.js';
export { unwrapLine } from './unwrap.js';
export { splitJoinedRecords } from './repair.js';
export { cleanLine, readLines, readByteBlocks, blockLines, MAX_LINE_CHARS } from './lines.js';

/** One physical input line and the logical records it holds. */
export interface IngestedLine {
  source: string;
  line: number;
  /** Empty for a line too long to parse and for a CRI partial record joined to a later line. */
  segments: LogicalLine[];
  /** Set when the line is not parsed: it is kept as unparsed with this reason. */
  skipReason?: string;
  /** A CRI partial record: its text is parsed as part of the next physical line. */
  joinedToNext?: boolean;
  /**
   * False when the segments' texts cannot be read back from this physical line alone with
   * `logicalTexts` (a CRI record joined from several lines, a line too long): they must be stored.
   */
  recoverable: boolean;
  /** The physical text (after unwrapping), for unparsed-line records. */
  text: string;
}

/** The logical records of an unwrapped line: joined records split apart, a flattened table cut into rows. */
function segmentTexts(text: string): string[] {
  return splitJoinedRecords(text).flatMap((piece) => splitFlattenedTable(piece) ?? [piece]);
}

/**
 * What ingest reads from one physical line on its own: the context its prefixes give and the texts of
 * its logical records. The store reads evidence texts back through this, so they are the ones parsed.
 */
export function logicalTexts(raw: string): { context: LineContext; texts: string[] } {
  const { text, context } = unwrapLine(raw);
  return { context, texts: segmentTexts(text) };
}

/**
 * Turns the decoded lines of a source's blocks, in order, into ingested lines: unwrapped, CRI
 * partial records joined, split into logical records. Per source: it holds a partial record.
 */
export class LineReader {
  private lineNo = 0;
  /** A CRI partial record (tag P) continues on the next physical line; evidence is its first line. */
  private pending: { line: number; text: string; context: LineContext } | null = null;

  constructor(private readonly source: string) {}

  /** The ingested lines of the next block's lines. */
  block(rawLines: readonly string[]): IngestedLine[] {
    const source = this.source;
    const lines: IngestedLine[] = [];
    for (const raw of rawLines) {
      const lineNo = ++this.lineNo;
      if (raw.length > MAX_LINE_CHARS) {
        lines.push({
          source,
          line: lineNo,
          segments: [],
          text: raw.slice(0, 200),
          skipReason: `line too long (over ${MAX_LINE_CHARS} characters)`,
          recoverable: false,
        });
        continue;
      }
      const unwrapped: Unwrapped = unwrapLine(raw);
      const pending = this.pending;
      if (unwrapped.partial) {
        if (pending) pending.text += unwrapped.text;
        else this.pending = { line: lineNo, text: unwrapped.text, context: unwrapped.context };
        lines.push({ source, line: lineNo, segments: [], text: unwrapped.text, joinedToNext: true, recoverable: false });
        continue;
      }
      let { text, context } = unwrapped;
      let line = lineNo;
      if (pending) {
        text = pending.text + text;
        context = pending.context;
        line = pending.line;
        this.pending = null;
      }
      const segments: LogicalLine[] = segmentTexts(text).map((piece, segment) => ({ source, line, segment, text: piece, context }));
      lines.push({ source, line: lineNo, segments, text, recoverable: pending === null });
    }
    return lines;
  }
}

/** Streams a source as physical lines, each unwrapped and split into logical records. */
export async function* ingestSource(source: TextSource): AsyncGenerator<IngestedLine> {
  const reader = new LineReader(source.name);
  for await (const block of readBlocks(await source.open())) yield* reader.block(block.lines);
}
