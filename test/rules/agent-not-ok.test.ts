import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/agent-not-ok.js';
import { seed } from '../status/helpers.js';
import { cited, runOn } from './status-fixtures.js';

describe('agent-not-ok', () => {
  it('fires when Cilium is not Ok', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f!.message).toContain('Cilium: Warning (Stale status data)');
    expect(cited(f!)).toEqual(['unhealthy.txt:15']);
  });

  it('does not fire when Cilium, Kubernetes and KVStore are Ok', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
    expect(await runOn(rule, seed('000'))).toEqual([]);
  });
});
