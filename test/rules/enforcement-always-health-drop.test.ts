import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/enforcement-always-health-drop.js';
import { findingsFor } from './monitor-fixtures.js';

describe('enforcement-always-health-drop', () => {
  it('reports host and health drops under enable-policy=always, citing the flag', async () => {
    const findings = await findingsFor('enforcement-always.txt', rule);
    expect(findings.map((f) => f.message.match(/identity \S+ -> [\w-]+/)?.[0]).sort()).toEqual([
      'identity host -> 52114',
      'identity remote-node -> health',
    ]);
    const health = findings.find((f) => f.message.includes('health'))!;
    expect(health.severity).toBe('warning');
    expect(health.message).toContain('enable-policy=always and 2 policy drops');
    expect(health.evidence.map((e) => e.line)).toEqual([1, 5, 6]);
    expect(health.evidence[0]!.text).toContain("--enable-policy='always'");
  });

  it('stays silent under default enforcement', async () => {
    expect(await findingsFor('enforcement-default.txt', rule)).toEqual([]);
  });

  it('stays silent when no enforcement mode is known', async () => {
    expect(await findingsFor('drops.txt', rule)).toEqual([]);
  });
});
