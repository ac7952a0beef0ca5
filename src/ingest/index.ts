import type { LineContext, LogicalLine } from '../types/lines.js';
import { MAX_LINE_CHARS, readLines } from './lines.js';
import { splitJoinedRecords } from './repair.js';
import { splitFlattenedTable } from './table-repair.js';
import type { TextSource } from './source.js';
import { unwrapLine } from './unwrap.js';

export { expandInputs } from './sources.js';
export { isSkipped, type TextSource, type SkippedSource, type SkipStatus } from './source.js';
export { binaryKind } from './content.js';
export { Expansion } from './expansion.js';
export { Progress } from './progress.js';
export { DEFAULT_LIMITS, parseByteSize, type ContainerLimits } from './limits.js';
export { unwrapLine } from './unwrap.js';
export { splitJoinedRecords } from './repair.js';
export { cleanLine, readLines, MAX_LINE_CHARS } from './lines.js';

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
  /** The physical text (after unwrapping), for unparsed-line records. */
  text: string;
}

function tooLong(source: TextSource, line: number, text: string): IngestedLine {
  return { source: source.name, line, segments: [], text: text.slice(0, 200), skipReason: `line too long (over ${MAX_LINE_CHARS} characters)` };
}

/**
 * Physical line `lineNo` ending a logical line that starts at `line` (a CRI record joined from
 * partials) with its records: joined records split apart, flattened tables split by their header.
 */
function logicalLine(source: TextSource, lineNo: number, line: number, text: string, context: LineContext): IngestedLine {
  if (text.length > MAX_LINE_CHARS) return tooLong(source, lineNo, text);
  const pieces = splitJoinedRecords(text).flatMap((piece) => splitFlattenedTable(piece) ?? [piece]);
  const segments = pieces.map((piece, segment): LogicalLine => ({ source: source.name, line, segment, text: piece, context }));
  return { source: source.name, line: lineNo, segments, text };
}

/** Streams a source as physical lines, each unwrapped and split into logical records. */
export async function* ingestSource(source: TextSource): AsyncGenerator<IngestedLine> {
  const stream = await source.open();
  // A bundle member's pod and container: the context of every line that names none of its own.
  const memberContext = source.context;
  let lineNo = 0;
  // A CRI partial record (tag P) continues on the next physical line; evidence is its first line.
  let pending: { line: number; text: string; context: LineContext } | null = null;
  // The last partial line is held back: if the input ends there, it carries the joined records.
  let heldPartial: IngestedLine | null = null;
  for await (const raw of readLines(stream)) {
    lineNo++;
    if (heldPartial) yield heldPartial;
    heldPartial = null;
    if (raw.length > MAX_LINE_CHARS) {
      pending = null; // a record joined from partials and this line is too long as well
      yield tooLong(source, lineNo, raw);
      continue;
    }
    const unwrapped = unwrapLine(raw);
    if (unwrapped.partial) {
      if (!pending) pending = { line: lineNo, text: unwrapped.text, context: unwrapped.context };
      // Partials past the limit are not joined further: the record is refused as too long.
      else if (pending.text.length <= MAX_LINE_CHARS) pending.text += unwrapped.text;
      heldPartial = { source: source.name, line: lineNo, segments: [], text: unwrapped.text, joinedToNext: true };
      continue;
    }
    let { text, context } = unwrapped;
    if (memberContext) context = { ...memberContext, ...context };
    let line = lineNo;
    if (pending) {
      text = pending.text + text;
      context = pending.context;
      line = pending.line;
      pending = null;
    }
    yield logicalLine(source, lineNo, line, text, context);
  }
  // The input ended inside a partial record: what was joined is read, cited at its first line.
  if (heldPartial && pending) yield logicalLine(source, lineNo, pending.line, pending.text, pending.context);
}
