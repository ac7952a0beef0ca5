/**
 * The tcpdump grammar's sample lines, each with the fields it must parse into: its doctest
 * (test/tcpdump/samples.test.ts feeds every sample to a fresh session and matches the records).
 * One sample per printing shape; the values are made up, the shapes are tcpdump's own.
 */

export interface TcpdumpSample {
  /** What the sample shows. */
  shape: string;
  /** The pasted command, when the shape needs it (-S, the -ttt/-ttttt reference). */
  command?: string;
  lines: string[];
  /** The records the lines parse into, field by field (a subset of each TcpdumpRecord). */
  records: Record<string, unknown>[];
}

export const TCPDUMP_SAMPLES: readonly TcpdumpSample[] = [
  {
    shape: 'status line',
    lines: ['listening on ens5, link-type EN10MB (Ethernet), snapshot length 262144 bytes'],
    records: [{ kind: 'tcpdump-status', status: 'listening', iface: 'ens5', linkType: 'EN10MB' }],
  },
  {
    shape: 'TCP SYN, time of day',
    lines: ['20:11:43.981031 IP 10.1.0.250.40418 > 10.1.1.60.80: Flags [S], seq 3978619682, win 64860, options [mss 1410,sackOK,TS val 2911480627 ecr 0,nop,wscale 7], length 0'],
    records: [{
      ts: { kind: 'time-of-day', printed: '20:11:43.981031', seconds: 72703.981031 },
      l3: 'IPv4', src: '10.1.0.250', sport: 40418, dst: '10.1.1.60', dport: 80, l4: 'TCP',
      tcp: { flags: 'S', seq: 3978619682, seqAbsolute: 3978619682, win: 64860, mss: 1410, wscale: 7, length: 0 },
    }],
  },
  {
    shape: '-e Ethernet header',
    lines: ['16:55:19.281236 86:62:55:e0:8a:5e > fa:fb:bb:ab:82:72, ethertype IPv4 (0x0800), length 74: 10.1.1.60.80 > 10.1.0.250.52724: Flags [S.], seq 3924940845, ack 289137643, win 64308, options [mss 1410,sackOK,TS val 2455727274 ecr 3072495928,nop,wscale 7], length 0'],
    records: [{
      link: { src: '86:62:55:e0:8a:5e', dst: 'fa:fb:bb:ab:82:72', ethertype: '0x0800', ethertypeName: 'IPv4', length: 74 },
      tcp: { flags: 'S.', ack: 289137643, ackAbsolute: 289137643 },
    }],
  },
  {
    shape: '-q -e with an 802.1Q tag',
    lines: ['08:02:11.500120 52:54:00:12:34:56 > 52:54:00:65:43:21, 802.1Q, length 102: vlan 210, p 3, IPv4, 192.168.40.7.51234 > 192.168.40.9.443: tcp 0'],
    records: [{
      link: { ethertypeName: 'IPv4', length: 102, vlans: [{ id: 210, priority: 3, ethertype: null }] },
      src: '192.168.40.7', dport: 443, l4: 'TCP', tcp: { length: 0 },
    }],
  },
  {
    shape: 'LINUX_SLL -e on a tagged frame: `ethertype IPv4, ` after the tag',
    lines: ['07:14:09.000311   P 52:54:00:aa:bb:cc ethertype 802.1Q (0x8100), length 104: vlan 30, p 0, ethertype IPv4, 192.168.30.2 > 192.168.30.1: ICMP echo reply, id 7, seq 2, length 64'],
    records: [{
      link: { direction: 'P', src: '52:54:00:aa:bb:cc', outerEthertype: '0x8100', ethertypeName: 'IPv4', vlans: [{ id: 30, priority: 0 }] },
      l3: 'IPv4', icmp: { type: 0, code: 0, id: 7, seq: 2, length: 64 },
    }],
  },
  {
    shape: '-ttt delta, negative delta',
    command: 'tcpdump -nn -ttt -i eth1',
    lines: [
      ' 00:00:00.000000 ARP, Request who-has 192.168.7.1 tell 192.168.7.20, length 28',
      '-00:00:00.000012 ARP, Reply 192.168.7.1 is-at 52:54:00:01:02:03, length 28',
    ],
    records: [
      { ts: { kind: 'delta', seconds: 0, reference: 'previous' }, arp: { op: 'request', tpa: '192.168.7.1', spa: '192.168.7.20' } },
      { ts: { kind: 'delta', printed: '-00:00:00.000012', seconds: -0.000012 }, arp: { op: 'reply', sha: '52:54:00:01:02:03' } },
    ],
  },
  {
    shape: '-tt epoch, -i any columns',
    lines: ['1700000000.123456 cilium_host Out IP 10.0.7.12.8080 > 10.0.7.99.35000: UDP, length 12'],
    records: [{ ts: { kind: 'epoch', seconds: 1700000000.123456 }, link: { interface: 'cilium_host', direction: 'Out' }, l4: 'UDP', udp: { length: 12 } }],
  },
  {
    shape: '-tttt date, DNS query',
    lines: ['2025-03-09 05:45:22.677636 IP 10.0.3.4.35416 > 10.96.0.10.53: 4811+ AAAA? api.example.org. (33)'],
    records: [{ ts: { kind: 'date-time', seconds: 1741499122.677636 }, dns: { id: 4811, qr: 'query', rd: true, qtype: 'AAAA', qname: 'api.example.org.', length: 33 } }],
  },
  {
    shape: '-vvv DNS answer with its TTL',
    lines: ['13:00:01.000001 IP 10.96.0.10.53 > 10.0.3.4.35416: 4811* q: A? api.example.org. 1/0/0 api.example.org. [5m] A 203.0.113.8 (49)'],
    records: [{ dns: { qr: 'response', aa: true, answerCount: 1, answers: [{ name: 'api.example.org.', ttl: '5m', type: 'A', data: '203.0.113.8' }] } }],
  },
  {
    shape: '-v IPv4 two-line form, ICMP time exceeded quoting the expired datagram',
    lines: [
      '11:22:33.444555 IP (tos 0xc0, ttl 64, id 1201, offset 0, flags [none], proto ICMP (1), length 84)',
      '    192.168.9.1 > 192.168.8.5: ICMP time exceeded in-transit, length 64',
      '\tIP (tos 0x0, ttl 1, id 3127, offset 0, flags [DF], proto UDP (17), length 36)',
      '    192.168.8.5.44321 > 198.51.100.7.33435: UDP, length 8',
    ],
    records: [{
      ipv4: { tos: '0xc0', ttl: 64, proto: 1 },
      icmp: { type: 11, code: 0, kind: 'time exceeded', length: 64, quoted: { src: '192.168.8.5', dst: '198.51.100.7', sport: 44321, dport: 33435, proto: 'UDP', ipv4: { ttl: 1, id: 3127 } } },
    }],
  },
  {
    shape: 'ICMP need to frag, a later fragment',
    lines: [
      '11:22:34.000001 IP 192.168.9.1 > 192.168.8.5: ICMP 198.51.100.7 unreachable - need to frag (mtu 1400), length 556',
      '11:22:34.000002 IP 192.168.8.5 > 198.51.100.7: ip-proto-17',
    ],
    records: [
      { icmp: { type: 3, code: 4, mtu: 1400, quoted: { dst: '198.51.100.7' } } },
      { src: '192.168.8.5', fragment: { proto: 17 } },
    ],
  },
  {
    shape: 'ICMPv6 port unreachable, neighbour advertisement',
    lines: [
      '11:22:35.000001 IP6 2001:db8:5::1 > 2001:db8:5::9: ICMP6, destination unreachable, unreachable port, 2001:db8:7::2 udp port 4500, length 70',
      '11:22:35.000002 IP6 fe80::1 > fe80::9: ICMP6, neighbor advertisement, tgt is fe80::1, length 32',
    ],
    records: [
      { l3: 'IPv6', icmp: { type: 1, code: 4, quoted: { dst: '2001:db8:7::2', proto: 'UDP', dport: 4500 }, length: 70 } },
      { icmp: { type: 136, target: 'fe80::1', length: 32 } },
    ],
  },
  {
    shape: 'VXLAN (printed as OTV on UDP 8472 by 4.99.0 – 4.99.5), inner frame on the next line',
    lines: [
      '05:45:25.630584 IP 192.168.50.2.41121 > 192.168.50.3.8472: OTV, flags [I] (0x08), overlay 0, instance 7',
      'IP 10.4.1.10 > 10.4.2.20: ICMP echo request, id 12093, seq 1, length 64',
    ],
    records: [{ dport: 8472, encap: { type: 'vxlan', printedAs: 'OTV', vni: 7, inner: { src: '10.4.1.10', dst: '10.4.2.20', l4: 'ICMP' } } }],
  },
  {
    shape: 'Geneve over an IPv6 underlay, -S inner TCP',
    command: 'tcpdump -nnS -i ens5',
    lines: ['05:45:33.028286 IP6 2001:db8::2.32954 > 2001:db8::3.6081: Geneve, Flags [none], vni 0x7b, options [8 bytes]: IP 10.4.1.10.34000 > 10.4.2.20.80: Flags [.], ack 2833469912, win 502, length 0'],
    records: [{
      l3: 'IPv6', encap: { type: 'geneve', vni: 123, options: '8 bytes', inner: { tcp: { flags: '.', ack: 2833469912, ackAbsolute: 2833469912 } } },
    }],
  },
  {
    shape: '-X hex and ASCII dump line',
    lines: [
      '09:00:00.000001 IP 10.9.0.1 > 10.9.0.2: ICMP echo request, id 1, seq 1, length 64',
      '\t0x0000:  4500 0054 1234 4000 4001 1428 0a09 0001  E..T.4@.@..(....',
    ],
    records: [
      { l4: 'ICMP' },
      { kind: 'tcpdump-detail', detail: 'hex', offset: 0, bytes: '4500005412344000400114280a090001', ascii: 'E..T.4@.@..(....' },
    ],
  },
  {
    shape: '-A dump lines',
    lines: [
      '09:00:00.000002 IP 10.9.0.2.80 > 10.9.0.1.5000: Flags [P.], seq 1:18, ack 1, win 509, length 17: HTTP: HTTP/1.1 200 OK',
      'E..E..@.@.........P.....HTTP/1.1 200 OK',
    ],
    records: [{ tcp: { http: { firstLine: 'HTTP/1.1 200 OK' } } }, { kind: 'tcpdump-detail', detail: 'ascii', ascii: 'E..E..@.@.........P.....HTTP/1.1 200 OK' }],
  },
  {
    shape: 'end of capture',
    lines: ['^C', '12 packets captured'],
    records: [{ status: 'interrupted' }, { status: 'packets-captured', count: 12 }],
  },
];
