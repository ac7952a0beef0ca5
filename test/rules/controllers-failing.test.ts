import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/controllers-failing.js';
import { seed } from '../status/helpers.js';
import { cited, runOn } from './status-fixtures.js';

describe('controllers-failing', () => {
  it('fires with the failing controllers, as an error for endpoint regeneration', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({ severity: 'error' });
    expect(f!.message).toContain('38/40');
    expect(f!.message).toContain('endpoint-1187-regeneration-recovery (14x: regeneration recovery failed)');
    expect(cited(f!)).toEqual(['unhealthy.txt:23', 'unhealthy.txt:25', 'unhealthy.txt:26']);
  });

  it('does not fire when all controllers are healthy', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
    expect(await runOn(rule, seed('003'))).toEqual([]);
  });
});
