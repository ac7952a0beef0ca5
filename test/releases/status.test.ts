/**
 * `cilium status` and `cilium-health status` as releases before 1.9 printed them (pkg/client and
 * pkg/health/client at the 1.0–1.8 release commits): address pools, the proxy port range, the
 * `Reachable` / `Endpoints reachable` health table with `true` / `false`, cluster-prefixed node
 * names, the `ICMP:` / `HTTP via L3:` probe lines and 1.8's KubeProxyReplacement feature list.
 */
import { describe, expect, it } from 'vitest';
import { buildClusterState } from '../../src/state/index.js';
import { fixture } from '../helpers/analyze.js';
import { loadFiles, unparsed } from '../status/helpers.js';

function rows<T>(db: Awaited<ReturnType<typeof loadFiles>>, sql: string): T[] {
  return db.prepare(sql).all() as T[];
}

function detail(db: Awaited<ReturnType<typeof loadFiles>>, label: string): unknown {
  const row = db.prepare('SELECT detail FROM status_fields WHERE label = ? ORDER BY id LIMIT 1').get(label) as { detail: string | null } | undefined;
  return row?.detail ? JSON.parse(row.detail) : undefined;
}

describe('cilium status of 1.0–1.4: address pools with bare addresses', () => {
  it('reads every line: pools, their addresses, the proxy port range and the old health table', async () => {
    const db = await loadFiles(fixture('releases', 'status-1.2.txt'));
    expect(unparsed(db)).toEqual([]);
    expect(detail(db, 'IPv4 address pool')).toEqual({ type: 'ipam', running: true, pools: [{ family: 'IPv4', used: 4, size: 65535, from: null }] });
    expect(detail(db, 'IPv6 address pool')).toMatchObject({ pools: [{ family: 'IPv6', used: 3, size: 65535 }] });
    expect(rows(db, 'SELECT ip, owner FROM status_addresses ORDER BY line')).toEqual([
      { ip: '10.44.0.1', owner: '' },
      { ip: '10.44.0.17', owner: '' },
      { ip: '10.44.0.52', owner: '' },
      { ip: '10.44.0.91', owner: '' },
      { ip: 'f00d::ac1c:0:0:1', owner: '' },
      { ip: 'f00d::ac1c:0:0:e2c4', owner: '' },
      { ip: 'f00d::ac1c:0:0:5a11', owner: '' },
    ]);
    expect(detail(db, 'Proxy Status')).toEqual({ type: 'proxy', ok: true, ip: '10.44.0.1', redirects: null, ports: '10000-20000', envoy: null });
    expect(rows(db, 'SELECT name, localhost, node_status, endpoints_status FROM status_health_nodes ORDER BY line')).toEqual([
      { name: 'worker-3', localhost: 1, node_status: 'reachable', endpoints_status: 'reachable' },
      { name: 'worker-1', localhost: 0, node_status: 'reachable', endpoints_status: 'reachable' },
      { name: 'worker-2', localhost: 0, node_status: 'reachable', endpoints_status: 'unreachable' },
    ]);
  });

  it('gives the agent its IPAM pools from both pool lines', async () => {
    const db = await loadFiles(fixture('releases', 'status-1.2.txt'));
    const [agent] = buildClusterState(db).agents;
    expect(agent?.status?.facts.ipam?.value.pools).toEqual([
      { family: 'IPv4', used: 4, size: 65535, from: null },
      { family: 'IPv6', used: 3, size: 65535, from: null },
    ]);
    expect(agent?.status?.facts.ipam?.evidence.map((e) => e.line)).toEqual([9, 14]);
  });
});

describe('cilium status of 1.5: the pool with its CIDR and owned addresses', () => {
  it('reads the pool, the allocated addresses and a cluster-prefixed health table', async () => {
    const db = await loadFiles(fixture('releases', 'status-1.5.txt'));
    expect(unparsed(db)).toEqual([]);
    expect(detail(db, 'IPv4 address pool')).toMatchObject({ pools: [{ family: 'IPv4', used: 3, size: 255, from: '10.60.2.0/24' }] });
    expect(rows(db, 'SELECT ip, owner FROM status_addresses ORDER BY line')).toEqual([
      { ip: '10.60.2.1', owner: 'router' },
      { ip: '10.60.2.146', owner: 'health' },
      { ip: '10.60.2.88', owner: 'payments/ledger-6f9d8c7b5-x2kqp' },
    ]);
    expect(rows(db, 'SELECT count(*) AS n FROM status_controllers')).toEqual([{ n: 3 }]);
    expect(rows(db, 'SELECT name, localhost, ips, endpoints_status FROM status_health_nodes ORDER BY line')).toEqual([
      { name: 'prod/node-b', localhost: 1, ips: '["192.168.50.22"]', endpoints_status: 'reachable' },
      { name: 'prod/node-a', localhost: 0, ips: '["192.168.50.21"]', endpoints_status: 'unreachable' },
    ]);
  });
});

describe('cilium status of 1.8', () => {
  it('reads the KubeProxyReplacement devices and features, ClusterMesh, Hubble and a hand-aligned health table', async () => {
    const db = await loadFiles(fixture('releases', 'status-1.8.txt'));
    expect(unparsed(db)).toEqual([]);
    expect(detail(db, 'KubeProxyReplacement')).toEqual({
      type: 'kpr',
      mode: 'Probe',
      devices: [
        { name: 'ens4', ips: [], directRouting: false },
        { name: 'ens5', ips: [], directRouting: false },
      ],
      features: ['NodePort (SNAT, 30000-32767, XDP: NONE)', 'HostPort', 'ExternalIPs', 'HostReachableServices (TCP, UDP)'],
    });
    expect(detail(db, 'ClusterMesh')).toMatchObject({ ready: 1, total: 1, globalServices: 2 });
    expect(detail(db, 'Hubble')).toMatchObject({ state: 'Ok', current: 4096, max: 4096, flowsPerSecond: 23.71 });
    expect(rows(db, 'SELECT name FROM status_health_nodes ORDER BY line')).toEqual([
      { name: 'us-east/ip-10-8-3-17' },
      { name: 'us-east/ip-10-8-1-204' },
      { name: 'us-east/ip-10-8-2-9' },
    ]);
    const [agent] = buildClusterState(db).agents;
    expect(agent?.status?.facts.kprDevices?.value).toEqual(['ens4', 'ens5']);
  });
});

describe('cilium-health status of 1.0–1.4', () => {
  it('reads ICMP and HTTP via L3 probes, secondary addresses, nil paths and the succinct table', async () => {
    const db = await loadFiles(fixture('releases', 'health-1.2.txt'));
    expect(unparsed(db)).toEqual([]);
    expect(rows(db, 'SELECT node, localhost, path, ip, protocol, ok, rtt_us FROM status_health_probes ORDER BY line')).toEqual([
      { node: 'edge/gw-01', localhost: 1, path: 'host', ip: '172.26.1.5', protocol: 'icmp', ok: 1, rtt_us: 402.113 },
      { node: 'edge/gw-01', localhost: 1, path: 'host', ip: '172.26.1.5', protocol: 'http', ok: 1, rtt_us: 611.09 },
      { node: 'edge/gw-01', localhost: 1, path: 'secondary-host', ip: '172.27.1.5', protocol: 'icmp', ok: 1, rtt_us: 377.5 },
      { node: 'edge/gw-01', localhost: 1, path: 'endpoint', ip: '10.200.1.44', protocol: 'icmp', ok: 1, rtt_us: 389.001 },
      { node: 'edge/gw-01', localhost: 1, path: 'endpoint', ip: '10.200.1.44', protocol: 'http', ok: 1, rtt_us: 702.4 },
      { node: 'edge/gw-02', localhost: 0, path: 'host', ip: '172.26.1.6', protocol: 'icmp', ok: 1, rtt_us: 1240.312 },
      { node: 'edge/gw-02', localhost: 0, path: 'host', ip: '172.26.1.6', protocol: 'http', ok: 0, rtt_us: null },
    ]);
    expect(rows(db, "SELECT name, node_status, endpoints_status FROM status_health_nodes WHERE node_status IS NOT NULL ORDER BY line")).toEqual([
      { name: 'edge/gw-01', node_status: 'reachable', endpoints_status: 'reachable' },
      { name: 'edge/gw-02', node_status: 'unreachable', endpoints_status: 'unreachable' },
    ]);
    expect(detail(db, 'Cluster health')).toMatchObject({ reachable: 1, total: 2 });
  });
});
