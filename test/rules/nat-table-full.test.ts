import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/nat-table-full.js';
import { findingsFor } from './monitor-fixtures.js';

describe('nat-table-full', () => {
  it('reports NAT mapping failures per destination', async () => {
    const findings = await findingsFor('drops.txt', rule);
    expect(findings).toHaveLength(2); // two reply ports of the same peer: distinct destination ports
    expect(findings.every((f) => f.rule === 'nat-table-full' && f.severity === 'error')).toBe(true);
    expect(findings.map((f) => f.evidence.map((e) => e.line))).toEqual([[12], [13]]);
    expect(findings[0]!.message).toContain('towards 192.168.4.10 tcp/61022');
  });

  it('stays silent without such drops', async () => {
    expect(await findingsFor('no-drops.txt', rule)).toEqual([]);
  });
});
