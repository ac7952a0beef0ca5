import { agentLogGrammar } from '../../grammars/agent-log.js';
import type { AgentLogEvent } from '../types/records.js';
import type { SourceTextReader } from './source-text.js';

/** The columns of `log_events` that `log_lines` does not store: read back from the line when asked for. */
export type LazyLogColumn = 'runtime_time' | 'time' | 'module' | 'fields' | 'trailing' | 'note' | 'text';

export type LazyLogValues = Record<LazyLogColumn, string | null>;

/** The lazy columns of a log event as the writer keeps them when its line cannot be read back. */
export function lazyLogValues(event: AgentLogEvent, text: string, runtimeTime: string | null): LazyLogValues {
  return {
    runtime_time: runtimeTime,
    time: event.time,
    module: event.module,
    fields: JSON.stringify(event.fields),
    trailing: event.trailing ?? null,
    note: event.note ?? null,
    text,
  };
}

/**
 * Parses log lines again for the columns of `log_events` left out of `log_lines`: the same grammar
 * on the same text gives the values ingest saw. The last line is remembered, as a query asks for
 * several columns of each row.
 */
export class LogValues {
  private last: { key: string; values: LazyLogValues | null } | null = null;
  private lastEvent: { key: string; event: AgentLogEvent | null } | null = null;

  constructor(private readonly text: SourceTextReader) {}

  values(sourceId: number, line: number, segment: number, record: string | null): LazyLogValues | null {
    const key = record ?? `${sourceId}:${line}:${segment}`;
    if (this.last?.key === key) return this.last.values;
    const values = record !== null ? (JSON.parse(record) as LazyLogValues) : this.parse(sourceId, line, segment);
    this.last = { key, values };
    return values;
  }

  value(sourceId: number, line: number, segment: number, record: string | null, column: LazyLogColumn): string | null {
    return this.values(sourceId, line, segment, record)?.[column] ?? null;
  }

  /** The fields of a stored log event (`record` as in log_lines): what `fields` holds as JSON. */
  fields(sourceId: number, line: number, segment: number, record: string | null): Record<string, unknown> {
    if (record !== null) return JSON.parse((JSON.parse(record) as LazyLogValues).fields!) as Record<string, unknown>;
    return this.event(sourceId, line, segment)?.fields ?? {};
  }

  /** The event of a log line (the grammar's record), null when the line is not one. */
  event(sourceId: number, line: number, segment: number): AgentLogEvent | null {
    const key = `${sourceId}:${line}:${segment}`;
    if (this.lastEvent?.key !== key) this.lastEvent = { key, event: this.parseEvent(sourceId, line, segment) };
    return this.lastEvent.event;
  }

  private parseEvent(sourceId: number, line: number, segment: number): AgentLogEvent | null {
    const logical = this.text.logical(sourceId, line);
    const text = logical?.texts[segment];
    if (!logical || text === undefined) return null;
    const result = agentLogGrammar.open().feed({ source: '', line, segment, text, context: logical.context });
    const event = result.ok ? result.records[0] : undefined;
    return event?.kind === 'agent-log' ? event : null;
  }

  private parse(sourceId: number, line: number, segment: number): LazyLogValues | null {
    const event = this.event(sourceId, line, segment);
    const logical = this.text.logical(sourceId, line);
    return event && logical ? lazyLogValues(event, logical.texts[segment]!, logical.context.time ?? null) : null;
  }
}
