import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/kpr-mode-mismatch.js';
import { cited, runOn } from './status-fixtures.js';

describe('kpr-mode-mismatch', () => {
  it('fires when status shows another mode than configured', async () => {
    const [f, ...rest] = await runOn(rule, 'unhealthy.txt');
    expect(rest).toHaveLength(0);
    expect(f!.message).toContain('Expected KubeProxyReplacement true');
    expect(f!.message).toContain('reports false');
    expect(cited(f!)).toEqual(['unhealthy.txt:3', 'unhealthy.txt:14']);
  });

  it('does not fire when the modes agree (strict and True are one mode on 1.14)', async () => {
    expect(await runOn(rule, 'healthy.txt')).toEqual([]);
  });
});

describe('kpr-mode-mismatch across inputs of one agent', () => {
  it('compares the pod log flags with a status pasted from the node shell (matched by node name)', async () => {
    const [f, ...rest] = await runOn(rule, 'log-and-status-on-node.txt');
    expect(rest).toHaveLength(0);
    expect(f!.node).toBe('worker-7');
    expect(cited(f!)).toEqual(['log-and-status-on-node.txt:2', 'log-and-status-on-node.txt:10']);
  });
});
