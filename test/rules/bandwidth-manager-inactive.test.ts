import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/bandwidth-manager-inactive.js';
import { cited, runOn } from './status-fixtures.js';

describe('bandwidth-manager-inactive', () => {
  it('fires when the bandwidth manager was requested and status shows it disabled', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(cited(f!)).toEqual(['unhealthy.txt:7', 'unhealthy.txt:20']);
  });

  it('does not fire when it runs', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
  });
});
