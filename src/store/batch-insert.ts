import type { Statement } from 'better-sqlite3';
import type { CaseDb } from './db.js';

/** Rows written by one statement: a call into SQLite per row costs half of the row's insert. */
const ROWS_PER_STATEMENT = 64;

/**
 * Inserts the rows of a table a line writes most often (one per log line) many to a statement.
 * Rows are written in the order added; `Batches.flush` writes what is left.
 */
export class BatchInsert {
  private readonly full: Statement;
  /** The queued rows' values, row after row; `count` of them are set. */
  private readonly values: unknown[];
  private count = 0;
  private readonly width: number;

  constructor(
    private readonly db: CaseDb,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.width = columns.length;
    this.values = new Array<unknown>(this.width * ROWS_PER_STATEMENT).fill(null);
    this.full = this.statement(ROWS_PER_STATEMENT);
  }

  private statement(rows: number): Statement {
    const row = `(${this.columns.map(() => '?').join(', ')})`;
    return this.db.prepare(`INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`);
  }

  /** Queues one row: its values in the order of the columns. */
  add(...row: unknown[]): void {
    if (row.length !== this.width) throw new Error(`${this.table}: ${row.length} values for ${this.width} columns`);
    const { values } = this;
    for (let i = 0; i < row.length; i++) values[this.count++] = row[i];
    if (this.count === values.length) {
      this.full.run(values);
      this.count = 0;
    }
  }

  flush(): void {
    if (this.count === 0) return;
    this.statement(this.count / this.width).run(this.values.slice(0, this.count));
    this.count = 0;
  }
}

/** The batch inserts of one load, flushed together before anything reads their tables. */
export class Batches {
  private readonly inserts: BatchInsert[] = [];

  constructor(private readonly db: CaseDb) {}

  create(table: string, columns: readonly string[]): BatchInsert {
    const insert = new BatchInsert(this.db, table, columns);
    this.inserts.push(insert);
    return insert;
  }

  flush(): void {
    for (const insert of this.inserts) insert.flush();
  }
}
