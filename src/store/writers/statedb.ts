import { typedRow } from '../../../grammars/statedb-rows.js';
import { statedbCommand } from '../../knowledge/statedb-tables.js';
import type { LocatedRecord } from '../../types/records.js';
import type { StatedbRecord } from '../../types/statedb.js';
import type { RecordWriter } from '../writer.js';

/**
 * Stores StateDB headers and rows. A table the text did not name (an unknown header in a bundle
 * member) takes the name of the member's command (`sources.what`: `cilium-dbg shell -- db/show
 * l2-announce`), and a text row of a known table is then typed here.
 */
export const statedbWriter: RecordWriter = {
  kinds: ['statedb-header', 'statedb-row'],
  prepare(db) {
    const header = db.prepare('INSERT INTO statedb_tables (source_id, line, segment, agent, table_name, form, columns) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const row = db.prepare(
      'INSERT INTO statedb_rows (source_id, line, segment, agent, table_name, form, first_line, cells, typed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const what = db.prepare('SELECT what FROM sources WHERE id = ?').pluck();
    const commandTables = new Map<number, string | null>();
    const commandTable = (sourceId: number): string | null => {
      if (!commandTables.has(sourceId)) {
        const command = what.get(sourceId) as string | null | undefined;
        commandTables.set(sourceId, command ? (statedbCommand(command)?.table ?? null) : null);
      }
      return commandTables.get(sourceId)!;
    };
    return ({ record, at }: LocatedRecord, { sourceId, agent }) => {
      const r = record as StatedbRecord;
      const table = r.table ?? commandTable(sourceId);
      if (r.kind === 'statedb-header') {
        header.run(sourceId, at.line, at.segment, agent, table, r.form, JSON.stringify(r.columns));
        return;
      }
      const typed = r.typed ?? (r.form === 'table' ? typedRow(table, r.values) : null);
      row.run(sourceId, at.line, at.segment, agent, table, r.form, r.firstLine ?? at.line, JSON.stringify(r.values), typed ? JSON.stringify(typed) : null);
    };
  },
};
