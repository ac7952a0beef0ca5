import { describe, expect, it } from 'vitest';
import { buildClusterState } from '../../src/state/index.js';
import type { CaseDb } from '../../src/store/db.js';
import { loadFiles, seed } from './helpers.js';

/** The one agent that printed a status, with what its status says. */
function onlyAgent(db: CaseDb) {
  const agents = buildClusterState(db).agents.filter((a) => a.status);
  expect(agents).toHaveLength(1);
  const agent = agents[0]!;
  return { ...agent, version: agent.status!.version, effective: agent.status!.printed, extra: agent.status!.facts, fields: agent.status!.fields };
}

describe('seed 000: cilium 1.9.9 status --verbose flattened onto one line', () => {
  it('yields KPR, host routing, masquerading, map sizes and hubble', async () => {
    const db = await loadFiles(seed('000'));
    const agent = onlyAgent(db);
    expect(agent.version?.value).toBe('1.9.9');
    expect(agent.effective.kubeProxyReplacement?.value).toBe('strict');
    expect(agent.effective.hostRouting?.value).toBe('BPF');
    expect(agent.effective.masquerading?.value).toBe('BPF');
    expect(agent.extra.masqueradeDevices?.value).toEqual(['eth0']);
    expect(agent.extra.masqueradeCIDR?.value).toBe('172.21.9.0/24');
    expect(agent.extra.kprDevices?.value).toEqual(['eth0']);
    expect(agent.extra.directRoutingDevice?.value).toBe('eth0');
    expect(agent.extra.hubble?.value).toMatchObject({ state: 'Ok', current: 4096, max: 4096, percent: 100 });
    const sizes = agent.extra.bpfMapSizes?.value;
    expect(sizes).toMatchObject({
      'Non-TCP connection tracking': 65536,
      'TCP connection tracking': 131072,
      'Endpoint policy': 65535,
      Events: 2,
      'IP cache': 512000,
      'IP masquerading agent': 16384,
      'IPv4 service reverse NAT': 65536,
      NAT: 131072,
      'Neighbor table': 131072,
      Signal: 2,
      Sockmap: 65535,
      'Sock reverse NAT': 65536,
      Tunnel: 65536,
    });
    expect(Object.keys(sizes!)).toHaveLength(23);
    expect(agent.extra.bpfMapSizing?.value).toEqual({ dynamicSizing: true, ratio: 0.0025 });
    expect(agent.extra.controllers?.value).toEqual({ type: 'controllers', healthy: 18, total: 18 });
    expect(agent.extra.lbMode?.value).toBe('snat');
    expect(agent.extra.socketLB?.value).toBe(true);
    // every fact points at the flattened physical line
    expect(agent.effective.hostRouting?.evidence).toEqual([{ source: seed('000'), line: 36 }]);
  });

  it('yields cluster health 19/19 with its 19 nodes and IPs, reported by the local node', async () => {
    const db = await loadFiles(seed('000'));
    const [report, ...rest] = buildClusterState(db).health;
    expect(rest).toHaveLength(0);
    expect(report).toMatchObject({ reporter: 'prod-fe-k8s-wn1', reachable: 19, total: 19, time: '2021-08-27T17:54:39Z' });
    expect(report!.nodes).toHaveLength(19);
    expect(report!.nodes.every((n) => n.node === 'reachable' && n.endpoints === 'reachable')).toBe(true);
    expect(report!.nodes[0]).toMatchObject({ name: 'prod-fe-k8s-wn1', localhost: true, ip: '10.1.16.221' });
    expect(report!.nodes.find((n) => n.name === 'prod-sys-k8s-wn3')?.ip).toBe('10.1.0.11');
    expect(onlyAgent(db).node?.value).toBe('prod-fe-k8s-wn1');
    const nodes = buildClusterState(db).nodes;
    expect(nodes).toHaveLength(19);
    const local = nodes.find((n) => n.name === 'prod-fe-k8s-wn1')!;
    expect(local).toMatchObject({ internalIPs: ['10.1.16.221'], ciliumInternalIP: '172.21.9.225', healthIP: '172.21.9.26', podCIDRs: ['172.21.9.0/24'] });
  });

  it('records the pasted command and the prompt host on the block', async () => {
    const db = await loadFiles(seed('000'));
    const block = db.prepare(`SELECT kind, command, tool, pod, host FROM status_blocks`).all();
    expect(block).toEqual([
      { kind: 'agent-status', command: 'cilium status --verbose', tool: 'cilium status', pod: null, host: 'PROD-FE-K8S-WN1' },
    ]);
  });
});

describe('seed 001: cilium 1.10.6 status, single-spaced', () => {
  it('yields KPR strict on ens33, BPF host routing and masquerading, IPAM and health', async () => {
    const db = await loadFiles(seed('001'));
    const agent = onlyAgent(db);
    expect(agent.key).toBe('cilium-5z5k7');
    expect(agent.pod).toBe('cilium-5z5k7');
    // kubectl ran on dev1: the prompt host is not the agent's node
    expect(agent.node).toBeNull();
    expect(agent.version?.value).toBe('1.10.6');
    expect(agent.effective.kubeProxyReplacement?.value).toBe('strict');
    expect(agent.extra.kprDevices?.value).toEqual(['ens33']);
    expect(agent.extra.directRoutingDevice?.value).toBe('ens33');
    expect(agent.effective.hostRouting?.value).toBe('BPF');
    expect(agent.effective.masquerading?.value).toBe('BPF');
    expect(agent.extra.masqueradeDevices?.value).toEqual(['ens33']);
    expect(agent.extra.masqueradeCIDR?.value).toBe('10.0.0.0/8');
    expect(agent.extra.ipam?.value.pools).toEqual([{ family: 'IPv4', used: 3, size: 254, from: '10.244.2.0/24' }]);
    const [report] = buildClusterState(db).health;
    expect(report).toMatchObject({ agent: 'cilium-5z5k7', reachable: 3, total: 3, time: '2022-01-19T06:44:27Z', nodes: [] });
    expect(agent.effective.masquerading?.evidence).toEqual([{ source: seed('001'), line: 75 }]);
  });
});

describe('seed 002: cilium 1.13.4 status with pasted commentary', () => {
  it('yields legacy host routing, iptables masquerading and KPR strict on eth0', async () => {
    const db = await loadFiles(seed('002'));
    const agent = onlyAgent(db);
    expect(agent.version?.value).toBe('1.13.4');
    expect(agent.node?.value).toBe('k8s-ig-m6f5hd49-fbso3h3g-ffcfq1uq');
    expect(agent.effective.hostRouting?.value).toBe('Legacy');
    expect(agent.effective.masquerading?.value).toBe('iptables');
    expect(agent.effective.kubeProxyReplacement?.value).toBe('strict');
    const kpr = agent.fields['KubeProxyReplacement']!;
    expect(kpr.detail).toEqual({ type: 'kpr', mode: 'Strict', devices: [{ name: 'eth0', ips: ['192.168.1.15'], directRouting: false }] });
    const note = db.prepare(`SELECT note FROM status_fields WHERE label = 'KVStore'`).pluck().get() as string;
    expect(note).toMatch(/KVStore/);
  });

  it('reads the cilium-cli status of the same cluster', async () => {
    const db = await loadFiles(seed('002'));
    const images = db.prepare('SELECT name, version, count FROM cli_images ORDER BY id').all();
    expect(images).toEqual([
      { name: 'cilium', version: '1.13.4', count: 2 },
      { name: 'cilium-operator', version: '1.13.4', count: 1 },
    ]);
    const components = db.prepare('SELECT name, summary FROM cli_components ORDER BY id').all();
    expect(components).toContainEqual({ name: 'Envoy DaemonSet', summary: 'disabled (using embedded mode)' });
  });
});

describe('seed 003: cilium 1.12.0, cilium-cli status, verbose status and cilium-health --probe', () => {
  it('reads the cilium-cli logo status with its workloads and image versions', async () => {
    const db = await loadFiles(seed('003'));
    expect(db.prepare('SELECT name, summary FROM cli_components ORDER BY id').all()).toEqual([
      { name: 'Cilium', summary: 'OK' },
      { name: 'Operator', summary: 'OK' },
      { name: 'Hubble', summary: 'OK' },
      { name: 'ClusterMesh', summary: 'disabled' },
    ]);
    const images = db.prepare('SELECT name, version FROM cli_images ORDER BY id').all() as { name: string; version: string }[];
    expect(images).toHaveLength(5);
    expect(images.filter((i) => i.name === 'hubble-ui').map((i) => i.version)).toEqual(['0.9.0', '0.9.0']);
    expect(images.filter((i) => i.name !== 'hubble-ui').every((i) => i.version === '1.12.0')).toBe(true);
    expect(db.prepare(`SELECT workload, name, desired, ready FROM cli_workloads WHERE name = 'cilium'`).get()).toEqual({
      workload: 'DaemonSet',
      name: 'cilium',
      desired: 2,
      ready: 2,
    });
    expect(db.prepare(`SELECT value FROM status_fields WHERE label = 'Cluster Pods'`).pluck().get()).toBe('14/14 managed by Cilium');
  });

  it('reads the verbose agent status: DSR, Maglev 16381, masquerading disabled, BPF host routing', async () => {
    const db = await loadFiles(seed('003'));
    const agent = onlyAgent(db);
    expect(agent.node?.value).toBe('fedora');
    expect(agent.version?.value).toBe('1.12.0');
    expect(agent.extra.lbMode?.value).toBe('dsr');
    expect(agent.extra.lbAlgorithm?.value).toBe('maglev');
    expect(agent.extra.maglevTableSize?.value).toBe(16381);
    expect(agent.effective.masquerading?.value).toBe('disabled');
    expect(agent.effective.hostRouting?.value).toBe('BPF');
    expect(agent.extra.xdp?.value).toBe('disabled');
    expect(agent.extra.socketLB?.value).toBe(true);
    expect(agent.extra.hubble?.value).toMatchObject({ current: 377, max: 4095 });
  });

  it('reads cilium-health status --probe with per-node RTTs, and health 2/2', async () => {
    const db = await loadFiles(seed('003'));
    const reports = buildClusterState(db).health;
    const probe = reports.find((r) => r.kind === 'cilium-health')!;
    expect(probe.reporter).toBe('fedora');
    expect(probe.nodes.map((n) => [n.name, n.ip, n.node, n.endpoints])).toEqual([
      ['fedora', '192.168.31.100', 'reachable', 'reachable'],
      ['knode1', '192.168.31.101', 'reachable', 'reachable'],
    ]);
    expect(probe.probes).toHaveLength(8);
    const knode1Icmp = probe.probes.find((p) => p.node === 'knode1' && p.path === 'host' && p.protocol === 'icmp')!;
    expect(knode1Icmp).toMatchObject({ ok: true, ip: '192.168.31.101', rttMicros: 235.981 });
    expect(probe.probes.find((p) => p.node === 'fedora' && p.path === 'endpoint' && p.protocol === 'http')?.rttMicros).toBe(263.034);
    const verbose = reports.filter((r) => r.kind === 'status');
    expect(verbose.map((r) => [r.reachable, r.total])).toEqual([
      [2, 2],
      [2, 2],
    ]);
    expect(verbose[1]!.nodes.map((n) => n.name)).toEqual(['fedora', 'knode1']);
    const health = db.prepare(`SELECT tool FROM status_blocks WHERE kind = 'health-status'`).pluck().get();
    expect(health).toBe('cilium-health status');
  });
});
