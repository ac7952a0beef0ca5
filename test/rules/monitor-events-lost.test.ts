import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/monitor-events-lost.js';
import { cited, runOn } from './status-fixtures.js';

describe('monitor-events-lost', () => {
  it('fires on lost NodeMonitor events and on a full Hubble queue in the log', async () => {
    const findings = await runOn(rule, 'unhealthy.txt');
    expect(findings.map(cited)).toEqual([['unhealthy.txt:17'], ['unhealthy.txt:9']]);
    expect(findings[0]!.message).toContain('312 events lost');
  });

  it('does not fire without lost events', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
  });
});
