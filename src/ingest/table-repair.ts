import { columnShape, flattenedHeader } from '../knowledge/kube-tables.js';
import { splitRowTokens, type TableColumn } from '../knowledge/table-rows.js';

/** Where a kubectl table header may start inside a line. */
const HEADER_START = /(?:^|\s)(?=(?:NAMESPACE|NAME|LAST SEEN)\s)/g;
/** A flattened table longer than this is left alone (the fit is quadratic in its tokens). */
const MAX_TOKENS = 600;

/**
 * Splits a kubectl table whose line breaks were lost (`NAME STATUS … dev1 Ready … dev2 Ready …`) into
 * its header and rows, using the header's columns and each column's value shape. Text before the
 * header and after the last row stays in its own segment. Returns null when the line holds no
 * flattened table.
 */
export function splitFlattenedTable(text: string): string[] | null {
  if (!text.includes('NAME') && !text.includes('LAST SEEN')) return null;
  HEADER_START.lastIndex = 0;
  for (let m = HEADER_START.exec(text); m; m = HEADER_START.exec(text)) {
    const at = m.index + m[0].length;
    if (m[0].length === 0) HEADER_START.lastIndex++;
    const header = flattenedHeader(text.slice(at));
    if (!header) continue;
    const rest = text.slice(at + header.rowsAt);
    const tokens: { text: string; index: number }[] = [];
    for (const t of rest.matchAll(/\S+/g)) tokens.push({ text: t[0], index: t.index });
    if (tokens.length === 0 || tokens.length > MAX_TOKENS) return null;
    const columns: TableColumn[] = header.spec.columns.map((name) => ({ name, shape: columnShape(header.spec.resource, name), start: -1 }));
    const rows = splitRowTokens(
      tokens.map((t) => t.text),
      columns,
      columns.length + 16,
    );
    if (!rows) return null;
    const segments: string[] = [];
    const before = text.slice(0, at).trimEnd();
    if (before.length > 0) segments.push(before);
    segments.push(text.slice(at, at + header.rowsAt).trim());
    let i = 0;
    for (const len of rows) {
      const first = tokens[i]!;
      const last = tokens[i + len - 1]!;
      segments.push(rest.slice(first.index, last.index + last.text.length));
      i += len;
    }
    if (i < tokens.length) segments.push(rest.slice(tokens[i]!.index).trimEnd());
    return segments;
  }
  return null;
}
