/**
 * `cilium config` / `cilium-dbg config` rows are the running agent's options: they enter the
 * agent's requested and effective configuration under the flags that set them, with the line they
 * were printed on; a different value in the flag dump stays as a conflict.
 */
import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../src/types/state.js';
import { flag } from '../helpers/agent-lines.js';
import { cite, stateOn } from '../helpers/case.js';
import { lines } from '../helpers/rule-tester.js';

const exec = (pod: string, what: string) => `$ kubectl -n kube-system exec ${pod} -c cilium-agent -- ${what}`;
const row = (name: string, value: string) => `${name.padEnd(34)}: ${value}`;

/** A 1.14 `cilium config`: the read-write options only. */
const READ_WRITE_1_14 = lines(
  exec('cilium-m4tq8', 'cilium config'),
  '##### Read-write configurations #####',
  row('ConntrackAccounting', 'Enabled'),
  row('ConntrackLocal', 'Disabled'),
  row('Debug', 'Disabled'),
  row('DebugLB', 'Disabled'),
  row('DropNotification', 'Enabled'),
  row('MonitorAggregationLevel', 'Medium'),
  row('PolicyAuditMode', 'Disabled'),
  row('PolicyTracing', 'Disabled'),
  row('PolicyVerdictNotification', 'Enabled'),
  row('TraceNotification', 'Enabled'),
  row('MonitorNumPages', '64'),
  row('PolicyEnforcement', 'always'),
);

/** A 1.16 `cilium-dbg config --all`: daemon fields under their Go names, then the read-write options. */
const ALL_1_16 = lines(
  exec('cilium-zr7vd', 'cilium-dbg config --all'),
  '#### Read-only configurations ####',
  row('EnableBPFMasquerade', 'true'),
  row('EnableHostLegacyRouting', 'true'),
  row('EnableIPv4Masquerade', 'true'),
  row('KVStoreOpt', ''),
  '\tetcd.config               : /var/lib/etcd-config/etcd.config',
  row('KubeProxyReplacement', 'true'),
  row('MTU', '8951'),
  row('RoutingMode', 'native'),
  row('k8s-configuration', ''),
  row('k8s-endpoint', 'https://10.96.0.1:443'),
  '##### Read-write configurations #####',
  row('Debug', 'Enabled'),
  row('MonitorNumPages', '64'),
  row('PolicyEnforcement', 'default'),
);

const agentOf = (agents: AgentState[], key: string) => agents.find((a) => a.key === key)!;
const provenance = (f: { origin: string; evidence: { source: string; line: number }[] } | null | undefined) =>
  f ? [f.origin, ...f.evidence.map(cite)] : null;

describe('cilium config of a 1.14 agent (read-write options)', () => {
  it('maps options to their flags with the line printed; options no flag sets keep their name', async () => {
    const state = await stateOn({ 'config.txt': READ_WRITE_1_14 });
    const agent = agentOf(state.agents, 'cilium-m4tq8');
    expect(agent.requested['enable-policy']).toMatchObject({ name: 'PolicyEnforcement', value: 'always', origin: 'cli' });
    expect(provenance(agent.requested['enable-policy'])).toEqual(['cli', 'config.txt:14']);
    expect(agent.requested['monitor-aggregation']?.value).toBe('medium');
    expect(agent.requested['debug']?.value).toBe('false');
    expect(agent.runtime['ConntrackAccounting']).toMatchObject({ value: 'Enabled', flag: null, evidence: [{ line: 3 }] });
    expect(Object.keys(agent.requested).sort()).toEqual(['debug', 'enable-policy', 'monitor-aggregation']);
    // What cilium config prints is not what the user configured: the flag rules do not judge it.
    expect(agent.configured).toEqual([]);
  });

  it('keeps a different flag-dump value as a conflict; the running value is the one requested', async () => {
    const state = await stateOn({
      'cilium-m4tq8.log': lines(`[pod/cilium-m4tq8/cilium-agent] ${flag('enable-policy', 'default')}`, `[pod/cilium-m4tq8/cilium-agent] ${flag('debug', 'false')}`),
      'config.txt': READ_WRITE_1_14,
    });
    const agent = agentOf(state.agents, 'cilium-m4tq8');
    expect(agent.requested['enable-policy']?.value).toBe('always');
    expect(agent.conflicts.map((c) => [c.key, ...c.facts.map((f) => `${String(f.value)} ${f.origin} ${f.evidence.map(cite).join(' ')}`)])).toEqual([
      ['requested.enable-policy', 'default flag cilium-m4tq8.log:1', 'always cli config.txt:14'],
    ]);
    // The same value in both says nothing new.
    expect(agent.requested['debug']?.origin).toBe('cli');
  });
});

describe('cilium-dbg config --all of a 1.16 agent (daemon fields)', () => {
  it('decides the effective routing, host routing, masquerading, KPR and MTU without any flag dump', async () => {
    const state = await stateOn({ 'config.txt': ALL_1_16 });
    const agent = agentOf(state.agents, 'cilium-zr7vd');
    expect(provenance(agent.effective.routingMode)).toEqual(['cli', 'config.txt:10']);
    expect(agent.effective.routingMode?.value).toBe('native');
    expect(agent.effective.hostRouting).toMatchObject({ value: 'Legacy', origin: 'cli' });
    expect(agent.effective.kubeProxyReplacement?.value).toBe('true');
    expect(agent.effective.mtu).toMatchObject({ value: 8951, evidence: [{ line: 9 }] });
    expect(agent.effective.masquerading).toBeNull(); // BPF needs the end of start-up, which no line shows
    expect(agent.requested['enable-bpf-masquerade']).toMatchObject({ name: 'EnableBPFMasquerade', value: 'true' });
    expect(agent.requested['debug']).toMatchObject({ value: 'true', evidence: [{ line: 14 }] });
    expect(agent.runtime['KVStoreOpt.etcd.config']).toMatchObject({ value: '/var/lib/etcd-config/etcd.config', flag: null });
    expect(agent.runtime['k8s-endpoint']?.flag).toBeNull();
  });

  it('a later print of an option wins; the earlier different value is a conflict', async () => {
    const state = await stateOn({
      'before.txt': lines(exec('cilium-zr7vd', 'cilium-dbg config'), row('PolicyEnforcement', 'never')),
      'after.txt': ALL_1_16,
    });
    const agent = agentOf(state.agents, 'cilium-zr7vd');
    expect(agent.requested['enable-policy']).toMatchObject({ value: 'default', evidence: [{ line: 16 }] });
    expect(agent.conflicts.map((c) => c.key)).toEqual(['requested.enable-policy']);
  });
});
