/**
 * A report as `JSON.stringify(report, null, 2)` would print it, byte for byte, but as a sequence of
 * pieces, one top-level member and one array element at a time: a replay of tens of thousands of
 * flows is never one string, and the caller writes each piece when the output can take it. A member
 * may be any iterable (the flows, read from the case as they are written): it is printed as the
 * array of its elements.
 */
import type { FlowJson } from './flows.js';
import type { ReportHead } from './model.js';

const INDENT = '  ';

function indented(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${INDENT.repeat(depth)}`);
}

const isStreamed = (v: unknown): v is Iterable<unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';

/** The elements of an array at `depth` (its brackets included) as `JSON.stringify` indents them. */
function* arrayChunks(items: Iterable<unknown>, depth: number): Generator<string> {
  let open = false;
  for (const item of items) {
    yield open ? ',\n' : '[\n';
    open = true;
    yield `${INDENT.repeat(depth + 1)}${item === undefined ? 'null' : indented(item, depth + 1)}`;
  }
  yield open ? `\n${INDENT.repeat(depth)}]` : '[]';
}

/** `value` (an object) in pieces, followed by a newline. */
export function* jsonChunks(value: object): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (const [i, [key, member]] of entries.entries()) {
    yield `${INDENT}${JSON.stringify(key)}: `;
    if (Array.isArray(member) || isStreamed(member)) yield* arrayChunks(member, 1);
    else yield indented(member, 1);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}\n';
}

/** The whole report: its head, with the flows (read as they are printed) in their place before the findings. */
export function reportChunks(head: ReportHead, flows: Iterable<FlowJson>): Generator<string> {
  const { findings, ...rest } = head;
  return jsonChunks({ ...rest, flows, findings });
}

/** An array as `JSON.stringify(items, null, 2)` prints it, followed by a newline, an element at a time. */
export function* jsonArrayChunks(items: Iterable<unknown>): Generator<string> {
  yield* arrayChunks(items, 0);
  yield '\n';
}
