import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/cluster-health-partial.js';
import { SHARED } from '../status/helpers.js';
import { cited, runOn } from './status-fixtures.js';

describe('cluster-health-partial', () => {
  it('fires when fewer nodes than in the cluster are reachable', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({ severity: 'error', node: 'node-b' });
    expect(f!.message).toContain('1/4');
    expect(cited(f!)).toEqual(['unhealthy.txt:46', 'unhealthy.txt:49', 'unhealthy.txt:50', 'unhealthy.txt:51']);
  });

  it('is a warning when at least half the nodes are reachable (status table and cilium-health probe)', async () => {
    const findings = await runOn(rule, `${SHARED}spec/agent-examples.txt`);
    expect(findings.map((f) => [f.severity, f.node, f.message.match(/reports (\d+\/\d+)/)?.[1]])).toEqual([
      ['warning', 'k8s-worker-01', '3/4'],
      ['warning', 'k8s-worker-01', '3/4'],
    ]);
  });

  it('does not fire when every node is reachable', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
  });
});
