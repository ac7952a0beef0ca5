import { explainTopic } from '../knowledge/monitor/index.js';
import type { Rule } from '../rules/index.js';
import { InputError } from '../types/errors.js';

function explainRule(rule: Rule): string {
  const m = rule.meta;
  return [
    `${m.name}${m.specId ? ` (${m.specId})` : ''}: ${m.title}`,
    `Severity: ${m.severity}; reads ${m.reads.join(', ')}`,
    '',
    `What it means: ${m.meaning}`,
    `What to check next: ${m.checkNext}`,
  ].join('\n');
}

/** `explain TOPIC`: a drop reason (text or code), an observation point, a trace reason or a rule. */
export function renderExplanation(topic: string, rules: readonly Rule[]): string {
  const rule = rules.find((r) => r.meta.name === topic.trim().toLowerCase());
  if (rule) return `${explainRule(rule)}\n`;
  const explanation = explainTopic(topic);
  if (explanation) return `${explanation.text}\n`;
  throw new InputError(
    `explain: "${topic}" is not a known drop reason, drop code, observation point, trace reason or rule name ` +
      '(see `cilium-analyze rules`)',
  );
}
