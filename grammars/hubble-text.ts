/**
 * The text forms of `hubble observe` (pkg/printer, Hubble 0.5 → newest):
 *
 *   compact  TIME[ [NODE]]: SRC[ (ID)] ARROW DST[ (ID)] TYPE VERDICT (SUMMARY)
 *            ≤ 0.6 always `TIME [NODE]:`; 0.8 added `<-` (reply, source and destination swapped)
 *            and `<>` (direction unknown); 0.10 added the identities.
 *   table    TIMESTAMP [NODE] SOURCE DESTINATION TYPE VERDICT SUMMARY, tabwriter-aligned
 *            (3 spaces of padding), the header once at the top.
 *   dict     `  TIMESTAMP: …` … `    SUMMARY: …` blocks separated by `------------`
 *            (0.7 – 0.8 printed the separator without its newline, glued to the next TIMESTAMP).
 *
 * Besides flows: `EVENTS LOST: SOURCE CPU(n) count` (1.17+), relay node-status lines
 * (`TIME [NODE]: 2 nodes are unavailable: a, b`), and the compact lines of `hubble observe
 * agent-events` / `debug-events`, kept as notices.
 */
import {
  AGENT_EVENT_TYPES,
  NODE_STATUS_MESSAGES,
} from '../src/knowledge/hubble/index.js';
import type { HubbleEndpoint, HubbleFlow, HubbleForm, HubbleNotice } from '../src/types/hubble.js';
import {
  applySummary,
  applyType,
  applyVerdict,
  emptyFlow,
  emptyNotice,
  TYPE_VERDICT_CELLS,
  TYPE_VERDICT_SUMMARY,
  VERDICT_COLUMN,
  type RecordOrigin,
} from './hubble-columns.js';
import { readHost, readIdentity } from './hubble-endpoint.js';
import { readHubbleTime, type HubbleTime } from './hubble-time.js';

export type TextOrigin = RecordOrigin;

/** A record, the reason the text is not one, or null when it is not this shape at all. */
export type TextResult = HubbleFlow | HubbleNotice | { reason: string } | null;

interface PrintedColumns {
  time: HubbleTime | null;
  node: string | null;
  source: HubbleEndpoint;
  destination: HubbleEndpoint;
  type: string;
  verdict: string;
  summary: string;
}

function flowFromColumns(form: HubbleForm, origin: TextOrigin, c: PrintedColumns): HubbleFlow | { reason: string } {
  const flow = emptyFlow(form, origin.line, origin.segment, origin.text);
  const verdict = VERDICT_COLUMN.exec(c.verdict);
  if (!verdict || verdict[0].length !== c.verdict.length) return { reason: `unknown hubble verdict: ${c.verdict}` };
  if (c.time) [flow.time, flow.isoTime, flow.daySeconds] = [c.time.printed, c.time.iso, c.time.daySeconds];
  flow.node = c.node || null;
  flow.source = c.source;
  flow.destination = c.destination;
  if (flow.source.ip ?? flow.destination.ip) flow.ipVersion = (flow.source.ip ?? flow.destination.ip)!.includes(':') ? 6 : 4;
  applyVerdict(flow, verdict[1]!, verdict[2]!);
  applyType(flow, c.type.trim());
  applySummary(flow, c.summary);
  return flow;
}

function notice(type: HubbleNotice['type'], form: HubbleForm, origin: TextOrigin, time: HubbleTime | null, node: string | null): HubbleNotice {
  return emptyNotice(type, form, origin, time?.printed ?? null, node);
}

/** A Go `%q` string; its escapes are JSON's for the texts relay errors hold. */
function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

const LOST = /^EVENTS LOST: (\S+) CPU\((-?\d+)\) (\d+)$/;
const NODE_PREFIX = /^(?: \[([^\]]*)\])?: /;
const HOSTS = /^(\S*) (?:(\([^()\s]+\)) )?(->|<-|<>) (\S*) (?:(\([^()\s]+\)) )?/;
const AGENT_EVENT = new RegExp(String.raw`^(${AGENT_EVENT_TYPES.join('|')}) \((.*)\)$`);
const DEBUG_EVENT = /^(.*) (\S+) MARK: (\S+) CPU: (\S+) \((.*)\)$/;

/** `EVENTS LOST: HUBBLE_RING_BUFFER CPU(0) 42` (compact, 1.17+). */
function readLostLine(text: string, origin: TextOrigin): HubbleNotice | null {
  const m = LOST.exec(text);
  if (!m) return null;
  const n = notice('lost-events', 'compact', origin, null, null);
  [n.name, n.cpu, n.count] = [m[1]!, Number(m[2]), Number(m[3])];
  return n;
}

/** The text after `TIME[ [NODE]]: ` of a compact line that is no flow. */
function readCompactNotice(rest: string, origin: TextOrigin, time: HubbleTime, node: string | null): HubbleNotice | null {
  for (const { pattern, state } of NODE_STATUS_MESSAGES) {
    const m = pattern.exec(rest);
    if (!m) continue;
    const n = notice('node-status', 'compact', origin, time, node);
    n.name = state;
    if (state === 'NODE_ERROR') [n.message, n.count, n.nodes] = [unquote(m[1]!), Number(m[2]), m[3]!.split(', ')];
    else if (state === 'UNKNOWN_NODE_STATE') n.message = m[1]!;
    else [n.count, n.nodes] = [Number(m[1]), m[2]!.split(', ')];
    return n;
  }
  const agent = AGENT_EVENT.exec(rest);
  if (agent) {
    const n = notice('agent-event', 'compact', origin, time, node);
    [n.name, n.message] = [agent[1]!, agent[2]!];
    return n;
  }
  const debug = DEBUG_EVENT.exec(rest);
  if (debug && debug[2]!.startsWith('DBG_')) {
    const n = notice('debug-event', 'compact', origin, time, node);
    [n.name, n.message] = [debug[2]!, debug[5]!];
    n.cpu = /^\d+$/.test(debug[4]!) ? Number(debug[4]) : null;
    return n;
  }
  return null;
}

/** A compact line: a flow, a notice, or null when the line does not have the compact shape. */
export function readCompact(text: string, origin: TextOrigin): TextResult {
  const lost = readLostLine(text, origin);
  if (lost) return lost;
  const time = readHubbleTime(text);
  if (!time) return null;
  const prefix = NODE_PREFIX.exec(text.slice(time.length));
  if (!prefix) return null;
  const node = prefix[1] ?? null;
  const rest = text.slice(time.length + prefix[0].length);
  const hosts = HOSTS.exec(rest);
  const tail = hosts ? TYPE_VERDICT_SUMMARY.exec(rest.slice(hosts[0].length)) : null;
  if (!hosts || !tail) return readCompactNotice(rest, origin, time, node) ?? { reason: 'hubble compact line without SRC -> DST TYPE VERDICT (SUMMARY)' };
  let [left, right] = [readHost(hosts[1]!), readHost(hosts[4]!)];
  if (!left || !right) return { reason: `not a hubble host: ${!left ? hosts[1] : hosts[4]}` };
  for (const [printed, side] of [[hosts[2], left], [hosts[5], right]] as const) {
    if (printed !== undefined && !readIdentity(printed, side)) return { reason: `not a hubble identity: ${printed}` };
  }
  const arrow = hosts[3]!;
  // A reply is printed with its destination first and the arrow pointing back at it.
  if (arrow === '<-') [left, right] = [right, left];
  const flow = flowFromColumns('compact', origin, {
    time, node, source: left, destination: right, type: tail[1]!, verdict: tail[2]! + tail[3]!, summary: tail[4]!,
  });
  // `<>`: unknown. `->` is a non-reply from 0.8 on, but the only arrow before, so it tells
  // something only on lines that print identities (0.10+).
  if ('kind' in flow) flow.isReply = arrow === '<-' ? true : arrow === '->' && hosts[2] !== undefined ? false : null;
  return flow;
}

/** Columns of `-o table`, in printed order. */
const TABLE_COLUMNS = ['TIMESTAMP', 'NODE', 'SOURCE', 'DESTINATION', 'TYPE', 'VERDICT', 'SUMMARY'] as const;
type TableColumn = (typeof TABLE_COLUMNS)[number];

const TABLE_HEADER = /^TIMESTAMP +(?:NODE +)?SOURCE +DESTINATION +TYPE +VERDICT +SUMMARY\s*$/;

/** Where each column of a `-o table` output starts, from its header row. */
export class TableLayout {
  private constructor(readonly columns: readonly { name: TableColumn; start: number }[]) {}

  static fromHeader(text: string): TableLayout | null {
    if (!TABLE_HEADER.test(text)) return null;
    const columns = TABLE_COLUMNS.map((name) => ({ name, start: text.search(new RegExp(`(?<=^| )${name}(?= |$)`)) }));
    return new TableLayout(columns.filter((c) => c.start >= 0));
  }

  get hasNode(): boolean {
    return this.columns.some((c) => c.name === 'NODE');
  }

  /** The row's cells cut at the header's column starts; null when the row is not aligned with it. */
  cells(text: string): Map<TableColumn, string> | null {
    const cells = new Map<TableColumn, string>();
    for (let i = 0; i < this.columns.length; i++) {
      const { name, start } = this.columns[i]!;
      const end = this.columns[i + 1]?.start ?? text.length;
      if (start > 0 && text.length > start && text[start - 1] !== ' ') return null;
      cells.set(name, text.slice(start, i + 1 < this.columns.length ? end : undefined).trim());
    }
    return cells;
  }
}

/** Cells of a row whose alignment was lost: columns split at runs of 3+ spaces (the tabwriter padding). */
export function splitTableRow(text: string, hasNode: boolean | null): Map<TableColumn, string> | null {
  const parts = text.trim().split(/ {3,}/);
  const withNode = hasNode ?? parts.length === 7;
  const names = TABLE_COLUMNS.filter((c) => c !== 'NODE' || withNode);
  if (parts.length !== names.length) return null;
  return new Map(names.map((n, i) => [n, parts[i]!]));
}

const SQUEEZED_LOST = /^(\S+) EVENTS LOST (CPU\(.*)$/;

/**
 * Cells of a row whose padding a chat tool squeezed to single spaces, read with the header's
 * columns: the time, the node, SOURCE and DESTINATION are one token each, TYPE runs up to the
 * verdict word. An empty host cell cannot be told apart here: such rows do not fit.
 */
export function squeezedTableRow(text: string, hasNode: boolean): Map<TableColumn, string> | null {
  const lost = SQUEEZED_LOST.exec(text.trim());
  if (lost) return new Map<TableColumn, string>([['SOURCE', lost[1]!], ['TYPE', 'EVENTS LOST'], ['SUMMARY', lost[2]!]]);
  const time = readHubbleTime(text);
  if (!time) return null;
  const tokens = text.slice(time.length).trim().split(' ');
  const hosts = hasNode ? 3 : 2;
  const rest = TYPE_VERDICT_CELLS.exec(tokens.slice(hosts).join(' '));
  if (tokens.length <= hosts || !rest) return null;
  const cells = new Map<TableColumn, string>([['TIMESTAMP', time.printed ?? 'N/A']]);
  if (hasNode) cells.set('NODE', tokens[0]!);
  cells.set('SOURCE', tokens[hosts - 2]!).set('DESTINATION', tokens[hosts - 1]!);
  return cells.set('TYPE', rest[1]!).set('VERDICT', rest[2]! + rest[3]!).set('SUMMARY', rest[4] ?? '');
}

/** A table row from its cells (flow or lost-events row). */
export function readTableRow(cells: Map<TableColumn, string>, origin: TextOrigin): TextResult {
  const get = (c: TableColumn): string => cells.get(c) ?? '';
  if (get('TYPE') === 'EVENTS LOST') {
    const n = notice('lost-events', 'table', origin, null, null);
    const summary = /^CPU\((-?\d+)\) - (\d+)$/.exec(get('SUMMARY'));
    [n.name, n.cpu, n.count] = [get('SOURCE') || null, summary ? Number(summary[1]) : null, summary ? Number(summary[2]) : null];
    return n;
  }
  const time = readHubbleTime(get('TIMESTAMP'));
  if (!time || time.length !== get('TIMESTAMP').length) return { reason: `not a hubble timestamp: ${get('TIMESTAMP')}` };
  const [source, destination] = [readHost(get('SOURCE')), readHost(get('DESTINATION'))];
  if (!source || !destination) return { reason: 'hubble table row without SOURCE / DESTINATION hosts' };
  return flowFromColumns('table', origin, {
    time, node: cells.has('NODE') ? get('NODE') : null, source, destination, type: get('TYPE'), verdict: get('VERDICT'),
    summary: get('SUMMARY'),
  });
}

/** Keys of `-o dict` blocks: flows, node status, agent events, debug events. */
const DICT_KEYS = [
  'TIMESTAMP', 'NODE', 'SOURCE', 'DESTINATION', 'TYPE', 'VERDICT', 'SUMMARY', 'STATE', 'NODES', 'MESSAGE', 'DETAILS',
  'FROM', 'MARK', 'CPU',
];
export const DICT_LINE = new RegExp(String.raw`^\s*(?:-{12}\s*)?(${DICT_KEYS.join('|')}):(?: (.*))?$`);
export const DICT_SEPARATOR = /^\s*-{12}\s*$/;
const FLATTENED_KEY = new RegExp(String.raw`\s+(${DICT_KEYS.join('|')}): ?`, 'g');

/**
 * The key / value pairs of a dict line: one, or a whole block whose line breaks were lost
 * (`TIMESTAMP: … SOURCE: … SUMMARY: … ------------`, the separator left at its end).
 */
export function dictFields(key: string, value: string): [string, string][] {
  const fields: [string, string][] = [];
  let [current, from] = [key, 0];
  FLATTENED_KEY.lastIndex = 0;
  for (let m = FLATTENED_KEY.exec(value); m; m = FLATTENED_KEY.exec(value)) {
    fields.push([current, value.slice(from, m.index)]);
    [current, from] = [m[1]!, m.index + m[0].length];
  }
  fields.push([current, value.slice(from).replace(/\s+-{12}$/, '')]);
  return fields;
}

/** One `-o dict` block being read. */
export class DictBlock {
  readonly fields = new Map<string, string>();
  private readonly texts: string[] = [];
  private last: TextOrigin | null = null;

  constructor(
    readonly line: number,
    readonly segment: number,
  ) {}

  /** More lines than any block has: keys repeated without their block's last key. */
  static readonly MAX_LINES = 32;

  get lines(): number {
    return this.texts.length;
  }

  /** Adds a key read from `from`; true when it is the first key of that line in the block. */
  add(key: string, value: string, from: { line: number; segment: number; text: string }): boolean {
    this.fields.set(key, value.trim());
    if (this.last?.line === from.line && this.last.segment === from.segment) return false;
    this.last = from;
    this.texts.push(from.text);
    return true;
  }

  /** The last key of each kind of block: the record is complete once it is read. */
  static isLast(key: string): boolean {
    return key === 'SUMMARY' || key === 'MESSAGE' || key === 'DETAILS';
  }

  record(): TextResult {
    const origin = { line: this.line, segment: this.segment, text: this.texts.join('\n') };
    const get = (k: string): string => this.fields.get(k) ?? '';
    const time = get('TIMESTAMP') === '' ? null : readHubbleTime(get('TIMESTAMP'));
    const node = this.fields.get('NODE') ?? null;
    if (get('TYPE') === 'EVENTS LOST' || this.fields.has('STATE') || this.fields.has('DETAILS') || this.fields.has('FROM')) {
      return this.noticeRecord(origin, time, node);
    }
    const missing = ['SOURCE', 'DESTINATION', 'TYPE', 'VERDICT'].filter((k) => !this.fields.has(k));
    if (missing.length > 0) return { reason: `hubble dict block without its ${missing.join(', ')} line` };
    const [source, destination] = [readHost(get('SOURCE')), readHost(get('DESTINATION'))];
    if (!source || !destination) return { reason: 'hubble dict block without SOURCE / DESTINATION hosts' };
    const flow = flowFromColumns('dict', origin, {
      time, node, source, destination, type: get('TYPE'), verdict: get('VERDICT'), summary: get('SUMMARY'),
    });
    if ('kind' in flow && !this.fields.has('SUMMARY')) flow.note = 'dict block ended before its SUMMARY line';
    return flow;
  }

  private noticeRecord(origin: TextOrigin, time: HubbleTime | null, node: string | null): HubbleNotice {
    const get = (k: string): string => this.fields.get(k) ?? '';
    if (get('TYPE') === 'EVENTS LOST') {
      const n = notice('lost-events', 'dict', origin, time, node);
      const summary = /^CPU\((-?\d+)\) - (\d+)$/.exec(get('SUMMARY'));
      [n.name, n.cpu, n.count] = [get('SOURCE') || null, summary ? Number(summary[1]) : null, summary ? Number(summary[2]) : null];
      return n;
    }
    if (this.fields.has('STATE')) {
      const n = notice('node-status', 'dict', origin, time, node);
      n.name = get('STATE');
      n.nodes = get('NODES') ? get('NODES').split(', ') : null;
      n.message = get('MESSAGE') === 'N/A' ? null : get('MESSAGE');
      return n;
    }
    const n = notice(this.fields.has('FROM') ? 'debug-event' : 'agent-event', 'dict', origin, time, node);
    n.name = get('TYPE') || null;
    n.message = get('DETAILS') || get('MESSAGE') || null;
    n.cpu = /^\d+$/.test(get('CPU')) ? Number(get('CPU')) : null;
    return n;
  }
}
