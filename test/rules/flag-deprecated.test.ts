import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/flag-deprecated.js';
import { cites, expectRuleMeta, findingsOf } from '../helpers/rules.js';

describe('flag-deprecated (CFG-07)', () => {
  it('has its documentation', () => {
    expectRuleMeta(rule, 'flag-deprecated');
    expect(rule.meta).toMatchObject({ specId: 'CFG-07', severity: 'info' });
  });

  it('fires on flags and values deprecated in the running release (tunnel, KPR strict on 1.14)', async () => {
    const findings = await findingsOf(rule, 'flags-1.14.log');
    expect(findings).toHaveLength(2);
    expect(cites(findings).sort()).toEqual(['flags-1.14.log:1', 'flags-1.14.log:4', 'flags-1.14.log:5', 'flags-1.14.log:5']);
    const messages = findings.map((f) => f.message).join('\n');
    expect(messages).toContain("--tunnel='vxlan' is deprecated since 1.14 (agent runs 1.14.5)");
    expect(messages).toContain("--kube-proxy-replacement='strict' is deprecated since 1.14");
    // the `masquerade` flag at its default and an unset deprecated flag are dump noise, not findings
    expect(messages).not.toContain('--masquerade=');
    expect(messages).not.toContain('tofqdns-pre-cache');
  });

  it('a value deprecated but not yet removed on 1.15 is deprecated; removed ones belong to flag-invalid-for-version', async () => {
    const findings = await findingsOf(rule, 'flags-1.15.log');
    expect(cites(findings)).toEqual(['flags-1.15.log:2', 'flags-1.15.log:5']);
  });

  it('does not fire before the deprecation or without a known version', async () => {
    expect(await findingsOf(rule, 'flags-1.13.log')).toEqual([]);
    expect(await findingsOf(rule, 'flags-no-version.log')).toEqual([]);
  });
});
