import type { Finding } from '../types/findings.js';
import type { CaseDb } from './db.js';

/** Stores findings in the case database so `query` can join them with the records. */
export function persistFindings(db: CaseDb, findings: Finding[]): void {
  const insert = db.prepare(
    'INSERT INTO findings (rule, severity, title, message_id, message, node, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    db.exec('DELETE FROM findings');
    for (const f of findings) insert.run(f.rule, f.severity, f.title, f.messageId, f.message, f.node, JSON.stringify(f.evidence));
  })();
}
