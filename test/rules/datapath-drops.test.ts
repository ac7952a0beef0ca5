import { describe, expect, it } from 'vitest';
import { rule as ctTableFull } from '../../src/rules/catalog/ct-table-full.js';
import { rule } from '../../src/rules/catalog/datapath-drops.js';
import { findingsFor } from './monitor-fixtures.js';

describe('datapath-drops', () => {
  it('reports one finding per drop-reason group no specific rule covers', async () => {
    const findings = await findingsFor('drops.txt', ctTableFull, rule);
    const generic = findings.filter((f) => f.rule === 'datapath-drops');
    expect(generic.map((f) => f.title).sort()).toEqual([
      'Datapath drops: routing / forwarding drops',
      'Datapath drops: service load-balancing drops',
      'Datapath drops: unsupported protocols',
    ]);
    const routing = generic.find((f) => f.title.includes('routing'))!;
    expect(routing.severity).toBe('warning');
    expect(routing.message).toContain('2 packets dropped');
    expect(routing.message).toContain('"FIB lookup failed" (169) ×1');
    expect(routing.message).toContain('"Stale or unroutable IP" (151) ×1');
    expect(routing.evidence.map((e) => e.line)).toEqual([14, 15]);
    expect(generic.find((f) => f.title.includes('unsupported'))!.severity).toBe('info');
  });

  it('leaves policy, tail-call, conntrack and NAT drops to their rules', async () => {
    const findings = await findingsFor('drops.txt', rule);
    const cited = findings.flatMap((f) => f.evidence.map((e) => e.text));
    for (const reason of ['Policy denied', 'Missed tail call', 'CT: Map insertion failed', 'No mapping for NAT masquerade']) {
      expect(cited.some((t) => t.includes(`(${reason})`)), reason).toBe(false);
    }
  });

  it('stays silent without drops', async () => {
    expect(await findingsFor('no-drops.txt', rule)).toEqual([]);
  });
});
