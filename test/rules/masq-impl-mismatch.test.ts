import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/masq-impl-mismatch.js';
import { cited, runOn } from './status-fixtures.js';

describe('masq-impl-mismatch', () => {
  it('fires when BPF masquerade was requested and status shows iptables', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(cited(f!)).toEqual(['unhealthy.txt:4', 'unhealthy.txt:22']);
  });

  it('does not fire when status shows BPF masquerading', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
  });
});
