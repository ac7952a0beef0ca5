import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/policy-drop.js';
import { findingsFor } from './monitor-fixtures.js';

describe('policy-drop', () => {
  it('reports policy drops per identity pair and port, with counts and capped evidence', async () => {
    const findings = await findingsFor('drops.txt', rule);
    const app = findings.find((f) => f.message.includes('38211 -> 52114'))!;
    expect(app).toMatchObject({ rule: 'policy-drop', severity: 'info' });
    expect(app.message).toContain('3 packets dropped (Policy denied)');
    expect(app.message).toContain('tcp/8443 at endpoint 1450');
    expect(app.evidence.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(app.evidence[0]!.text).toContain('xx drop (Policy denied) flow 0x1a2b3c4d');
  });

  it('raises health-probe drops to a warning', async () => {
    const findings = await findingsFor('drops.txt', rule);
    const health = findings.find((f) => f.message.includes('remote-node -> health'))!;
    expect(health.severity).toBe('warning');
    expect(health.evidence.map((e) => e.line)).toEqual([6]);
  });

  it('reports deny verdicts only when no drop covers the same flow', async () => {
    const findings = await findingsFor('drops.txt', rule);
    const verdicts = findings.filter((f) => f.message.includes('policy verdict'));
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]!.message).toContain('identity ? -> world udp/53 (local endpoint 902)');
    expect(verdicts[0]!.severity).toBe('warning');
    expect(verdicts[0]!.evidence.map((e) => e.line)).toEqual([8]);
  });

  it('stays silent when nothing is denied', async () => {
    expect(await findingsFor('no-drops.txt', rule)).toEqual([]);
  });
});
