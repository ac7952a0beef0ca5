/** cilium-cli `cilium status` blocks (status.md §3): component summaries, workload rows, error and warning rows. */
import type { CaseDb } from '../store/db.js';
import type { CliStatusReport } from '../types/state.js';

interface Located {
  block_id: number;
  source: string;
  line: number;
}

const at = (r: { source: string; line: number }) => ({ source: r.source, line: r.line });

/** One report per cilium-cli status block, in input order. */
export function readCliStatus(db: CaseDb): CliStatusReport[] {
  const rows = <T>(table: string, columns: string): (Located & T)[] =>
    db
      .prepare(`SELECT t.block_id, s.name AS source, t.line, ${columns} FROM ${table} t JOIN sources s ON s.id = t.source_id ORDER BY t.id`)
      .all() as (Located & T)[];
  const blocks = new Map<number, CliStatusReport>();
  const block = (id: number): CliStatusReport => {
    let b = blocks.get(id);
    if (!b) blocks.set(id, (b = { components: [], workloads: [], messages: [], evidence: [] }));
    return b;
  };
  for (const r of rows<{ name: string; summary: string }>('cli_components', 't.name, t.summary')) {
    block(r.block_id).components.push({ ...at(r), name: r.name, summary: r.summary });
  }
  type Workload = { workload: string; name: string; desired: number | null; ready: number | null; available: number | null; unavailable: number | null };
  for (const r of rows<Workload>('cli_workloads', 't.workload, t.name, t.desired, t.ready, t.available, t.unavailable')) {
    block(r.block_id).workloads.push({ ...at(r), kind: r.workload, name: r.name, desired: r.desired, ready: r.ready, available: r.available, unavailable: r.unavailable });
  }
  for (const r of rows<{ severity: string; workload: string | null; pod: string | null; message: string }>('cli_messages', 't.severity, t.workload, t.pod, t.message')) {
    block(r.block_id).messages.push({ ...at(r), severity: r.severity, workload: r.workload, pod: r.pod, message: r.message });
  }
  return [...blocks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, b]) => ({ ...b, evidence: [...b.components, ...b.workloads, ...b.messages].map(at).sort((x, y) => x.line - y.line).slice(0, 1) }));
}
