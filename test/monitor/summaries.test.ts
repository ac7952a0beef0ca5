import { describe, expect, it } from 'vitest';
import { applySummary, newEvent } from '../../grammars/monitor-events.js';

function summary(text: string) {
  const e = newEvent('trace', 'summary');
  applySummary(e, text);
  const { srcIp, srcPort, dstIp, dstPort, protocol, tcpFlags, icmpType, details } = e;
  return { srcIp, srcPort, dstIp, dstPort, protocol, tcpFlags, icmpType, details };
}

describe('connection summaries (monitor.md §3.7)', () => {
  it('reads TCP, UDP and SCTP tuples', () => {
    expect(summary('10.0.2.45:8080 -> 10.0.1.23:39670 tcp SYN, ACK')).toMatchObject({
      srcIp: '10.0.2.45', srcPort: 8080, dstIp: '10.0.1.23', dstPort: 39670, protocol: 'tcp', tcpFlags: 'SYN,ACK',
    });
    expect(summary('10.0.1.23:40118 -> 10.0.0.10:53 udp')).toMatchObject({ protocol: 'udp', dstPort: 53, tcpFlags: null });
    expect(summary('10.0.1.23:40118 -> 10.0.0.10:9 tcp ')).toMatchObject({ protocol: 'tcp', tcpFlags: null });
    expect(summary('[fd00:10:244:1::1a]:45678 -> [fd00:10:244:2::5]:80 tcp SYN')).toMatchObject({
      srcIp: 'fd00:10:244:1::1a', srcPort: 45678, dstIp: 'fd00:10:244:2::5', dstPort: 80,
    });
  });

  it('reads ICMP with and without the ≈ 1.18 `icmp` word, and ICMPv6', () => {
    expect(summary('10.244.1.17 -> 10.244.1.71 EchoRequest')).toMatchObject({ protocol: 'icmp', icmpType: 'EchoRequest', srcPort: null });
    expect(summary('10.244.1.17 -> 10.244.1.71 icmp EchoRequest')).toMatchObject({ protocol: 'icmp', icmpType: 'EchoRequest' });
    expect(summary('10.0.0.1 -> 10.0.0.2 EchoRequest(Code: 3)')).toMatchObject({ icmpType: 'EchoRequest(Code: 3)' });
    expect(summary('fe80::a4c1:38ff:fe5e:2b07 -> ff02::2 RouterSolicitation')).toMatchObject({ protocol: 'icmpv6', dstIp: 'ff02::2' });
  });

  it('reads L2-only, undecodable and overlay summaries', () => {
    expect(summary('5a:1e:9c:04:7b:e2 -> 26:7d:41:b0:9e:3c ARP')).toMatchObject({ protocol: 'arp', srcIp: null });
    expect(summary('[unknown]')).toMatchObject({ protocol: null, srcIp: null });
    expect(summary('10.244.2.31:8080 -> 10.244.1.17:39670 tcp SYN, ACK [tunnel 192.168.10.102:48562 -> 192.168.10.101:8472 vxlan]')).toMatchObject({
      srcIp: '10.244.2.31', tcpFlags: 'SYN,ACK',
      details: { tunnel: { src: '192.168.10.102:48562', dst: '192.168.10.101:8472', protocol: 'vxlan' } },
    });
  });
});
