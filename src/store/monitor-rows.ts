import type { CaseDb } from './db.js';
import { monitorValuesOf } from './db.js';
import { MONITOR_DISSECTION_COLUMNS, monitorColumnSource, type MonitorEventColumn } from './monitor-schema.js';

/** The location of a `monitor_events` row, with the name of its source. */
interface RowLocation {
  id: number;
  source: string;
  source_id: number;
  line: number;
  segment: number;
}

/** The query's columns before the dissection's, in order. */
const ROW_COLUMNS = ['id', 'source_id', 'line', 'segment', 'record', 'capture_session', 'agent', 'type', 'source'] as const;
const DISSECTION_FROM = ROW_COLUMNS.length;
/** The dissection's columns in the query, after them. */
const DISSECTED = [...MONITOR_DISSECTION_COLUMNS, 'trace_id'];

/**
 * The `monitor_events` rows of these event types, in input order, each with these columns as the
 * view gives them. Built here from the narrow rows: the view calls back into JavaScript once per
 * column of each row read from its line, several times what parsing the line once costs.
 */
export function* monitorEventRows<C extends MonitorEventColumn>(
  db: CaseDb, types: readonly string[], columns: readonly C[],
): Generator<RowLocation & Record<C, string | number | null>> {
  const values = monitorValuesOf(db);
  const query = db.prepare(
    `SELECT r.id, r.source_id, r.line, r.segment, r.record, r.capture_session, a.name, t.name, s.name, ${DISSECTED.map((c) => `d.${c}`).join(', ')}
     FROM monitor_events_rows r JOIN names t ON t.id = r.type_id JOIN names a ON a.id = r.agent_id JOIN sources s ON s.id = r.source_id
       LEFT JOIN monitor_dissections d ON d.event_id = r.id
     WHERE t.name IN (${types.map(() => '?').join(', ')}) ORDER BY r.source_id, r.line, r.segment, r.id`,
  ).raw(true);
  const sources = columns.map(monitorColumnSource);
  const rowAt = columns.map((c) => (ROW_COLUMNS as readonly string[]).indexOf(c));
  const dissectedAt = columns.map((c) => DISSECTION_FROM + DISSECTED.indexOf(c));
  for (const raw of query.iterate(...types)) {
    const r = raw as (string | number | null)[];
    const read = values.reader(r[1] as number, r[2] as number, r[3] as number, r[4] as string | null);
    const row: Record<string, string | number | null> = { id: r[0]!, source: r[8]!, source_id: r[1]!, line: r[2]!, segment: r[3]! };
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]!;
      switch (sources[i]) {
        case 'name':
        case 'row': row[column] = r[rowAt[i]!] ?? null; break;
        case 'dissection-first': row[column] = r[dissectedAt[i]!] ?? read(column); break;
        case 'line-first': row[column] = read(column) ?? r[dissectedAt[i]!] ?? null; break;
        case 'truncated': row[column] = r[dissectedAt[i]!] ?? 0; break;
        case 'dissection': row[column] = r[dissectedAt[i]!] ?? null; break;
        case 'line': row[column] = read(column); break;
      }
    }
    yield row as RowLocation & Record<C, string | number | null>;
  }
}
