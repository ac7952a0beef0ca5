import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Batches } from '../../src/store/batch-insert.js';

describe('batch inserts', () => {
  it('write every row in the order added, full statements and the rest at flush', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, line INTEGER NOT NULL, name TEXT)');
    const batches = new Batches(db);
    const t = batches.create('t', ['line', 'name']);
    for (let i = 1; i <= 150; i++) t.add(i, i % 3 === 0 ? null : `n${i}`);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(128);
    batches.flush();
    const rows = db.prepare('SELECT id, line, name FROM t ORDER BY id').all() as { id: number; line: number; name: string | null }[];
    expect(rows).toHaveLength(150);
    expect(rows.every((r) => r.id === r.line && r.name === (r.line % 3 === 0 ? null : `n${r.line}`))).toBe(true);
  });

  it('refuses a row with the wrong number of values instead of shifting columns', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (line INTEGER, name TEXT)');
    const t = new Batches(db).create('t', ['line', 'name']);
    expect(() => t.add(1)).toThrow('t: 1 values for 2 columns');
  });
});
