import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/native-cidr-missing.js';
import { cites, expectRuleMeta, findingsOf } from '../helpers/rules.js';

describe('native-cidr-missing (CFG-14)', () => {
  it('has its documentation', () => {
    expectRuleMeta(rule, 'native-cidr-missing');
    expect(rule.meta).toMatchObject({ specId: 'CFG-14', severity: 'error' });
  });

  it('fires on the 1.9–1.10 fatal start (Error while creating daemon); the fatal line alone is enough', async () => {
    // without an ipam line in the dump the configuration path cannot decide, the logged refusal can
    const findings = await findingsOf(rule, 'native-cidr-fatal-1.9.log');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/refused to start/);
    expect(cites(findings)).toEqual(['native-cidr-fatal-1.9.log:5']);
  });

  it('fires on the 1.13–1.14 hive wording (Start hook failed + failed to start)', async () => {
    const findings = await findingsOf(rule, 'native-cidr-fatal-1.14.log');
    expect(cites(findings)).toEqual(['native-cidr-fatal-1.14.log:1', 'native-cidr-fatal-1.14.log:2']);
    expect(findings[0]!.message).toMatch(/refused to start/);
  });

  it('fires on the 1.15+ wording (invalid daemon configuration as its own fatal line)', async () => {
    expect(cites(await findingsOf(rule, 'native-cidr-fatal-1.16.log'))).toEqual(['native-cidr-fatal-1.16.log:1']);
  });

  it('fires on the 1.18 slog JSON IPv6 wording', async () => {
    expect(cites(await findingsOf(rule, 'native-cidr-fatal-1.18.log'))).toEqual(['native-cidr-fatal-1.18.log:1']);
  });

  it('fires from the configuration alone: native routing, masquerading, empty CIDR, cluster-pool IPAM', async () => {
    const findings = await findingsOf(rule, 'native-cidr-config.log');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.node).toBe('rack2-n4');
    expect(cites(findings)).toEqual([
      'native-cidr-config.log:2',
      'native-cidr-config.log:3',
      'native-cidr-config.log:4',
      'native-cidr-config.log:5',
    ]);
  });

  it('does not fire with a CIDR, ENI IPAM, ip-masq-agent, tunnel mode or masquerading off', async () => {
    expect(await findingsOf(rule, 'native-cidr-ok.log')).toEqual([]);
    expect(await findingsOf(rule, 'bpf-host-routing.log')).toEqual([]);
  });
});
