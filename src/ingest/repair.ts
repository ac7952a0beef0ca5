import { RECORD_STARTS, type RecordStart } from '../knowledge/record-starts.js';

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

function candidates(text: string, starts: readonly RecordStart[]): Candidate[] {
  const found: Candidate[] = [];
  for (const start of starts) {
    if (!text.includes(start.literal)) continue;
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
 * Splits a physical line into logical records wherever a known record start appears mid-line,
 * e.g. a whole agent log pasted as one line. Text before the first record (a shell prompt, prose)
 * becomes its own segment. Quote-aware starts inside a quoted value of the current record are
 * ignored. Returns the line itself when nothing needs splitting.
 */
export function splitJoinedRecords(text: string, starts: readonly RecordStart[] = RECORD_STARTS): string[] {
  // Fast path: a normal line holds one record start, at its beginning (or after a lead-in).
  let maybeJoined = false;
  for (const start of starts) {
    const first = text.indexOf(start.literal);
    if (first === -1) continue;
    const atStart = first === 0 || (start.leadIn !== undefined && text.startsWith(start.leadIn));
    if (!atStart || text.indexOf(start.literal, first + 1) !== -1) {
      maybeJoined = true;
      break;
    }
  }
  if (!maybeJoined) return [text];

  const found = candidates(text, starts);
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
