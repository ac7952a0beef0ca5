import { describe, expect, it } from 'vitest';
import { statedbGrammar } from '../../grammars/statedb.js';
import { statedbCommand } from '../../src/knowledge/statedb-tables.js';
import { Sniffer } from '../../src/sniff/index.js';
import type { FeedResult } from '../../src/types/grammar.js';
import type { StatedbRecord, StatedbRow } from '../../src/types/statedb.js';

/** Feeds lines (after `command`, when given) to one session; every result in order. */
function feed(lines: readonly string[], command?: string): FeedResult[] {
  const session = statedbGrammar.open();
  if (command) session.onCommand!(command);
  return lines.map((text, i) => session.feed({ source: 'test', line: i + 1, segment: 0, text, context: {} }));
}

function records(lines: readonly string[], command?: string): StatedbRecord[] {
  return feed(lines, command).flatMap((r, i) => {
    if (!r.ok) throw new Error(`line ${i + 1} not taken (${r.reason}): ${lines[i]}`);
    return r.records as StatedbRecord[];
  });
}

const rows = (lines: readonly string[], command?: string): StatedbRow[] =>
  records(lines, command).filter((r): r is StatedbRow => r.kind === 'statedb-row');

describe('StateDB commands', () => {
  it('names the table and form of every release’s command', () => {
    expect(statedbCommand('cilium-dbg statedb dump')).toEqual({ table: null, form: 'dump' });
    expect(statedbCommand('cilium statedb devices')).toEqual({ table: 'devices', form: 'table' });
    expect(statedbCommand('cilium-dbg statedb experimental frontends -o json')).toEqual({ table: 'frontends', form: 'json' });
    expect(statedbCommand('cilium-dbg statedb routes --watch 100ms')).toEqual({ table: 'routes', form: 'table' });
    expect(statedbCommand('cilium-dbg shell -- db/show --format=json health')).toEqual({ table: 'health', form: 'json' });
    // bugtool's file name turns `/` into a space: `cilium-dbg-shell----db-show-mtu.md`
    expect(statedbCommand('cilium-dbg shell -- db show mtu')).toEqual({ table: 'mtu', form: 'table' });
    // `-o` of db/show names an output file, not a format
    expect(statedbCommand('cilium-dbg shell -- db/show -o /tmp/x devices')).toEqual({ table: 'devices', form: 'table' });
    expect(statedbCommand('cilium-dbg shell -- db')).toBeNull();
    expect(statedbCommand('cilium-dbg status')).toBeNull();
  });
});

describe('StateDB text tables', () => {
  it('reads 1.15’s devices table: addresses, selection, a device without addresses', () => {
    const devices = rows([
      'Name           Index   Selected   Type    MTU    HWAddr              Flags                            Addresses',
      'cilium_host    4       false      veth    8950   ce:9b:53:0e:71:d2   up|broadcast|multicast|running   10.61.4.17, fe80::cc9b:53ff:fe0e:71d2',
      'bond0          2       true       bond    9000   b8:59:9f:2c:40:10   up|broadcast|multicast|running   10.200.14.5, 10.200.14.250',
      'cilium_vxlan   6       false      vxlan   8950   7e:31:0a:94:c2:5b   up|broadcast|multicast|running   ',
    ]).map((r) => r.typed);
    expect(devices).toEqual([
      { table: 'devices', name: 'cilium_host', index: 4, selected: false, type: 'veth', mtu: 8950, mac: 'ce:9b:53:0e:71:d2', flags: ['up', 'broadcast', 'multicast', 'running'], addresses: ['10.61.4.17', 'fe80::cc9b:53ff:fe0e:71d2'] },
      { table: 'devices', name: 'bond0', index: 2, selected: true, type: 'bond', mtu: 9000, mac: 'b8:59:9f:2c:40:10', flags: ['up', 'broadcast', 'multicast', 'running'], addresses: ['10.200.14.5', '10.200.14.250'] },
      { table: 'devices', name: 'cilium_vxlan', index: 6, selected: false, type: 'vxlan', mtu: 8950, mac: '7e:31:0a:94:c2:5b', flags: ['up', 'broadcast', 'multicast', 'running'], addresses: [] },
    ]);
  });

  it('reads 1.16’s node addresses with their primary flag', () => {
    const addresses = rows([
      'Address          NodePort   Primary   DeviceName',
      '10.200.14.5      true       true      bond0',
      '10.200.14.250    true       false     bond0',
      'fd10:200:14::5   true       true      bond0',
    ]).map((r) => r.typed);
    expect(addresses).toEqual([
      { table: 'node-addresses', address: '10.200.14.5', nodePort: true, primary: true, device: 'bond0' },
      { table: 'node-addresses', address: '10.200.14.250', nodePort: true, primary: false, device: 'bond0' },
      { table: 'node-addresses', address: 'fd10:200:14::5', nodePort: true, primary: true, device: 'bond0' },
    ]);
  });

  it('reads 1.17’s `# ` headers: frontends with and without backends, services with split traffic policies', () => {
    const frontends = rows([
      '# Address             Type        ServiceName            PortName   Backends                                                  Status   Since   Error',
      '10.43.0.10:53/UDP     ClusterIP   kube-system/kube-dns   dns        10.61.4.102:53/UDP (active), 10.61.5.33:53/UDP (active)   Done     41s     ',
      '10.43.77.201:80/TCP   ClusterIP   web/front              http                                                                 Error    2s      no backends',
    ]);
    expect(frontends.map((r) => r.typed)).toEqual([
      {
        table: 'frontends', address: '10.43.0.10:53/UDP', type: 'ClusterIP', service: 'kube-system/kube-dns', portName: 'dns', status: 'Done',
        backends: [{ address: '10.61.4.102:53/UDP', state: 'active' }, { address: '10.61.5.33:53/UDP', state: 'active' }],
      },
      { table: 'frontends', address: '10.43.77.201:80/TCP', type: 'ClusterIP', service: 'web/front', portName: 'http', status: 'Error', backends: [] },
    ]);
    expect(frontends[1]!.values['Error']).toBe('no backends');
    const services = rows([
      '# Name                 Source   PortNames            TrafficPolicy            Flags',
      'web/front              k8s      http=80              Ext=Local, Int=Cluster   ',
      'kube-system/kube-dns   k8s      dns=53, dns-tcp=53   Cluster                  ',
    ]).map((r) => r.typed);
    expect(services).toEqual([
      { table: 'services', name: 'web/front', source: 'k8s', externalTrafficPolicy: 'Local' },
      { table: 'services', name: 'kube-system/kube-dns', source: 'k8s', externalTrafficPolicy: 'Cluster' },
    ]);
  });

  it('reads the services backends name: 1.18 instances with states and ports, 1.16 ReferencedBy', () => {
    const b18 = rows([
      'Address               Instances                                            Shadows   NodeName',
      '10.61.4.102:53/UDP    kube-system/kube-dns (dns)                                     lynx-b2',
      '10.61.5.40:8443/TCP   web/front [terminating] (https), web/admin (https)             lynx-b3',
    ]).map((r) => r.typed);
    expect(b18).toEqual([
      { table: 'backends', address: '10.61.4.102:53/UDP', state: null, services: ['kube-system/kube-dns'] },
      { table: 'backends', address: '10.61.5.40:8443/TCP', state: null, services: ['web/front', 'web/admin'] },
    ]);
    const b16 = rows(['Address               State    Source   ReferencedBy', '10.61.5.40:8443/TCP   active   k8s      web/front, web/admin']);
    expect(b16[0]!.typed).toEqual({ table: 'backends', address: '10.61.5.40:8443/TCP', state: 'active', services: ['web/front', 'web/admin'] });
  });

  it('names a table by the command when its header is not a known one, and keeps every cell of an unknown table', () => {
    const out = records(['Prefix      DeviceMTU   RouteMTU   RoutePostEncryptMTU', '::/0        9000        8950       8950'], 'cilium-dbg shell -- db/show mtu');
    expect(out).toEqual([
      { kind: 'statedb-header', table: 'mtu', form: 'table', columns: ['Prefix', 'DeviceMTU', 'RouteMTU', 'RoutePostEncryptMTU'] },
      { kind: 'statedb-row', table: 'mtu', form: 'table', values: { Prefix: '::/0', DeviceMTU: '9000', RouteMTU: '8950', RoutePostEncryptMTU: '8950' }, typed: null },
    ]);
    const unnamed = records(['Zone      Weight   Hosts', 'eu-w1a    3        7']);
    expect(unnamed[1]).toMatchObject({ table: null, values: { Zone: 'eu-w1a', Weight: '3', Hosts: '7' } });
  });

  it('reads a row whose padding was collapsed when it has one value per column, refuses one that fits nowhere', () => {
    const results = feed(['Address          NodePort   Primary   DeviceName', '10.9.0.4 true true eth1', '10.9.0.5 true eth1']);
    expect(results[1]).toMatchObject({ ok: true, records: [{ typed: { address: '10.9.0.4', primary: true, device: 'eth1' } }] });
    expect(results[2]).toEqual({ ok: false, reason: 'statedb: the row does not fit the 4 columns of the node-addresses header' });
  });

  it('keeps a cell holding two spaces whole when it starts under its column', () => {
    const [row] = rows(['Address    Type        Status   Error', '10.1.0.9   ClusterIP   Error    dial  refused: x']);
    expect(row!.values).toEqual({ Address: '10.1.0.9', Type: 'ClusterIP', Status: 'Error', Error: 'dial  refused: x' });
  });
});

describe('StateDB JSON', () => {
  it('reads `statedb dump`: every table, empty ones, routes and frontends with their backends', () => {
    const out = records([
      '{',
      '  "frontends": [',
      '    {"Address":"10.43.0.10:53/UDP","Type":"ClusterIP","ServiceName":{"Name":"kube-dns","Namespace":"kube-system"},"PortName":"dns","ServicePort":53,"Backends":[{"Address":"10.61.4.102:53/UDP","State":0},{"Address":"10.61.5.33:53/UDP","State":1}],"ID":4,"Status":{"Kind":"Done","UpdatedAt":"2025-03-10T14:10:02Z","Error":""}}',
      '  ],',
      '  "l2-announce": [',
      '  ],',
      '  "routes": [',
      '    {"Table":254,"LinkIndex":2,"Scope":0,"Dst":"0.0.0.0/0","Src":"","Gw":"10.200.14.1"},',
      '    {"Table":255,"LinkIndex":4,"Scope":254,"Dst":"10.61.4.17/32","Src":"10.61.4.17","Gw":""}',
      '  ]',
      '}',
    ]);
    expect(out.map((r) => [r.kind, r.table])).toEqual([
      ['statedb-header', 'frontends'], ['statedb-row', 'frontends'], ['statedb-header', 'l2-announce'],
      ['statedb-header', 'routes'], ['statedb-row', 'routes'], ['statedb-row', 'routes'],
    ]);
    const typed = out.flatMap((r) => (r.kind === 'statedb-row' ? [r.typed] : []));
    expect(typed).toEqual([
      {
        table: 'frontends', address: '10.43.0.10:53/UDP', type: 'ClusterIP', service: 'kube-system/kube-dns', portName: 'dns', status: 'Done',
        backends: [{ address: '10.61.4.102:53/UDP', state: 'active' }, { address: '10.61.5.33:53/UDP', state: 'terminating' }],
      },
      { table: 'routes', dst: '0.0.0.0/0', src: null, gateway: '10.200.14.1', linkIndex: 2, routeTable: 254, scope: 0 },
      { table: 'routes', dst: '10.61.4.17/32', src: '10.61.4.17', gateway: null, linkIndex: 4, routeTable: 255, scope: 254 },
    ]);
  });

  it('reads 1.17’s `-o json` (one object per line) and 1.18’s `--format=json` (pretty-printed) of one table', () => {
    const compact = rows(['{"Addr":"10.9.0.4","NodePort":true,"Primary":true,"DeviceName":"eth1"}'], 'cilium-dbg statedb node-addresses -o json');
    expect(compact[0]!.typed).toEqual({ table: 'node-addresses', address: '10.9.0.4', nodePort: true, primary: true, device: 'eth1' });
    const pretty = feed(
      ['{', '  "Addr": "10.9.0.4",', '  "NodePort": true,', '  "Primary": false,', '  "DeviceName": "eth1"', '}', '{', '  "Addr": "10.9.0.7",', '  "DeviceName": "eth2"', '}'],
      'cilium-dbg shell -- db/show --format=json node-addresses',
    );
    expect(pretty.every((r) => r.ok)).toBe(true);
    const read = pretty.flatMap((r) => (r.ok ? (r.records as StatedbRow[]) : []));
    expect(read.map((r) => [r.typed, r.firstLine])).toEqual([
      [{ table: 'node-addresses', address: '10.9.0.4', nodePort: true, primary: false, device: 'eth1' }, 1],
      [{ table: 'node-addresses', address: '10.9.0.7', nodePort: null, primary: null, device: 'eth2' }, 7],
    ]);
  });

  it('says which object does not parse, and which one the input cut off', () => {
    const results = feed(['{', '  "Addr": "10.9.0.4",', '  "NodePort": tru', '}'], 'cilium-dbg shell -- db/show --format=json node-addresses');
    expect(results[3]).toEqual({ ok: false, reason: 'statedb: the JSON object from line 1 does not parse' });
    const session = statedbGrammar.open();
    session.onCommand!('cilium-dbg shell -- db/show --format=json devices');
    ['{', '  "Name": "eth1",'].forEach((text, i) => session.feed({ source: 'test', line: i + 4, segment: 0, text, context: {} }));
    expect(session.end!()).toEqual({ cutOff: 'the JSON object from line 4 is cut off' });
  });
});

describe('StateDB lines among other text', () => {
  it('are recognised after their command, by a known header, and by a dump’s table lines; prose after them is not a row', () => {
    const sniffer = new Sniffer();
    const lines = [
      'root@lynx-b2:/home/cilium# cilium-dbg shell -- db/show l2-announce',
      'IP             NetworkInterface',
      '10.200.14.99   bond0',
      'After the failover this node stopped announcing the address.',
      'Destination   Source   Gateway       LinkIndex   Table   Scope',
      '0.0.0.0/0              10.200.14.1   2           254     0',
      '  "node-addresses": [',
      '    {"Addr":"10.200.14.5","NodePort":true,"Primary":true,"DeviceName":"bond0"}',
      '  ]',
    ];
    expect(lines.map((l) => sniffer.classify(l))).toEqual(['shell', 'statedb', 'statedb', 'prose', 'statedb', 'statedb', 'statedb', 'statedb', 'statedb']);
  });
});
