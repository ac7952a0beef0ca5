/**
 * Line shapes of structured agent and operator log lines (agent-log.md §3, §4), every logging
 * generation: logrus text (with or without `time="…"`), logrus JSON, slog text (`time=… level=…`)
 * and slog JSON. The sniffer, the ingest repair step and the grammar use them.
 */
import type { RecordStart } from './record-starts.js';

/**
 * Level names as printed, by the level they mean: logrus prints `warning`, slog `warn`; Go's
 * default slog handler prints the slog names upper-case (`INFO`).
 */
export const LOG_LEVELS = [
  { printed: 'trace', level: 'trace', slog: false },
  { printed: 'debug', level: 'debug', slog: true },
  { printed: 'info', level: 'info', slog: true },
  { printed: 'warning', level: 'warning', slog: false },
  { printed: 'warn', level: 'warning', slog: true },
  { printed: 'error', level: 'error', slog: true },
  { printed: 'fatal', level: 'fatal', slog: false },
  { printed: 'panic', level: 'panic', slog: false },
] as const;

const LEVEL_OF: ReadonlyMap<string, (typeof LOG_LEVELS)[number]['level']> = new Map(LOG_LEVELS.map((l) => [l.printed, l.level]));

/** The level a printed level name means, in any letter case; null for a name no generation prints. */
export function logLevel(printed: string): (typeof LOG_LEVELS)[number]['level'] | null {
  return LEVEL_OF.get(printed.toLowerCase()) ?? null;
}

/** `level=` names as printed, upper-case slog names included. */
const PRINTED_LEVELS = [...LOG_LEVELS.map((l) => l.printed), ...LOG_LEVELS.filter((l) => l.slog).map((l) => l.printed.toUpperCase())].join('|');

/**
 * A logfmt line: an optional `time=` pair, then `level=‹word›`. Whole lines only: any time value and
 * any level word, so that the grammar reports what it cannot read.
 */
export const LOGFMT_LINE = /^(?:time=\S+ )?level=[A-Za-z]+(?:\s|$)/;

/**
 * The `time=` pair a record starts with inside a joined line: logrus quotes the time, slog prints
 * it bare; only a date, so that a `time=5ms` field stays with the record before.
 */
const LOGFMT_TIME = String.raw`time=(?:"\d{4}-\d\d-\d\d[^"]*"|\d{4}-\d\d-\d\dT\S+)`;

/** A JSON log line: an object whose first key is a plain name, with a `"level":"‹word›"` member. */
export const JSON_LINE = { start: /^\{"(?:[\w.-]+)":/, level: /"level":"[A-Za-z]+"/ } as const;

/**
 * Where a log record starts inside a physical line whose line breaks were lost: `time=… level=…`
 * or a bare `level=` with a level some generation prints, and a JSON object opening with `level`,
 * `time` or `msg`. Quote-aware: a `level=` inside `msg="…"` is part of the message.
 */
export const AGENT_LOG_RECORD_STARTS: readonly RecordStart[] = [
  {
    family: 'agent-log',
    literal: 'level=',
    leadIn: 'time=',
    pattern: new RegExp(String.raw`(?<=^|\s)(?:${LOGFMT_TIME}\s+)?level=(?:${PRINTED_LEVELS})(?=\s|$)`, 'g'),
    quoteAware: true,
  },
  { family: 'agent-log', literal: '{"', pattern: /(?<=^|\s)\{"(?:level|time|msg)":"/g, quoteAware: true },
];
