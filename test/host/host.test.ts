import { describe, expect, it } from 'vitest';
import { hostGrammar } from '../../grammars/host.js';
import { hostCommandContext } from '../../grammars/shell.js';
import { analyzeText } from '../helpers/analyze.js';
import { ofKind, recordsOf } from '../kubernetes/helpers.js';

describe('iproute2 dumps', () => {
  it('reads routes of every table with their attributes, types and next hops', () => {
    const routes = ofKind(
      recordsOf(hostGrammar, [
        'default proto bird metric 32',
        '\tnexthop via 172.31.8.1 dev bond0.201 weight 1',
        '\tnexthop via 172.31.9.1 dev bond0.202 weight 1',
        '10.61.4.0/26 via 10.61.4.17 dev cilium_host proto kernel src 10.61.4.17 mtu 8950',
        'blackhole 10.61.5.0/26 proto bird',
        'local 10.61.4.17 dev cilium_host table local proto kernel scope host src 10.61.4.17',
        'fd00:61:4::/112 dev cilium_host proto kernel metric 256 mtu lock 1420 pref medium',
      ]),
      'host-route',
    );
    expect(routes.map((r) => [r.type, r.dst, r.via, r.dev, r.table, r.proto, r.mtu])).toEqual([
      ['unicast', 'default', null, null, null, 'bird', null],
      ['unicast', 'default', '172.31.8.1', 'bond0.201', null, 'bird', null],
      ['unicast', 'default', '172.31.9.1', 'bond0.202', null, 'bird', null],
      ['unicast', '10.61.4.0/26', '10.61.4.17', 'cilium_host', null, 'kernel', 8950],
      ['blackhole', '10.61.5.0/26', null, null, null, 'bird', null],
      ['local', '10.61.4.17', null, 'cilium_host', 'local', 'kernel', null],
      ['unicast', 'fd00:61:4::/112', null, 'cilium_host', null, 'kernel', 1420],
    ]);
    expect(routes[5]).toMatchObject({ scope: 'host', src: '10.61.4.17' });
  });

  it('reads devices with MAC, kind, VNI, port, external flag and addresses', () => {
    const records = recordsOf(hostGrammar, [
      '5: cilium_geneve: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8950 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
      '    link/ether 0e:8d:41:22:b0:9c brd ff:ff:ff:ff:ff:ff promiscuity 0 allmulti 0 minmtu 68 maxmtu 65485',
      '    geneve external id 0 ttl auto dstport 6081 udp6zerocsumrx addrgenmode eui64 numtxqueues 1 numrxqueues 1',
      '11: lxc_health@if10: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8950 qdisc noqueue state UP group default qlen 1000',
      '    link/ether 7a:0d:33:e1:19:6a brd ff:ff:ff:ff:ff:ff link-netnsid 1',
      '    inet6 fe80::780d:33ff:fee1:196a/64 scope link',
      '       valid_lft forever preferred_lft forever',
      '12: cilium_wg0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 8870 qdisc noqueue state UNKNOWN mode DEFAULT group default',
      '    link/none  promiscuity 0',
      '    wireguard addrgenmode none numtxqueues 1',
    ]);
    expect(ofKind(records, 'host-link').map((l) => [l.ifindex, l.name, l.peer, l.mtu, l.state])).toEqual([
      [5, 'cilium_geneve', null, 8950, 'UNKNOWN'],
      [11, 'lxc_health', 'if10', 8950, 'UP'],
      [12, 'cilium_wg0', null, 8870, 'UNKNOWN'],
    ]);
    const details = ofKind(records, 'host-link-detail');
    expect(details.find((d) => d.linkKind === 'geneve')).toMatchObject({ ifindex: 5, vni: 0, port: 6081, external: true });
    expect(details.find((d) => d.mac === '7a:0d:33:e1:19:6a')).toMatchObject({ ifindex: 11 });
    expect(details.find((d) => d.address)).toMatchObject({ ifindex: 11, address: 'fe80::780d:33ff:fee1:196a/64' });
    expect(details.find((d) => d.linkKind === 'wireguard')).toMatchObject({ ifindex: 12 });
  });

  it('reads policy routing rules', () => {
    const rules = ofKind(recordsOf(hostGrammar, ['9:\tfrom all fwmark 0x200/0xf00 lookup 2004', '100:\tfrom all lookup local', '32766:\tfrom all lookup main']), 'host-rule');
    expect(rules.map((r) => [r.priority, r.selector, r.table])).toEqual([
      [9, 'from all fwmark 0x200/0xf00', '2004'],
      [100, 'from all', 'local'],
      [32766, 'from all', 'main'],
    ]);
  });

  it('does not take prose that mentions a protocol after a number', () => {
    expect(hostGrammar.open().feed({ source: 't', line: 1, segment: 0, text: '4. the L3 proto is IPv4 here', context: {} }).ok).toBe(false);
  });
});

describe('which node and network namespace printed a dump', () => {
  it.each([
    ['ip -4 route show table all', { pod: null, netns: 'host' }],
    ['nsenter -t 23810 -n ip route', { pod: null, netns: 'pid/23810' }],
    ['ip netns exec cni-7f1a2 ip -d link', { pod: null, netns: 'netns/cni-7f1a2' }],
    ['ip -n cni-7f1a2 addr', { pod: null, netns: 'netns/cni-7f1a2' }],
    ['kubectl -n kube-system exec cilium-9xq2w -c cilium-agent -- ip route', { pod: 'cilium-9xq2w', netns: 'host' }],
    ['kubectl exec -it web-5f7b9-2kq4d -- ip addr', { pod: 'web-5f7b9-2kq4d', netns: 'pod/web-5f7b9-2kq4d' }],
  ])('%s', (command, expected) => {
    expect(hostCommandContext(command)).toEqual(expected);
  });

  it('a node shell dump belongs to the prompt host; a dump in a pod to the pod node', async () => {
    const report = await analyzeText(
      [
        'NAME          READY   STATUS    RESTARTS   AGE   IP            NODE      NOMINATED NODE   READINESS GATES',
        'web-5f7b9-2kq4d   1/1     Running   0          3h    10.77.2.14    gpu-02    <none>           <none>',
        '[admin@gpu-01 ~]$ ip route',
        '10.77.2.0/24 via 10.77.1.9 dev cilium_host proto kernel src 10.77.1.9 mtu 1450',
        '[admin@gpu-01 ~]$ kubectl exec -it web-5f7b9-2kq4d -- ip route',
        'default via 10.77.2.201 dev eth0 mtu 1450',
      ].join('\n') + '\n',
    );
    expect(report.routes.map((r) => [r.node, r.netns, r.dst, r.mtu])).toEqual([
      ['gpu-01', 'host', '10.77.2.0/24', 1450],
      ['gpu-02', 'pod/web-5f7b9-2kq4d', 'default', 1450],
    ]);
  });
});
