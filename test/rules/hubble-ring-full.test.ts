import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/hubble-ring-full.js';
import { seed } from '../status/helpers.js';
import { cited, runOn } from './status-fixtures.js';

describe('hubble-ring-full', () => {
  it('reports a full flow ring buffer as info', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f!.message).toContain('4095/4095');
    expect(cited(f!)).toEqual(['unhealthy.txt:27']);
    expect(rule.meta.severity).toBe('info');
  });

  it('does not fire while the buffer has room', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
    expect(await runOn(rule, seed('003'))).toEqual([]);
  });
});
