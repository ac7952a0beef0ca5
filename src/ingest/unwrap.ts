import {
  CLOUD_LOGGING_FIELD,
  CLOUD_LOGGING_ROW,
  CONTAINER_KEYS,
  ENVELOPE_JSON_KEY,
  ENVELOPE_TEXT_KEYS,
  LOKI_LABEL,
  LOKI_LABELS,
  POD_KEYS,
  STERN_PREFIX,
  BRACKETED_TIME,
} from '../knowledge/log-shippers.js';
import { INLINE_CODE_LINE } from '../knowledge/terminal.js';
import type { LineContext } from '../types/lines.js';
import { cleanLine } from './lines.js';

export interface Unwrapped {
  text: string;
  context: LineContext;
  /** CRI partial record (`P` tag): its text continues on the next record. */
  partial?: boolean;
}

const KUBECTL_PREFIX = /^\[pod\/([a-z0-9.-]+)\/([a-z0-9.-]+)\] /;
const RUNTIME_TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) /;
const CRI_TAG = /^(stdout|stderr) ([FP]) /;
const JOURNALD = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (\S+) (cilium-[\w-]+)\[\d+\]: /;

/** Pod and container from a collector's labels (Loki labels, Logs Explorer summary fields, LogEntry labels). */
function labelContext(labels: ReadonlyMap<string, string>, context: LineContext): void {
  for (const key of POD_KEYS) {
    const pod = labels.get(key);
    if (pod) context.pod = pod;
  }
  for (const key of CONTAINER_KEYS) {
    const container = labels.get(key);
    if (container) context.container = container;
  }
}

function pairs(text: string, pattern: RegExp): Map<string, string> {
  return new Map([...text.matchAll(pattern)].map((m) => [m[1]!, m[2]!]));
}

function record(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function stringsOf(obj: Record<string, unknown> | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj ?? {})) if (typeof v === 'string') out.set(k, v);
  return out;
}

/**
 * A collector's JSON record around the app line: docker's json-file (`log`, `stream`, `time`),
 * Fluent Bit (`log` with `kubernetes.pod_name`), a Cloud Logging LogEntry (`textPayload` or
 * `jsonPayload`, `resource.labels`, `timestamp`; its `severity` is the collector's, not the
 * record's). An agent's own JSON record (it has `msg`) is not an envelope.
 */
function unwrapJsonEnvelope(text: string, context: LineContext): string | null {
  if (!text.startsWith('{"') || !(text.includes('"log":"') || text.includes('"textPayload":') || text.includes(`"${ENVELOPE_JSON_KEY}":{`))) {
    return null;
  }
  let obj: Record<string, unknown> | null;
  try {
    obj = record(JSON.parse(text));
  } catch {
    return null;
  }
  if (!obj || 'msg' in obj) return null;
  const payload = record(obj[ENVELOPE_JSON_KEY]);
  const key = ENVELOPE_TEXT_KEYS.find((k) => typeof obj[k] === 'string');
  if (!key && !payload) return null;
  if (obj['stream'] === 'stdout' || obj['stream'] === 'stderr') context.stream = obj['stream'];
  const time = obj['time'] ?? obj['timestamp'];
  if (typeof time === 'string') context.time = time;
  labelContext(stringsOf(record(obj['kubernetes'])), context);
  labelContext(stringsOf(record(record(obj['resource'])?.['labels'] ?? null)), context);
  if (payload) return JSON.stringify(payload);
  const line = obj[key!] as string;
  return line.endsWith('\n') ? line.slice(0, -1) : line;
}

/**
 * Peels the layers a log collector puts around an application line (agent-log.md §1):
 * shipper prefix → kubectl `--prefix` → runtime timestamp (→ CRI stream/tag, or Loki labels) →
 * app line. Also unwraps collectors' JSON records, journald and `stern` prefixes.
 */
export function unwrapLine(raw: string): Unwrapped {
  let text = cleanLine(raw);
  const context: LineContext = {};
  let first = text.charCodeAt(0);
  if (first === 0x60) {
    const code = INLINE_CODE_LINE.exec(text);
    if (code) {
      text = code[1] ?? code[2]!;
      first = text.charCodeAt(0);
    }
  }
  // Fast path: an app line that starts with a lower-case letter carries no layer but a viewer's prefix.
  if (first >= 0x61 && first <= 0x7a) {
    const viewer = STERN_PREFIX.exec(text);
    if (!viewer) return { text, context };
    const container = viewer[2] ?? viewer[3] ?? viewer[4]!;
    return { text: text.slice(viewer[0].length), context: viewer[1] ? { pod: viewer[1], container } : { container } };
  }

  let m = first >= 0x41 && first <= 0x5a ? CLOUD_LOGGING_ROW.exec(text) : null;
  if (m) {
    context.time = m[2];
    labelContext(pairs(m[3]!, CLOUD_LOGGING_FIELD), context);
    text = text.slice(m[0].length);
  }
  m = text.charCodeAt(0) === 0x5b ? KUBECTL_PREFIX.exec(text) : null;
  if (m) {
    context.pod = m[1];
    context.container = m[2];
    text = text.slice(m[0].length);
  } else if (text.charCodeAt(0) === 0x5b && (m = BRACKETED_TIME.exec(text))) {
    context.time = m[1];
    text = text.slice(m[0].length);
  }
  let partial = false;
  m = RUNTIME_TS.exec(text);
  if (m) {
    context.time = m[1];
    text = text.slice(m[0].length);
    const cri = CRI_TAG.exec(text);
    const loki = cri ? null : LOKI_LABELS.exec(text);
    if (cri) {
      context.stream = cri[1] as 'stdout' | 'stderr';
      partial = cri[2] === 'P';
      text = text.slice(cri[0].length);
    } else if (loki) {
      labelContext(pairs(loki[1]!, LOKI_LABEL), context);
      text = text.slice(loki[0].length);
    }
  } else {
    m = JOURNALD.exec(text);
    if (m) {
      context.host = m[1];
      context.container = m[2];
      text = text.slice(m[0].length);
    }
  }
  const inner = unwrapJsonEnvelope(text, context);
  if (inner !== null) text = cleanLine(inner);
  return partial ? { text, context, partial } : { text, context };
}
