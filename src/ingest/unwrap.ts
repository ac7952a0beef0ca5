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
const SHIPPER =
  /^(?:DEFAULT|DEBUG|INFO|NOTICE|WARNING|ERROR|CRITICAL) (\d{4}-\d\d-\d\dT[\d:.]+Z) \[resource\.labels\.containerName: ([\w.-]+)\] /;
const JOURNALD = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (\S+) (cilium-[\w-]+)\[\d+\]: /;

function unwrapDockerJson(text: string, context: LineContext): string | null {
  if (!text.startsWith('{"log":"')) return null;
  try {
    const obj = JSON.parse(text) as { log?: unknown; stream?: unknown; time?: unknown };
    if (typeof obj.log !== 'string') return null;
    if (obj.stream === 'stdout' || obj.stream === 'stderr') context.stream = obj.stream;
    if (typeof obj.time === 'string') context.time = obj.time;
    return obj.log.endsWith('\n') ? obj.log.slice(0, -1) : obj.log;
  } catch {
    return null;
  }
}

/**
 * Peels the layers a log collector puts around an application line (agent-log.md §1):
 * shipper prefix → kubectl `--prefix` → runtime timestamp (→ CRI stream/tag) → app line.
 * Also unwraps docker's json-file lines and journald prefixes.
 */
export function unwrapLine(raw: string): Unwrapped {
  let text = cleanLine(raw);
  const context: LineContext = {};
  const first = text.charCodeAt(0);
  // Fast path: an app line that starts with a lower-case letter carries no layer.
  if (first >= 0x61 && first <= 0x7a) return { text, context };

  let m = first >= 0x41 && first <= 0x5a ? SHIPPER.exec(text) : null;
  if (m) {
    context.time = m[1];
    context.container = m[2];
    text = text.slice(m[0].length);
  }
  m = text.charCodeAt(0) === 0x5b ? KUBECTL_PREFIX.exec(text) : null;
  if (m) {
    context.pod = m[1];
    context.container = m[2];
    text = text.slice(m[0].length);
  }
  let partial = false;
  m = RUNTIME_TS.exec(text);
  if (m) {
    context.time = m[1];
    text = text.slice(m[0].length);
    const cri = CRI_TAG.exec(text);
    if (cri) {
      context.stream = cri[1] as 'stdout' | 'stderr';
      partial = cri[2] === 'P';
      text = text.slice(cri[0].length);
    }
  } else {
    m = JOURNALD.exec(text);
    if (m) {
      context.host = m[1];
      context.container = m[2];
      text = text.slice(m[0].length);
    }
  }
  const docker = unwrapDockerJson(text, context);
  if (docker !== null) text = cleanLine(docker);
  return partial ? { text, context, partial } : { text, context };
}
