/**
 * Cilium agent / operator log lines (spec: agent-log.md) of every logging generation — logrus text
 * with and without `time="…"`, logrus JSON, slog text and JSON — plus the non-logfmt lines agent
 * output contains (§5): Go panics and stacks, ebpf-go verifier dumps, klog, init-container shell
 * output and kubectl's own notices. Line shapes and level names are data in src/knowledge
 * (agent-log-lines.ts, agent-raw-lines.ts); agent-log-samples.ts shows each with its record.
 */
import type { FeedResult, Grammar, GrammarSession } from '../src/types/grammar.js';
import type { LogicalLine } from '../src/types/lines.js';
import type {
  AgentDetail,
  AgentLogEvent,
  AgentRawCategory,
  AgentRawLine,
  FieldValue,
  LogGeneration,
  LogLevel,
} from '../src/types/records.js';
import { logLevel } from '../src/knowledge/agent-log-lines.js';
import { ENVOY_LINE, isRawContinuation, rawLineStart } from '../src/knowledge/agent-raw-lines.js';
import { samples } from './agent-log-samples.js';
import { unquoteGo } from './go-quote.js';
import { lexLogfmt, LogfmtTokens, UNTERMINATED_PAIR, WORD } from './logfmt.js';

// ---- records -------------------------------------------------------------------------------

function buildEvent(
  generation: LogGeneration,
  time: string | null,
  level: LogLevel,
  msg: string,
  fields: Record<string, FieldValue>,
): AgentLogEvent {
  const subsys = fields['subsys'];
  const module = fields['module'];
  return {
    kind: 'agent-log',
    generation,
    time,
    level,
    msg,
    subsys: typeof subsys === 'string' ? subsys : null,
    module: typeof module === 'string' ? module : null,
    fields,
  };
}

/** The lexer's token buffer, reused line after line. */
const TOKENS = new LogfmtTokens();

/** Whether pair `i` has a quoted value. */
function isQuoted(text: string, i: number): boolean {
  return text.charCodeAt(TOKENS.eq[i]! + 1) === 0x22; /* " */
}

/** The value of pair `i`: a quoted value unquoted (to the end of the line when its quote is missing). */
function pairValue(text: string, i: number): string {
  const valueAt = TOKENS.eq[i]! + 1;
  const end = TOKENS.end[i]!;
  if (!isQuoted(text, i)) return text.slice(valueAt, end);
  return unquoteGo(text.slice(valueAt + 1, TOKENS.type[i] === UNTERMINATED_PAIR ? end : end - 1));
}

/** Whether pair `i`'s key (`spacedKey` when words precede it) is `name`. */
function keyIs(text: string, i: number, spacedKey: string | null, name: string): boolean {
  if (spacedKey !== null) return spacedKey === name;
  const start = TOKENS.start[i]!;
  return TOKENS.eq[i]! - start === name.length && text.startsWith(name, start);
}

/** Words `from`…`to` - 1, joined by single spaces. */
function wordsText(text: string, from: number, to: number): string {
  let words = text.slice(TOKENS.start[from]!, TOKENS.end[from]!);
  for (let i = from + 1; i < to; i++) words += ` ${text.slice(TOKENS.start[i]!, TOKENS.end[i]!)}`;
  return words;
}

/** What the pairs of a logfmt line say besides its fields. */
interface LogfmtHead {
  time: string | null;
  levelRaw: string | null;
  msg: string;
  subsys: string | null;
  module: string | null;
  /** Whether the first pair is `time` with its value quoted (logrus) or not (slog); null when it is not `time`. */
  timeFirstQuoted: boolean | null;
  emptyQuoted: boolean;
  unterminated: boolean;
  trailing: string | null;
}

/**
 * logfmt is flat — `line := (Pair | UnterminatedPair | Word)*` — so the token vector is reduced
 * directly instead of through a parser. Words between pairs are part of a spaced key (`proxy port
 * name=cilium-dns-egress`, logrus prints keys as given); words after the last pair are trailing text.
 * The first `time` before any level, the first `level` and the first `msg` after it are the record's;
 * every other pair is a field (the last of a key wins), given to `field` when asked for.
 */
function reduceLogfmt(text: string, field?: (key: string, value: string) => void): LogfmtHead {
  lexLogfmt(text, TOKENS);
  const head: LogfmtHead = {
    time: null, levelRaw: null, msg: '', subsys: null, module: null, timeFirstQuoted: null, emptyQuoted: false, unterminated: false, trailing: null,
  };
  let msgField = false;
  let pairs = 0;
  let wordsFrom = -1;
  for (let i = 0; i < TOKENS.count; i++) {
    if (TOKENS.type[i] === WORD) {
      if (wordsFrom < 0) wordsFrom = i;
      continue;
    }
    // Keys are compared in place; a key is built only when a field is asked for or words precede it.
    const spacedKey = wordsFrom >= 0 && pairs > 0 ? `${wordsText(text, wordsFrom, i)} ${text.slice(TOKENS.start[i]!, TOKENS.eq[i]!)}` : null;
    wordsFrom = -1;
    const quoted = isQuoted(text, i);
    if (TOKENS.type[i] === UNTERMINATED_PAIR) head.unterminated = true;
    if (quoted && TOKENS.end[i]! - TOKENS.eq[i]! <= 3 && pairValue(text, i) === '') head.emptyQuoted = true;
    const isTime = keyIs(text, i, spacedKey, 'time');
    if (pairs++ === 0 && isTime) head.timeFirstQuoted = quoted;
    if (isTime && head.time === null && head.levelRaw === null) head.time = pairValue(text, i);
    else if (head.levelRaw === null && keyIs(text, i, spacedKey, 'level')) head.levelRaw = pairValue(text, i);
    else if (keyIs(text, i, spacedKey, 'msg') && head.levelRaw !== null && head.msg === '' && !msgField) head.msg = pairValue(text, i);
    else {
      if (keyIs(text, i, spacedKey, 'msg')) msgField = true;
      if (keyIs(text, i, spacedKey, 'subsys')) head.subsys = pairValue(text, i);
      else if (keyIs(text, i, spacedKey, 'module')) head.module = pairValue(text, i);
      field?.(spacedKey ?? text.slice(TOKENS.start[i]!, TOKENS.eq[i]!), pairValue(text, i));
    }
  }
  if (wordsFrom >= 0) head.trailing = wordsText(text, wordsFrom, TOKENS.count);
  return head;
}

/**
 * A logfmt event whose fields are built on first use: ingest stores most lines without their
 * fields (they are read back from the source when asked for), and building them was a quarter
 * of parsing a line. `fields` is an own accessor (so equality, JSON and structured clone see it),
 * replaced by the fields it built.
 */
class LogfmtEvent {
  readonly #text: string;
  declare kind: 'agent-log';
  declare generation: LogGeneration;
  declare time: string | null;
  declare level: LogLevel;
  declare msg: string;
  declare subsys: string | null;
  declare module: string | null;
  declare fields: Record<string, FieldValue>;

  constructor(text: string, generation: LogGeneration, level: LogLevel, head: LogfmtHead) {
    this.kind = 'agent-log';
    this.generation = generation;
    this.time = head.time;
    this.level = level;
    this.msg = head.msg;
    this.subsys = head.subsys;
    this.module = head.module;
    this.#text = text;
    Object.defineProperty(this, 'fields', LAZY_FIELDS);
  }

  static fieldsOf(event: LogfmtEvent): Record<string, FieldValue> {
    const fields: Record<string, FieldValue> = {};
    reduceLogfmt(event.#text, (key, value) => {
      fields[key] = value;
    });
    Object.defineProperty(event, 'fields', { value: fields, enumerable: true, writable: true, configurable: true });
    return fields;
  }
}

/** One descriptor for every event: V8 then shares one shape between them. */
const LAZY_FIELDS: PropertyDescriptor = {
  get(this: LogfmtEvent) {
    return LogfmtEvent.fieldsOf(this);
  },
  enumerable: true,
  configurable: true,
};

function parseLogfmt(text: string): AgentLogEvent | { error: string } {
  const head = reduceLogfmt(text);
  const { levelRaw, timeFirstQuoted } = head;
  if (levelRaw === null) return { error: 'no level= field' };
  const level = logLevel(levelRaw);
  if (!level) return { error: `unknown level "${levelRaw}"` };
  const generation: LogGeneration =
    timeFirstQuoted !== null
      ? timeFirstQuoted
        ? 'logrus-text'
        : 'slog-text'
      : levelRaw === 'warn' || head.emptyQuoted
        ? 'slog-text'
        : 'logrus-text';
  const event: AgentLogEvent = new LogfmtEvent(text, generation, level, head);
  if (head.trailing !== null) event.trailing = head.trailing;
  if (head.unterminated) event.note = 'truncated inside a quoted value';
  return event;
}

function parseJson(text: string): AgentLogEvent | { error: string } {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (err) {
    return { error: `JSON: ${(err as Error).message}` };
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return { error: 'JSON line is not an object' };
  const record = obj as Record<string, FieldValue>;
  const keys = Object.keys(record);
  const levelRaw = record['level'];
  if (typeof levelRaw !== 'string') return { error: 'JSON line has no "level"' };
  const level = logLevel(levelRaw);
  if (!level) return { error: `unknown level "${levelRaw}"` };
  const sorted = keys.every((k, i) => i === 0 || keys[i - 1]! <= k);
  const generation: LogGeneration =
    (keys[0] === 'time' || keys[0] === 'level') && !sorted ? 'slog-json' : 'logrus-json';
  const fields: Record<string, FieldValue> = {};
  for (const k of keys) if (k !== 'time' && k !== 'level' && k !== 'msg') fields[k] = record[k]!;
  const time = typeof record['time'] === 'string' ? record['time'] : null;
  const msg = typeof record['msg'] === 'string' ? record['msg'] : '';
  return buildEvent(generation, time, level, msg, fields);
}

// ---- structured details of well-known messages ---------------------------------------------

const FLAG = /^\s*--([a-z0-9][a-z0-9._-]*)='(.*)'$/s;
const BANNER = /^Cilium (\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?) ([0-9a-f]{7,12}) (\S+) go version (.+) (\S+\/\S+)$/;
const OPERATOR_BANNER = /^Cilium Operator (\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?) ([0-9a-f]{7,12}) (\S+) go version (.+) (\S+\/\S+)$/;
const ADDRESSING_ITEM = /^\s+([A-Za-z][A-Za-z0-9 -]*):(?: (.*))?$/;
const ADDRESSING_LIST_ITEM = /^\s+- (.+)$/;

/** The structured meaning of a flag-dump, banner or addressing-block message, if it is one. */
export function agentDetail(msg: string, inAddressingBlock: { key: string } | null): AgentDetail | null {
  const c = msg.charCodeAt(0);
  if (c === 0x20 || c === 0x09) {
    const flag = FLAG.exec(msg);
    if (flag) return { type: 'flag', name: flag[1]!, value: flag[2]! };
    if (inAddressingBlock) {
      const list = ADDRESSING_LIST_ITEM.exec(msg);
      if (list) return { type: 'addressing', key: inAddressingBlock.key, value: list[1]! };
      const item = ADDRESSING_ITEM.exec(msg);
      if (item) return { type: 'addressing', key: item[1]!.trim(), value: (item[2] ?? '').trim() };
    }
    return null;
  }
  if (c === 0x43 /* C */) {
    const banner = BANNER.exec(msg) ?? OPERATOR_BANNER.exec(msg);
    if (banner) {
      return {
        type: 'banner',
        component: msg.startsWith('Cilium Operator') ? 'operator' : 'agent',
        version: banner[1]!,
        revision: banner[2]!,
        date: banner[3]!,
        goVersion: banner[4]!,
        platform: banner[5]!,
      };
    }
  }
  return null;
}

// ---- raw (non-logfmt) lines ----------------------------------------------------------------

const KLOG_LEVEL: Record<string, LogLevel> = { I: 'info', W: 'warning', E: 'error', F: 'fatal' };
const ENVOY_LEVEL: Record<string, LogLevel> = { trace: 'trace', debug: 'debug', info: 'info', warning: 'warning', error: 'error', critical: 'fatal' };

/** Which raw category starts with this text; null when it is not a known raw line. */
export function rawStart(text: string): AgentRawLine | null {
  const r = rawLineStart(text);
  if (!r) return null;
  const level =
    r.category === 'klog' ? (KLOG_LEVEL[text[0]!] ?? null) : r.category === 'envoy' ? (ENVOY_LEVEL[ENVOY_LINE.exec(text)![1]!] ?? null) : r.level;
  return { kind: 'agent-raw', category: r.category, text, level };
}


// ---- sessions ------------------------------------------------------------------------------

class AgentLogSession implements GrammarSession {
  /** The raw block (panic, verifier dump) that continuation lines belong to. */
  private rawBlock: AgentRawCategory | null = null;
  private addressing: { key: string } | null = null;

  feed(line: LogicalLine): FeedResult {
    const text = line.text;
    const c = text.charCodeAt(0);
    if (c === 0x6c /* l */ || c === 0x74 /* t */ || c === 0x7b /* { */) {
      const event = c === 0x7b ? parseJson(text) : parseLogfmt(text);
      if (!('error' in event)) {
        this.rawBlock = null;
        this.track(event);
        withDetail(event);
        return { ok: true, records: [event] };
      }
      if (c !== 0x74 || !text.startsWith('time=')) return { ok: false, reason: event.error };
    }
    const raw = rawStart(text);
    if (raw) {
      this.rawBlock = raw.category === 'goroutine' || raw.category === 'panic' ? 'stack' : raw.category;
      return { ok: true, records: [raw] };
    }
    if (this.rawBlock && isRawContinuation(text)) {
      return { ok: true, records: [{ kind: 'agent-raw', category: this.rawBlock, text, level: null }] };
    }
    return { ok: false, reason: 'not an agent log line' };
  }

  private track(event: AgentLogEvent): void {
    if (event.msg === 'Addressing information:') {
      this.addressing = { key: '' };
      return;
    }
    if (!this.addressing) return;
    const detail = agentDetail(event.msg, this.addressing);
    if (detail?.type === 'addressing') {
      if (detail.value === '') this.addressing.key = detail.key;
      else if (!ADDRESSING_LIST_ITEM.test(event.msg)) this.addressing.key = detail.key;
      event.detail = detail;
    } else {
      this.addressing = null;
    }
  }
}

/** Decorates an event with its flag / banner detail (addressing details are set by the session). */
export function withDetail(event: AgentLogEvent): AgentLogEvent {
  if (event.detail === undefined) {
    // 1.18+ operator: msg="Cilium Operator" version="<VERSIONSTRING>"
    const version = event.msg === 'Cilium Operator' ? event.fields['version'] : undefined;
    const text = typeof version === 'string' ? `Cilium Operator ${version}` : event.msg;
    const detail = agentDetail(text, null);
    if (detail) event.detail = detail;
  }
  return event;
}

export const agentLogGrammar: Grammar = {
  format: 'agent-log',
  samples,
  open: () => new AgentLogSession(),
};
