import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/ct-table-full.js';
import { findingsFor } from './monitor-fixtures.js';

describe('ct-table-full', () => {
  it('reports conntrack insertion failures', async () => {
    const findings = await findingsFor('drops.txt', rule);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'ct-table-full', severity: 'error' });
    expect(findings[0]!.message).toContain('1 packet dropped with "CT: Map insertion failed" in ');
    expect(findings[0]!.evidence.map((e) => e.line)).toEqual([11]);
  });

  it('stays silent without such drops', async () => {
    expect(await findingsFor('no-drops.txt', rule)).toEqual([]);
  });
});
