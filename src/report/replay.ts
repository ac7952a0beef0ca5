/** `cilium-analyze replay`: every flow's expected and observed path, divergent hops marked. */
import type { Finding } from '../types/findings.js';
import type { ReplayedFlow } from '../types/flows.js';
import { renderReplay } from './flows.js';
import type { Style } from './style.js';

export function renderReplays(flows: readonly ReplayedFlow[], findings: readonly Finding[], s: Style): string {
  if (flows.length === 0) return 'No flows: the inputs hold no monitor events or tcpdump packets that carry addresses.\n';
  const out: string[] = [];
  for (const flow of flows) {
    const divergent = new Set(findings.filter((f) => f.flow?.id === flow.id && f.flow.hop !== null && f.rule !== 'model-ambiguous').map((f) => f.flow!.hop!));
    out.push(...renderReplay(flow, divergent, s));
    for (const f of findings.filter((x) => x.flow?.id === flow.id)) out.push(`  ${s.severity(f.severity, f.severity)} ${f.rule}: ${f.message}`);
    if (findings.some((x) => x.flow?.id === flow.id)) out.push('');
  }
  return `${out.join('\n')}\n`;
}
