import { columnShape, flattenedHeader } from '../knowledge/kube-tables.js';
import {
  FLATTENED_IFCONFIG_DETAIL, FLATTENED_IFCONFIG_DEVICE, FLATTENED_ROUTE_TABLE, IFCONFIG_DETAIL_INDENT, ROUTE_FLAGS, ROUTE_GENMASK,
} from '../knowledge/net-tools-lines.js';
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
  if (text.includes('Genmask')) return splitFlattenedRouteTable(text);
  if (text.includes(': flags=')) return splitFlattenedIfconfig(text);
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

/**
 * Splits a net-tools route table (`route -n`, `netstat -rn`) whose line breaks were lost into the
 * text before it, its title and header, and one segment per row: a row is as many tokens as the
 * header has columns, its genmask an address and its flags route flags. Rows end at the first
 * tokens that are not one; they stay in their own segment.
 */
function splitFlattenedRouteTable(text: string): string[] | null {
  const m = FLATTENED_ROUTE_TABLE.exec(text);
  if (!m) return null;
  const width = 5 + (m[1]!.match(/\S+/g)?.length ?? 0);
  const rowsAt = m.index + m[0].length;
  const tokens = [...text.slice(rowsAt).matchAll(/\S+/g)];
  let rows = 0;
  while ((rows + 1) * width <= tokens.length && isRouteRow(tokens.slice(rows * width, (rows + 1) * width).map((t) => t[0]))) rows++;
  if (rows === 0) return null;
  const segments: string[] = [];
  const before = text.slice(0, m.index).trimEnd();
  if (before.length > 0) segments.push(before);
  const head = m[0].trim();
  const title = /^Kernel IP routing table\s+/.exec(head);
  if (title) segments.push(title[0].trim(), head.slice(title[0].length));
  else segments.push(head);
  for (let r = 0; r < rows; r++) {
    const first = tokens[r * width]!;
    const last = tokens[(r + 1) * width - 1]!;
    segments.push(text.slice(rowsAt + first.index, rowsAt + last.index + last[0].length));
  }
  const after = tokens[rows * width];
  if (after) segments.push(text.slice(rowsAt + after.index).trimEnd());
  return segments;
}

function isRouteRow(cells: string[]): boolean {
  return ROUTE_GENMASK.test(cells[2]!) && ROUTE_FLAGS.test(cells[3]!) && cells.slice(4, -1).every((c) => /^\d+$/.test(c));
}

/**
 * Splits a net-tools 2.x `ifconfig` whose line breaks were lost into the text before it, each
 * device line and each of its detail lines (`inet …`, `ether …`, `RX packets …`), indented as
 * ifconfig indents them. Null when the line holds no device line followed by more.
 */
function splitFlattenedIfconfig(text: string): string[] | null {
  const devices = [...text.matchAll(FLATTENED_IFCONFIG_DEVICE)];
  if (devices.length === 0) return null;
  const first = devices[0]!;
  const firstAt = first.index + first[0].indexOf(first[1]!);
  if (firstAt === 0 && devices.length === 1 && first[1]!.length === text.trimEnd().length) return null;
  const segments: string[] = [];
  const before = text.slice(0, firstAt).trimEnd();
  if (before.length > 0) segments.push(before);
  devices.forEach((d, i) => {
    const at = d.index + d[0].indexOf(d[1]!);
    const next = devices[i + 1];
    const end = next ? next.index + next[0].indexOf(next[1]!) : text.length;
    segments.push(d[1]!);
    const details = text.slice(at + d[1]!.length, end);
    for (const piece of details.split(FLATTENED_IFCONFIG_DETAIL)) {
      const detail = piece.trim();
      if (detail.length > 0) segments.push(IFCONFIG_DETAIL_INDENT + detail);
    }
  });
  return segments;
}
