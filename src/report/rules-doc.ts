import type { Rule } from '../rules/index.js';

export function renderRuleList(rules: readonly Rule[]): string {
  const out: string[] = [];
  for (const { meta } of rules) {
    out.push(`${meta.name}${meta.specId ? ` (${meta.specId})` : ''} — ${meta.severity}, reads ${meta.reads.join('+')}`);
    out.push(`  ${meta.title}`);
    out.push(`  Meaning: ${meta.meaning}`);
    out.push(`  Check next: ${meta.checkNext}`, '');
  }
  return `${out.join('\n')}`;
}
