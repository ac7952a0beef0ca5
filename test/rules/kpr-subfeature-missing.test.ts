import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/kpr-subfeature-missing.js';
import { seed } from '../status/helpers.js';
import { cited, runOn } from './status-fixtures.js';

describe('kpr-subfeature-missing', () => {
  it('fires when full replacement shows socket LB disabled', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f!.message).toContain('socket LB disabled');
    expect(cited(f!)).toEqual(['unhealthy.txt:66', 'unhealthy.txt:72']);
  });

  it('does not fire when socket LB and NodePort are enabled', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
    expect(await runOn(rule, seed('003'))).toEqual([]);
  });
});
