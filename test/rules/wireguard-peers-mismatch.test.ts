import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/wireguard-peers-mismatch.js';
import { SHARED } from '../status/helpers.js';
import { cited, runOn } from './status-fixtures.js';

describe('wireguard-peers-mismatch', () => {
  it('fires when WireGuard has fewer peers than other nodes', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f!.message).toContain('Expected 3 WireGuard peers on cilium_wg0');
    expect(cited(f!)).toEqual(['unhealthy.txt:45', 'unhealthy.txt:46']);
  });

  it('does not fire when every other node is a peer', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
    expect(await runOn(rule, `${SHARED}spec/agent-examples.txt`)).toEqual([]);
  });
});
