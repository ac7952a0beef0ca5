/** Effective configuration and node facts from small agent logs (datapath-model.md §1.4). */
import { describe, expect, it } from 'vitest';
import type { AgentReport, JsonReport } from '../../src/report/model.js';
import { analyzeText } from '../helpers/analyze.js';

const flag = (name: string, value: string) => `level=info msg="  --${name}='${value}'" subsys=daemon`;
const banner = (version: string) => `level=info msg="Cilium ${version} 0f1e2d3c 2024-01-01T00:00:00+00:00 go version go1.21.6 linux/amd64" subsys=daemon`;
const COMPLETED = 'level=info msg="Daemon initialization completed" bootstrapTime=4.2s subsys=daemon';

async function agentOf(...lines: string[]): Promise<{ agent: AgentReport; report: JsonReport }> {
  const report = await analyzeText(`${lines.join('\n')}\n`);
  expect(report.agents).toHaveLength(1);
  return { agent: report.agents[0]!, report };
}

describe('routing mode across the tunnel → routing-mode rename', () => {
  it('1.9–1.13 tunnel=disabled is native routing', async () => {
    const { agent } = await agentOf(banner('1.12.4'), flag('tunnel', 'disabled'));
    expect(agent.effective).toMatchObject({ routingMode: 'native', tunnelProtocol: null });
    expect(agent.provenance['routingMode']).toEqual({ origin: 'flag', evidence: [{ source: '-', line: 2 }] });
  });

  it('1.9–1.13 tunnel=geneve is tunnel routing over geneve', async () => {
    const { agent } = await agentOf(banner('1.11.20'), flag('tunnel', 'geneve'));
    expect(agent.effective).toMatchObject({ routingMode: 'tunnel', tunnelProtocol: 'geneve' });
  });

  it('an empty tunnel flag means the vxlan default', async () => {
    const { agent } = await agentOf(flag('tunnel', ''));
    expect(agent.effective).toMatchObject({ routingMode: 'tunnel', tunnelProtocol: 'vxlan' });
  });

  it('1.14+: routing-mode wins over the legacy tunnel flag; tunnel-protocol names the protocol', async () => {
    const { agent } = await agentOf(banner('1.14.5'), flag('routing-mode', 'tunnel'), flag('tunnel', 'disabled'), flag('tunnel-protocol', 'geneve'));
    expect(agent.effective).toMatchObject({ routingMode: 'tunnel', tunnelProtocol: 'geneve' });
    expect(agent.provenance['tunnelProtocol']!.evidence).toEqual([{ source: '-', line: 4 }]);
  });

  it('routing-mode=tunnel without a tunnel-protocol line derives vxlan', async () => {
    const { agent } = await agentOf(flag('routing-mode', 'tunnel'));
    expect(agent.effective['tunnelProtocol']).toBe('vxlan');
    expect(agent.provenance['tunnelProtocol']!.origin).toBe('derived');
  });

  it('no routing flag at all: unknown, not guessed', async () => {
    const { agent } = await agentOf(banner('1.14.5'), 'level=info msg="Connected to apiserver" subsys=k8s-client');
    expect(agent.effective).toEqual({
      routingMode: null,
      tunnelProtocol: null,
      hostRouting: null,
      kubeProxyReplacement: null,
      masquerading: null,
      mtu: null,
    });
  });
});

describe('host routing, masquerading, KPR, MTU', () => {
  it('a logged fallback makes host routing Legacy, cited on the fallback line', async () => {
    const { agent } = await agentOf(
      flag('enable-host-legacy-routing', 'false'),
      flag('kube-proxy-replacement', 'strict'),
      'level=info msg="BPF host routing requires kernel 5.10 or newer. Falling back to legacy host routing (enable-host-legacy-routing=true)." subsys=daemon',
      COMPLETED,
    );
    expect(agent.effective['hostRouting']).toBe('Legacy');
    expect(agent.provenance['hostRouting']).toEqual({ origin: 'log', evidence: [{ source: '-', line: 3 }] });
  });

  it('BPF host routing only once start-up completed without a fallback', async () => {
    const flags = [flag('enable-host-legacy-routing', 'false'), flag('kube-proxy-replacement', 'true')];
    expect((await agentOf(...flags)).agent.effective['hostRouting']).toBeNull();
    expect((await agentOf(...flags, COMPLETED)).agent.effective['hostRouting']).toBe('BPF');
  });

  it('KPR disabled means legacy host routing; the KPR value is reported in lower case', async () => {
    const { agent } = await agentOf(flag('kube-proxy-replacement', 'Disabled'), flag('enable-host-legacy-routing', 'false'));
    expect(agent.effective).toMatchObject({ kubeProxyReplacement: 'disabled', hostRouting: 'Legacy' });
  });

  it('masquerading: disabled, iptables on request, iptables after a logged fallback, BPF', async () => {
    expect((await agentOf(flag('enable-ipv4-masquerade', 'false'))).agent.effective['masquerading']).toBe('disabled');
    expect((await agentOf(flag('masquerade', 'true'), flag('enable-bpf-masquerade', 'false'))).agent.effective['masquerading']).toBe('iptables');
    const fellBack = await agentOf(
      flag('enable-ipv4-masquerade', 'true'),
      flag('enable-bpf-masquerade', 'true'),
      'level=warning msg="Falling back to iptables-based masquerading." error="BPF masquerade requires NodePort (--enable-node-port=\\"true\\")" subsys=daemon',
      COMPLETED,
    );
    expect(fellBack.agent.effective['masquerading']).toBe('iptables');
    expect(fellBack.agent.provenance['masquerading']!.evidence).toEqual([{ source: '-', line: 3 }]);
    expect((await agentOf(flag('enable-ipv4-masquerade', 'true'), flag('enable-bpf-masquerade', 'true'), COMPLETED)).agent.effective['masquerading']).toBe('BPF');
  });

  it('MTU: the device MTU the agent logged wins over the flag; a set flag is used otherwise', async () => {
    const logged = await agentOf(flag('mtu', '0'), 'level=info msg="Inheriting MTU from external network interface" device=ens5 ipAddr=10.1.2.3 mtu=9001 subsys=mtu');
    expect(logged.agent.effective['mtu']).toBe(9001);
    expect((await agentOf(flag('mtu', '0'))).agent.effective['mtu']).toBeNull();
    const fromFlag = await agentOf(flag('mtu', '1450'));
    expect(fromFlag.agent.effective['mtu']).toBe(1450);
    expect(fromFlag.agent.provenance['mtu']!.origin).toBe('flag');
  });

  it('MTU from a 1.18 slog line', async () => {
    const { agent } = await agentOf('time=2025-07-29T10:11:12Z level=info msg="Using configured MTU" module=agent.datapath.mtu mtu=1400');
    expect(agent.effective['mtu']).toBe(1400);
  });
});

describe('requested flags and version', () => {
  it('the last value of a flag wins; a different earlier value is kept as a conflict', async () => {
    const { agent } = await agentOf(flag('tunnel', 'vxlan'), 'level=info msg="restart" subsys=daemon', flag('tunnel', 'disabled'));
    expect(agent.requested['tunnel']).toEqual({ value: 'disabled', origin: 'flag', evidence: [{ source: '-', line: 3 }] });
    expect(agent.conflicts).toEqual([
      {
        key: 'requested.tunnel',
        values: [
          { value: 'vxlan', origin: 'flag', evidence: [{ source: '-', line: 1 }] },
          { value: 'disabled', origin: 'flag', evidence: [{ source: '-', line: 3 }] },
        ],
      },
    ]);
  });

  it('the version comes from the agent banner, not the operator banner', async () => {
    const { agent } = await agentOf(
      'level=info msg="Cilium Operator 1.15.1 a368c8f0 2024-02-14T00:00:00+00:00 go version go1.21.6 linux/amd64" subsys=cilium-operator-generic',
    );
    expect(agent.version).toBeNull();
    expect((await agentOf(banner('1.15.1'))).agent.version).toBe('1.15.1');
  });
});

describe('nodes from the log message catalog', () => {
  it('without an Addressing block, the node name comes from the node-information messages', async () => {
    const { agent, report } = await agentOf(
      'level=info msg="Retrieved node information from cilium node" nodeName=k8s-worker-01 subsys=k8s',
      'level=info msg="Restored router IPs from node information" ipv4=10.0.1.73 ipv6="<nil>" subsys=k8s',
    );
    expect(agent.node).toBe('k8s-worker-01');
    expect(report.nodes).toEqual([
      {
        name: 'k8s-worker-01',
        internalIPs: [],
        ciliumInternalIP: '10.0.1.73',
        healthIP: null,
        podCIDRs: [],
        evidence: [
          { source: '-', line: 1 },
          { source: '-', line: 2 },
        ],
      },
    ]);
  });

  it('1.18 slog node information with ipv4/k8sNodeIP keys', async () => {
    const { report } = await agentOf(
      'time=2025-07-29T10:11:12Z level=info msg="Received own node information from API server" module=agent.controlplane.k8s nodeName=worker-9 labels=map[] ipv4=172.18.0.4 ipv6="" v4Prefix=10.9.0.0/24 v6Prefix="" k8sNodeIP=172.18.0.4',
    );
    expect(report.nodes).toEqual([
      expect.objectContaining({ name: 'worker-9', internalIPs: ['172.18.0.4'], podCIDRs: ['10.9.0.0/24'] }),
    ]);
  });

  it('remote nodes are known by name only, each citing the first line its agent logged about it', async () => {
    const { report } = await agentOf(
      'level=info msg="Node updated" clusterName=default nodeName=k8s-worker-03 subsys=nodemanager',
      'level=info msg="Node updated" clusterName=default nodeName=k8s-worker-03 subsys=nodemanager',
      'level=info msg="Node updated" clusterName=default nodeName=edge-b7 subsys=nodemanager',
      'level=info msg="Node updated" clusterName=default nodeName=k8s-worker-03 subsys=nodemanager',
    );
    const node = (name: string, line: number) => ({ name, internalIPs: [], ciliumInternalIP: null, healthIP: null, podCIDRs: [], evidence: [{ source: '-', line }] });
    expect(report.nodes).toEqual([node('edge-b7', 3), node('k8s-worker-03', 1)]);
  });
});
