import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/missed-tail-call.js';
import { findingsFor } from './monitor-fixtures.js';

describe('missed-tail-call', () => {
  it('reports missed tail calls with their count', async () => {
    const findings = await findingsFor('drops.txt', rule);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'missed-tail-call', severity: 'warning' });
    expect(findings[0]!.message).toContain('2 packets dropped (Missed tail call)');
    expect(findings[0]!.evidence.map((e) => e.line)).toEqual([9, 10]);
  });

  it('stays silent without such drops', async () => {
    expect(await findingsFor('no-drops.txt', rule)).toEqual([]);
  });
});
