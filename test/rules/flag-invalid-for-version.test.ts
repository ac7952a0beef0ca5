import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/flag-invalid-for-version.js';
import { cites, expectRuleMeta, findingsOf } from '../helpers/rules.js';
import { analyze, seed } from '../helpers/analyze.js';

describe('flag-invalid-for-version (CFG-06)', () => {
  it('has its documentation', () => {
    expectRuleMeta(rule, 'flag-invalid-for-version');
    expect(rule.meta).toMatchObject({ specId: 'CFG-06', severity: 'error' });
  });

  it('fires on flags the running release removed (tunnel and enable-k8s-event-handover on 1.15)', async () => {
    const findings = await findingsOf(rule, 'flags-1.15.log');
    expect(findings).toHaveLength(2);
    const byFlag = Object.fromEntries(findings.map((f) => [f.evidence[0]!.line, f]));
    expect(byFlag[3]!.message).toContain("--tunnel='vxlan'");
    expect(byFlag[3]!.message).toContain('1.15.3');
    expect(byFlag[3]!.message).toContain('--routing-mode and --tunnel-protocol');
    expect(byFlag[1]!.message).toContain('--enable-k8s-event-handover');
    // each finding cites the flag line and the banner that tells the version
    expect(cites([byFlag[3]!])).toEqual(['flags-1.15.log:3', 'flags-1.15.log:5']);
    expect(findings.every((f) => f.node === 'store-17')).toBe(true);
  });

  it('fires on a value the release removed (kube-proxy-replacement=strict on 1.16)', async () => {
    const findings = await findingsOf(rule, 'flags-1.16.log');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("--kube-proxy-replacement='strict'");
    expect(findings[0]!.message).toContain('"true" or "false"');
  });

  it('does not fire on releases that still accept the flags, or without a known version', async () => {
    expect(await findingsOf(rule, 'flags-1.14.log')).toEqual([]);
    expect(await findingsOf(rule, 'flags-1.13.log')).toEqual([]);
    expect(await findingsOf(rule, 'flags-no-version.log')).toEqual([]);
  });

  it('does not fire on the full 1.9.9 flag dump of seed 000', async () => {
    const report = await analyze([seed('000')]);
    expect(report.findings.filter((f) => f.rule === rule.meta.name)).toEqual([]);
  });
});
