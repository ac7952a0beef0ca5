import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/host-routing-status-contradiction.js';
import { cited, runOn } from './status-fixtures.js';

describe('host-routing-status-contradiction', () => {
  it('fires when every BPF host routing prerequisite is met but status shows Legacy', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f!.message).toContain('Expected BPF host routing');
    expect(cited(f!)).toContain('unhealthy.txt:68');
    expect(cited(f!)).toContain('unhealthy.txt:77');
  });

  it('does not fire when status agrees with the model', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
  });
});
