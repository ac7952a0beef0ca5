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
import { isRawContinuation, rawLineStart } from '../src/knowledge/agent-raw-lines.js';
import { samples } from './agent-log-samples.js';
import { unquoteGo } from './go-quote.js';
import { lexLogfmtTokens, type LogfmtToken } from './logfmt.js';

// ---- pairs: logfmt's tokens (logfmt.ts) read as keys and values -----------------------------

interface RawPair {
  key: string;
  value: string;
  quoted: boolean;
  unterminated: boolean;
}

interface LogfmtLine {
  pairs: RawPair[];
  trailing: string[];
}

function splitPair(token: LogfmtToken): RawPair {
  const { image, eq } = token;
  const key = image.slice(0, eq);
  if (image.charCodeAt(eq + 1) === 0x22 /* " */) {
    const unterminated = token.type === 'unterminated';
    const body = unterminated ? image.slice(eq + 2) : image.slice(eq + 2, -1);
    return { key, value: unquoteGo(body), quoted: true, unterminated };
  }
  return { key, value: image.slice(eq + 1), quoted: false, unterminated: false };
}

/**
 * logfmt is flat — `line := (Pair | UnterminatedPair | Word)*` — so the token vector is reduced
 * directly instead of through a parser. Words between pairs are part of a spaced key (`proxy port
 * name=cilium-dns-egress`, logrus prints keys as given); words after the last pair are trailing text.
 */
function lexLogfmt(text: string): LogfmtLine {
  const pairs: RawPair[] = [];
  let words: string[] = [];
  for (const t of lexLogfmtTokens(text)) {
    if (t.type === 'word') {
      words.push(t.image);
      continue;
    }
    const pair = splitPair(t);
    if (words.length > 0 && pairs.length > 0) pair.key = `${words.join(' ')} ${pair.key}`;
    pairs.push(pair);
    words = [];
  }
  return { pairs, trailing: words };
}

// ---- records -------------------------------------------------------------------------------

function textGeneration(pairs: RawPair[], levelRaw: string): LogGeneration {
  const time = pairs[0]?.key === 'time' ? pairs[0] : undefined;
  if (time) return time.quoted ? 'logrus-text' : 'slog-text';
  if (levelRaw === 'warn' || pairs.some((p) => p.quoted && p.value === '')) return 'slog-text';
  return 'logrus-text';
}

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

function parseLogfmt(text: string): AgentLogEvent | { error: string } {
  const parsed = lexLogfmt(text);
  const { pairs } = parsed;
  let time: string | null = null;
  let levelRaw: string | null = null;
  let msg = '';
  const fields: Record<string, FieldValue> = {};
  let unterminated = false;
  for (const p of pairs) {
    if (p.unterminated) unterminated = true;
    if (p.key === 'time' && time === null && levelRaw === null) time = p.value;
    else if (p.key === 'level' && levelRaw === null) levelRaw = p.value;
    else if (p.key === 'msg' && levelRaw !== null && msg === '' && !('msg' in fields)) msg = p.value;
    else fields[p.key] = p.value;
  }
  if (levelRaw === null) return { error: 'no level= field' };
  const level = logLevel(levelRaw);
  if (!level) return { error: `unknown level "${levelRaw}"` };
  const event = buildEvent(textGeneration(pairs, levelRaw), time, level, msg, fields);
  if (parsed.trailing.length > 0) event.trailing = parsed.trailing.join(' ');
  if (unterminated) event.note = 'truncated inside a quoted value';
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

/** Which raw category starts with this text; null when it is not a known raw line. */
export function rawStart(text: string): AgentRawLine | null {
  const r = rawLineStart(text);
  if (!r) return null;
  const level = r.category === 'klog' ? (KLOG_LEVEL[text[0]!] ?? null) : r.level;
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
    const version = event.fields['version'];
    const text = event.msg === 'Cilium Operator' && typeof version === 'string' ? `Cilium Operator ${version}` : event.msg;
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
