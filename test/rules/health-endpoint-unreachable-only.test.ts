import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/health-endpoint-unreachable-only.js';
import { cited, runOn } from './status-fixtures.js';

describe('health-endpoint-unreachable-only', () => {
  it('fires for peers reachable on the node path only', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f!.message).toContain('node-a, node-d');
    expect(cited(f!)).toEqual(['unhealthy.txt:46', 'unhealthy.txt:49', 'unhealthy.txt:51']);
  });

  it('does not fire when endpoints are reachable', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
  });
});
