import type { LineContext, LogicalLine } from '../types/lines.js';
import { CI_MARGIN } from '../knowledge/log-shippers.js';
import { NUMBERED_PACKET } from '../knowledge/tcpdump-lines.js';
import { MAX_LINE_CHARS, readBlocks } from './lines.js';
import { splitJoinedRecords, type BlockStarts } from './repair.js';
import { splitFlattenedTable } from './table-repair.js';
import type { TextSource } from './source.js';
import { unwrapLine, type Unwrapped } from './unwrap.js';

export { expandInputs } from './sources.js';
export { isSkipped, type TextSource, type SkippedSource, type SkipStatus } from './source.js';
export { binaryKind } from './content.js';
export { Expansion } from './expansion.js';
export { Progress } from './progress.js';
export { DEFAULT_LIMITS, parseByteSize, type ContainerLimits } from './limits.js';
export { unwrapLine } from './unwrap.js';
export { splitJoinedRecords, BlockStarts } from './repair.js';
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

/**
 * The logical records of an unwrapped line: joined records split apart, a flattened table cut into
 * rows. `oneRecord`: the line is known to hold no record starting mid-line.
 */
function segmentTexts(text: string, oneRecord = false): string[] {
  const pieces = oneRecord ? [text] : splitJoinedRecords(text);
  if (pieces.length === 1) return splitFlattenedTable(text) ?? pieces;
  return pieces.flatMap((piece) => splitFlattenedTable(piece) ?? [piece]);
}

/**
 * What ingest reads from one physical line on its own: the context its prefixes give and the texts of
 * its logical records. The store reads evidence texts back through this, so they are the ones parsed.
 */
export function logicalTexts(raw: string): { context: LineContext; texts: string[] } {
  const { text, context } = unwrapLine(raw);
  return { context, texts: segmentTexts(text) };
}

/** A YAML mapping key alone on its line (`data:`, `  relay:`): lines indented below it are its children. */
const YAML_PARENT = /^\s*[\w./-]+:\s*$/;

/** A tcpdump -# line whose indentation is its packet number's padding (`%5u`). */
function paddedNumber(raw: string, indent: number): boolean {
  const numbered = NUMBERED_PACKET.exec(raw);
  return numbered !== null && indent + numbered[1]!.length <= 5;
}

/**
 * Markdown's indented code block: output pasted with four or more spaces before every line, after a
 * blank line that follows text at the margin. The block's indentation is taken off its lines until a
 * line is indented less; a YAML key's children (indented below `key:`) are not such a block, nor
 * tcpdump -# output, whose first lines are indented by the padding of their packet numbers.
 */
class IndentedBlock {
  private margin = 0;
  private afterBlank = true;
  private lastIndent = 0;
  /** The last non-blank line before the current one. */
  private last = '';

  /** The line without the block's indentation (the line itself outside a block). */
  strip(raw: string): string {
    if (raw.length === 0 || raw === '\r') {
      this.afterBlank = true;
      return raw;
    }
    let indent = 0;
    while (raw.charCodeAt(indent) === 0x20) indent++;
    if (indent === raw.length || (indent === raw.length - 1 && raw.endsWith('\r'))) {
      this.afterBlank = true;
      return raw;
    }
    if (indent < this.margin) this.margin = 0;
    else if (this.margin === 0 && indent >= 4 && this.afterBlank && this.lastIndent < 4 && !YAML_PARENT.test(this.last) && !paddedNumber(raw, indent)) this.margin = indent;
    this.afterBlank = false;
    this.lastIndent = indent;
    this.last = raw;
    return this.margin > 0 ? raw.slice(this.margin) : raw;
  }
}

/**
 * The margin of a CI harness's output block (`CI_MARGIN`): the block opens on a line whose margin
 * no other output prints (` \t `, or a clock before the tab), and ends at the first line without a
 * margin; a bare `\t ` outside a block is the line's own (tcpdump's detail lines).
 */
class CiMarginBlock {
  private open = false;

  /** The line without its margin (the line itself outside a block). */
  strip(raw: string): string {
    const first = raw.charCodeAt(0);
    const margin = first === 0x09 || first === 0x20 || (first >= 0x30 && first <= 0x39) ? CI_MARGIN.exec(raw) : null;
    if (!margin) {
      this.open = false;
      return raw;
    }
    if (margin[0] !== '\t ') this.open = true;
    return this.open ? raw.slice(margin[0].length) : raw;
  }
}

/**
 * Turns the decoded lines of a source's blocks, in order, into ingested lines: unwrapped, CRI
 * partial records joined, split into logical records. Per source: it holds a partial record.
 */
export class LineReader {
  private lineNo = 0;
  private readonly indented = new IndentedBlock();
  private readonly ciMargin = new CiMarginBlock();
  /** A CRI partial record (tag P) continues on the next physical line; evidence is its first line. */
  private pending: { line: number; text: string; context: LineContext } | null = null;
  /** The last partial line is held back: if the input ends there, it carries the joined records. */
  private heldPartial: IngestedLine | null = null;

  /** `memberContext`: a bundle member's pod and container, the context of every line that names none of its own. */
  constructor(
    private readonly source: string,
    private readonly memberContext?: LineContext,
  ) {}

  private tooLong(line: number, text: string): IngestedLine {
    const skipReason = `line too long (over ${MAX_LINE_CHARS} characters)`;
    return { source: this.source, line, segments: [], text: text.slice(0, 200), skipReason, recoverable: false };
  }

  /**
   * Physical line `lineNo` ending a logical line that starts at `line` (a CRI record joined from
   * partials) with its records; `recoverable` when it is the physical line's own text.
   */
  /**
   * `scan`: what the block scan knows of the line, absent when it was not scanned or may hold a
   * record starting mid-line.
   */
  private logicalLine(
    lineNo: number, line: number, text: string, context: LineContext, recoverable: boolean, scan?: { flagged: boolean },
  ): IngestedLine {
    if (text.length > MAX_LINE_CHARS) return this.tooLong(lineNo, text);
    const source = this.source;
    const segments = segmentTexts(text, scan !== undefined).map((piece, segment): LogicalLine => ({ source, line, segment, text: piece, context }));
    if (scan && segments.length === 1) segments[0]!.flagged = scan.flagged;
    return { source, line: lineNo, segments, text, recoverable };
  }

  /**
   * The ingested lines of the next block's lines; `starts`, when given, are those of the block
   * the lines are read from, `rawLines[0]` its line `first` (0-based).
   */
  block(rawLines: readonly string[], starts?: BlockStarts, first = 0): IngestedLine[] {
    const lines: IngestedLine[] = [];
    for (let i = 0; i < rawLines.length; i++) {
      const raw = rawLines[i]!;
      const lineNo = ++this.lineNo;
      if (this.heldPartial) lines.push(this.heldPartial);
      this.heldPartial = null;
      if (raw.length > MAX_LINE_CHARS) {
        this.pending = null; // a record joined from partials and this line is too long as well
        lines.push(this.tooLong(lineNo, raw));
        continue;
      }
      const stripped = this.ciMargin.strip(this.indented.strip(raw));
      const unwrapped: Unwrapped = unwrapLine(stripped);
      if (unwrapped.partial) {
        if (!this.pending) this.pending = { line: lineNo, text: unwrapped.text, context: unwrapped.context };
        // Partials past the limit are not joined further: the record is refused as too long.
        else if (this.pending.text.length <= MAX_LINE_CHARS) this.pending.text += unwrapped.text;
        this.heldPartial = { source: this.source, line: lineNo, segments: [], text: unwrapped.text, joinedToNext: true, recoverable: false };
        continue;
      }
      const joined = this.pending;
      this.pending = null;
      const context = this.memberContext ? { ...this.memberContext, ...unwrapped.context } : unwrapped.context;
      lines.push(
        joined
          ? this.logicalLine(lineNo, joined.line, joined.text + unwrapped.text, joined.context, false)
          : this.logicalLine(lineNo, lineNo, unwrapped.text, context, stripped === raw, starts?.line(first + i, raw, unwrapped.text) ?? undefined),
      );
    }
    return lines;
  }

  /** The end of the input: one that ended inside a partial record reads what was joined, cited at its first line. */
  end(): IngestedLine[] {
    const held = this.heldPartial;
    const joined = this.pending;
    this.heldPartial = null;
    this.pending = null;
    if (!held) return [];
    return [joined ? this.logicalLine(this.lineNo, joined.line, joined.text, joined.context, false) : held];
  }
}

/** Streams a source as physical lines, each unwrapped and split into logical records. */
export async function* ingestSource(source: TextSource): AsyncGenerator<IngestedLine> {
  const reader = new LineReader(source.name, source.context);
  for await (const block of readBlocks(await source.open())) yield* reader.block(block.lines);
  yield* reader.end();
}
