import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/map-pressure-dynamic-sizing.js';
import { cited, runOn } from './status-fixtures.js';

describe('map-pressure-dynamic-sizing', () => {
  it('fires for small dynamically sized CT/NAT maps', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f!.message).toContain('Non-TCP connection tracking has 65536 entries');
    expect(cited(f!)).toEqual(['unhealthy.txt:40', 'unhealthy.txt:42']);
  });

  it('does not fire for large maps', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
  });
});
