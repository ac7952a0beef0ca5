import { describe, expect, it } from 'vitest';
import { buildClusterState } from '../../src/state/index.js';
import { EvidenceText } from '../../src/store/evidence.js';
import { loadFiles, loadText, SHARED, unparsed } from './helpers.js';

describe('agent CLI listings', () => {
  it('reads endpoint and service lists with labels and backends', async () => {
    const db = await loadFiles(`${SHARED}spec/agent-examples.txt`);
    const endpoints = buildClusterState(db).endpoints;
    expect(endpoints.map((e) => e.id)).toEqual([412, 709, 1187, 1622, 2274, 3941]);
    expect(endpoints.find((e) => e.id === 1622)).toMatchObject({
      identity: 52344, ipv4: '10.0.1.137', status: 'ready', policyIngress: 'Enabled', node: 'k8s-worker-01',
    });
    expect(endpoints.find((e) => e.id === 1187)!.labels).toContain('k8s:k8s-app=kube-dns');
    const services = buildClusterState(db).services;
    expect(services).toHaveLength(8);
    expect(services.find((s) => s.id === 5)!.backends).toEqual([
      { address: '10.0.1.137:8080', state: 'active' },
      { address: '10.0.2.88:8080', state: 'active' },
      { address: '10.0.3.41:8080', state: 'terminating' },
    ]);
    expect(services.find((s) => s.id === 8)!.backends).toEqual([]);
  });

  it('reads bpf ipcache / tunnel / lb, identity, ip list, config and version dumps', async () => {
    const text = [
      '# cilium bpf ipcache list',
      'IP PREFIX/ADDRESS   IDENTITY',
      '10.0.2.0/24         identity=2 encryptkey=0 tunnelendpoint=192.168.10.13 flags=hastunnel',
      '10.0.1.137/32       identity=52344 encryptkey=0 tunnelendpoint=0.0.0.0 flags=<none>',
      '10.0.3.0/24         6 0 192.168.10.14',
      '# cilium bpf tunnel list',
      'TUNNEL     VALUE',
      '10.0.2.0   192.168.10.13:0',
      '10.0.3.0:0   192.168.10.14:0',
      '# cilium bpf lb list',
      'SERVICE ADDRESS      BACKEND ADDRESS (REVNAT_ID) (SLOT)',
      '10.96.0.10:53 (0)    0.0.0.0:0 (2) (0) [ClusterIP, non-routable]   ',
      '10.96.0.10:53 (1)    10.0.1.97:53 (2) (1)                           ',
      '# cilium identity list',
      'ID       LABELS',
      '1        reserved:host',
      '         reserved:kube-apiserver',
      '2        reserved:world',
      '# cilium ip list',
      'IP                IDENTITY                    SOURCE',
      '10.0.1.137/32     k8s:app=web                 custom-resource',
      '                  k8s:io.kubernetes.pod.namespace=default',
      '# cilium config',
      '##### Read-write configurations #####',
      'ConntrackAccounting               : Disabled',
      'PolicyEnforcement                 : default',
      '# cilium version',
      'Client: 1.14.4 87dd2b64 2023-11-14T10:12:36+01:00 go version go1.20.11 linux/amd64',
      'Daemon: 1.14.4 87dd2b64 2023-11-14T10:12:36+01:00 go version go1.20.11 linux/amd64',
    ].join('\n');
    const db = await loadText('dumps.txt', `${text}\n`);
    expect(unparsed(db)).toEqual([]);
    expect(db.prepare('SELECT prefix, identity, tunnel_endpoint, flags FROM list_ipcache ORDER BY id').all()).toEqual([
      { prefix: '10.0.2.0/24', identity: 2, tunnel_endpoint: '192.168.10.13', flags: 'hastunnel' },
      { prefix: '10.0.1.137/32', identity: 52344, tunnel_endpoint: '0.0.0.0', flags: '<none>' },
      { prefix: '10.0.3.0/24', identity: 6, tunnel_endpoint: '192.168.10.14', flags: null },
    ]);
    expect(db.prepare('SELECT prefix, endpoint FROM list_tunnel ORDER BY id').all()).toEqual([
      { prefix: '10.0.2.0', endpoint: '192.168.10.13' },
      { prefix: '10.0.3.0', endpoint: '192.168.10.14' },
    ]);
    expect(db.prepare('SELECT frontend, slot, backend, flags FROM list_lb ORDER BY id').all()).toEqual([
      { frontend: '10.96.0.10:53', slot: 0, backend: null, flags: '["ClusterIP","non-routable"]' },
      { frontend: '10.96.0.10:53', slot: 1, backend: '10.0.1.97:53', flags: '[]' },
    ]);
    expect(db.prepare('SELECT identity, label FROM list_identities ORDER BY id').all()).toEqual([
      { identity: 1, label: 'reserved:host' },
      { identity: 1, label: 'reserved:kube-apiserver' },
      { identity: 2, label: 'reserved:world' },
    ]);
    expect(db.prepare(`SELECT owner, label FROM list_labels WHERE list = 'ip'`).all()).toEqual([
      { owner: '10.0.1.137/32', label: 'k8s:io.kubernetes.pod.namespace=default' },
    ]);
    expect(db.prepare('SELECT name, value FROM cli_config ORDER BY id').all()).toEqual([
      { name: 'ConntrackAccounting', value: 'Disabled' },
      { name: 'PolicyEnforcement', value: 'default' },
    ]);
    expect(db.prepare('SELECT component, version FROM cli_versions ORDER BY id').all()).toEqual([
      { component: 'Client', version: '1.14.4' },
      { component: 'Daemon', version: '1.14.4' },
    ]);
  });

  it('summarises bpf ct list global instead of storing every entry', async () => {
    const entry = (i: number, dir: string, flags: string): string =>
      `TCP ${dir} 10.0.1.${i % 250}:${40000 + (i % 20000)} -> 10.0.2.88:8080 expires=1837264 RxPackets=5 RxBytes=502 ` +
      `RxFlagsSeen=0x1b LastRxReport=1837254 TxPackets=6 TxBytes=489 TxFlagsSeen=0x1b LastTxReport=1837254 ` +
      `Flags=0x0013 [ ${flags} ] RevNAT=0 SourceSecurityID=52344 IfIndex=0 `;
    const lines = ['$ cilium bpf ct list global'];
    for (let i = 0; i < 20000; i++) lines.push(entry(i, i % 4 === 0 ? 'IN' : 'OUT', i % 10 === 0 ? 'RxClosing TxClosing SeenNonSyn' : 'SeenNonSyn'));
    const db = await loadText('ct.txt', `${lines.join('\n')}\n`);
    expect(unparsed(db)).toEqual([]);
    expect(db.prepare('SELECT proto, dir, entries, closing, line FROM ct_summary ORDER BY dir').all()).toEqual([
      { proto: 'TCP', dir: 'IN', entries: 5000, closing: 1000, line: 2 },
      { proto: 'TCP', dir: 'OUT', entries: 15000, closing: 1000, line: 3 },
    ]);
    // Its lines are evidence like any other (ct_summary rows have no id to order them by).
    const evidence = new EvidenceText(db).complete([{ source: db.prepare('SELECT name FROM sources').pluck().get() as string, line: 3 }]);
    expect(evidence[0]!.text).toBe(lines[2]);
  });
});
