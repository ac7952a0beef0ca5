import { hubbleGrammar } from '../../grammars/hubble.js';
import { Sniffer } from '../../src/sniff/index.js';
import type { HubbleFlow, HubbleNotice, HubbleRecord } from '../../src/types/hubble.js';

export interface Fed {
  records: HubbleRecord[];
  /** Line number → reason, for lines the grammar refused. */
  refused: Map<number, string>;
}

/**
 * Feeds lines to one hubble session and collects what comes out. With `sniff`, only the lines the
 * sniffer gives to the hubble family are fed, as the loader does (prompts, prose, a lone `{`
 * after a prompt go elsewhere); line numbers stay those of the input.
 */
export function feed(lines: readonly string[], sniff = false): Fed {
  const session = hubbleGrammar.open();
  const sniffer = new Sniffer();
  const fed: Fed = { records: [], refused: new Map() };
  lines.forEach((text, i) => {
    if (sniff && sniffer.classify(text) !== 'hubble') return;
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
