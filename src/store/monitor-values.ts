import { monitorLineFields, parseMonitorEvent } from '../../grammars/monitor.js';
import { MONITOR_EVENT_FIELDS, type MonitorEvent } from '../types/monitor.js';
import { MONITOR_LAZY_COLUMNS, type MonitorEventColumn, type MonitorLineLazyColumn } from './monitor-schema.js';
import type { SourceTextReader } from './source-text.js';

/** A value as a column stores it: flags as 0/1, structured values as JSON. */
function storedValue(value: unknown): string | number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return (value ?? null) as string | number | null;
}

export type LazyMonitorValues = Partial<Record<MonitorEventColumn, string | number | null>>;

/** The event field behind each column read back from the line. */
const LAZY_FIELDS = new Map(
  (Object.entries(MONITOR_EVENT_FIELDS) as [keyof typeof MONITOR_EVENT_FIELDS, { column: MonitorEventColumn }][])
    .filter(([, spec]) => MONITOR_LAZY_COLUMNS.includes(spec.column))
    .map(([field, spec]) => [spec.column, field]),
);

/** A lazy column of an event read from its line (`runtime_time`: the line's context). */
function lazyValue(e: MonitorEvent, runtimeTime: string | null, column: MonitorEventColumn): string | number | null {
  if (column === 'runtime_time') return runtimeTime;
  const field = LAZY_FIELDS.get(column);
  return field === undefined ? null : storedValue(e[field]);
}

/** The columns of `monitor_events` its rows leave out, as the event's own line gives them. */
export function lazyMonitorValues(e: MonitorEvent, runtimeTime: string | null): LazyMonitorValues {
  const values: LazyMonitorValues = { runtime_time: runtimeTime };
  for (const column of LAZY_FIELDS.keys()) values[column] = lazyValue(e, runtimeTime, column);
  return values;
}

export type LazyMonitorLineValues = Record<MonitorLineLazyColumn, string | null>;

export function lazyMonitorLineValues(layer: string | null, fields: Record<string, string> | null): LazyMonitorLineValues {
  return { layer, fields: fields ? JSON.stringify(fields) : null };
}

/**
 * Reads the lazy columns of `monitor_events` and `monitor_lines` back: the grammar's readers on the
 * same line give the values ingest saw. The last line is remembered, as a query asks for several
 * columns of each row.
 */
export class MonitorValues {
  private lastEvent: { key: string; stored: LazyMonitorValues | null; event: MonitorEvent | null; time: string | null } | null = null;
  private lastLine: { key: string; values: LazyMonitorLineValues | null } | null = null;

  constructor(private readonly text: SourceTextReader) {}

  event(sourceId: number, line: number, segment: number, record: string | null, column: MonitorEventColumn): string | number | null {
    const key = record ?? `${sourceId}:${line}:${segment}`;
    let last = this.lastEvent;
    if (last?.key !== key) {
      last = record !== null ? { key, stored: JSON.parse(record) as LazyMonitorValues, event: null, time: null } : { key, stored: null, ...this.parseEvent(sourceId, line, segment) };
      this.lastEvent = last;
    }
    if (last.stored) return last.stored[column] ?? null;
    return last.event ? lazyValue(last.event, last.time, column) : null;
  }

  /**
   * A reader of the columns of one event read back from its line (or its `record`), for reading
   * many of them without a lookup each.
   */
  reader(sourceId: number, line: number, segment: number, record: string | null): (column: MonitorEventColumn) => string | number | null {
    if (record !== null) {
      const stored = JSON.parse(record) as LazyMonitorValues;
      return (column) => stored[column] ?? null;
    }
    const { event, time } = this.parseEvent(sourceId, line, segment);
    return event ? (column) => lazyValue(event, time, column) : () => null;
  }

  line(sourceId: number, line: number, segment: number, record: string | null, column: MonitorLineLazyColumn): string | null {
    const key = record ?? `${sourceId}:${line}:${segment}`;
    if (this.lastLine?.key !== key) this.lastLine = { key, values: record !== null ? (JSON.parse(record) as LazyMonitorLineValues) : this.parseLine(sourceId, line, segment) };
    return this.lastLine.values?.[column] ?? null;
  }

  private parseEvent(sourceId: number, line: number, segment: number): { event: MonitorEvent | null; time: string | null } {
    const logical = this.text.logical(sourceId, line);
    const text = logical?.texts[segment];
    return { event: text === undefined ? null : parseMonitorEvent(text), time: logical?.context.time ?? null };
  }

  private parseLine(sourceId: number, line: number, segment: number): LazyMonitorLineValues | null {
    const text = this.text.text(sourceId, line, segment);
    if (text === null) return null;
    const { layer, fields } = monitorLineFields(text);
    return lazyMonitorLineValues(layer, fields);
  }
}
