/** `cilium-analyze replay`: every flow's expected and observed path, divergent hops marked, a flow at a time. */
import { append } from '../types/collections.js';
import type { Finding } from '../types/findings.js';
import type { ReplayedFlow } from '../types/flows.js';
import { renderReplay } from './flows.js';
import type { Style } from './style.js';

export const NO_FLOWS = 'No flows: the inputs hold no monitor events or tcpdump packets that carry addresses.\n';

/** Renders one flow at a time with the findings about it (the findings of the case, indexed once). */
export function replayRenderer(findings: readonly Finding[], s: Style): (flow: ReplayedFlow) => string {
  const byFlow = new Map<number, Finding[]>();
  for (const f of findings) {
    if (f.flow) append(byFlow, f.flow.id, f);
  }
  return (flow) => {
    const about = byFlow.get(flow.id) ?? [];
    const divergent = new Set(about.filter((f) => f.flow!.hop !== null && f.rule !== 'model-ambiguous').map((f) => f.flow!.hop!));
    const out = renderReplay(flow, divergent, s);
    for (const f of about) out.push(`  ${s.severity(f.severity, f.severity)} ${f.rule}: ${f.message}`);
    if (about.length > 0) out.push('');
    return `${out.join('\n')}\n`;
  };
}
