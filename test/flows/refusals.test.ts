/**
 * A request the datapath delivered but the server turned away is delivered, with how it was
 * refused: a TCP reset answering the SYN, an ICMP port unreachable quoting the datagram. An ICMP
 * error printed in tcpdump's short form (no source port) joins the conversation to the port it
 * names, not another one between the same hosts.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../helpers/analyze.js';
import { lines } from '../helpers/rule-tester.js';

const observedOf = (flows: Awaited<ReturnType<typeof analyzeText>>['flows']) =>
  Object.fromEntries(flows.map((f) => [`${f.tuple.proto} ${f.tuple.dport}`, f.disposition.observed]));

describe('refused requests', () => {
  it('names a reset answering the SYN and a port unreachable quoting the datagram', async () => {
    const report = await analyzeText(
      lines(
        '$ tcpdump -ni eth0 host 10.31.7.44',
        '11:02:03.100001 IP 10.31.2.9.50110 > 10.31.7.44.8443: Flags [S], seq 1000, win 64240, options [mss 1460], length 0',
        '11:02:03.100201 IP 10.31.7.44.8443 > 10.31.2.9.50110: Flags [R.], seq 0, ack 1001, win 0, length 0',
        '11:02:04.200001 IP 10.31.2.9.41977 > 10.31.7.44.5353: UDP, length 12',
        '11:02:04.200101 IP 10.31.2.9.41980 > 10.31.7.44.161: UDP, length 40',
        '11:02:04.200301 IP 10.31.7.44 > 10.31.2.9: ICMP 10.31.7.44 udp port 5353 unreachable, length 48',
        '11:02:05.300001 IP 10.31.2.9.50112 > 10.31.7.44.443: Flags [S], seq 2000, win 64240, options [mss 1460], length 0',
        '11:02:05.300201 IP 10.31.7.44.443 > 10.31.2.9.50112: Flags [S.], seq 7000, ack 2001, win 65160, options [mss 1460], length 0',
        '11:02:05.300401 IP 10.31.2.9.50112 > 10.31.7.44.443: Flags [.], ack 7001, win 502, length 0',
        '11:02:05.400001 IP 10.31.7.44.443 > 10.31.2.9.50112: Flags [R.], seq 7001, ack 2001, win 0, length 0',
      ),
    );
    expect(observedOf(report.flows)).toEqual({
      'tcp 8443': { kind: 'delivered', detail: 'refused: TCP reset' },
      'udp 5353': { kind: 'delivered', detail: 'refused: ICMP port unreachable' },
      'udp 161': { kind: 'unknown', detail: null },
      // A reset after the handshake closes a connection the server accepted.
      'tcp 443': { kind: 'delivered', detail: null },
    });
  });

  it('reads ICMPv6 port unreachable with its quoted datagram', async () => {
    const report = await analyzeText(
      lines(
        '09:41:00.000100 IP6 fd10:31::9.40404 > fd10:31::44.9000: UDP, length 8',
        '09:41:00.000300 IP6 fd10:31::44 > fd10:31::9: ICMP6, destination unreachable, unreachable port, fd10:31::44 udp port 9000, length 64',
      ),
    );
    expect(observedOf(report.flows)).toEqual({ 'udp 9000': { kind: 'delivered', detail: 'refused: ICMP port unreachable' } });
  });
});
