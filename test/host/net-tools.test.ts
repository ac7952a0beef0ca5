import { describe, expect, it } from 'vitest';
import { hostCommandContext } from '../../grammars/shell.js';
import { analyzeWithDb, tempFile } from '../helpers/analyze.js';

/** A support paste made with net-tools and busybox: in a pod, in a netns entered by pid, on the node. */
const PASTE = [
  'NAME               READY   STATUS    RESTARTS   AGE   IP            NODE      NOMINATED NODE   READINESS GATES',
  'shop-7c9d4-x2p8q   1/1     Running   0          3h    10.88.3.57    gpu-07    <none>           <none>',
  '[ops@gpu-07 ~]$ kubectl exec -it shop-7c9d4-x2p8q -- route -n',
  'Kernel IP routing table',
  'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface',
  '0.0.0.0         10.88.3.1       0.0.0.0         UG    0      0        0 eth0',
  '10.88.3.1       0.0.0.0         255.255.255.255 UH    0      0        0 eth0',
  '[ops@gpu-07 ~]$ kubectl exec -it shop-7c9d4-x2p8q -- ifconfig eth0',
  'eth0      Link encap:Ethernet  HWaddr 7E:51:0B:C4:9D:21',
  '          inet addr:10.88.3.57  Bcast:0.0.0.0  Mask:255.255.255.255',
  '          UP BROADCAST RUNNING MULTICAST  MTU:1450  Metric:1',
  '          RX packets:1204 errors:0 dropped:0 overruns:0 frame:0',
  '[ops@gpu-07 ~]$ ifconfig cilium_host',
  'cilium_host: flags=4291<UP,BROADCAST,RUNNING,NOARP,MULTICAST>  mtu 1500',
  '        inet 10.88.3.1  netmask 255.255.255.255  broadcast 0.0.0.0',
  '        ether 6a:0c:2e:71:f4:08  txqueuelen 1000  (Ethernet)',
  '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0',
  '[ops@gpu-07 ~]$ sudo nsenter -t 31337 -n arp -an',
  '? (10.88.3.1) at 3e:b8:44:10:9a:c2 [ether] on eth0',
  '[ops@gpu-07 ~]$ kubectl exec -it shop-7c9d4-x2p8q -- ping -c 5 10.88.9.14',
  '--- 10.88.9.14 ping statistics ---',
  '5 packets transmitted, 3 packets received, 40% packet loss',
  'round-trip min/avg/max = 0.310/0.402/0.518 ms',
  '[ops@gpu-07 ~]$ kubectl exec -it shop-7c9d4-x2p8q -- curl -i http://10.96.18.3:8080/',
  'HTTP/1.1 503 Service Unavailable',
  'content-length: 19',
  'server: envoy',
];

describe('net-tools and client output in a paste', () => {
  it('places routes, devices and neighbours where the command ran, with the line of each fact', async () => {
    const { report, db } = await analyzeWithDb(['-'], `${PASTE.join('\n')}\n`);
    try {
      expect(report.inputs[0]).toMatchObject({ lines: PASTE.length, unparsed: 0 });
      expect(report.routes.map((r) => [r.node, r.netns, r.dst, r.via, r.dev, r.evidence[0]!.line])).toEqual([
        ['gpu-07', 'pod/shop-7c9d4-x2p8q', 'default', '10.88.3.1', 'eth0', 6],
        ['gpu-07', 'pod/shop-7c9d4-x2p8q', '10.88.3.1', null, 'eth0', 7],
      ]);
      const links = report.links.map((l) => ({ node: l.node, netns: l.netns, name: l.name, mtu: l.mtu, mac: l.mac, addresses: l.addresses, lines: l.evidence.map((e) => e.line) }));
      expect(links).toEqual([
        // The old layout's MTU is on its flags line, which joins the evidence.
        { node: 'gpu-07', netns: 'pod/shop-7c9d4-x2p8q', name: 'eth0', mtu: 1450, mac: '7e:51:0b:c4:9d:21', addresses: ['10.88.3.57/32'], lines: [9, 11] },
        { node: 'gpu-07', netns: 'host', name: 'cilium_host', mtu: 1500, mac: '6a:0c:2e:71:f4:08', addresses: ['10.88.3.1/32'], lines: [14] },
      ]);
      expect(report.neighbours).toEqual([
        { node: 'gpu-07', netns: 'pid/31337', address: '10.88.3.1', mac: '3e:b8:44:10:9a:c2', dev: 'eth0', state: null, evidence: [{ source: '-', line: 19 }] },
      ]);
      const q = (sql: string): unknown[] => db.prepare(sql).all();
      expect(q('SELECT pod, target, transmitted, received, loss_percent, rtt_min, rtt_avg, rtt_max, rtt_mdev, line FROM ping_summaries')).toEqual([
        { pod: 'shop-7c9d4-x2p8q', target: '10.88.9.14', transmitted: 5, received: 3, loss_percent: 40, rtt_min: 0.31, rtt_avg: 0.402, rtt_max: 0.518, rtt_mdev: null, line: 22 },
      ]);
      expect(q('SELECT pod, status, reason, line FROM http_responses')).toEqual([
        { pod: 'shop-7c9d4-x2p8q', status: 503, reason: 'Service Unavailable', line: 25 },
      ]);
    } finally {
      db.close();
    }
  });

  it('fills a round-trip line only into the summary just before it', async () => {
    const lines = [
      '--- 10.1.0.9 ping statistics ---',
      '2 packets transmitted, 0 received, 100% packet loss, time 1012ms',
      '',
      'rtt min/avg/max/mdev = 0.1/0.2/0.3/0.05 ms',
    ];
    const { db } = await analyzeWithDb(['-'], `${lines.join('\n')}\n`);
    try {
      expect(db.prepare('SELECT received, rtt_min FROM ping_summaries').all()).toEqual([{ received: 0, rtt_min: null }]);
    } finally {
      db.close();
    }
  });

  it.each([
    ['bash nsenter.sh 061adb799d0c -n route -n', { pod: null, netns: 'container/061adb799d0c' }],
    ['kubectl exec -it web-5f7b9-2kq4d — ifconfig', { pod: 'web-5f7b9-2kq4d', netns: 'pod/web-5f7b9-2kq4d' }],
    ['netstat -rn', { pod: null, netns: 'host' }],
    ['ip netns exec cni-7f1a2 arp -n', { pod: null, netns: 'netns/cni-7f1a2' }],
    ['kubectl get pods', null],
  ])('%s', (command, expected) => {
    expect(hostCommandContext(command)).toEqual(expected);
  });
});

describe('a route table whose line breaks a chat tool removed', () => {
  it('is split back into its rows by the header, on the prompt host as its node name', async () => {
    const flattened =
      '[admin@EDGE-WORKER-04 ~]# netstat -rn Kernel IP routing table Destination Gateway Genmask Flags MSS Window irtt Iface ' +
      '0.0.0.0 192.168.70.1 0.0.0.0 UG 0 0 0 ens3 192.168.70.0 0.0.0.0 255.255.255.0 U 0 0 0 ens3 ' +
      '10.140.3.0 10.140.9.17 255.255.255.0 UG 0 0 0 cilium_host 10.140.9.17 0.0.0.0 255.255.255.255 UH 0 0 0 cilium_host ' +
      'and that was all of it.';
    const { report, db } = await analyzeWithDb([tempFile('flat-routes.txt', flattened)]);
    db.close();
    expect(report.routes.map((r) => [r.node, r.netns, r.dst, r.via, r.dev, r.evidence[0]!.line])).toEqual([
      ['edge-worker-04', 'host', 'default', '192.168.70.1', 'ens3', 1],
      ['edge-worker-04', 'host', '192.168.70.0/24', null, 'ens3', 1],
      ['edge-worker-04', 'host', '10.140.3.0/24', '10.140.9.17', 'cilium_host', 1],
      ['edge-worker-04', 'host', '10.140.9.17', null, 'cilium_host', 1],
    ]);
    expect(report.inputs[0]!.unparsed).toBe(0);
  });
});

describe('an ifconfig whose line breaks a chat tool removed', () => {
  it('is split back into device and detail lines, each device with its own MTU, MAC and addresses', async () => {
    const flattened =
      'admin@edge-worker-05:~$ ifconfig cilium_host: flags=4291<UP,BROADCAST,RUNNING,NOARP,MULTICAST> mtu 1450 ' +
      'inet 10.141.2.9 netmask 255.255.255.255 broadcast 0.0.0.0 inet6 fe80::48a1:7ff:fe3c:2210 prefixlen 64 scopeid 0x20<link> ' +
      'ether 4a:a1:07:3c:22:10 txqueuelen 1000 (Ethernet) RX packets 812 bytes 60417 (59.0 KiB) RX errors 0 dropped 0 overruns 0 frame 0 ' +
      'TX packets 77 bytes 5310 (5.1 KiB) TX errors 0 dropped 0 overruns 0 carrier 0 collisions 0 ' +
      'cilium_geneve: flags=4163<UP,BROADCAST,RUNNING,MULTICAST> mtu 1450 ether 7e:02:6b:11:d0:4f txqueuelen 1000 (Ethernet) ' +
      'RX packets 3 bytes 180 (180.0 B) RX errors 0 dropped 0 overruns 0 frame 0';
    const { report, db } = await analyzeWithDb([tempFile('flat-ifconfig.txt', flattened)]);
    db.close();
    expect(report.links.map((l) => [l.node, l.netns, l.name, l.mtu, l.mac, l.addresses])).toEqual([
      ['edge-worker-05', 'host', 'cilium_host', 1450, '4a:a1:07:3c:22:10', ['10.141.2.9/32', 'fe80::48a1:7ff:fe3c:2210/64']],
      ['edge-worker-05', 'host', 'cilium_geneve', 1450, '7e:02:6b:11:d0:4f', []],
    ]);
    expect(report.inputs[0]!.unparsed).toBe(0);
  });
});
