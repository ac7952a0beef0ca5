import type { Evidence } from '../types/evidence.js';
import type { CaseDb } from './db.js';
import { KUBERNETES_EVIDENCE_TABLES } from './kubernetes-schema.js';
import { MONITOR_EVIDENCE_TABLES } from './monitor-schema.js';
import { STATUS_EVIDENCE_TABLES } from './status-schema.js';
import { TCPDUMP_EVIDENCE_TABLES } from './tcpdump-schema.js';

/**
 * Tables that keep the text of the lines they were parsed from: (source_id, line, text).
 * A format family that stores records adds its table here so findings can quote its lines.
 */
export const EVIDENCE_TABLES: readonly string[] = ['log_events', 'raw_lines', 'shell_commands', ...STATUS_EVIDENCE_TABLES, ...MONITOR_EVIDENCE_TABLES, ...TCPDUMP_EVIDENCE_TABLES, ...KUBERNETES_EVIDENCE_TABLES, 'unparsed'];

/** Looks up the text of evidence lines (the logical record's text, segments joined). */
export class EvidenceText {
  private readonly sourceIds = new Map<string, number>();
  private readonly lookups;

  constructor(db: CaseDb) {
    for (const row of db.prepare('SELECT id, name FROM sources').all() as { id: number; name: string }[]) {
      this.sourceIds.set(row.name, row.id);
    }
    const existing = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]),
    );
    this.lookups = EVIDENCE_TABLES.filter((t) => existing.has(t)).map((table) =>
      db.prepare(`SELECT text FROM ${table} WHERE source_id = ? AND line = ? ORDER BY rowid`).pluck(),
    );
  }

  text(source: string, line: number, hint?: string): string {
    const id = this.sourceIds.get(source);
    if (id === undefined) return hint ?? '';
    for (const lookup of this.lookups) {
      const texts = lookup.all(id, line) as string[];
      if (texts.length === 0) continue;
      if (hint) {
        const match = texts.find((t) => t.includes(hint));
        if (match) return match;
      }
      return texts[0]!;
    }
    return hint ?? '';
  }

  complete(evidence: Evidence[]): Required<Evidence>[] {
    return evidence.map((e) => ({ source: e.source, line: e.line, text: e.text ?? this.text(e.source, e.line) }));
  }
}
