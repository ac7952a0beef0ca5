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

/** Streams a source as physical lines, each unwrapped and split into logical records. */
export async function* ingestSource(source: TextSource): AsyncGenerator<IngestedLine> {
  const stream = await source.open();
  // A bundle member's pod and container: the context of every line that names none of its own.
  const memberContext = source.context;
  let lineNo = 0;
  // A CRI partial record (tag P) continues on the next physical line; evidence is its first line.
  let pending: { line: number; text: string; context: LineContext } | null = null;
  for await (const raw of readLines(stream)) {
    lineNo++;
    if (raw.length > MAX_LINE_CHARS) {
      yield {
        source: source.name,
        line: lineNo,
        segments: [],
        text: raw.slice(0, 200),
        skipReason: `line too long (over ${MAX_LINE_CHARS} characters)`,
      };
      continue;
    }
    const unwrapped = unwrapLine(raw);
    if (unwrapped.partial) {
      if (pending) pending.text += unwrapped.text;
      else pending = { line: lineNo, text: unwrapped.text, context: unwrapped.context };
      yield { source: source.name, line: lineNo, segments: [], text: unwrapped.text, joinedToNext: true };
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
    const pieces = splitJoinedRecords(text).flatMap((piece) => splitFlattenedTable(piece) ?? [piece]);
    const segments: LogicalLine[] = pieces.map((piece, segment) => ({
      source: source.name,
      line,
      segment,
      text: piece,
      context,
    }));
    yield { source: source.name, line: lineNo, segments, text };
  }
}
