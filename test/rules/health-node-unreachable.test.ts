import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/health-node-unreachable.js';
import { SHARED } from '../status/helpers.js';
import { cited, runOn } from './status-fixtures.js';

describe('health-node-unreachable', () => {
  it('fires for a node unreachable on the node path', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f!.message).toContain('node-c (192.168.10.13)');
    expect(cited(f!)).toEqual(['unhealthy.txt:46', 'unhealthy.txt:50']);
  });

  it('fires on cilium-health status probe failures', async () => {
    const findings = await runOn(rule, `${SHARED}spec/agent-examples.txt`);
    expect(findings.map((f) => f.node)).toEqual(['k8s-worker-01', 'k8s-worker-01']);
    expect(findings[1]!.message).toContain('k8s-worker-03 (192.168.10.14)');
  });

  it('does not fire when every node answers', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
  });
});
