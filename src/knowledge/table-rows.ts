/**
 * How a table row's text fits its header's columns when spacing survived (cells under the header's
 * column starts) and when it did not (runs of spaces collapsed, rows joined on one line): then the
 * tokens are fitted to the columns by each column's value shape, a value of several words only where
 * the column allows it (OS-IMAGE, MESSAGE), empty cells only where a column may be empty.
 */
import type { ColumnShape } from './kube-tables.js';

export interface TableColumn {
  name: string;
  shape: ColumnShape;
  /** Where the column starts in the header line (the row's cell starts there when padding survived). */
  start: number;
}

/** Column starts of a header line whose columns are separated by runs of 2+ spaces, else null. */
export function columnStarts(header: string, names: readonly string[]): number[] | null {
  const starts: number[] = [];
  let from = 0;
  for (const name of names) {
    const at = header.indexOf(name, from);
    if (at === -1) return null;
    if (starts.length > 0 && !/\s{2,}$/.test(header.slice(0, at))) return null;
    starts.push(at);
    from = at + name.length;
  }
  return starts;
}

const fits = (shape: ColumnShape, value: string): boolean => (value === '' ? shape.empty === true : shape.pattern.test(value));

/** Cells cut at the header's column starts; null unless every cell has its column's shape. */
export function cellsAtStarts(row: string, columns: readonly TableColumn[]): string[] | null {
  const cells: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    // A cell starts at its column's start: the character before it must be a space.
    if (c.start > 0 && c.start < row.length && row[c.start - 1] !== ' ') return null;
    const end = i + 1 < columns.length ? columns[i + 1]!.start : row.length;
    const cell = row.slice(c.start, end).trim();
    if (c.start >= row.length) {
      cells.push('');
      continue;
    }
    if (!fits(c.shape, cell)) return null;
    cells.push(cell);
  }
  return cells;
}

/**
 * Fits whitespace-separated tokens to the columns; `tailMissing` allows the last columns to be absent
 * (`-o wide` columns cut off) once most columns are filled. Returns one value per column ('' when empty or absent), or null.
 */
export function fitTokens(tokens: readonly string[], columns: readonly TableColumn[], tailMissing: boolean): string[] | null {
  const n = tokens.length;
  // A row cut short still has most of its columns: a word of prose is not a row of one NAME.
  const minCells = Math.min(columns.length, Math.max(3, Math.ceil(columns.length / 2)));
  const memo = new Map<number, string[] | null>();
  const go = (c: number, t: number): string[] | null => {
    const key = c * (n + 1) + t;
    if (memo.has(key)) return memo.get(key)!;
    let result: string[] | null = null;
    if (c === columns.length) result = t === n ? [] : null;
    else {
      const shape = columns[c]!.shape;
      const maxSpan = shape.words ? n - t : Math.min(1, n - t);
      for (let span = 1; span <= maxSpan && !result; span++) {
        const value = tokens.slice(t, t + span).join(' ');
        if (!shape.pattern.test(value)) continue;
        const rest = go(c + 1, t + span);
        if (rest) result = [value, ...rest];
      }
      if (!result && (shape.empty || (t === n && tailMissing && c >= minCells))) {
        const rest = go(c + 1, t);
        if (rest) result = ['', ...rest];
      }
    }
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/**
 * Splits the tokens of rows joined on one line into rows: the longest run of leading tokens that
 * splits into rows which all fit, with the fewest absent cells. Returns the token count of each row
 * (text after them is not table), or null when not even one row fits.
 */
export function splitRowTokens(tokens: readonly string[], columns: readonly TableColumn[], maxRowTokens: number): number[] | null {
  const n = tokens.length;
  // reach[i]: cheapest split of tokens[0..i) as [cost, last row length]
  const reach: ([number, number] | null)[] = new Array(n + 1).fill(null);
  reach[0] = [0, 0];
  for (let i = 0; i < n; i++) {
    const from = reach[i];
    if (!from) continue;
    for (let len = 1; len <= Math.min(maxRowTokens, n - i); len++) {
      const cells = fitTokens(tokens.slice(i, i + len), columns, true);
      if (!cells) continue;
      const cost = from[0] + cells.filter((c) => c === '').length + 1;
      const at = reach[i + len];
      if (!at || cost < at[0]) reach[i + len] = [cost, len];
    }
  }
  let end = n;
  while (end > 0 && !reach[end]) end--;
  if (end === 0) return null;
  const lengths: number[] = [];
  for (let i = end; i > 0; i -= reach[i]![1]) lengths.unshift(reach[i]![1]);
  return lengths;
}
