import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/ipam-exhausted.js';
import { seed } from '../status/helpers.js';
import { cited, runOn } from './status-fixtures.js';

describe('ipam-exhausted', () => {
  it('fires when every address of the pool is allocated', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({ severity: 'error' });
    expect(f!.message).toContain('254/254 allocated from 10.0.1.0/24');
    expect(cited(f!)).toEqual(['unhealthy.txt:19']);
  });

  it('does not fire with free addresses', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
    expect(await runOn(rule, seed('001'))).toEqual([]);
  });
});
