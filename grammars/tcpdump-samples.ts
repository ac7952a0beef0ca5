/**
 * The tcpdump family's documented samples: tcpdump's own lines, every timestamp option, the
 * `-i any` columns (LINUX_SLL2, and LINUX_SLL with -e), `-e` link layers with 802.1Q tags, the
 * -v / -vv IPv4 and IPv6 forms with their continuation lines, TCP, UDP, ICMP, ICMPv6, ARP, DNS,
 * HTTP, IPv4 fragments, VXLAN (also printed as OTV), Geneve and VXLAN-GPE with their inner frames,
 * and the -x / -X / -A payload lines, each with the records it parses into (checked by
 * test/grammars). Addresses: nodes 192.168.60.11/.12, pods 10.16.1.23 and 10.16.2.40, the DNS
 * service 10.112.0.10.
 */
import type { GrammarSample } from '../src/types/grammar.js';

const packet = 'tcpdump-packet' as const;
const detail = 'tcpdump-detail' as const;
const status = 'tcpdump-status' as const;

export const samples: readonly GrammarSample[] = [
  // ---- tcpdump's own lines (stderr) -----------------------------------------------------------
  {
    lines: [
      'tcpdump: data link type LINUX_SLL2',
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode',
      'listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes',
    ],
    records: [
      { kind: status, status: 'message' },
      { kind: status, status: 'verbose-suppressed' },
      { kind: status, status: 'listening', iface: 'any', linkType: 'LINUX_SLL2' },
    ],
  },
  // 4.9 says `capture size`; `-r` names the file it reads.
  {
    lines: [
      'listening on ens5, link-type EN10MB (Ethernet), capture size 262144 bytes',
      'reading from file /tmp/node-b.pcap, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144',
    ],
    records: [
      { kind: status, status: 'listening', iface: 'ens5', linkType: 'EN10MB' },
      { kind: status, status: 'listening', iface: '/tmp/node-b.pcap', linkType: 'LINUX_SLL2' },
    ],
  },
  {
    lines: ['^C', '214 packets captured', '231 packets received by filter', '3 packets dropped by kernel'],
    records: [
      { kind: status, status: 'interrupted' },
      { kind: status, status: 'packets-captured', count: 214 },
      { kind: status, status: 'packets-received', count: 231 },
      { kind: status, status: 'packets-dropped', count: 3 },
    ],
  },
  // The terminal's `^C` echoed in front of the first count.
  {
    lines: ['^C9 packets captured', '2 packets dropped by interface'],
    records: [
      { kind: status, status: 'packets-captured', count: 9 },
      { kind: status, status: 'packets-dropped', count: 2 },
    ],
  },

  // ---- timestamps and TCP sequence numbers ----------------------------------------------------
  // Default time of day. Without -S only the first segments are absolute: the others are relative
  // to the conversation's initial sequence numbers, recovered by replaying tcpdump's rule.
  {
    lines: [
      '14:02:17.412086 IP 10.16.1.23.51740 > 10.16.2.40.8080: Flags [S], seq 1029384756, win 64860, options [mss 1410,sackOK,TS val 3311224455 ecr 0,nop,wscale 7], length 0',
      '14:02:17.412390 IP 10.16.2.40.8080 > 10.16.1.23.51740: Flags [S.], seq 2804611923, ack 1029384757, win 64308, options [mss 1410,sackOK,TS val 917245101 ecr 3311224455,nop,wscale 7], length 0',
      '14:02:17.412431 IP 10.16.1.23.51740 > 10.16.2.40.8080: Flags [.], ack 1, win 507, options [nop,nop,TS val 3311224456 ecr 917245101], length 0',
      '14:02:17.412502 IP 10.16.1.23.51740 > 10.16.2.40.8080: Flags [P.], seq 1:88, ack 1, win 507, options [nop,nop,TS val 3311224456 ecr 917245101], length 87: HTTP: GET /api/v1/orders HTTP/1.1',
      '14:02:17.415877 IP 10.16.2.40.8080 > 10.16.1.23.51740: Flags [P.], seq 1:1449, ack 88, win 503, options [nop,nop,TS val 917245104 ecr 3311224456], length 1448: HTTP: HTTP/1.1 200 OK',
      '14:02:17.415901 IP 10.16.2.40.8080 > 10.16.1.23.51740: Flags [P.], seq 1449:2013, ack 88, win 503, options [nop,nop,TS val 917245104 ecr 3311224456], length 564: HTTP',
      '14:02:17.416950 IP 10.16.1.23.51740 > 10.16.2.40.8080: Flags [F.], seq 88, ack 2013, win 501, options [nop,nop,TS val 3311224461 ecr 917245104], length 0',
      '14:02:17.417102 IP 10.16.2.40.8080 > 10.16.1.23.51740: Flags [R.], seq 2013, ack 89, win 503, length 0',
    ],
    records: [
      {
        kind: packet, line: 1, ts: { kind: 'time-of-day', printed: '14:02:17.412086', seconds: 50537.412086 },
        l3: 'IPv4', src: '10.16.1.23', sport: 51740, dst: '10.16.2.40', dport: 8080, l4: 'TCP',
        tcp: {
          flags: 'S', seq: 1029384756, seqAbsolute: 1029384756, win: 64860, mss: 1410, sackOk: true, tsVal: 3311224455, tsEcr: 0,
          wscale: 7, length: 0, optionsText: 'mss 1410,sackOK,TS val 3311224455 ecr 0,nop,wscale 7',
          options: [{ kind: 'mss', value: 1410 }, { kind: 'sackOK' }, { kind: 'TS', val: 3311224455, ecr: 0 }, { kind: 'nop' }, { kind: 'wscale', value: 7 }],
        },
      },
      { kind: packet, line: 2, tcp: { flags: 'S.', seq: 2804611923, seqAbsolute: 2804611923, ack: 1029384757, ackAbsolute: 1029384757 } },
      { kind: packet, line: 3, tcp: { flags: '.', ack: 1, ackAbsolute: 2804611924, win: 507 } },
      {
        kind: packet, line: 4,
        tcp: { flags: 'P.', seq: 1, seqEnd: 88, seqAbsolute: 1029384757, ackAbsolute: 2804611924, length: 87, http: { firstLine: 'GET /api/v1/orders HTTP/1.1' } },
      },
      { kind: packet, line: 5, tcp: { seqAbsolute: 2804611924, ackAbsolute: 1029384844, length: 1448, http: { firstLine: 'HTTP/1.1 200 OK' } } },
      { kind: packet, line: 6, tcp: { seq: 1449, seqEnd: 2013, seqAbsolute: 2804613372, payload: 'HTTP', http: {} } },
      { kind: packet, line: 7, tcp: { flags: 'F.', seqAbsolute: 1029384844, ackAbsolute: 2804613936 } },
      { kind: packet, line: 8, tcp: { flags: 'R.', seqAbsolute: 2804613936, ackAbsolute: 1029384845, win: 503, length: 0 } },
    ],
  },
  // -S prints every number absolute; the command says so.
  {
    command: 'tcpdump -nnS -i eth0 tcp port 5432',
    lines: [
      '09:12:40.000311 IP 10.16.1.23.45502 > 10.16.2.40.5432: Flags [S], seq 3855012001, win 64860, options [mss 1410,sackOK,TS val 1200 ecr 0,nop,wscale 7], length 0',
      '09:12:40.000702 IP 10.16.2.40.5432 > 10.16.1.23.45502: Flags [S.], seq 611200450, ack 3855012002, win 64308, options [mss 1410,sackOK,TS val 8811 ecr 1200,nop,wscale 7], length 0',
      '09:12:40.000733 IP 10.16.1.23.45502 > 10.16.2.40.5432: Flags [P.], seq 3855012002:3855012043, ack 611200451, win 507, length 41',
    ],
    records: [
      { kind: packet, tcp: { flags: 'S', seqAbsolute: 3855012001 } },
      { kind: packet, tcp: { flags: 'S.', seqAbsolute: 611200450, ackAbsolute: 3855012002 } },
      { kind: packet, tcp: { flags: 'P.', seq: 3855012002, seqEnd: 3855012043, seqAbsolute: 3855012002, ackAbsolute: 611200451, length: 41 } },
    ],
  },
  // -tt: seconds since the epoch.
  {
    lines: ['1718899337.412086 IP 10.16.1.23.40123 > 10.16.2.40.9999: UDP, length 12'],
    records: [{
      kind: packet, ts: { kind: 'epoch', printed: '1718899337.412086', seconds: 1718899337.412086 },
      src: '10.16.1.23', sport: 40123, dst: '10.16.2.40', dport: 9999, l4: 'UDP', udp: { length: 12 },
    }],
  },
  // -tttt: date and time (read as UTC); --nano prints nine digits.
  {
    lines: [
      '2024-06-20 16:02:17.412086 IP 10.16.1.23.40123 > 10.16.2.40.9999: UDP, length 12',
      '16:02:17.412086123 IP 10.16.1.23.40123 > 10.16.2.40.9999: UDP, length 12',
    ],
    records: [
      { kind: packet, ts: { kind: 'date-time', printed: '2024-06-20 16:02:17.412086', seconds: 1718899337.412086 } },
      { kind: packet, ts: { kind: 'time-of-day', printed: '16:02:17.412086123', seconds: 57737.412086123 } },
    ],
  },
  // -ttt: the delta to the previous packet in the sign column (`-` when negative); -q: `tcp N`.
  {
    command: 'tcpdump -ttt -nnq -i lxc6e2d903bc4 port 8080',
    lines: [
      ' 00:00:00.000000 IP 10.16.1.23.51744 > 10.16.2.40.8080: tcp 0',
      ' 00:00:00.000304 IP 10.16.2.40.8080 > 10.16.1.23.51744: tcp 0',
      '-00:00:00.000002 IP 10.16.1.23.51744 > 10.16.2.40.8080: tcp 0',
      ' 00:00:01.250117 IP 10.16.1.23.51744 > 10.16.2.40.8080: tcp 87',
    ],
    records: [
      { kind: packet, ts: { kind: 'delta', printed: '00:00:00.000000', seconds: 0, reference: 'previous' }, l4: 'TCP', tcp: { flags: '', length: 0 } },
      { kind: packet, ts: { kind: 'delta', seconds: 0.000304, reference: 'previous' }, sport: 8080 },
      { kind: packet, ts: { kind: 'delta', printed: '-00:00:00.000002', seconds: -0.000002 } },
      { kind: packet, ts: { kind: 'delta', seconds: 1.250117 }, tcp: { length: 87 } },
    ],
  },
  // -ttttt: the delta to the first packet.
  {
    command: 'tcpdump -nn -ttttt -i eth0 icmp',
    lines: [
      ' 00:00:00.000000 IP 10.16.1.23 > 10.16.2.40: ICMP echo request, id 4021, seq 1, length 64',
      ' 00:00:01.000412 IP 10.16.1.23 > 10.16.2.40: ICMP echo request, id 4021, seq 2, length 64',
    ],
    records: [
      { kind: packet, ts: { kind: 'delta', seconds: 0, reference: 'first' }, icmp: { seq: 1 } },
      { kind: packet, ts: { kind: 'delta', seconds: 1.000412, reference: 'first' }, icmp: { seq: 2 } },
    ],
  },
  // -t: no stamp; the packet starts with its protocol.
  {
    lines: [
      'IP 10.16.1.23.40123 > 10.16.2.40.9999: UDP, length 12',
      'IP6 fd00:16:1::17.40123 > fd00:16:2::28.9999: UDP, length 12',
      'ARP, Request who-has 10.16.1.1 tell 10.16.1.23, length 28',
    ],
    records: [
      { kind: packet, ts: null, l3: 'IPv4', src: '10.16.1.23', dport: 9999 },
      { kind: packet, ts: null, l3: 'IPv6', src: 'fd00:16:1::17', sport: 40123, dst: 'fd00:16:2::28', dport: 9999, udp: { length: 12 } },
      { kind: packet, ts: null, l3: 'ARP', arp: { op: 'request', tpa: '10.16.1.1', spa: '10.16.1.23' } },
    ],
  },
  // -# (--number): the packet's number right-aligned in 5 columns and two spaces before the stamp
  // (the -ttt sign column after them), or before the protocol with -t; a -v second line has none.
  {
    command: 'tcpdump -# -nn -v -i eth0 udp port 53',
    lines: [
      '    9  16:02:18.004417 IP (tos 0x0, ttl 64, id 2231, offset 0, flags [DF], proto UDP (17), length 61)',
      '    10.16.1.23.38211 > 10.112.0.10.53: 5120+ A? db.internal. (33)',
      '   10   00:00:00.000212 IP 10.16.2.40.53 > 10.16.1.23.38211: UDP, length 49',
      '  311  IP6 fd00:16:1::17.40123 > fd00:16:2::28.9999: UDP, length 12',
      '123456  ARP, Request who-has 10.16.1.1 tell 10.16.1.23, length 28',
    ],
    records: [
      { kind: packet, number: 9, ts: { kind: 'time-of-day', printed: '16:02:18.004417' }, src: '10.16.1.23', dport: 53, dns: { id: 5120, qname: 'db.internal.' } },
      { kind: packet, number: 10, ts: { kind: 'delta', printed: '00:00:00.000212' }, sport: 53, udp: { length: 49 } },
      { kind: packet, number: 311, ts: null, l3: 'IPv6', dst: 'fd00:16:2::28' },
      { kind: packet, number: 123456, ts: null, l3: 'ARP', arp: { op: 'request', tpa: '10.16.1.1', spa: '10.16.1.23' } },
    ],
  },
  // Without -n: host names (reverse DNS, /etc/hosts) instead of addresses, service names instead of
  // ports; a name's port is its last dot-separated part when the protocol has ports. -N strips the
  // domain. The address behind a name is not in the text.
  {
    command: 'tcpdump -i eth0 port 443 or port 53 or icmp or arp',
    lines: [
      '09:12:44.310021 IP ip-10-16-1-23.eu-west-1.compute.internal.52116 > kubernetes.default.svc.cluster.local.https: Flags [S], seq 4100, win 64240, options [mss 8961], length 0',
      '09:12:44.310311 IP 10.16.1.23.41907 > kube-dns.kube-system.svc.cluster.local.domain: 61002+ A? shop.internal. (31)',
      '09:12:44.310422 IP6 node-b.40123 > node-a.http-alt: Flags [S], seq 9, win 64800, length 0',
      '09:12:44.311007 IP node-b > 10.16.2.40: ICMP node-b udp port 33434 unreachable, length 36',
      '09:12:44.311200 ARP, Request who-has gw-a tell node-b, length 28',
    ],
    records: [
      { kind: packet, srcName: 'ip-10-16-1-23.eu-west-1.compute.internal', sport: 52116, dstName: 'kubernetes.default.svc.cluster.local', dport: 443, dportName: 'https', l4: 'TCP' },
      { kind: packet, src: '10.16.1.23', sport: 41907, dstName: 'kube-dns.kube-system.svc.cluster.local', dport: 53, dportName: 'domain', dns: { id: 61002, qtype: 'A' } },
      { kind: packet, l3: 'IPv6', srcName: 'node-b', sport: 40123, dstName: 'node-a', dport: 8080, dportName: 'http-alt' },
      { kind: packet, srcName: 'node-b', dst: '10.16.2.40', l4: 'ICMP', icmp: { kind: 'port unreachable', quoted: { dstName: 'node-b', proto: 'UDP', dport: 33434 } } },
      { kind: packet, l3: 'ARP', srcName: 'node-b', dstName: 'gw-a', arp: { op: 'request', length: 28 } },
    ],
  },
  // 5.x flags a fraction out of range and prints the packet anyway.
  {
    lines: ['16:02:18.1000000 (invalid us) IP 10.16.1.23.40123 > 10.16.2.40.9999: UDP, length 12'],
    records: [{ kind: packet, ts: { kind: 'time-of-day', printed: '16:02:18.1000000' }, src: '10.16.1.23', udp: { length: 12 } }],
  },

  // ---- -i any: the LINUX_SLL2 interface and packet-type columns ----------------------------------
  {
    lines: [
      '09:41:05.118204 lxc6e2d903bc4 In  IP 10.16.1.23.38211 > 10.112.0.10.53: 17342+ A? orders.shop.svc.cluster.local. (47)',
      '09:41:05.118390 eth0  Out IP 192.168.60.11.8472 > 192.168.60.12.8472: UDP, length 106',
      '09:41:05.200117 eth0  B   ARP, Request who-has 192.168.60.1 tell 192.168.60.12, length 28',
      '09:41:05.300551 eth0  M   IP6 fe80::c7c:11ff:fe4a:2002 > ff02::1:ff00:11: ICMP6, neighbor solicitation, who has fd00:60::11, length 32',
      '09:41:05.401009 eth0  P   IP 192.168.60.40.443 > 192.168.60.41.59302: Flags [.], ack 2200184411, win 1024, length 0',
    ],
    records: [
      { kind: packet, link: { interface: 'lxc6e2d903bc4', direction: 'In' }, dst: '10.112.0.10', dport: 53, dns: { id: 17342, qtype: 'A' } },
      { kind: packet, link: { interface: 'eth0', direction: 'Out' }, sport: 8472, l4: 'UDP', udp: { length: 106 } },
      { kind: packet, link: { interface: 'eth0', direction: 'B' }, l3: 'ARP', arp: { op: 'request', spa: '192.168.60.12' } },
      {
        kind: packet, link: { direction: 'M' }, l3: 'IPv6', src: 'fe80::c7c:11ff:fe4a:2002', dst: 'ff02::1:ff00:11', l4: 'ICMPv6',
        icmp: { kind: 'neighbor solicitation', type: 135, target: 'fd00:60::11', length: 32 },
      },
      { kind: packet, link: { direction: 'P' }, sport: 443, tcp: { flags: '.', ack: 2200184411, ackAbsolute: 2200184411 } },
    ],
  },
  // -i any -e: ifindex, source MAC and ethertype; a VXLAN packet printed as OTV (4.9 – 4.99.5 on
  // UDP 8472), its inner frame with its own Ethernet header on the next line, at column 0.
  {
    lines: [
      '09:41:05.118395 eth0  Out ifindex 2 0e:7c:11:4a:20:01 ethertype IPv4 (0x0800), length 154: 192.168.60.11.41877 > 192.168.60.12.8472: OTV, flags [I] (0x08), overlay 0, instance 2',
      '0a:58:0a:10:01:17 > 6e:2d:90:3b:c4:05, ethertype IPv4 (0x0800), length 98: 10.16.1.23 > 10.16.2.40: ICMP echo request, id 4021, seq 6, length 64',
    ],
    records: [{
      kind: packet, line: 1,
      link: { interface: 'eth0', direction: 'Out', ifindex: 2, src: '0e:7c:11:4a:20:01', ethertype: '0x0800', ethertypeName: 'IPv4', length: 154 },
      src: '192.168.60.11', dst: '192.168.60.12', dport: 8472,
      encap: {
        type: 'vxlan', printedAs: 'OTV', vni: 2, flags: '0x08',
        inner: {
          link: { src: '0a:58:0a:10:01:17', dst: '6e:2d:90:3b:c4:05', length: 98 },
          src: '10.16.1.23', dst: '10.16.2.40', l4: 'ICMP', icmp: { kind: 'echo request', type: 8, id: 4021, seq: 6 },
        },
      },
    }],
  },
  // -i any -v: the columns, then the -v header; the addresses on the next line.
  {
    lines: [
      '09:41:05.630531 lxc6e2d903bc4 In  IP (tos 0x0, ttl 64, id 64534, offset 0, flags [DF], proto ICMP (1), length 84)',
      '    10.16.1.23 > 10.16.2.40: ICMP echo request, id 4021, seq 7, length 64',
    ],
    records: [{
      kind: packet, link: { interface: 'lxc6e2d903bc4', direction: 'In' },
      ipv4: { ttl: 64, id: 64534, flags: 'DF', proto: 1, protoName: 'ICMP', length: 84 }, src: '10.16.1.23', icmp: { seq: 7 },
    }],
  },
  // LINUX_SLL (4.9, or -i any on old libpcap) with -e: the packet type right-aligned, the source
  // address, the ethertype; on a tagged frame `ethertype IPv4, ` follows the tag.
  {
    lines: [
      '09:41:06.000001  In 0e:7c:11:4a:20:02 ethertype IPv4 (0x0800), length 132: 192.168.60.12.22 > 192.168.60.11.50514: Flags [P.], seq 3341:3417, ack 1872, win 501, length 76',
      '09:41:06.000311   P 52:54:00:6b:31:0a ethertype 802.1Q (0x8100), length 104: vlan 40, p 0, ethertype IPv4, 192.168.40.2 > 192.168.40.1: ICMP echo reply, id 7, seq 2, length 64',
    ],
    records: [
      { kind: packet, link: { direction: 'In', src: '0e:7c:11:4a:20:02', ethertype: '0x0800', length: 132 }, sport: 22, tcp: { seq: 3341, seqEnd: 3417 } },
      {
        kind: packet,
        link: { direction: 'P', src: '52:54:00:6b:31:0a', outerEthertype: '0x8100', ethertype: '0x0800', ethertypeName: 'IPv4', vlans: [{ id: 40, priority: 0, ethertype: '0x0800' }] },
        l3: 'IPv4', icmp: { kind: 'echo reply', type: 0, code: 0, id: 7, seq: 2, length: 64 },
      },
    ],
  },

  // ---- -e: the Ethernet header ------------------------------------------------------------------
  {
    lines: [
      '11:20:31.774120 0e:7c:11:4a:20:01 > 0e:7c:11:4a:20:02, ethertype IPv4 (0x0800), length 74: 192.168.60.11.44790 > 192.168.60.12.4240: Flags [S], seq 3120045879, win 64240, options [mss 1460,sackOK,TS val 2004417012 ecr 0,nop,wscale 7], length 0',
      '11:20:31.774301 0e:7c:11:4a:20:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 192.168.60.1 tell 192.168.60.11, length 28',
    ],
    records: [
      {
        kind: packet, link: { src: '0e:7c:11:4a:20:01', dst: '0e:7c:11:4a:20:02', ethertype: '0x0800', ethertypeName: 'IPv4', length: 74 },
        l3: 'IPv4', dport: 4240, tcp: { flags: 'S', mss: 1460 },
      },
      {
        kind: packet, link: { dst: 'ff:ff:ff:ff:ff:ff', ethertype: '0x0806', ethertypeName: 'ARP', length: 42 },
        l3: 'ARP', src: '192.168.60.11', dst: '192.168.60.1', arp: { op: 'request', length: 28 },
      },
    ],
  },
  // 802.1Q: the tag, then the ethertype it carries; 802.1ad (QinQ) stacks tags, DEI when set.
  {
    lines: [
      '11:20:31.775020 52:54:00:9e:11:c2 > 52:54:00:9e:11:c3, ethertype 802.1Q (0x8100), length 62: vlan 210, p 3, ethertype IPv4 (0x0800), 192.168.40.7.51234 > 192.168.40.9.443: Flags [S], seq 88120331, win 64240, options [mss 1460], length 0',
      '11:20:31.775540 52:54:00:9e:11:c2 > 52:54:00:9e:11:c3, ethertype 802.1Q-QinQ (0x88a8), length 106: vlan 300, p 0, ethertype 802.1Q (0x8100), vlan 31, p 5, DEI, ethertype IPv4 (0x0800), 192.168.40.7 > 192.168.40.9: ICMP echo request, id 88, seq 1, length 64',
    ],
    records: [
      {
        kind: packet, link: { outerEthertype: '0x8100', ethertype: '0x0800', ethertypeName: 'IPv4', length: 62, vlans: [{ id: 210, priority: 3, ethertype: '0x0800' }] },
        src: '192.168.40.7', sport: 51234, dport: 443, tcp: { flags: 'S' },
      },
      {
        kind: packet,
        link: {
          outerEthertype: '0x88a8', ethertype: '0x0800',
          vlans: [{ id: 300, priority: 0, ethertype: '0x8100' }, { id: 31, priority: 5, ethertype: '0x0800', dei: true }],
        },
        l4: 'ICMP', icmp: { id: 88 },
      },
    ],
  },
  // 4.9.x prints the ethertype after a tag by its name alone, even with -e (print-ether.c); -q
  // with -e keeps the word `ethertype`. The name stands for its number.
  {
    lines: [
      '14:02:11.310442 0a:1f:44:00:9c:01 > 0a:1f:44:00:9c:02, ethertype 802.1Q (0x8100), length 46: vlan 730, p 0, ethertype ARP, Request who-has 10.73.0.9 tell 10.73.0.1, length 28',
      '14:02:11.310901 0a:1f:44:00:9c:02 > 0a:1f:44:00:9c:01, 802.1Q, length 70: vlan 730, p 2, ethertype IPv6, fd00:73::9.8080 > fd00:73::1.40112: tcp 0',
    ],
    records: [
      {
        kind: packet, link: { outerEthertype: '0x8100', ethertype: '0x0806', ethertypeName: 'ARP', length: 46, vlans: [{ id: 730, priority: 0, ethertype: '0x0806' }] },
        l3: 'ARP', arp: { op: 'request', tpa: '10.73.0.9', spa: '10.73.0.1', length: 28 },
      },
      { kind: packet, link: { ethertype: '0x86dd', ethertypeName: 'IPv6', vlans: [{ id: 730, priority: 2, ethertype: '0x86dd' }] }, l3: 'IPv6', sport: 8080, tcp: { length: 0 } },
    ],
  },
  // -q -e: ethertype names only, `tcp N` for TCP.
  {
    lines: [
      '11:20:31.776001 52:54:00:9e:11:c2 > 52:54:00:9e:11:c3, 802.1Q, length 94: vlan 210, p 3, IPv4, 192.168.40.7.51234 > 192.168.40.9.443: tcp 36',
      '11:20:31.776402 0e:7c:11:4a:20:01 > 0e:7c:11:4a:20:02, IPv4, length 66: 192.168.60.11.51822 > 192.168.60.12.6443: tcp 0',
    ],
    records: [
      { kind: packet, link: { ethertype: '0x0800', ethertypeName: 'IPv4', length: 94, vlans: [{ id: 210, priority: 3, ethertype: '0x0800' }] }, l4: 'TCP', tcp: { flags: '', length: 36 } },
      { kind: packet, link: { ethertypeName: 'IPv4', length: 66 }, dport: 6443, tcp: { length: 0 } },
    ],
  },
  // Without -n: `(oui …)` after each MAC, port names (`http`, `domain`).
  {
    lines: [
      '11:20:31.777310 0a:58:0a:10:01:17 (oui Unknown) > 6e:2d:90:3b:c4:05 (oui Unknown), ethertype IPv4 (0x0800), length 74: 10.16.1.23.51750 > 10.16.2.40.http: Flags [S], seq 401220987, win 64860, options [mss 1410,sackOK,TS val 3311230001 ecr 0,nop,wscale 7], length 0',
      '11:20:31.777911 IP 10.16.1.23.40222 > 10.112.0.10.domain: 30811+ AAAA? orders.shop.svc.cluster.local. (47)',
    ],
    records: [
      { kind: packet, link: { src: '0a:58:0a:10:01:17', dst: '6e:2d:90:3b:c4:05', ethertype: '0x0800' }, dport: 80, dportName: 'http', tcp: { flags: 'S' } },
      { kind: packet, dport: 53, dportName: 'domain', dns: { id: 30811, qr: 'query', rd: true, qtype: 'AAAA', qname: 'orders.shop.svc.cluster.local.', length: 47 } },
    ],
  },

  // ---- -v / -vv: IP headers and checksums -------------------------------------------------------
  // The IPv4 header on the packet's line, the addresses on the next; checksums computed by the
  // sending NIC show as incorrect on the sending host.
  {
    lines: [
      '14:10:02.551873 IP (tos 0x0, ttl 64, id 48213, offset 0, flags [DF], proto TCP (6), length 60)',
      '    10.16.1.23.51760 > 10.16.2.40.8080: Flags [S], cksum 0x2b5e (incorrect -> 0x8c41), seq 2290183344, win 64860, options [mss 1410,sackOK,TS val 3311240117 ecr 0,nop,wscale 7], length 0',
      '14:10:02.552040 IP (tos 0x0, ttl 63, id 0, offset 0, flags [DF], proto TCP (6), length 60)',
      '    10.16.2.40.8080 > 10.16.1.23.51760: Flags [S.], cksum 0x91d3 (correct), seq 1410276655, ack 2290183345, win 64308, options [mss 1410,sackOK,TS val 917260000 ecr 3311240117,nop,wscale 7], length 0',
    ],
    records: [
      {
        kind: packet, line: 1, ipv4: { tos: '0x0', ttl: 64, id: 48213, offset: 0, flags: 'DF', proto: 6, protoName: 'TCP', length: 60 },
        src: '10.16.1.23', sport: 51760, dst: '10.16.2.40', dport: 8080,
        tcp: { flags: 'S', cksum: { state: 'incorrect', value: '0x2b5e', expected: '0x8c41' }, seq: 2290183344 },
      },
      { kind: packet, line: 3, ipv4: { ttl: 63, id: 0 }, tcp: { flags: 'S.', cksum: { state: 'correct', value: '0x91d3' }, ack: 2290183345 } },
    ],
  },
  // IPv6 -v on one line: 4.99's header, and 5.x's (`, payload length N`, no flow label when 0).
  {
    lines: [
      '14:10:02.552101 IP6 (flowlabel 0x3c1d2, hlim 64, next-header TCP (6) payload length: 40) fd00:16:1::17.44312 > fd00:16:2::28.443: Flags [S], cksum 0x6a1f (incorrect -> 0x0b7e), seq 771093122, win 64800, options [mss 1440,sackOK,TS val 120033 ecr 0,nop,wscale 7], length 0',
      '14:10:02.552388 IP6 (hlim 63, next-header TCP (6), payload length 40) fd00:16:2::28.443 > fd00:16:1::17.44312: Flags [S.], cksum 0x51aa (correct), seq 3019927714, ack 771093123, win 64260, options [mss 1440,sackOK,TS val 88210 ecr 120033,nop,wscale 7], length 0',
    ],
    records: [
      {
        kind: packet, l3: 'IPv6', ipv6: { flowlabel: '0x3c1d2', hlim: 64, nextHeader: 6, nextHeaderName: 'TCP', payloadLength: 40 },
        src: 'fd00:16:1::17', sport: 44312, dst: 'fd00:16:2::28', dport: 443, tcp: { cksum: { state: 'incorrect' }, mss: 1440 },
      },
      { kind: packet, ipv6: { hlim: 63, nextHeader: 6, payloadLength: 40 }, tcp: { flags: 'S.', ack: 771093123 } },
    ],
  },
  // -vv: the UDP checksum before the payload; -vv DNS answers name their owner, after `q:`.
  {
    lines: [
      '14:10:03.001144 IP (tos 0x0, ttl 64, id 19021, offset 0, flags [none], proto UDP (17), length 75)',
      '    10.16.1.23.38211 > 10.112.0.10.53: [udp sum ok] 17342+ A? orders.shop.svc.cluster.local. (47)',
      '14:10:03.001902 IP (tos 0x0, ttl 63, id 44017, offset 0, flags [none], proto UDP (17), length 140)',
      '    10.112.0.10.53 > 10.16.1.23.38211: [bad udp cksum 0x1f40 -> 0x7a2c!] 17342*- q: A? orders.shop.svc.cluster.local. 2/0/0 orders.shop.svc.cluster.local. A 10.112.41.7, orders.shop.svc.cluster.local. A 10.112.41.8 (112)',
    ],
    records: [
      { kind: packet, ipv4: { flags: 'none', proto: 17 }, udp: { cksum: { state: 'correct' } }, dns: { id: 17342, qr: 'query', rd: true, qtype: 'A' } },
      {
        kind: packet, udp: { cksum: { state: 'incorrect', value: '0x1f40', expected: '0x7a2c' } },
        dns: {
          id: 17342, qr: 'response', flags: '*-', aa: true, ra: false, rcode: 'NoError', answerCount: 2, authorityCount: 0, additionalCount: 0,
          qname: 'orders.shop.svc.cluster.local.', length: 112,
          answers: [
            { name: 'orders.shop.svc.cluster.local.', type: 'A', data: '10.112.41.7' },
            { name: 'orders.shop.svc.cluster.local.', type: 'A', data: '10.112.41.8' },
          ],
        },
      },
    ],
  },
  // -vvv: each answer's TTL in brackets; the IPv6 answer of a query for AAAA.
  {
    lines: [
      '14:10:03.004410 IP (tos 0x0, ttl 63, id 44102, offset 0, flags [none], proto UDP (17), length 129)',
      '    10.112.0.10.53 > 10.16.1.23.38214: [udp sum ok] 4410 q: AAAA? orders.shop.svc.cluster.local. 1/0/0 orders.shop.svc.cluster.local. [30s] AAAA fd00:112::29 (101)',
    ],
    records: [{
      kind: packet, sport: 53, udp: { cksum: { state: 'correct' } },
      dns: {
        id: 4410, qr: 'response', aa: false, ra: true, rcode: 'NoError', qtype: 'AAAA', answerCount: 1, length: 101,
        answers: [{ name: 'orders.shop.svc.cluster.local.', ttl: '30s', type: 'AAAA', data: 'fd00:112::29' }],
      },
    }],
  },
  // A -v header whose addresses line was lost: kept, marked incomplete; the next packet is its own.
  {
    lines: [
      '18:00:04.000100 IP (tos 0x0, ttl 64, id 7001, offset 0, flags [DF], proto TCP (6), length 52)',
      '18:00:04.000200 IP 10.16.1.23.40200 > 10.16.2.40.9999: UDP, length 12',
      '18:00:05.000100 IP (tos 0x0, ttl 64, id 7002, offset 0, flags [DF], proto TCP (6), length 52)',
    ],
    records: [
      { kind: packet, line: 1, ipv4: { id: 7001 }, note: 'incomplete: the continuation line it needs is missing' },
      { kind: packet, line: 2, src: '10.16.1.23', dport: 9999, udp: { length: 12 } },
      { kind: packet, line: 3, ipv4: { id: 7002 }, note: 'incomplete: the input ended before the continuation line it needs' },
    ],
  },

  // ---- UDP, ICMP, ICMPv6, ARP, DNS, other protocols ---------------------------------------------
  {
    lines: [
      '15:30:00.100200 IP 10.16.1.23 > 10.16.2.40: ICMP echo request, id 4021, seq 1, length 64',
      '15:30:00.100713 IP 10.16.2.40 > 10.16.1.23: ICMP echo reply, id 4021, seq 1, length 64',
    ],
    records: [
      { kind: packet, l4: 'ICMP', icmp: { kind: 'echo request', type: 8, code: 0, id: 4021, seq: 1, length: 64 } },
      { kind: packet, src: '10.16.2.40', icmp: { kind: 'echo reply', type: 0, code: 0, id: 4021 } },
    ],
  },
  // ICMP errors name the quoted datagram's destination (and port, MTU) on their own line.
  {
    lines: [
      '15:30:01.000400 IP 10.16.2.40 > 10.16.1.23: ICMP 10.16.2.40 udp port 9999 unreachable, length 48',
      '15:30:01.200400 IP 192.168.60.1 > 10.16.1.23: ICMP host 10.16.9.9 unreachable, length 92',
      '15:30:01.300400 IP 192.168.60.1 > 192.168.60.11: ICMP 198.51.100.23 unreachable - need to frag (mtu 1450), length 556',
    ],
    records: [
      { kind: packet, icmp: { kind: 'port unreachable', type: 3, code: 3, length: 48, quoted: { dst: '10.16.2.40', proto: 'UDP', dport: 9999 } } },
      { kind: packet, icmp: { kind: 'host unreachable', type: 3, code: 1, quoted: { dst: '10.16.9.9' } } },
      { kind: packet, icmp: { kind: 'need to frag', type: 3, code: 4, mtu: 1450, quoted: { dst: '198.51.100.23' } } },
    ],
  },
  // Codes without a name of their own: 4.99 `X unreachable - #N`, `redirect-#N X to G`; 4.9.x
  // `#N X unreachable`, `redirect-#N X to net G` (print-icmp.c).
  {
    lines: [
      '15:30:01.400400 IP 172.20.0.1 > 10.16.1.23: ICMP 10.16.2.77 unreachable - #21, length 36',
      '15:30:01.400500 IP 172.20.0.1 > 10.16.1.23: ICMP #21 10.16.2.77 unreachable, length 36',
      '15:30:01.400600 IP 172.20.0.1 > 10.16.1.23: ICMP redirect-#6 10.16.2.77 to 172.20.0.9, length 36',
      '15:30:01.400700 IP 172.20.0.1 > 10.16.1.23: ICMP redirect-#6 10.16.2.77 to net 172.20.0.9, length 36',
    ],
    records: [
      { kind: packet, icmp: { kind: 'unreachable', type: 3, code: 21, length: 36, quoted: { dst: '10.16.2.77' } } },
      { kind: packet, icmp: { kind: 'unreachable', type: 3, code: 21, length: 36, quoted: { dst: '10.16.2.77' } } },
      { kind: packet, icmp: { kind: 'redirect', type: 5, code: 6, quoted: { dst: '10.16.2.77' } } },
      { kind: packet, icmp: { kind: 'redirect', type: 5, code: 6, quoted: { dst: '10.16.2.77' } } },
    ],
  },
  // -v: the quoted datagram's header and addresses on two more lines.
  {
    lines: [
      '15:30:02.000100 IP (tos 0xc0, ttl 64, id 30611, offset 0, flags [none], proto ICMP (1), length 68)',
      '    10.16.2.40 > 10.16.1.23: ICMP 10.16.2.40 udp port 9999 unreachable, length 48',
      '\tIP (tos 0x0, ttl 63, id 2201, offset 0, flags [DF], proto UDP (17), length 40)',
      '    10.16.1.23.41234 > 10.16.2.40.9999: UDP, length 12',
    ],
    records: [{
      kind: packet, ipv4: { tos: '0xc0', ttl: 64, proto: 1 }, src: '10.16.2.40', dst: '10.16.1.23',
      icmp: {
        kind: 'port unreachable', type: 3, code: 3,
        quoted: { proto: 'UDP', src: '10.16.1.23', sport: 41234, dst: '10.16.2.40', dport: 9999, ipv4: { ttl: 63, id: 2201, flags: 'DF' } },
      },
    }],
  },
  // A router's time exceeded for a traceroute probe, with a bad IP header checksum.
  {
    lines: [
      '15:30:03.000100 IP (tos 0xc0, ttl 255, id 5120, offset 0, flags [none], proto ICMP (1), length 56, bad cksum 1f2e (->4c1d)!)',
      '    192.168.60.1 > 10.16.1.23: ICMP time exceeded in-transit, length 36',
      '\tIP (tos 0x0, ttl 1, id 40122, offset 0, flags [none], proto UDP (17), length 60)',
      '    10.16.1.23.45120 > 203.0.113.90.33437: UDP, length 32',
    ],
    records: [{
      kind: packet, ipv4: { ttl: 255, headerCksumOk: false },
      icmp: { kind: 'time exceeded', type: 11, code: 0, length: 36, quoted: { proto: 'UDP', src: '10.16.1.23', dst: '203.0.113.90', dport: 33437, ipv4: { ttl: 1 } } },
    }],
  },
  // 4.9.x prints an ICMPv6 echo's sequence number alone (print-icmp6.c), no identifier.
  {
    lines: ['15:30:59.000100 IP6 fd00:16:1::17 > fd00:16:2::28: ICMP6, echo reply, seq 12, length 64'],
    records: [{ kind: packet, l4: 'ICMPv6', icmp: { kind: 'echo reply', type: 129, code: 0, seq: 12, length: 64 } }],
  },
  {
    lines: [
      '15:31:00.000100 IP6 fd00:16:1::17 > fd00:16:2::28: ICMP6, echo request, id 41, seq 3, length 64',
      '15:31:00.100100 IP6 fd00:60::1 > fd00:16:1::17: ICMP6, packet too big, mtu 1280, length 1240',
      '15:31:00.200100 IP6 fd00:60::1 > fd00:16:1::17: ICMP6, time exceeded in-transit for fd00:77::5, length 88',
      '15:31:00.300100 IP6 fd00:60::1 > fd00:16:1::17: ICMP6, destination unreachable, unreachable route fd00:77::5, length 88',
      '15:31:00.400100 IP6 fd00:16:2::28 > fd00:16:1::17: ICMP6, destination unreachable, unreachable port, fd00:16:2::28 udp port 4500, length 70',
    ],
    records: [
      { kind: packet, l3: 'IPv6', l4: 'ICMPv6', icmp: { kind: 'echo request', type: 128, code: 0, id: 41, seq: 3, length: 64 } },
      { kind: packet, icmp: { kind: 'packet too big', type: 2, mtu: 1280, length: 1240 } },
      { kind: packet, icmp: { kind: 'time exceeded', type: 3, code: 0, quoted: { dst: 'fd00:77::5' } } },
      { kind: packet, icmp: { kind: 'no route', type: 1, code: 0, quoted: { dst: 'fd00:77::5' } } },
      { kind: packet, icmp: { kind: 'port unreachable', type: 1, code: 4, quoted: { dst: 'fd00:16:2::28', proto: 'UDP', dport: 4500 }, length: 70 } },
    ],
  },
  // Without -v the target comes before the length.
  {
    lines: ['15:31:00.500100 IP6 fe80::c7c:11ff:fe4a:2002 > fe80::c7c:11ff:fe4a:2001: ICMP6, neighbor advertisement, tgt is fd00:60::12, length 32'],
    records: [{ kind: packet, src: 'fe80::c7c:11ff:fe4a:2002', l4: 'ICMPv6', icmp: { kind: 'neighbor advertisement', type: 136, target: 'fd00:60::12', length: 32 } }],
  },
  // -v / -vv neighbour discovery: options on indented lines (-vv adds their bytes).
  {
    lines: [
      '15:31:01.000100 IP6 (hlim 255, next-header ICMPv6 (58) payload length: 32) fe80::c7c:11ff:fe4a:2001 > ff02::1:ff00:12: [icmp6 sum ok] ICMP6, neighbor solicitation, length 32, who has fd00:60::12',
      '\t  source link-address option (1), length 8 (1): 0e:7c:11:4a:20:01',
      '\t    0x0000:  0e7c 114a 2001',
      '15:31:01.000400 IP6 (hlim 255, next-header ICMPv6 (58) payload length: 32) fd00:60::12 > fe80::c7c:11ff:fe4a:2001: [icmp6 sum ok] ICMP6, neighbor advertisement, length 32, tgt is fd00:60::12, Flags [solicited, override]',
      '\t  destination link-address option (2), length 8 (1): 0e:7c:11:4a:20:02',
    ],
    records: [
      { kind: packet, line: 1, ipv6: { hlim: 255, nextHeader: 58 }, icmp: { type: 135, target: 'fd00:60::12', cksum: { state: 'correct' } } },
      { kind: detail, detail: 'nd-option', packetLine: 1, name: 'source link-address', value: '0e:7c:11:4a:20:01' },
      { kind: detail, detail: 'hex', packetLine: 1, offset: 0, bytes: '0e7c114a2001' },
      { kind: packet, line: 4, icmp: { kind: 'neighbor advertisement', type: 136, target: 'fd00:60::12', naFlags: ['solicited', 'override'] } },
      { kind: detail, detail: 'nd-option', packetLine: 4, name: 'destination link-address', value: '0e:7c:11:4a:20:02' },
    ],
  },
  // ARP: a reply, the -v form with the address formats, a request naming the target's MAC.
  {
    lines: [
      '15:31:02.000100 ARP, Reply 192.168.60.1 is-at 0e:7c:11:4a:20:fe, length 28',
      '15:31:02.000200 ARP, Ethernet (len 6), IPv4 (len 4), Request who-has 192.168.60.12 tell 192.168.60.11, length 28',
      '15:31:02.000300 ARP, Request who-has 192.168.60.12 (0e:7c:11:4a:20:02) tell 192.168.60.11, length 28',
    ],
    records: [
      { kind: packet, l3: 'ARP', src: '192.168.60.1', arp: { op: 'reply', spa: '192.168.60.1', sha: '0e:7c:11:4a:20:fe', length: 28 } },
      { kind: packet, l3: 'ARP', arp: { op: 'request', tpa: '192.168.60.12', spa: '192.168.60.11' } },
      { kind: packet, arp: { op: 'request', tpa: '192.168.60.12', tha: '0e:7c:11:4a:20:02' } },
    ],
  },
  // DNS responses: an rcode, answers without -v; DNS over TCP (`length N` then the message).
  {
    lines: [
      '14:10:03.002771 IP 10.112.0.10.53 > 10.16.1.23.38212: 9120 NXDomain* 0/1/0 (150)',
      '14:10:03.003012 IP 10.112.0.10.53 > 10.16.1.23.38213: 9121 2/0/1 A 10.112.41.7, A 10.112.41.8 (96)',
      '18:00:00.000100 IP 10.16.1.23.41870 > 10.112.0.10.53: Flags [P.], seq 2290200001:2290200050, ack 1890077001, win 502, length 49 52210+ SRV? _grpc._tcp.orders.shop.svc.cluster.local. (47)',
    ],
    records: [
      { kind: packet, dns: { id: 9120, qr: 'response', rcode: 'NXDomain', aa: true, ra: true, answerCount: 0, authorityCount: 1, answers: [] } },
      { kind: packet, dns: { rcode: 'NoError', aa: false, additionalCount: 1, answers: [{ type: 'A', data: '10.112.41.7' }, { type: 'A', data: '10.112.41.8' }] } },
      { kind: packet, l4: 'TCP', tcp: { flags: 'P.', length: 49 }, dns: { id: 52210, qr: 'query', qtype: 'SRV', qname: '_grpc._tcp.orders.shop.svc.cluster.local.' } },
    ],
  },
  // Other IP protocols keep their text; an unknown link-layer protocol is kept with a note.
  {
    lines: [
      '18:00:01.000100 IP 192.168.60.11 > 192.168.60.12: ESP(spi=0x00000003,seq=0x1a2b), length 120',
      '18:00:02.000100 IP 192.168.60.2 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 100, authtype none, intvl 1s, length 20',
      '18:00:03.000100 STP 802.1w, Rapid STP, Flags [Learn, Forward], bridge-id 8000.0e:7c:11:4a:20:fe.8001, length 36',
    ],
    records: [
      { kind: packet, src: '192.168.60.11', l4: 'ESP', info: 'ESP(spi=0x00000003,seq=0x1a2b), length 120' },
      { kind: packet, dst: '224.0.0.18', l4: 'VRRPv2' },
      { kind: packet, note: 'unrecognised packet text', info: 'STP 802.1w, Rapid STP, Flags [Learn, Forward], bridge-id 8000.0e:7c:11:4a:20:fe.8001, length 36' },
    ],
  },
  // IPv4 fragments: the first carries the UDP header, later ones only the protocol (named without -n).
  {
    lines: [
      '17:00:03.000100 IP (tos 0x0, ttl 64, id 5521, offset 0, flags [+], proto UDP (17), length 1500)',
      '    10.16.1.23.40200 > 10.16.2.40.9999: UDP, length 4000',
      '17:00:03.000101 IP (tos 0x0, ttl 64, id 5521, offset 1480, flags [+], proto UDP (17), length 1500)',
      '    10.16.1.23 > 10.16.2.40: ip-proto-17',
      '17:00:03.000102 IP 10.16.1.23 > 10.16.2.40: udp',
    ],
    records: [
      { kind: packet, ipv4: { id: 5521, offset: 0, flags: '+' }, sport: 40200, udp: { length: 4000 } },
      { kind: packet, ipv4: { id: 5521, offset: 1480 }, src: '10.16.1.23', dst: '10.16.2.40', fragment: { proto: 17 } },
      { kind: packet, fragment: { protoName: 'udp' } },
    ],
  },
  // A raw-IP capture (a tun device, LINKTYPE_RAW) with -e: `ip: ` and, up to 4.99, the addresses
  // without `IP`/`IP6` (print-raw.c). A packet shorter than its total length: up to 4.99
  // `truncated-ip - N bytes missing! ` before the -v header (print-ip.c), 5.x `[total length …]`.
  {
    lines: [
      '10:02:00.100200 ip: 10.16.1.23.50512 > 10.96.0.10.53: 811+ A? api.shop.svc.cluster.local. (44)',
      '10:02:00.100300 ip: fd00:16:1::17.50513 > fd00:96::a.53: 812+ AAAA? api.shop.svc.cluster.local. (44)',
      '10:02:00.100400 IP truncated-ip - 1348 bytes missing! (tos 0x0, ttl 63, id 7701, offset 0, flags [DF], proto TCP (6), length 1400)',
      '    10.16.2.40.8080 > 10.16.1.23.51800: Flags [.], seq 1:1349, ack 1, win 502, length 1348',
    ],
    records: [
      { kind: packet, l3: 'IPv4', src: '10.16.1.23', sport: 50512, dst: '10.96.0.10', dport: 53, dns: { id: 811, qtype: 'A' } },
      { kind: packet, l3: 'IPv6', src: 'fd00:16:1::17', dport: 53, dns: { id: 812, qtype: 'AAAA' } },
      { kind: packet, l3: 'IPv4', ipv4: { ttl: 63, id: 7701, length: 1400 }, src: '10.16.2.40', sport: 8080, tcp: { flags: '.', seq: 1, seqEnd: 1349, length: 1348 } },
    ],
  },
  // 4.99.5 and later: a zero IPv4 total length is taken for a TSO send (print-ip.c); 4.99.6 with -vv
  // notes an acknowledgment number without the ACK flag (print-tcp.c), which is no ack.
  {
    lines: [
      '09:12:40.550120 IP (tos 0x0, ttl 64, id 40122, offset 0, flags [DF], proto TCP (6), length 65226 [was 0, presumed TSO])',
      '    10.16.1.23.51800 > 10.16.2.40.8080: Flags [.], cksum 0x2c11 (incorrect -> 0x9e01), seq 1:65175, ack 1, win 502, length 65174: HTTP',
      '09:12:40.551002 IP (tos 0x0, ttl 63, id 0, offset 0, flags [DF], proto TCP (6), length 40)',
      '    10.16.2.40.8080 > 10.16.1.23.51800: Flags [R], cksum 0x51c2 (correct), seq 1877001122, [ack 3001122335 != 0 while ACK flag not set], win 0, length 0',
    ],
    records: [
      { kind: packet, ipv4: { id: 40122, length: 65226, flags: 'DF' }, dport: 8080, tcp: { seq: 1, seqEnd: 65175, length: 65174 } },
      { kind: packet, ipv4: { ttl: 63 }, sport: 8080, tcp: { flags: 'R', seq: 1877001122, win: 0, length: 0, cksum: { state: 'correct' } } },
    ],
  },
  // 4.9.x words a first fragment's UDP length against what the fragment holds (print-udp.c).
  {
    lines: ['17:00:03.000200 IP 10.16.1.23.40210 > 10.16.2.40.9999: UDP, bad length 3000 > 1472'],
    records: [{ kind: packet, sport: 40210, udp: { length: 3000 } }],
  },

  // ---- HTTP -------------------------------------------------------------------------------------
  // -v: `HTTP, length: N`, the request line and headers on tab-indented lines, a blank one after.
  {
    lines: [
      '16:00:00.500100 IP (tos 0x0, ttl 64, id 52114, offset 0, flags [DF], proto TCP (6), length 155)',
      '    10.16.1.23.51790 > 10.16.2.40.80: Flags [P.], cksum 0x2c95 (incorrect -> 0x5d11), seq 2290300001:2290300104, ack 1410300001, win 507, options [nop,nop,TS val 3311250000 ecr 917270000], length 103: HTTP, length: 103',
      '\tGET /healthz HTTP/1.1',
      '\tHost: 10.16.2.40',
      '\tUser-Agent: kube-probe/1.29',
      '\tAccept: */*',
      '\tConnection: close',
      '\t',
    ],
    records: [
      { kind: packet, line: 1, dport: 80, tcp: { flags: 'P.', length: 103, payload: 'HTTP, length: 103', http: { firstLine: 'GET /healthz HTTP/1.1' } } },
      { kind: detail, detail: 'http-header', packetLine: 1, name: 'Host', value: '10.16.2.40' },
      { kind: detail, detail: 'http-header', packetLine: 1, name: 'User-Agent', value: 'kube-probe/1.29' },
      { kind: detail, detail: 'http-header', packetLine: 1, name: 'Accept', value: '*/*' },
      { kind: detail, detail: 'http-header', packetLine: 1, name: 'Connection', value: 'close' },
      { kind: detail, detail: 'other', packetLine: 1 },
    ],
  },

  // ---- encapsulation ----------------------------------------------------------------------------
  // VXLAN: the inner frame at column 0 on the next line; with -v it has its own two-line form;
  // -vv prints the (zero) UDP checksum of the outer packet.
  {
    lines: [
      '17:00:00.000100 IP (tos 0x0, ttl 64, id 23011, offset 0, flags [none], proto UDP (17), length 110)',
      '    192.168.60.11.52311 > 192.168.60.12.8472: [no cksum] VXLAN, flags [I] (0x08), vni 2',
      'IP (tos 0x0, ttl 63, id 40551, offset 0, flags [DF], proto TCP (6), length 60)',
      '    10.16.1.23.51800 > 10.16.2.40.8080: Flags [S], cksum 0x8a1c (correct), seq 3001122334, win 64860, options [mss 1410,sackOK,TS val 3311260000 ecr 0,nop,wscale 7], length 0',
      '17:00:00.000400 IP 192.168.60.12.40001 > 192.168.60.11.4789: VXLAN, flags [I] (0x08), vni 2',
      'IP 10.16.2.40.8080 > 10.16.1.23.51800: Flags [S.], seq 1877001122, ack 3001122335, win 64308, options [mss 1410,sackOK,TS val 917280000 ecr 3311260000,nop,wscale 7], length 0',
    ],
    records: [
      {
        kind: packet, line: 1, ipv4: { ttl: 64, proto: 17 }, src: '192.168.60.11', dport: 8472, udp: { cksum: { state: 'none' } },
        encap: {
          type: 'vxlan', printedAs: 'VXLAN', vni: 2, flags: '0x08',
          inner: { ipv4: { ttl: 63, id: 40551 }, src: '10.16.1.23', sport: 51800, dport: 8080, tcp: { flags: 'S', seqAbsolute: 3001122334, cksum: { state: 'correct' } } },
        },
      },
      {
        kind: packet, line: 5, dport: 4789,
        encap: { type: 'vxlan', vni: 2, inner: { src: '10.16.2.40', tcp: { flags: 'S.', seq: 1877001122, ackAbsolute: 3001122335 } } },
      },
    ],
  },
  // 4.9 – 4.99.5 on UDP 8472, -i any without -e: OTV, the inner frame at column 0 next.
  {
    lines: [
      '17:00:00.000500 eth0  In  IP 192.168.60.12.40001 > 192.168.60.11.8472: OTV, flags [I] (0x08), overlay 0, instance 2',
      'IP 10.16.2.40 > 10.16.1.23: ICMP echo reply, id 4022, seq 1, length 64',
    ],
    records: [{
      kind: packet, link: { interface: 'eth0', direction: 'In' }, sport: 40001, dport: 8472,
      encap: { type: 'vxlan', printedAs: 'OTV', vni: 2, inner: { src: '10.16.2.40', dst: '10.16.1.23', l4: 'ICMP', icmp: { kind: 'echo reply', id: 4022 } } },
    }],
  },
  // 4.99.6 and later print UDP 8472 as VXLAN (print-udp.c VXLAN_LINUX_PORT). A header without the
  // I flag: `[.]` in 4.9.x (OTV alike), `[invalid]` in 4.99, and 5.x prints no VNI then.
  {
    lines: [
      '08:14:02.661210 IP 172.31.8.20.33412 > 172.31.9.41.8472: VXLAN, flags [I] (0x08), vni 7',
      'IP 10.0.3.118.4240 > 10.0.7.5.52110: Flags [R.], seq 0, ack 7700112, win 0, length 0',
      '08:14:02.700001 IP 172.31.8.20.33412 > 172.31.9.41.8472: OTV, flags [.] (0x00), overlay 0, instance 7',
      'IP 10.0.3.118 > 10.0.7.5: ICMP echo request, id 3, seq 9, length 64',
      '08:14:02.800001 IP 172.31.8.20.33412 > 172.31.9.41.4789: VXLAN, flags [invalid] (0xf2), ERROR: I flag not set',
      'IP 10.0.3.118 > 10.0.7.5: ICMP echo request, id 3, seq 10, length 64',
    ],
    records: [
      { kind: packet, dport: 8472, encap: { type: 'vxlan', printedAs: 'VXLAN', vni: 7, flags: '0x08', inner: { sport: 4240, tcp: { flags: 'R.' } } } },
      { kind: packet, encap: { type: 'vxlan', printedAs: 'OTV', vni: 7, flags: '0x00', inner: { icmp: { seq: 9 } } } },
      { kind: packet, dport: 4789, encap: { type: 'vxlan', printedAs: 'VXLAN', flags: '0xf2', inner: { icmp: { seq: 10 } } } },
    ],
  },
  // Geneve without -v: the inner frame after `: ` on the same line, the VNI in hex.
  {
    lines: ['17:00:01.000100 IP 192.168.60.11.32801 > 192.168.60.12.6081: Geneve, Flags [none], vni 0x9f31, options [8 bytes]: IP 10.16.1.23 > 10.16.2.40: ICMP echo request, id 9, seq 1, length 64'],
    records: [{
      kind: packet, dport: 6081,
      encap: { type: 'geneve', printedAs: 'Geneve', vni: 40753, vniHex: '0x9f31', flags: 'none', options: '8 bytes', inner: { src: '10.16.1.23', dst: '10.16.2.40', icmp: { id: 9 } } },
    }],
  },
  // Over an IPv6 underlay, with -S: the inner TCP numbers absolute.
  {
    command: 'tcpdump -nnS -i ens6 udp port 6081',
    lines: ['17:00:01.000150 IP6 fd00:60::11.32954 > fd00:60::12.6081: Geneve, Flags [none], vni 0x9f32, options [8 bytes]: IP 10.16.1.23.51810 > 10.16.2.40.8080: Flags [.], ack 1877009001, win 502, length 0'],
    records: [{
      kind: packet, l3: 'IPv6', src: 'fd00:60::11', sport: 32954, dport: 6081,
      encap: { type: 'geneve', vni: 40754, options: '8 bytes', inner: { l3: 'IPv4', sport: 51810, tcp: { flags: '.', ack: 1877009001, ackAbsolute: 1877009001, win: 502 } } },
    }],
  },
  // Geneve with -v: the protocol and options; the inner frame on the next tab-indented line, here
  // with -e its Ethernet header and then its own -v addresses line.
  {
    lines: [
      '17:00:01.000200 0e:7c:11:4a:20:02 > 0e:7c:11:4a:20:01, ethertype IPv4 (0x0800), length 156: (tos 0x0, ttl 64, id 8811, offset 0, flags [DF], proto UDP (17), length 142)',
      '    192.168.60.12.33110 > 192.168.60.11.6081: [bad udp cksum 0x77a1 -> 0x13f0!] Geneve, Flags [C], vni 0x9f31, proto TEB (0x6558), options [class Standard (0x0) type 0x80(C) len 8 data 0000000c]',
      '\t6e:2d:90:3b:c4:05 > 0a:58:0a:10:01:17, ethertype IPv4 (0x0800), length 98: (tos 0x0, ttl 63, id 1201, offset 0, flags [none], proto ICMP (1), length 84)',
      '    10.16.2.40 > 10.16.1.23: ICMP echo reply, id 9, seq 1, length 64',
    ],
    records: [{
      kind: packet, link: { src: '0e:7c:11:4a:20:02', length: 156 }, ipv4: { id: 8811 }, udp: { cksum: { state: 'incorrect', expected: '0x13f0' } },
      encap: {
        type: 'geneve', vni: 40753, flags: 'C', protocol: 'TEB (0x6558)', options: 'class Standard (0x0) type 0x80(C) len 8 data 0000000c',
        inner: { link: { src: '6e:2d:90:3b:c4:05', dst: '0a:58:0a:10:01:17' }, ipv4: { ttl: 63, id: 1201 }, src: '10.16.2.40', icmp: { kind: 'echo reply' } },
      },
    }],
  },
  // Geneve with -v and no -e: the inner IPv4 header on the tab-indented line.
  {
    lines: [
      '17:00:01.000300 IP (tos 0x0, ttl 64, id 8812, offset 0, flags [DF], proto UDP (17), length 134)',
      '    192.168.60.11.32801 > 192.168.60.12.6081: Geneve, Flags [none], vni 0x9f31',
      '\tIP (tos 0x0, ttl 63, id 1202, offset 0, flags [DF], proto ICMP (1), length 84)',
      '    10.16.1.23 > 10.16.2.40: ICMP echo request, id 9, seq 2, length 64',
    ],
    records: [{ kind: packet, encap: { type: 'geneve', vni: 40753, inner: { ipv4: { id: 1202 }, src: '10.16.1.23', icmp: { seq: 2 } } } }],
  },
  // The same as pasted: the tab before the inner header expanded to eight spaces.
  {
    lines: [
      '17:00:01.000400 IP (tos 0x0, ttl 64, id 8813, offset 0, flags [DF], proto UDP (17), length 134)',
      '    192.168.60.11.32801 > 192.168.60.12.6081: Geneve, Flags [none], vni 0x9f31',
      '        IP (tos 0x0, ttl 63, id 1203, offset 0, flags [DF], proto ICMP (1), length 84)',
      '    10.16.1.23 > 10.16.2.40: ICMP echo request, id 9, seq 3, length 64',
    ],
    records: [{ kind: packet, encap: { type: 'geneve', vni: 40753, inner: { ipv4: { ttl: 63, id: 1203 }, src: '10.16.1.23', icmp: { seq: 3 } } } }],
  },
  {
    lines: ['17:00:02.000100 IP 192.168.60.11.51000 > 192.168.60.12.4790: VXLAN-GPE, flags [IP], vni 300: IP 10.16.1.23 > 10.16.2.40: ICMP echo request, id 10, seq 1, length 64'],
    records: [{ kind: packet, encap: { type: 'vxlan-gpe', printedAs: 'VXLAN-GPE', vni: 300, flags: 'IP', inner: { l3: 'IPv4', dst: '10.16.2.40', icmp: { id: 10 } } } }],
  },

  // ---- payload lines ----------------------------------------------------------------------------
  // -x: offset and 16-bit groups (the IPv4 packet, without its link header).
  {
    lines: [
      '16:00:04.000100 IP 10.16.1.23.40184 > 10.16.2.40.9999: UDP, length 12',
      '\t0x0000:  4500 0028 3c1a 4000 4011 e6a1 0a10 0117',
      '\t0x0010:  0a10 0228 9cf8 270f 0014 5b2e 7069 6e67',
      '\t0x0020:  2d37 6633 6139 310a',
    ],
    records: [
      { kind: packet, line: 1, sport: 40184 },
      { kind: detail, detail: 'hex', packetLine: 1, offset: 0, bytes: '450000283c1a40004011e6a10a100117' },
      { kind: detail, detail: 'hex', packetLine: 1, offset: 16, bytes: '0a1002289cf8270f00145b2e70696e67' },
      { kind: detail, detail: 'hex', packetLine: 1, offset: 32, bytes: '2d3766336139310a' },
    ],
  },
  // -X: the ASCII column after the groups, aligned on the last line.
  {
    lines: [
      '16:00:04.000100 IP 10.16.1.23.40184 > 10.16.2.40.9999: UDP, length 12',
      '\t0x0000:  4500 0028 3c1a 4000 4011 e6a1 0a10 0117  E..(<.@.@.......',
      "\t0x0010:  0a10 0228 9cf8 270f 0014 5b2e 7069 6e67  ...(..'...[.ping",
      '\t0x0020:  2d37 6633 6139 310a                      -7f3a91.',
    ],
    records: [
      { kind: packet, line: 1 },
      { kind: detail, detail: 'hex', packetLine: 1, offset: 0, ascii: 'E..(<.@.@.......' },
      { kind: detail, detail: 'hex', packetLine: 1, offset: 16, ascii: "...(..'...[.ping" },
      { kind: detail, detail: 'hex', packetLine: 1, offset: 32, bytes: '2d3766336139310a', ascii: '-7f3a91.' },
    ],
  },
  // -A: the packet as text from column 0, its lines as they come.
  {
    lines: [
      '16:00:03.000100 IP 10.16.2.40.80 > 10.16.1.23.51792: Flags [P.], seq 2804700001:2804700040, ack 1029400019, win 509, length 39: HTTP: HTTP/1.0 204 No Content',
      'E..[..@.@.....(.....P..........P....HTTP/1.0 204 No Content',
      'Server: probe-stub',
    ],
    records: [
      { kind: packet, line: 1, tcp: { http: { firstLine: 'HTTP/1.0 204 No Content' } } },
      { kind: detail, detail: 'ascii', packetLine: 1, ascii: 'E..[..@.@.....(.....P..........P....HTTP/1.0 204 No Content' },
      { kind: detail, detail: 'ascii', packetLine: 1, ascii: 'Server: probe-stub' },
    ],
  },
];
