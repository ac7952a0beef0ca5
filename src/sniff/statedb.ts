/**
 * The agent's StateDB as `cilium-dbg statedb …` / `cilium-dbg shell -- db/show …` print it: a
 * tabwriter table under a header of CamelCase column names, or the JSON of `statedb dump`.
 */
import { STATEDB_COLUMN_NAME, statedbCommand, statedbTableOfColumns } from '../knowledge/statedb-tables.js';
import type { FormatSniffer } from './types.js';

/** `  "devices": [` / `  "sysctl": []`: a table of `statedb dump` (two spaces, a table's name). */
const DUMP_TABLE = /^ {2}"[a-z][a-z0-9-]*": \[\]?,?\s*$/;
/** An object of a dump table: four spaces, one JSON object on the line. */
const DUMP_OBJECT = /^ {4}\{".*\},?\s*$/;
const DUMP_END = /^ {2}\],?\s*$|^\}$/;

/** Header cells: runs separated by two or more spaces (1.17 prefixes the first `# `). */
function headerNames(text: string): string[] | null {
  // tabwriter prints the header from the first column; an indented one is another tool's (describe's `Events:`).
  if (text.length === 0 || text[0] === ' ' || text[0] === '\t') return null;
  const names = text.replace(/^# /, '').trimEnd().split(/ {2,}|\t+/);
  return names.length >= 2 && names.every((n) => STATEDB_COLUMN_NAME.test(n)) ? names : null;
}

/** A row under a header: two or more cells, or one value where the others are empty. */
const TABLE_ROW = /^\S.*?(?: {2,}|\t)\S|^\S+\s*$/;
/** A line of a JSON object printed over several lines (`db/show --format=json`). */
const JSON_PART = /^\s*(?:[{}[\]]|"[^"]*":)/;

export const statedbSniffer: FormatSniffer = {
  format: 'statedb',
  match(text) {
    if (DUMP_TABLE.test(text)) return 1;
    const names = headerNames(text);
    // A known table's header, or 1.17's `# ` one. Any other CamelCase header of three or more
    // columns wins over prose, but not over the block it may continue (status's `Name  IP  Node …`).
    if (names && (statedbTableOfColumns(names) !== null || text.startsWith('# '))) return 1;
    return names && names.length >= 3 ? 0.45 : 0;
  },
  continues(text) {
    return DUMP_OBJECT.test(text) || DUMP_END.test(text) || TABLE_ROW.test(text);
  },
  outputOf(command) {
    return statedbCommand(command) ? (text) => TABLE_ROW.test(text) || JSON_PART.test(text) : null;
  },
};
