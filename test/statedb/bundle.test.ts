/**
 * A bugtool run in a sysdump tarball whose agent's StateDB is dumped (1.18's shapes: `statedb dump`
 * JSON, `shell -- db/show` tables): its devices, routes, node addresses and load-balancer tables
 * become the links, routes, node addresses and services of the agent's node, each citing the
 * member line inside the archive.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClusterState } from '../../src/state/index.js';
import type { JsonReport } from '../../src/report/model.js';
import type { ClusterState } from '../../src/types/state.js';
import { analyzeWithDb } from '../helpers/analyze.js';
import { tempDir } from '../helpers/files.js';
import { SYSDUMP_ROOT, writeSysdumpTarGz, type SysdumpMember } from '../helpers/sysdump.js';

const TS = '20250310-141502';
const POD = 'cilium-h3x8p';
const BUGTOOL = `cilium-bugtool-${POD}-${TS}/cmd`;

const member = (path: string, lines: readonly string[]): SysdumpMember => ({ path, pieces: () => [`${lines.join('\n')}\n`] });

const MEMBERS: SysdumpMember[] = [
  member(`logs-${POD}-cilium-agent-${TS}.log`, [
    `2025-03-10T14:09:58.102Z time=2025-03-10T14:09:58Z level=info msg="Cilium 1.18.2 3c1d9a7f 2025-02-27T10:11:04+00:00 go version go1.24.2 linux/amd64" subsys=daemon`,
  ]),
  member(`k8s-pods-${TS}.yaml`, [
    'apiVersion: v1',
    'items:',
    '- apiVersion: v1',
    '  kind: Pod',
    '  metadata:',
    `    name: ${POD}`,
    '    namespace: kube-system',
    '  spec:',
    '    hostNetwork: true',
    '    nodeName: kiwi-a1',
    '  status:',
    '    phase: Running',
    '    podIP: 172.31.7.44',
    'kind: List',
  ]),
  member(`${BUGTOOL}/cilium-dbg-statedb-dump.md`, [
    '{',
    '  "devices": [',
    '    {"Index":1,"MTU":65536,"Name":"lo","HardwareAddr":"","Flags":37,"Addrs":[{"Addr":"127.0.0.1","Secondary":false,"Scope":254}],"RawFlags":65609,"Type":"device","MasterIndex":0,"Selected":false,"NotSelectedReason":"loopback"},',
    '    {"Index":3,"MTU":9001,"Name":"ens5","HardwareAddr":"06:5c:3e:11:8a:2f","Flags":51,"Addrs":[{"Addr":"172.31.7.44","Secondary":false,"Scope":0},{"Addr":"fe80::45c:3eff:fe11:8a2f","Secondary":false,"Scope":253}],"RawFlags":69699,"Type":"device","MasterIndex":0,"Selected":true,"NotSelectedReason":""},',
    '    {"Index":7,"MTU":8951,"Name":"cilium_host","HardwareAddr":"a6:20:44:9c:01:b3","Flags":51,"Addrs":[{"Addr":"10.77.3.160","Secondary":false,"Scope":0}],"RawFlags":69699,"Type":"veth","MasterIndex":0,"Selected":false,"NotSelectedReason":"cilium device"}',
    '  ],',
    '  "node-addresses": [',
    '    {"Addr":"172.31.7.44","NodePort":true,"Primary":true,"DeviceName":"ens5"},',
    '    {"Addr":"fe80::45c:3eff:fe11:8a2f","NodePort":false,"Primary":false,"DeviceName":"ens5"}',
    '  ],',
    '  "routes": [',
    '    {"Table":254,"LinkIndex":3,"Scope":0,"Dst":"0.0.0.0/0","Src":"172.31.7.44","Gw":"172.31.0.1"},',
    '    {"Table":254,"LinkIndex":7,"Scope":0,"Dst":"10.77.4.0/24","Src":"10.77.3.160","Gw":"10.77.3.160"}',
    '  ],',
    '  "sysctl": []',
    '}',
  ]),
  member(`${BUGTOOL}/cilium-dbg-shell----db-show-frontends.md`, [
    'Address               Type        ServiceName    PortName   Backends                                                    RedirectTo   Status   Since   Error',
    '10.96.140.7:443/TCP   ClusterIP   edge/gateway   https      10.77.3.21:8443/TCP (active), 10.77.4.9:8443/TCP (active)                Done     12m',
    '0.0.0.0:30443/TCP     NodePort    edge/gateway   https      10.77.3.21:8443/TCP (active), 10.77.4.9:8443/TCP (active)                Done     12m',
  ]),
  member(`${BUGTOOL}/cilium-dbg-shell----db-show-services.md`, [
    'Name           Source   PortNames   TrafficPolicy   Flags',
    'edge/gateway   k8s      https=443   Local',
  ]),
];

let state: ClusterState;
let report: JsonReport;
let archive: string;

beforeAll(async () => {
  archive = await writeSysdumpTarGz(join(tempDir(), 'case.tar.gz'), MEMBERS);
  // The report of the archive, valid against the contract (StateDB origins and selection included).
  const analysis = await analyzeWithDb([archive]);
  try {
    report = analysis.report;
    expect(analysis.db.prepare('SELECT text, reason FROM unparsed').all()).toEqual([]);
    state = buildClusterState(analysis.db);
  } finally {
    analysis.db.close();
  }
});

const at = (file: string, line: number) => ({ source: `${archive}!/${SYSDUMP_ROOT}/${BUGTOOL}/${file}`, line });
const DUMP = 'cilium-dbg-statedb-dump.md';

describe("an agent's StateDB in a bugtool run", () => {
  it('gives the links of its node with MTU, addresses and the agent’s selection, citing the dump', () => {
    const links = state.links.filter((l) => l.origin === 'statedb').map((l) => [l.node, l.name, l.ifindex, l.mtu, l.kind, l.selected, l.addresses]);
    expect(links).toEqual([
      ['kiwi-a1', 'lo', 1, 65536, null, false, ['127.0.0.1']],
      ['kiwi-a1', 'ens5', 3, 9001, null, true, ['172.31.7.44', 'fe80::45c:3eff:fe11:8a2f']],
      ['kiwi-a1', 'cilium_host', 7, 8951, 'veth', false, ['10.77.3.160']],
    ]);
    expect(state.links.find((l) => l.name === 'ens5')!.evidence).toEqual([at(DUMP, 4)]);
  });

  it('gives routes of the node’s host namespace with their devices', () => {
    expect(state.routes.map((r) => [r.node, r.netns, r.table, r.dst, r.via, r.dev, r.src, r.origin])).toEqual([
      ['kiwi-a1', 'host', null, 'default', '172.31.0.1', 'ens5', '172.31.7.44', 'statedb'],
      ['kiwi-a1', 'host', null, '10.77.4.0/24', '10.77.3.160', 'cilium_host', '10.77.3.160', 'statedb'],
    ]);
    expect(state.routes[1]!.evidence).toEqual([at(DUMP, 13)]);
  });

  it('gives the node its primary address, and the native device’s MTU to the agent', () => {
    const node = state.nodes.find((n) => n.name === 'kiwi-a1')!;
    expect(node.internalIPs).toContain('172.31.7.44');
    expect(node.internalIPs).not.toContain('fe80::45c:3eff:fe11:8a2f');
    expect(node.evidence).toContainEqual(at(DUMP, 8));
    const agent = state.agents.find((a) => a.pod === POD)!;
    expect(agent.effective.mtu).toEqual({ value: 9001, origin: 'statedb', evidence: [at(DUMP, 4)] });
  });

  it('gives the agent’s service frontends with their backends, service names and traffic policy', () => {
    const services = state.services.filter((s) => s.agent === POD);
    expect(services.map((s) => [s.frontend, s.type, s.name, s.backends.map((b) => b.address), s.externalTrafficPolicy, s.node])).toEqual([
      ['10.96.140.7:443/TCP', 'ClusterIP', 'edge/gateway', ['10.77.3.21:8443/TCP', '10.77.4.9:8443/TCP'], 'Local', 'kiwi-a1'],
      ['0.0.0.0:30443/TCP', 'NodePort', 'edge/gateway', ['10.77.3.21:8443/TCP', '10.77.4.9:8443/TCP'], 'Local', 'kiwi-a1'],
    ]);
    expect(services[0]!.evidence).toEqual([at('cilium-dbg-shell----db-show-frontends.md', 2), at('cilium-dbg-shell----db-show-services.md', 2)]);
  });

  it('lists the StateDB members as parsed, read as StateDB', () => {
    const statedb = report.inputs.filter((i) => i.source.includes('/cmd/cilium-dbg-s'));
    const listed = statedb.map((i) => [i.source.split('/').at(-1), i.parsed, i.unparsed, i.what]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(listed).toEqual([
      ['cilium-dbg-shell----db-show-frontends.md', 3, 0, 'cilium-dbg shell -- db show frontends'],
      ['cilium-dbg-shell----db-show-services.md', 2, 0, 'cilium-dbg shell -- db show services'],
      [DUMP, 16, 0, 'cilium-dbg statedb dump'],
    ]);
    expect(statedb.find((i) => i.source.endsWith('frontends.md'))!.formats).toEqual({ statedb: 3 });
  });
});

describe('a device that both ip link and StateDB list', () => {
  const IP_LINK = 'ip--d-link-show.md';
  let merged: ClusterState;
  let withLinks: string;

  beforeAll(async () => {
    withLinks = await writeSysdumpTarGz(join(tempDir(), 'links.tar.gz'), [
      ...MEMBERS,
      member(`${BUGTOOL}/${IP_LINK}`, [
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 minmtu 0 maxmtu 0 addrgenmode eui64 numtxqueues 1 numrxqueues 1',
        '3: ens5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP mode DEFAULT group default qlen 1000',
        '    link/ether 06:5c:3e:11:8a:2f brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 128 maxmtu 9216 addrgenmode eui64 numtxqueues 8 numrxqueues 8',
      ]),
    ]);
    const analysis = await analyzeWithDb([withLinks]);
    try {
      merged = buildClusterState(analysis.db);
    } finally {
      analysis.db.close();
    }
  });

  it('is one link of its node, as ip link printed it, with the agent’s selection and both citations', () => {
    const cite = (file: string, line: number) => ({ source: `${withLinks}!/${SYSDUMP_ROOT}/${BUGTOOL}/${file}`, line });
    const ens5 = merged.links.filter((l) => l.name === 'ens5');
    expect(ens5).toHaveLength(1);
    expect([ens5[0]!.node, ens5[0]!.ifindex, ens5[0]!.mtu, ens5[0]!.mac, ens5[0]!.selected, ens5[0]!.addresses, ens5[0]!.origin ?? 'host']).toEqual([
      'kiwi-a1', 3, 9001, '06:5c:3e:11:8a:2f', true, ['172.31.7.44', 'fe80::45c:3eff:fe11:8a2f'], 'host',
    ]);
    expect(ens5[0]!.evidence).toEqual([cite(IP_LINK, 3), cite(DUMP, 4)]);
    // What only StateDB lists stays StateDB's.
    expect(merged.links.filter((l) => l.origin === 'statedb').map((l) => l.name)).toEqual(['cilium_host']);
    expect(merged.links.filter((l) => l.name === 'lo')).toHaveLength(1);
  });
});
