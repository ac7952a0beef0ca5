import type { ReportHead } from './model.js';
import type { Style } from './style.js';
import { table } from './text-sections.js';

/** Pods seen in kubectl output: how many where, and the ones that restart or do not run, with why. */
export function kubernetesPods(report: ReportHead, s: Style): string[] {
  if (report.pods.length === 0) return [];
  const nodes = new Set(report.pods.flatMap((p) => (p.node ? [p.node] : [])));
  const out = [s.bold(`Kubernetes: ${report.pods.length} pods on ${nodes.size} nodes`)];
  const troubled = report.pods.filter((p) => (p.restarts ?? 0) > 0 || (p.phase !== null && p.phase !== 'Running' && p.phase !== 'Succeeded'));
  if (troubled.length > 0) {
    const lastState = (p: (typeof troubled)[number]): string => {
      const last = p.containers.find((c) => c.lastState)?.lastState;
      return last ? [last.reason, last.exitCode !== null ? `exit ${last.exitCode}` : null].filter(Boolean).join(', ') : '-';
    };
    out.push(
      ...table([
        ['  pod', 'node', 'status', 'restarts', 'last state', 'evidence'],
        ...troubled.map((p) => [
          `  ${p.namespace ? `${p.namespace}/` : ''}${p.name}`,
          p.node ?? '-',
          p.containers.find((c) => c.reason)?.reason ?? p.phase ?? '-',
          String(p.restarts ?? '-'),
          lastState(p),
          s.dim(p.evidence[0] ? `${p.evidence[0].source}:${p.evidence[0].line}` : ''),
        ]),
      ]),
    );
  }
  out.push('');
  return out;
}
