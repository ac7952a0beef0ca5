import type { Evidence, QuotedEvidence } from '../types/evidence.js';
import type { CaseDb } from './db.js';
import { HUBBLE_EVIDENCE_TABLES } from './hubble-schema.js';
import { KUBERNETES_EVIDENCE_TABLES } from './kubernetes-schema.js';
import { MONITOR_EVIDENCE_TABLES } from './monitor-schema.js';
import { STATUS_EVIDENCE_TABLES } from './status-schema.js';
import { TCPDUMP_EVIDENCE_TABLES } from './tcpdump-schema.js';

/**
 * Tables that keep the text of the lines they were parsed from: (source_id, line, text).
 * A format family that stores records adds its table here so findings can quote its lines.
 */
export const EVIDENCE_TABLES: readonly string[] = [
  'log_events', 'raw_lines', 'shell_commands', ...STATUS_EVIDENCE_TABLES, ...MONITOR_EVIDENCE_TABLES, ...TCPDUMP_EVIDENCE_TABLES,
  ...HUBBLE_EVIDENCE_TABLES, ...KUBERNETES_EVIDENCE_TABLES, 'unparsed',
];

/**
 * Lines looked up per query (SQLite's default limit on host parameters is far above); a shorter
 * batch repeats its last line, so that each table has one statement, prepared once.
 */
const BATCH = 500;

/**
 * Looks up the text of evidence lines (the logical record's text, segments joined): many lines at
 * once, one query per source, table and batch, only in the tables that hold lines of that source,
 * in priority order; texts already read are remembered.
 */
export class EvidenceText {
  private readonly sourceIds = new Map<string, number>();
  private readonly tables: string[];
  /** The column that orders each table's rows as they were written (`ct_summary` has no `id`). */
  private readonly order: string[];
  /** Each table's segment column, or `0` for a table that keeps one row per line. */
  private readonly segment: string[];
  private readonly presence: { get(source: number): unknown }[];
  private readonly byLines: ({ all(...params: number[]): unknown[] } | undefined)[] = [];
  private readonly holding = new Map<number, number[]>();
  private readonly known = new Map<string, string>();

  constructor(private readonly db: CaseDb) {
    for (const row of db.prepare('SELECT id, name FROM sources').all() as { id: number; name: string }[]) {
      this.sourceIds.set(row.name, row.id);
    }
    const existing = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view')`).pluck().all() as string[]);
    this.tables = EVIDENCE_TABLES.filter((t) => existing.has(t));
    const hasColumn = (table: string, column: string): boolean => db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) !== undefined;
    this.order = this.tables.map((t) => (hasColumn(t, 'id') ? 'id' : 'rowid'));
    this.segment = this.tables.map((t) => (hasColumn(t, 'segment') ? 'segment' : '0'));
    this.presence = this.tables.map((table) => db.prepare(`SELECT 1 FROM ${table} WHERE source_id = ? LIMIT 1`).pluck());
  }

  /** The evidence tables holding any line of a source, in priority order: a source is mostly one format. */
  private tablesOf(source: number): number[] {
    let tables = this.holding.get(source);
    if (!tables) {
      tables = this.presence.map((p, i) => (p.get(source) === undefined ? -1 : i)).filter((i) => i >= 0);
      this.holding.set(source, tables);
    }
    return tables;
  }

  /**
   * Reads the texts of these lines of one source into `known`: per line, the first row of the first
   * table that has the line; per line and segment, the first row of that segment (a flattened
   * paste's line has rows in several tables, so every table holding the source is read). Lines are
   * read in order, each batch from every table before the next: a batch's source blocks are
   * decompressed once, not once per table and batch.
   */
  private load(source: string, lines: number[]): void {
    const id = this.sourceIds.get(source);
    const tables = id === undefined ? [] : this.tablesOf(id);
    const ordered = [...lines].sort((a, b) => a - b);
    for (let i = 0; i < ordered.length && tables.length > 0; i += BATCH) {
      const chunk = ordered.slice(i, i + BATCH);
      while (chunk.length < BATCH) chunk.push(chunk[chunk.length - 1]!);
      for (const t of tables) {
        const rows = this.linesOf(t).all(id!, ...chunk) as { line: number; segment: number; text: string }[];
        for (const r of rows) {
          const k = `${source}\u0000${r.line}`;
          if (!this.known.has(k)) this.known.set(k, r.text);
          if (!this.known.has(`${k}\u0000${r.segment}`)) this.known.set(`${k}\u0000${r.segment}`, r.text);
        }
      }
    }
    for (const l of lines) if (!this.known.has(`${source}\u0000${l}`)) this.known.set(`${source}\u0000${l}`, '');
  }

  private linesOf(t: number): { all(...params: number[]): unknown[] } {
    return (this.byLines[t] ??= this.db.prepare(
      `SELECT line, ${this.segment[t]} AS segment, text FROM ${this.tables[t]}
       WHERE source_id = ? AND line IN (${Array.from({ length: BATCH }, () => '?').join(', ')}) ORDER BY ${this.order[t]}`,
    ));
  }

  /** Lets go of the texts read so far (a chunk's, once it is written). */
  forget(): void {
    this.known.clear();
  }

  complete(evidence: readonly Evidence[]): QuotedEvidence[] {
    const wanted = new Map<string, Set<number>>();
    for (const e of evidence) {
      if (e.text !== undefined || this.known.has(`${e.source}\u0000${e.line}`)) continue;
      let lines = wanted.get(e.source);
      if (!lines) wanted.set(e.source, (lines = new Set()));
      lines.add(e.line);
    }
    for (const [source, lines] of wanted) this.load(source, [...lines]);
    return evidence.map((e) => {
      const k = `${e.source}\u0000${e.line}`;
      const text = e.text ?? (e.segment === undefined ? undefined : this.known.get(`${k}\u0000${e.segment}`)) ?? this.known.get(k)!;
      return { source: e.source, line: e.line, text };
    });
  }
}
