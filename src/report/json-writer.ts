/**
 * Writes a report as `JSON.stringify(report, null, 2)` would, byte for byte, but one top-level
 * member and one array element at a time: a replay of tens of thousands of flows is never one string.
 */

const INDENT = '  ';

function indented(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${INDENT.repeat(depth)}`);
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
    if (Array.isArray(member) && member.length > 0) {
      write('[\n');
      member.forEach((item, j) => write(`${INDENT.repeat(2)}${item === undefined ? 'null' : indented(item, 2)}${j < member.length - 1 ? ',' : ''}\n`));
      write(`${INDENT}]`);
    } else write(indented(member, 1));
    write(i < entries.length - 1 ? ',\n' : '\n');
  });
  write('}\n');
}
