import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/bpf-masq-fallback.js';
import { cites, expectRuleMeta, findingsOf } from '../helpers/rules.js';

describe('bpf-masq-fallback (CFG-12)', () => {
  it('has its documentation', () => {
    expectRuleMeta(rule, 'bpf-masq-fallback');
    expect(rule.meta).toMatchObject({ specId: 'CFG-12', severity: 'warning' });
  });

  it('fires on the iptables fallback and quotes the prerequisite that failed', async () => {
    const findings = await findingsOf(rule, 'bpf-masq-fallback.log');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.node).toBe('gpu-node-07');
    expect(findings[0]!.message).toContain('BPF masquerade requires remote-node identity (--enable-remote-node-identity="true")');
    expect(cites(findings)).toEqual(['bpf-masq-fallback.log:5']);
  });

  it('fires per agent of a multi-pod paste', async () => {
    const findings = await findingsOf(rule, 'host-routing-masq-fallback.log');
    expect(cites(findings)).toEqual(['host-routing-masq-fallback.log:2']);
    expect(findings[0]!.message).toContain('requires NodePort');
  });

  it('does not fire when BPF masquerading came up', async () => {
    expect(await findingsOf(rule, 'bpf-masq-ok.log')).toEqual([]);
    expect(await findingsOf(rule, 'host-routing-fallback.log')).toEqual([]);
  });
});
