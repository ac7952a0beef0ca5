/** The cluster state is stored in the case database (`agents`, `facts`, `nodes`) for `query`. */
import { describe, expect, it } from 'vitest';
import { buildClusterState } from '../../src/state/index.js';
import { withCase } from '../helpers/case.js';
import { lines } from '../helpers/rule-tester.js';

const PASTE = lines(
  '$ kubectl -n kube-system logs cilium-p3rs1 -c cilium-agent',
  `level=info msg="  --kube-proxy-replacement='true'" subsys=daemon`,
  `level=info msg="  --routing-mode='native'" subsys=daemon`,
  'level=info msg="Cilium 1.14.9 149c0ffe 2024-10-17T09:21:44+00:00 go version go1.20.14 linux/amd64" subsys=daemon',
  'level=info msg="Retrieved node information from kubernetes node" nodeName=store-2 subsys=k8s',
  '$ kubectl -n kube-system exec cilium-p3rs1 -c cilium-agent -- cilium status',
  'KubeProxyReplacement:   True   [eth0 10.3.0.2 (Direct Routing)]',
  'Cilium:                 Ok   1.14.9 (v1.14.9-16a8c2ef)',
  'Host Routing:           Legacy',
  'Controller Status:      20/20 healthy',
);

describe('persisted state', () => {
  it('one agents row, its facts with origin and evidence, its node; rebuilding replaces them', async () => {
    const rows = await withCase({ 'paste.txt': PASTE }, [], (db, dir) => {
      buildClusterState(db);
      buildClusterState(db);
      const local = (json: string) => JSON.parse(json.replaceAll(`${dir}/`, '')) as unknown;
      return {
        agents: (db.prepare('SELECT key, pod, node, version, first_source, effective FROM agents').all() as Record<string, string>[]).map((a) => ({
          ...a,
          first_source: a['first_source']!.replace(`${dir}/`, ''),
          effective: local(a['effective']!),
        })),
        facts: (db.prepare('SELECT agent, name, value, origin, evidence FROM facts ORDER BY id').all() as Record<string, string>[]).map((f) => ({
          ...f,
          evidence: local(f['evidence']!),
        })),
        nodes: (db.prepare('SELECT * FROM nodes').all() as Record<string, string>[]).map((n) => ({ ...n, evidence: local(n['evidence']!) })),
      };
    });
    expect(rows.agents).toEqual([
      {
        key: 'cilium-p3rs1', pod: 'cilium-p3rs1', node: 'store-2', version: '1.14.9', first_source: 'paste.txt',
        effective: { routingMode: 'native', tunnelProtocol: null, hostRouting: 'Legacy', kubeProxyReplacement: 'true', masquerading: null, mtu: null },
      },
    ]);
    const at = (line: number) => [{ source: 'paste.txt', line }];
    expect(rows.facts).toEqual([
      { agent: 'cilium-p3rs1', name: 'routingMode', value: 'native', origin: 'flag', evidence: at(3) },
      { agent: 'cilium-p3rs1', name: 'hostRouting', value: 'Legacy', origin: 'status', evidence: at(9) },
      { agent: 'cilium-p3rs1', name: 'kubeProxyReplacement', value: 'true', origin: 'flag', evidence: at(2) },
      { agent: 'cilium-p3rs1', name: 'kprDevices', value: '["eth0"]', origin: 'status', evidence: at(7) },
      { agent: 'cilium-p3rs1', name: 'directRoutingDevice', value: '"eth0"', origin: 'status', evidence: at(7) },
      { agent: 'cilium-p3rs1', name: 'controllers', value: '{"type":"controllers","healthy":20,"total":20}', origin: 'status', evidence: at(10) },
      expect.objectContaining({ agent: 'cilium-p3rs1', name: 'ciliumState', origin: 'status', evidence: at(8) }),
    ]);
    expect(rows.nodes).toEqual([{ name: 'store-2', internal_ips: '[]', cilium_internal_ip: null, health_ip: null, pod_cidrs: '[]', evidence: at(5) }]);
  });
});
