import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/host-routing-silent-legacy.js';
import { seed } from '../status/helpers.js';
import { cited, runOn } from './status-fixtures.js';

describe('host-routing-silent-legacy', () => {
  it('fires when legacy host routing comes from NodePort being off', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(cited(f!)).toEqual(['unhealthy.txt:21', 'unhealthy.txt:36']);
  });

  it('does not fire with BPF host routing, or without the configuration to judge it', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
    expect(await runOn(rule, seed('002'))).toEqual([]);
  });
});
