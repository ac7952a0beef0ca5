import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/xdp-not-active.js';
import { cited, runOn } from './status-fixtures.js';

describe('xdp-not-active', () => {
  it('fires when native XDP was requested and status shows it disabled', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(cited(f!)).toEqual(['unhealthy.txt:6', 'unhealthy.txt:33']);
  });

  it('does not fire when XDP acceleration is active', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
  });
});
