/**
 * Writes a report as `JSON.stringify(report, null, 2)` would, byte for byte, but one top-level
 * member and one array element at a time: a replay of tens of thousands of flows is never one string.
 * A member may be any iterable (the flows, read from the case as they are written): it is written
 * as the array of its elements.
 */
import type { FlowJson } from './flows.js';
import type { ReportHead } from './model.js';

const INDENT = '  ';

function indented(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${INDENT.repeat(depth)}`);
}

const isStreamed = (v: unknown): v is Iterable<unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';

/** Writes the elements of an array at `depth` (its brackets included) as `JSON.stringify` indents them. */
function writeArray(items: Iterable<unknown>, depth: number, write: (chunk: string) => void): void {
  let open = false;
  for (const item of items) {
    write(open ? ',\n' : '[\n');
    open = true;
    write(`${INDENT.repeat(depth + 1)}${item === undefined ? 'null' : indented(item, depth + 1)}`);
  }
  write(open ? `\n${INDENT.repeat(depth)}]` : '[]');
}

/** Sends `value` (an object) to `write` in pieces, followed by a newline. */
export function writeJson(value: object, write: (chunk: string) => void): void {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) {
    write('{}\n');
    return;
  }
  write('{\n');
  entries.forEach(([key, member], i) => {
    write(`${INDENT}${JSON.stringify(key)}: `);
    if (Array.isArray(member) || isStreamed(member)) writeArray(member, 1, write);
    else write(indented(member, 1));
    write(i < entries.length - 1 ? ',\n' : '\n');
  });
  write('}\n');
}

/** The whole report: its head, with the flows (read as they are written) in their place before the findings. */
export function writeReport(head: ReportHead, flows: Iterable<FlowJson>, write: (chunk: string) => void): void {
  const { findings, ...rest } = head;
  writeJson({ ...rest, flows, findings }, write);
}

/** An array as `JSON.stringify(items, null, 2)` prints it, followed by a newline, an element at a time. */
export function writeJsonArray(items: Iterable<unknown>, write: (chunk: string) => void): void {
  writeArray(items, 0, write);
  write('\n');
}
