/**
 * Tables of the agent's StateDB dumps: each table's header (its columns as printed) and each object
 * with its cells by column (or JSON field) and, for the tables the state reads, its typed view. The
 * table's name is the grammar's, else the one the bundle member's command shows.
 */
import { LINE_ROW_KEY } from './line-row.js';

export const STATEDB_TABLES = `
CREATE TABLE statedb_tables (
  ${LINE_ROW_KEY},
  agent TEXT NOT NULL, table_name TEXT, form TEXT NOT NULL, columns TEXT NOT NULL);
CREATE TABLE statedb_rows (
  ${LINE_ROW_KEY},
  agent TEXT NOT NULL, table_name TEXT, form TEXT NOT NULL, first_line INTEGER NOT NULL, cells TEXT NOT NULL, typed TEXT);
`;

export const STATEDB_INDEXES = `
CREATE INDEX IF NOT EXISTS statedb_rows_by_table ON statedb_rows(table_name, agent);
`;
