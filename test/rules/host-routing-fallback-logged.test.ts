import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/host-routing-fallback-logged.js';
import { cites, expectRuleMeta, findingsOf } from '../helpers/rules.js';

describe('host-routing-fallback-logged (CFG-01)', () => {
  it('has its documentation', () => {
    expectRuleMeta(rule, 'host-routing-fallback-logged');
    expect(rule.meta).toMatchObject({ specId: 'CFG-01', severity: 'warning' });
  });

  it('fires on a logged fallback, naming the reason and the node', async () => {
    const findings = await findingsOf(rule, 'host-routing-fallback.log');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.node).toBe('edge-3');
    expect(findings[0]!.message).toContain('enable-bpf-masquerade is off');
    expect(cites(findings)).toEqual(['host-routing-fallback.log:6']);
    expect(findings[0]!.evidence[0]!.text).toContain('Falling back to legacy host routing');
  });

  it('fires once per agent, for the 1.9–1.15 BPF-masquerade wording and the kernel reason', async () => {
    const findings = await findingsOf(rule, 'host-routing-masq-fallback.log');
    expect(findings).toHaveLength(2);
    const byLine = Object.fromEntries(findings.map((f) => [f.evidence[0]!.line, f.message]));
    expect(byLine[3]).toContain('BPF masquerade could not be enabled');
    expect(byLine[4]).toContain('the kernel is older than 5.10');
  });

  it('does not fire on BPF host routing, nor on flags and lines that merely mention a fallback', async () => {
    expect(await findingsOf(rule, 'bpf-host-routing.log')).toEqual([]);
    expect(await findingsOf(rule, 'quiet.log')).toEqual([]);
  });
});
