/**
 * An independent decoder for agent log lines, used to check the grammar: a sticky-regex scan of
 * `key=` with a character loop for quoted values, and JSON.parse (after translating Go escapes)
 * to unquote them — a different algorithm from the chevrotain lexer + unquoteGo of the grammar.
 */

export interface ReferenceLine {
  time: string | null;
  level: string;
  msg: string;
  fields: Record<string, unknown>;
  trailing: string | null;
  unterminated: boolean;
}

const GO_ESCAPE = /\\(x[0-9a-fA-F]{2}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/gs;

/** A Go `%q` body as a JS string, by rewriting its escapes into JSON and parsing that. */
export function goUnquoteViaJson(body: string): string {
  const json = body
    .replace(GO_ESCAPE, (_m, e: string) => {
      if (e[0] === 'x') return `\\u00${e.slice(1)}`;
      if (e[0] === 'U') {
        const cp = parseInt(e.slice(1), 16);
        return JSON.stringify(String.fromCodePoint(cp)).slice(1, -1);
      }
      if (/^[0-7]{3}$/.test(e)) return `\\u${parseInt(e, 8).toString(16).padStart(4, '0')}`;
      if (e === 'a') return '\\u0007';
      if (e === 'v') return '\\u000b';
      if (e === "'") return "'";
      return `\\${e}`; // \" \\ \n \t \r \b \f \uXXXX are JSON already
    })
    .replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.parse(`"${json}"`) as string;
}

const KEY = /([^\s="]+)=/y;
const WORD = /\S+/y;

/** Index of the quote closing the value opened at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function decodeLogfmt(text: string): ReferenceLine | null {
  const pairs: [string, string][] = [];
  let words: string[] = [];
  let unterminated = false;
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) break;
    KEY.lastIndex = i;
    const k = KEY.exec(text);
    if (!k) {
      WORD.lastIndex = i;
      const w = WORD.exec(text)!;
      words.push(w[0]);
      i = WORD.lastIndex;
      continue;
    }
    let key = k[1]!;
    if (words.length > 0 && pairs.length > 0) key = `${words.join(' ')} ${key}`;
    words = [];
    i = KEY.lastIndex;
    let value: string;
    if (text[i] === '"') {
      const close = closingQuote(text, i);
      if (close === -1) {
        // A value cut after a lone backslash keeps it.
        const body = text.slice(i + 1);
        value = goUnquoteViaJson(/(?:^|[^\\])(?:\\\\)*\\$/.test(body) ? `${body}\\` : body);
        unterminated = true;
        i = text.length;
      } else {
        value = goUnquoteViaJson(text.slice(i + 1, close));
        i = close + 1;
      }
    } else {
      let end = i;
      while (end < text.length && !/[\s"]/.test(text[end]!)) end++;
      value = text.slice(i, end);
      i = end;
    }
    pairs.push([key, value]);
  }
  const level = pairs.find(([k]) => k === 'level');
  if (!level) return null;
  const levelAt = pairs.indexOf(level);
  const time = pairs[0]![0] === 'time' && levelAt > 0 ? pairs[0]! : null;
  const msg = pairs.find(([k], idx) => k === 'msg' && idx > levelAt) ?? null;
  const fields: Record<string, unknown> = {};
  for (const p of pairs) if (p !== level && p !== time && p !== msg) fields[p[0]] = p[1];
  return {
    time: time ? time[1] : null,
    level: level[1],
    msg: msg ? msg[1] : '',
    fields,
    trailing: words.length > 0 ? words.join(' ') : null,
    unterminated,
  };
}

function decodeJson(text: string): ReferenceLine | null {
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof obj !== 'object' || obj === null || typeof obj['level'] !== 'string') return null;
  const { time, level, msg, ...fields } = obj;
  return {
    time: typeof time === 'string' ? time : null,
    level: level as string,
    msg: typeof msg === 'string' ? msg : '',
    fields,
    trailing: null,
    unterminated: false,
  };
}

/** Decodes one app line (no collector layers); null when it is not a structured agent line. */
export function referenceDecode(text: string): ReferenceLine | null {
  return text.startsWith('{') ? decodeJson(text) : decodeLogfmt(text);
}

/** logrus and slog spell the warning level differently; the report uses logrus' names. */
export function normalisedLevel(level: string): string {
  const l = level.toLowerCase();
  return l === 'warn' ? 'warning' : l;
}
