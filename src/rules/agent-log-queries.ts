import { BPF_MASQ_HOST_ROUTING_FALLBACK, HOST_ROUTING_FALLBACK_SUFFIX } from '../knowledge/agent-messages.js';
import type { CaseDb } from '../store/db.js';
import type { Evidence } from '../types/evidence.js';
import type { AgentState } from '../types/state.js';

export interface LoggedLine extends Evidence {
  agent: string;
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}

/** Log events of any agent whose message contains `text`, in input order. */
export function linesContaining(db: CaseDb, text: string): LoggedLine[] {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = db
    .prepare(
      `SELECT s.name AS source, e.line, e.agent, e.level, e.msg, e.fields FROM log_events e
       JOIN sources s ON s.id = e.source_id WHERE e.msg LIKE ? ESCAPE '\\' OR e.fields LIKE ? ESCAPE '\\'
       ORDER BY e.id`,
    )
    .all(`%${escaped}%`, `%${escaped}%`) as (Omit<LoggedLine, 'fields'> & { fields: string })[];
  return rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, unknown> }));
}

/** Groups lines by agent key, keeping input order. */
export function byAgent<T extends { agent: string }>(lines: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const l of lines) {
    const g = groups.get(l.agent) ?? [];
    g.push(l);
    groups.set(l.agent, g);
  }
  return groups;
}

export function agentNode(agents: readonly AgentState[], key: string): string | null {
  return agents.find((a) => a.key === key)?.node?.value ?? null;
}

/** `evidence` trimmed to its first `max` lines (the message states the total). */
export function firstLines<T extends Evidence>(lines: T[], max = 5): Evidence[] {
  return lines.slice(0, max).map((l) => ({ source: l.source, line: l.line }));
}

/** Lines where an agent logged its fallback to legacy host routing (either wording). */
export function hostRoutingFallbackLines(db: CaseDb): LoggedLine[] {
  return [...linesContaining(db, HOST_ROUTING_FALLBACK_SUFFIX), ...linesContaining(db, BPF_MASQ_HOST_ROUTING_FALLBACK)];
}
