import type { MonitorDropReport } from '../types/state.js';
import { describeTuple } from '../rules/flow-queries.js';
import type { FlowJson } from './flows.js';
import type { ReportHead } from './model.js';
import type { Style } from './style.js';

export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** The text on one line of at most `width` characters, runs of white space as one space. */
export function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

const dash = (v: unknown) => (v === null || v === undefined || v === '' ? '-' : String(v));

/** One row per agent: where it runs and the datapath it runs. */
export function agentSummary(report: ReportHead, s: Style): string[] {
  if (report.agents.length === 0) return [];
  const health = new Map(report.health.map((h) => [h.agent, h]));
  const rows = report.agents.map((a) => {
    const h = health.get(a.key);
    return [
      `  ${a.node ?? a.pod ?? a.key.replace(/^source:/, '')}`,
      dash(a.version),
      dash(a.effective['routingMode'] === 'tunnel' ? `tunnel/${dash(a.effective['tunnelProtocol'])}` : a.effective['routingMode']),
      dash(a.effective['kubeProxyReplacement']),
      dash(a.effective['hostRouting']),
      dash(a.effective['masquerading']),
      h && h.reachable !== null ? `${h.reachable}/${h.total}` : '-',
    ];
  });
  return [s.bold('Agents'), ...table([['  node / agent', 'version', 'routing', 'KPR', 'host routing', 'masquerading', 'health'], ...rows]), ''];
}

export function clusterHealth(report: ReportHead, s: Style): string[] {
  const out: string[] = [];
  for (const h of report.health) {
    const counts = h.reachable !== null ? `${h.reachable}/${h.total} reachable` : 'counts not printed';
    out.push(s.bold(`Cluster health seen by ${h.reporter ?? h.agent.replace(/^source:/, 'input ')}: ${counts}${h.time ? ` (${h.time})` : ''}`));
    const bad = h.nodes.filter((n) => (n.node && n.node !== 'reachable') || (n.endpoints && n.endpoints !== 'reachable'));
    const rows = (bad.length > 0 ? bad : h.nodes).slice(0, 30).map((n) => [`  ${n.name}`, dash(n.ip), dash(n.node), dash(n.endpoints)]);
    if (rows.length > 0) out.push(...table([['  node', 'ip', 'node path', 'endpoint path'], ...rows]));
    if (bad.length === 0 && h.nodes.length > 30) out.push(`  … ${h.nodes.length - 30} more, all reachable`);
    out.push('');
  }
  return out;
}

export function monitorDrops(report: ReportHead, drops: MonitorDropReport, s: Style): string[] {
  if (report.monitor.events === 0) return [];
  const kinds = Object.entries(report.monitor.byKind).map(([k, n]) => `${k} ${n}`).join(', ');
  const out = [s.bold(`cilium monitor: ${report.monitor.events} events (${kinds})${drops.lostEvents > 0 ? `, ${drops.lostEvents} lost` : ''}`)];
  if (drops.total > 0) {
    out.push(`  ${drops.total} drops by reason:`);
    out.push(...table(drops.byReason.map((r) => [`    ${r.count}`, `${r.reason}${r.code !== null ? ` (${r.code})` : ''}`, r.evidence[0] ? `${r.evidence[0].source}:${r.evidence[0].line}` : ''])));
    out.push(`  by endpoint: ${drops.byEndpoint.slice(0, 8).map((e) => `${dash(e.endpoint)} ×${e.count}`).join(', ')}`);
    out.push(`  by identity pair: ${drops.byIdentityPair.slice(0, 8).map((p) => `${dash(p.src)}→${dash(p.dst)} ×${p.count}`).join(', ')}`);
    out.push(`  over time: ${drops.overTime.slice(0, 12).map((t) => `${t.bucket} ×${t.count}`).join(', ')}`);
  }
  out.push('');
  return out;
}

export function packetCaptures(report: ReportHead, s: Style): string[] {
  const p = report.packets;
  if (p.total === 0) return [];
  const protocols = (by: Record<string, number>) => Object.entries(by).map(([k, n]) => `${k} ${n}`).join(', ');
  const out = [s.bold(`tcpdump: ${p.total} packets (${protocols(p.byProtocol)})`)];
  out.push(
    ...table([
      ['  node', 'interface', 'netns', 'packets', 'protocols'],
      ...p.captures.map((c) => [`  ${dash(c.node)}`, dash(c.iface), dash(c.netns), String(c.total), protocols(c.byProtocol)]),
    ]),
    '',
  );
  return out;
}

/** How many flows of each class were replayed, and which diverge (details: `cilium-analyze replay`); the flows are read once, in order. */
export function flowSummary(flows: Iterable<FlowJson>, s: Style): string[] {
  const byClass = new Map<string, number>();
  const first: FlowJson[] = [];
  const divergent: FlowJson[] = [];
  let total = 0;
  let divergentCount = 0;
  for (const f of flows) {
    total++;
    byClass.set(f.class ?? 'unclassified', (byClass.get(f.class ?? 'unclassified') ?? 0) + 1);
    if (first.length <= 10) first.push(f);
    if (f.divergences.some((d) => d !== 'model-ambiguous') && divergentCount++ < 10) divergent.push(f);
  }
  if (total === 0) return [];
  const classes = [...byClass.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${c} ${n}`).join(', ');
  const out = [s.bold(`Flows: ${total} replayed (${classes})`)];
  // A few flows are each worth a line; of many, the divergent ones.
  const [listed, count] = total <= 10 ? [first, total] : [divergent, divergentCount];
  for (const f of listed.slice(0, 10)) {
    const service = f.service ? ` via ${f.service.name ?? 'service'} ${f.service.vip}${f.service.port !== null ? `:${f.service.port}` : ''}` : '';
    const where = f.nodes.length > 0 ? ` [${f.nodes.join(', ')}]` : '';
    const { expected, observed } = f.disposition;
    const seen = observed.detail ? `${observed.kind} (${observed.detail})` : observed.kind;
    // A drop the model does not predict (a policy's, say) is what was seen, not what was expected.
    const outcome = expected.kind === 'unknown' ? seen : observed.kind === expected.kind ? `${seen} as expected` : `${seen}; expected ${expected.kind}`;
    const verdict = f.divergences.length > 0 ? f.divergences.join(', ') : observed.kind === 'unknown' ? 'no divergence (its outcome is not seen)' : outcome;
    out.push(`  flow ${f.id} ${f.class ?? '?'} ${describeTuple(f)}${service}${where}: ${verdict}`);
  }
  if (count > 10) out.push(`  … ${count - 10} more`);
  out.push(s.dim('  expected and observed hops side by side: cilium-analyze replay [--flow ID]'), '');
  return out;
}
