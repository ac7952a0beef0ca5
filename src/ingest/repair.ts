import { RECORD_STARTS, type RecordStart } from '../knowledge/record-starts.js';
import { LiteralScanner, type LineOccurrences } from './literal-scanner.js';

/** Number of unescaped double quotes in text[from, to). */
function quotesBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('"', from); i !== -1 && i < to; i = text.indexOf('"', i + 1)) {
    let backslashes = 0;
    for (let j = i - 1; j >= from && text.charCodeAt(j) === 0x5c; j--) backslashes++;
    if (backslashes % 2 === 0) count++;
  }
  return count;
}

interface Candidate {
  index: number;
  quoteAware: boolean;
}

/** Where the starts whose literal the line holds (as `mayBeJoined` just found) match. */
function candidates(text: string, starts: readonly RecordStart[], known: StartLiterals): Candidate[] {
  const found: Candidate[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    if (known.seenIn[known.literalOf[i]!] !== known.lines) continue;
    start.pattern.lastIndex = 0;
    for (let m = start.pattern.exec(text); m; m = start.pattern.exec(text)) {
      found.push({ index: m.index, quoteAware: start.quoteAware });
      if (m[0].length === 0) start.pattern.lastIndex++;
    }
  }
  found.sort((a, b) => a.index - b.index);
  return found;
}

/**
 * The record starts' distinct literals, each with the lead-ins of the starts that use it, and their
 * scanner; after them, texts a block scan flags lines for (`BlockStarts`), which start no record.
 */
interface StartLiterals {
  literals: string[];
  scanner: LiteralScanner;
  /** Per literal: the lead-ins of its starts (undefined for a start without one). */
  leadIns: (string | RegExp | undefined)[][];
  /** Per start: the index of its literal. */
  literalOf: number[];
  /** Index of the first flagged text among the literals. */
  flaggedFrom: number;
  /** Per literal: the number of the line it was last seen in (see `mayBeJoined`). */
  seenIn: Int32Array;
  lines: number;
}

const NOTHING_FLAGGED: readonly string[] = [];
const startLiterals = new WeakMap<readonly string[], WeakMap<readonly RecordStart[], StartLiterals>>();

function literalsOf(starts: readonly RecordStart[], flagged: readonly string[] = NOTHING_FLAGGED): StartLiterals {
  let byStarts = startLiterals.get(flagged);
  if (!byStarts) startLiterals.set(flagged, (byStarts = new WeakMap()));
  let known = byStarts.get(starts);
  if (!known) {
    const literals = [...new Set(starts.map((s) => s.literal))];
    const leadIns = literals.map((literal) => starts.filter((s) => s.literal === literal).map((s) => s.leadIn));
    const literalOf = starts.map((s) => literals.indexOf(s.literal));
    const all = [...literals, ...flagged];
    known = { literals: all, scanner: new LiteralScanner(all), leadIns, literalOf, flaggedFrom: literals.length, seenIn: new Int32Array(all.length), lines: 0 };
    byStarts.set(starts, known);
  }
  return known;
}

/** Starts a line's marks in `seenIn`: returns the line's number. */
function nextLine(known: StartLiterals): number {
  if (known.lines === 0x3fffffff) {
    known.seenIn.fill(0);
    known.lines = 0;
  }
  return ++known.lines;
}

/**
 * Whether an occurrence of `literal` at `index` of line `line` (text `text`) may start a record: a
 * normal line holds each start's literal at most once, at its beginning or after a lead-in of every
 * start that uses it (`time=… level=`). Marks the literal in `seenIn` (with the line's number).
 */
function startsMidLine(known: StartLiterals, line: number, text: string, literal: number, index: number): boolean {
  if (literal >= known.flaggedFrom) return false; // a flagged text starts no record
  if (known.seenIn[literal] === line) return true;
  known.seenIn[literal] = line;
  return index !== 0 && !known.leadIns[literal]!.every((leadIn) => leadIn !== undefined && (typeof leadIn === 'string' ? text.startsWith(leadIn) : leadIn.test(text)));
}

/**
 * Whether a record may start mid-line. Marks the literals the line holds in `seenIn` (with the
 * line's number) for `candidates`.
 */
function mayBeJoined(text: string, known: StartLiterals): boolean {
  const line = nextLine(known);
  let joined = false;
  known.scanner.some(text, (literal, index) => {
    if (startsMidLine(known, line, text, literal, index)) joined = true;
    return false;
  });
  return joined;
}

/** Occurrences of a line kept by `BlockStarts`; a line with more is scanned again as text. */
const HITS_PER_LINE = 4;

/**
 * The record-start literals of each line of a block, found by scanning the block's bytes: ingest
 * asks of every line whether a record starts mid-line, and nearly every line holds no literal but
 * its own record's start. The same scan finds the `flagged` texts a later stage asks about.
 */
export class BlockStarts {
  private readonly known: StartLiterals;
  private readonly found: LineOccurrences;

  /** `lines`: the number of lines of `bytes` (lines end at `\n`; the last may not). */
  constructor(bytes: Buffer, lines: number, flagged: readonly string[] = NOTHING_FLAGGED, starts: readonly RecordStart[] = RECORD_STARTS) {
    this.known = literalsOf(starts, flagged);
    this.found = this.known.scanner.inLines(bytes, lines, HITS_PER_LINE);
  }

  /**
   * What the scan tells of line `i` of the block, read as `raw` and unwrapped to `text`: null when
   * a record may start mid-line (the text must be split as text), else whether the text holds one
   * of the flagged texts. Unwrapping cuts prefixes off: an occurrence before the text is not in it.
   * Each occurrence is checked in the text (bytes that are not UTF-8 shift the indexes).
   */
  line(i: number, raw: string, text: string): { flagged: boolean } | null {
    const { count, literal, index } = this.found;
    const n = count[i]!;
    const offset = raw.length - text.length;
    if (n > HITS_PER_LINE || (offset !== 0 && (offset < 0 || !raw.endsWith(text)))) return null;
    const { known } = this;
    const line = nextLine(known);
    let flagged = false;
    for (let k = i * HITS_PER_LINE; k < i * HITS_PER_LINE + n; k++) {
      const at = index[k]! - offset;
      if (at < 0) continue;
      if (!text.startsWith(known.literals[literal[k]!]!, at)) return null;
      if (literal[k]! >= known.flaggedFrom) flagged = true;
      else if (startsMidLine(known, line, text, literal[k]!, at)) return null;
    }
    return { flagged };
  }
}

/**
 * Splits a physical line into logical records wherever a known record start appears mid-line,
 * e.g. a whole agent log pasted as one line. Text before the first record (a shell prompt, prose)
 * becomes its own segment. Quote-aware starts inside a quoted value of the current record are
 * ignored. Returns the line itself when nothing needs splitting.
 */
export function splitJoinedRecords(text: string, starts: readonly RecordStart[] = RECORD_STARTS): string[] {
  const known = literalsOf(starts);
  if (!mayBeJoined(text, known)) return [text];

  const found = candidates(text, starts, known);
  if (found.length === 0 || (found.length === 1 && found[0]!.index === 0)) return [text];

  const segments: string[] = [];
  let recordStart = -1; // start of the current record; -1 while still in leading text
  let segmentStart = 0;
  let quoteParity = 0; // unescaped quotes counted from the current record start
  let countedTo = 0;
  for (const c of found) {
    if (c.index < segmentStart) continue;
    if (recordStart >= 0 && c.quoteAware) {
      quoteParity += quotesBetween(text, countedTo, c.index);
      countedTo = c.index;
      if (quoteParity % 2 === 1) continue;
    }
    if (c.index > segmentStart) {
      const piece = text.slice(segmentStart, c.index).trimEnd();
      if (piece.length > 0) segments.push(piece);
    }
    segmentStart = c.index;
    recordStart = c.index;
    countedTo = c.index;
    quoteParity = 0;
  }
  const last = text.slice(segmentStart).trimEnd();
  if (last.length > 0) segments.push(last);
  return segments;
}
