import { hubbleGrammar } from '../../grammars/hubble.js';
import type { HubbleFlow, HubbleNotice, HubbleRecord } from '../../src/types/hubble.js';

export interface Fed {
  records: HubbleRecord[];
  /** Line number → reason, for lines the grammar refused. */
  refused: Map<number, string>;
}

/** Feeds lines to one hubble session, as the loader does, and collects what comes out. */
export function feed(lines: readonly string[]): Fed {
  const session = hubbleGrammar.open();
  const fed: Fed = { records: [], refused: new Map() };
  lines.forEach((text, i) => {
    const r = session.feed({ source: 't', line: i + 1, segment: 0, text, context: {} });
    if (r.ok) fed.records.push(...(r.records as HubbleRecord[]));
    else fed.refused.set(i + 1, r.reason);
  });
  fed.records.push(...((session.end?.() ?? []) as HubbleRecord[]));
  return fed;
}

export function flows(lines: readonly string[]): HubbleFlow[] {
  const fed = feed(lines);
  if (fed.refused.size > 0) throw new Error(`refused: ${[...fed.refused].map(([l, r]) => `${l}: ${r}`).join('; ')}`);
  return fed.records.filter((r): r is HubbleFlow => r.kind === 'hubble-flow');
}

export function notices(lines: readonly string[]): HubbleNotice[] {
  return feed(lines).records.filter((r): r is HubbleNotice => r.kind === 'hubble-notice');
}
