/**
 * The agent's StateDB as `cilium-dbg` prints it (src/knowledge/statedb-tables.ts has which release
 * prints which form). The text form is a tabwriter table: a header of CamelCase column names (1.17's
 * `statedb <table>` prefixes it `# `), then one row per object, each cell starting under its column:
 *
 *   Name           Index   Selected   Type     MTU    HWAddr              Flags                            Addresses
 *   ens4           2       true       device   1460   42:01:0a:8a:00:07   up|broadcast|multicast|running   10.138.0.7, fe80::4001:aff:fe8a:7
 *
 * `statedb dump` prints every table as JSON, one object per line:
 *
 *   {
 *     "devices": [
 *       {"Index":2,"MTU":1460,"Name":"ens4",…},
 *       …
 *     ],
 *     "routes": [
 *   …
 *   }
 *
 * and `-o json` / `--format=json` one table's objects, one per line (1.17) or pretty-printed (1.18).
 */
import { createToken, Lexer } from './chevrotain.js';
import { STATEDB_COLUMN_NAME, statedbCommand, statedbTableOfColumns, type StatedbCommand } from '../src/knowledge/statedb-tables.js';
import type { FeedResult, Grammar, GrammarSample, GrammarSession } from '../src/types/grammar.js';
import type { LogicalLine } from '../src/types/lines.js';
import type { StatedbRecord, StatedbRow } from '../src/types/statedb.js';
import { bracketDepth } from './kubernetes.js';
import { jsonCells, typedRow } from './statedb-rows.js';

// ---- the text table: cells are runs of text separated by two or more spaces (or tabs) -----------

const Gap = createToken({ name: 'Gap', pattern: /(?: {2,}|\t)[ \t]*/, group: Lexer.SKIPPED });
const Edge = createToken({ name: 'Edge', pattern: / /, group: Lexer.SKIPPED });
const Run = createToken({ name: 'Run', pattern: /[^ \t]+(?: [^ \t]+)*/ });
const cellLexer = new Lexer([Gap, Run, Edge], { positionTracking: 'onlyOffset', ensureOptimizations: false });

interface TextRun {
  text: string;
  start: number;
}

/** The runs of text of a line with where each starts. */
export function textRuns(line: string): TextRun[] {
  return cellLexer.tokenize(line).tokens.map((t) => ({ text: t.image, start: t.startOffset }));
}

interface Column {
  name: string;
  start: number;
}

/** A header row: every run one CamelCase column name (the first may carry 1.17's `# `). */
export function headerColumns(line: string): Column[] | null {
  const runs = textRuns(line);
  if (runs.length === 0) return null;
  const first = runs[0]!;
  if (first.text.startsWith('# ')) runs[0] = { text: first.text.slice(2), start: first.start };
  return runs.every((r) => STATEDB_COLUMN_NAME.test(r.text)) ? runs.map((r) => ({ name: r.text, start: r.start })) : null;
}

/**
 * A row's cells under the header's columns: each run starts at its column's start (a run starting
 * inside a column continues that column's cell: a value holding two spaces). When the padding did
 * not survive (a paste), a row with exactly one run, else one word, per column is read in order.
 */
export function rowCells(line: string, columns: readonly Column[]): string[] | null {
  const runs = textRuns(line);
  const cells: string[] = columns.map(() => '');
  let aligned = runs.length > 0;
  let end = 0;
  for (const run of runs) {
    let col = columns.length - 1;
    while (col >= 0 && run.start < columns[col]!.start) col--;
    const next = columns[col + 1];
    // tabwriter pads every cell short of the next column: a run reaching it lost its padding.
    if (col === -1 || (run.start !== columns[col]!.start && cells[col] === '') || (next && run.start + run.text.length >= next.start)) {
      aligned = false;
      break;
    }
    cells[col] = cells[col] === '' ? run.text : `${cells[col]}${line.slice(end, run.start)}${run.text}`;
    end = run.start + run.text.length;
  }
  if (aligned) return cells;
  if (runs.length === columns.length) return runs.map((r) => r.text);
  const words = line.trim().split(/\s+/);
  return words.length === columns.length ? words : null;
}

// ---- the JSON forms ----------------------------------------------------------------------------

/** `  "devices": [` (an empty table closes on the same line: `  "devices": []`). */
const DUMP_TABLE = /^ {2}"([^"]+)": \[(\])?,?\s*$/;
const DUMP_TABLE_END = /^ {2}\],?\s*$/;
/** A field of a pretty-printed object: `  "Name": "eth0",`. */
const OBJECT_FIELD = /^ {2}"[^"]+": /;

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

type Mode =
  | { type: 'none' }
  | { type: 'table'; table: string | null; columns: Column[] }
  /** `opened`: the line of the `{` that opened it, until its first table. */
  | { type: 'dump'; table: string | null; opened?: number }
  | { type: 'object'; table: string | null; lines: string[]; depth: number; first: number; inDump: boolean };

const ok = (records: StatedbRecord[]): FeedResult => ({ ok: true, records });

class StatedbSession implements GrammarSession {
  private mode: Mode = { type: 'none' };
  private command: StatedbCommand | null = null;

  feed(line: LogicalLine): FeedResult {
    const text = line.text.replace(/\s+$/, '');
    const mode = this.mode;
    if (mode.type === 'object') return this.objectLine(mode, text);
    if (mode.type === 'dump') {
      if (DUMP_TABLE_END.test(text)) {
        this.mode = { type: 'dump', table: null };
        return ok([]);
      }
      if (text === '}') {
        this.mode = { type: 'none' };
        return ok([]);
      }
      // `{` opened one pretty-printed object (`db/show --format=json`), not a dump.
      if (mode.table === null && mode.opened !== undefined && OBJECT_FIELD.test(text) && !DUMP_TABLE.test(text)) {
        const object: Extract<Mode, { type: 'object' }> = { type: 'object', table: this.command?.table ?? null, lines: ['{'], depth: 1, first: mode.opened, inDump: false };
        this.mode = object;
        return this.objectLine(object, text);
      }
    }
    const dumpTable = DUMP_TABLE.exec(text);
    if (dumpTable) {
      this.mode = { type: 'dump', table: dumpTable[2] ? null : dumpTable[1]! };
      return ok([{ kind: 'statedb-header', table: dumpTable[1]!, form: 'json', columns: [] }]);
    }
    if (text === '{' && (mode.type === 'none' || this.command?.form === 'dump')) {
      this.mode = this.command && this.command.form !== 'dump' ? this.openObject(text, line.line, false) : { type: 'dump', table: null, opened: line.line };
      return ok([]);
    }
    if (/^\s*\{/.test(text) && (mode.type === 'dump' || this.command?.form === 'json')) {
      const table = mode.type === 'dump' ? mode.table : (this.command?.table ?? null);
      const object = parseObject(text.replace(/,$/, ''));
      if (object) return ok([this.jsonRow(table, object)]);
      if (bracketDepth(text).net > 0) {
        this.mode = this.openObject(text, line.line, mode.type === 'dump');
        return ok([]);
      }
      return { ok: false, reason: 'statedb: a JSON object that does not parse' };
    }
    const header = headerColumns(text);
    if (header && (header.length >= 2 || this.command?.form === 'table') && !(mode.type === 'table' && rowCells(text, mode.columns))) {
      const table = this.command?.table ?? statedbTableOfColumns(header.map((c) => c.name));
      this.mode = { type: 'table', table, columns: header };
      return ok([{ kind: 'statedb-header', table, form: 'table', columns: header.map((c) => c.name) }]);
    }
    if (mode.type === 'table') {
      const cells = rowCells(text, mode.columns);
      if (!cells) {
        return { ok: false, reason: `statedb: the row does not fit the ${mode.columns.length} columns of the ${mode.table ?? 'table'} header` };
      }
      const values = Object.fromEntries(mode.columns.map((c, i) => [c.name, cells[i]!]));
      return ok([{ kind: 'statedb-row', table: mode.table, form: 'table', values, typed: typedRow(mode.table, values) }]);
    }
    return { ok: false, reason: 'statedb: neither a table header nor a row under one' };
  }

  private openObject(text: string, first: number, inDump: boolean): Mode {
    const table = this.mode.type === 'dump' ? this.mode.table : (this.command?.table ?? null);
    return { type: 'object', table, lines: [text], depth: bracketDepth(text).net, first, inDump };
  }

  /** A line of a pretty-printed object: the object is read at its closing line. */
  private objectLine(mode: Extract<Mode, { type: 'object' }>, text: string): FeedResult {
    mode.lines.push(text);
    mode.depth += bracketDepth(text).net;
    if (mode.depth > 0) return ok([]);
    this.mode = mode.inDump ? { type: 'dump', table: mode.table } : { type: 'none' };
    const object = parseObject(mode.lines.join('\n').replace(/,$/, ''));
    if (!object) return { ok: false, reason: `statedb: the JSON object from line ${mode.first} does not parse` };
    const row = this.jsonRow(mode.table, object);
    return ok([{ ...row, firstLine: mode.first }]);
  }

  private jsonRow(table: string | null, object: Record<string, unknown>): StatedbRow {
    const values = jsonCells(table, object);
    return { kind: 'statedb-row', table, form: 'json', values, typed: typedRow(table, values) };
  }

  /** An object still open at the end was cut off: its lines are reported, not silently dropped. */
  end(): StatedbRecord[] | { cutOff: string } {
    return this.mode.type === 'object' ? { cutOff: `the JSON object from line ${this.mode.first} is cut off` } : [];
  }

  onCommand(command: string): void {
    this.command = statedbCommand(command);
    this.mode = { type: 'none' };
  }
}

export const samples: readonly GrammarSample[] = [
  {
    // 1.18 `cilium-dbg shell -- db/show devices`
    command: 'cilium-dbg shell -- db/show devices',
    lines: [
      'Name   Index   Selected   Type     MTU     HWAddr              Flags                            Addresses',
      'lo     1       false      device   65536                       up|loopback|running              127.0.0.1, ::1',
      'ens4   2       true       device   1460    42:01:0a:8a:00:07   up|broadcast|multicast|running   10.138.0.7, fe80::4001:aff:fe8a:7',
    ],
    records: [
      { kind: 'statedb-header', table: 'devices', form: 'table', columns: ['Name', 'Index', 'Selected', 'Type', 'MTU', 'HWAddr', 'Flags', 'Addresses'] },
      { kind: 'statedb-row', table: 'devices', typed: { table: 'devices', name: 'lo', index: 1, selected: false, mtu: 65536, mac: null, addresses: ['127.0.0.1', '::1'] } },
      {
        kind: 'statedb-row', table: 'devices',
        typed: { name: 'ens4', index: 2, selected: true, type: 'device', mtu: 1460, mac: '42:01:0a:8a:00:07', flags: ['up', 'broadcast', 'multicast', 'running'], addresses: ['10.138.0.7', 'fe80::4001:aff:fe8a:7'] },
      },
    ],
  },
  {
    // 1.17 `cilium-dbg statedb routes`: the header prefixed `# `, empty cells padded
    lines: [
      '# Destination   Source       Gateway      LinkIndex   Table   Scope',
      '0.0.0.0/0                    10.138.0.1   2           254     0',
      '10.138.0.1/32   10.138.0.7                2           254     253',
    ],
    records: [
      { kind: 'statedb-header', table: 'routes', columns: ['Destination', 'Source', 'Gateway', 'LinkIndex', 'Table', 'Scope'] },
      { kind: 'statedb-row', typed: { table: 'routes', dst: '0.0.0.0/0', src: null, gateway: '10.138.0.1', linkIndex: 2, routeTable: 254, scope: 0 } },
      { kind: 'statedb-row', typed: { table: 'routes', dst: '10.138.0.1/32', src: '10.138.0.7', gateway: null, scope: 253 } },
    ],
  },
  {
    // 1.18 frontends: backends with their states; a NodePort frontend without backends
    lines: [
      'Address                Type        ServiceName       PortName   Backends                                                          RedirectTo   Status    Since   Error',
      '10.104.12.9:8080/TCP   ClusterIP   shop/catalog      http       10.12.1.40:8080/TCP (active), 10.12.2.17:8080/TCP (terminating)                Done      3m2s',
      '0.0.0.0:31580/TCP      NodePort    shop/storefront   web                                                                                       Pending   1s',
    ],
    records: [
      { kind: 'statedb-header', table: 'frontends' },
      {
        kind: 'statedb-row', table: 'frontends',
        typed: { address: '10.104.12.9:8080/TCP', type: 'ClusterIP', service: 'shop/catalog', portName: 'http', status: 'Done', backends: [{ address: '10.12.1.40:8080/TCP', state: 'active' }, { address: '10.12.2.17:8080/TCP', state: 'terminating' }] },
      },
      { kind: 'statedb-row', typed: { address: '0.0.0.0:31580/TCP', type: 'NodePort', service: 'shop/storefront', backends: [], status: 'Pending' } },
    ],
  },
  {
    // `cilium-dbg statedb dump` (bugtool's cmd/cilium-dbg-statedb-dump.md): one object per line
    command: 'cilium-dbg statedb dump',
    lines: [
      '{',
      '  "devices": [',
      '    {"Index":3,"MTU":9001,"Name":"eth0","HardwareAddr":"06:5c:3e:11:8a:2f","Flags":51,"Addrs":[{"Addr":"172.31.7.44","Secondary":false,"Scope":0}],"RawFlags":69699,"Type":"device","MasterIndex":0,"Selected":true,"NotSelectedReason":""}',
      '  ],',
      '  "node-addresses": [',
      '    {"Addr":"172.31.7.44","NodePort":true,"Primary":true,"DeviceName":"eth0"}',
      '  ],',
      '  "sysctl": []',
      '}',
    ],
    records: [
      { kind: 'statedb-header', table: 'devices', form: 'json' },
      {
        kind: 'statedb-row', table: 'devices', form: 'json',
        typed: { name: 'eth0', index: 3, mtu: 9001, selected: true, mac: '06:5c:3e:11:8a:2f', flags: ['up', 'broadcast', 'multicast', 'running'], addresses: ['172.31.7.44'] },
      },
      { kind: 'statedb-header', table: 'node-addresses' },
      { kind: 'statedb-row', table: 'node-addresses', typed: { address: '172.31.7.44', nodePort: true, primary: true, device: 'eth0' } },
      { kind: 'statedb-header', table: 'sysctl', form: 'json', columns: [] },
    ],
  },
  {
    // a table this analyzer does not type: its cells by column
    command: 'cilium-dbg shell -- db/show l2-announce',
    lines: ['IP            NetworkInterface', '192.0.2.240   bond0'],
    records: [
      { kind: 'statedb-header', table: 'l2-announce', columns: ['IP', 'NetworkInterface'] },
      { kind: 'statedb-row', table: 'l2-announce', values: { IP: '192.0.2.240', NetworkInterface: 'bond0' }, typed: null },
    ],
  },
];

export const statedbGrammar: Grammar = {
  format: 'statedb',
  samples,
  open: () => new StatedbSession(),
};
