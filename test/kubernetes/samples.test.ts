import { describe, expect, it } from 'vitest';
import { hostGrammar, samples as hostSamples } from '../../grammars/host.js';
import { kubernetesGrammar, samples as kubeSamples } from '../../grammars/kubernetes.js';
import type { Grammar } from '../../src/types/grammar.js';
import type { FormatRecord } from '../../src/types/records.js';

/** The records each documented sample yields, fed in order into one session (samples are doctests). */
function perSample(grammar: Grammar, samples: readonly string[]): FormatRecord[][] {
  const session = grammar.open();
  return samples.map((text, i) => {
    const result = session.feed({ source: 'samples', line: i + 1, segment: 0, text, context: {} });
    if (!result.ok) throw new Error(`sample ${i + 1}: ${result.reason}`);
    return result.records;
  });
}

describe('Kubernetes grammar samples and the fields they yield', () => {
  it('every sample yields its documented record', () => {
    const [pods, nodes, node, config, view, helm, json] = perSample(kubernetesGrammar, kubeSamples);
    expect(pods).toMatchObject([{ kind: 'kube-table', resource: 'pods' }]);
    expect(pods![0]).toMatchObject({ columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] });
    expect(nodes).toMatchObject([{ kind: 'kube-table', resource: 'nodes' }]);
    expect(node).toMatchObject([{ kind: 'kube-node', name: 'wk-01', internalIPs: ['172.16.4.11'], osImage: 'Ubuntu 22.04.3 LTS', kernelVersion: '6.5.0-14-generic' }]);
    expect(config).toMatchObject([{ kind: 'config-value', origin: 'configmap', flag: 'enable-bpf-masquerade', value: 'true' }]);
    expect(view).toMatchObject([{ kind: 'config-value', origin: 'configmap', flag: 'routing-mode', value: 'native' }]);
    expect(helm).toMatchObject([{ kind: 'config-value', origin: 'helm', helmKey: 'routingMode', value: 'native', chartVersion: '1.16.5' }]);
    expect(json).toMatchObject([{ kind: 'kube-node', name: 'wk-03', podCIDRs: ['10.42.3.0/24'], internalIPs: ['172.16.4.13'], at: { line: 7 } }]);
  });
});

describe('host grammar samples and the fields they yield', () => {
  it('every sample yields its documented record', () => {
    const [dflt, pod, local, link, mac, vxlan, rule] = perSample(hostGrammar, hostSamples);
    expect(dflt).toMatchObject([{ kind: 'host-route', dst: 'default', via: '172.16.4.1', dev: 'ens5', proto: 'dhcp', src: '172.16.4.11', metric: 100 }]);
    expect(pod).toMatchObject([{ kind: 'host-route', dst: '10.42.2.0/24', via: '10.42.1.19', dev: 'cilium_host', mtu: 1450 }]);
    expect(local).toMatchObject([{ kind: 'host-route', type: 'local', table: 'local', scope: 'host' }]);
    expect(link).toMatchObject([{ kind: 'host-link', ifindex: 7, name: 'cilium_vxlan', mtu: 1500, state: 'UNKNOWN' }]);
    expect(mac).toMatchObject([{ kind: 'host-link-detail', ifindex: 7, mac: '5e:2a:91:0c:44:7b' }]);
    expect(vxlan).toMatchObject([{ kind: 'host-link-detail', linkKind: 'vxlan', vni: 0, port: 8472, external: true }]);
    expect(rule).toMatchObject([{ kind: 'host-rule', priority: 9, table: '2004' }]);
  });
});
