import { describe, expect, it } from 'vitest';
import { monitorGrammar } from '../../grammars/monitor.js';
import type { MonitorEvent, MonitorRecord } from '../../src/types/monitor.js';

function feedAll(lines: string[]): MonitorRecord[][] {
  const session = monitorGrammar.open();
  return lines.map((text, i) => {
    const r = session.feed({ source: 't', line: i + 1, segment: 0, text, context: {} });
    if (!r.ok) throw new Error(`line ${i + 1}: ${r.reason}`);
    return r.records as MonitorRecord[];
  });
}

function event(text: string): MonitorEvent {
  const [records] = feedAll([text]);
  const e = records![0]!;
  if (e.kind !== 'monitor-event') throw new Error(`not an event: ${text}`);
  return e;
}

describe('monitor grammar: release quirks', () => {
  it('splits the 1.9 identity fragment glued to the state, the interface or the reason', () => {
    expect(event('CPU 01: MARK 0x0 FROM 3361 from-endpoint: 98 bytes (98 captured), state newidentity 51276->unknown, orig-ip 0.0.0.0')).toMatchObject({
      traceState: 'new', srcIdentity: '51276', dstIdentity: 'unknown', dstIdentityNum: 0, sourceEndpoint: 3361,
    });
    expect(event('CPU 01: MARK 0x0 FROM 9 to-overlay: 98 bytes (98 captured), state new, interface cilium_vxlanidentity 51276->unknown, orig-ip 0.0.0.0')).toMatchObject({
      ifname: 'cilium_vxlan', srcIdentityNum: 51276,
    });
    expect(event('CPU 02: MARK 0x0 FROM 2954 DROP: 74 bytes, reason Policy deniedidentity world->17602, to endpoint 2954')).toMatchObject({
      dropReason: 'Policy denied', dropCode: 133, srcIdentityNum: 2, dstIdentityNum: 17602, destEndpoint: 2954, length: 74,
    });
  });

  it('reads ≤ 1.8 / 1.9 summary forms, unknown codes and the P1 verdict', () => {
    expect(event('-> overlay  encrypted  flow 0x11aa22bb identity 23188->45873 state established ifindex cilium_vxlan orig-ip 0.0.0.0: 10.244.3.9:47122 -> 10.244.1.87:8080 tcp ACK')).toMatchObject({
      obsPoint: 'to-overlay', encrypted: true, srcIdentityNum: 23188, traceState: 'established', ifname: 'cilium_vxlan',
    });
    expect(event('xx drop (250, 0) flow 0x0 to endpoint 0, ifindex 2, file unknown(31):12, , identity host->world: 10.0.0.1:1 -> 10.0.0.2:2 udp')).toMatchObject({
      dropCode: 250, dropReason: '250', extError: 0, bpfFile: 'unknown(31)', bpfLine: 12,
    });
    expect(event('xx drop (CT: Missing TCP ACK flag) flow 0x0 to endpoint 12, identity 300->400: 10.0.0.1:1 -> 10.0.0.2:2 tcp ')).toMatchObject({
      dropCode: 136, dropReason: 'CT: Missing TCP ACK flag', protocol: 'tcp', tcpFlags: null,
    });
    expect(event('Policy verdict log: flow 0x0 local EP ID 1702, remote ID 6, dst port 80, proto 6, ingress true, action allow, match L3-L4, 192.168.60.21:5000 -> 192.168.60.13:80 tcp SYN')).toMatchObject({
      direction: 'ingress', destEndpoint: 1702, srcIdentityNum: 6, dstPort: 80, action: 'allow', match: 'L3-L4',
    });
    expect(event('Unknown payload type: 9, CPU 01: Lost 3 events')).toMatchObject({ type: 'lost', cpu: 1, lostCount: 3 });
    expect(event('CPU 04: Unknown event: [200 0 12 0]')).toMatchObject({ type: 'unknown-event', cpu: 4 });
  });

  it('refuses text that is no monitor line', () => {
    const r = monitorGrammar.open().feed({ source: 't', line: 1, segment: 0, text: 'the monitor shows nothing', context: {} });
    expect(r).toEqual({ ok: false, reason: 'not a cilium monitor line shape' });
  });
});

describe('monitor grammar: dissection blocks', () => {
  const SEP = '-'.repeat(78);
  const ETH = 'Ethernet\t{Contents=[..14..] Payload=[..60..] SrcMAC=aa:bb:cc:00:00:01 DstMAC=aa:bb:cc:00:00:02 EthernetType=IPv4 Length=0}';
  const IP = 'IPv4\t{Contents=[..20..] Payload=[..40..] Version=4 IHL=5 TOS=0 Length=60 Id=7 Flags= FragOffset=0 TTL=61 Protocol=TCP Checksum=1 SrcIP=10.1.0.1 DstIP=10.1.0.2 Options=[] Padding=[]}';
  const HEADER = 'CPU 00: MARK 0x0 FROM 5 to-endpoint: 74 bytes (74 captured), state new, interface lxc0a, , identity 300->400, orig-ip 10.1.0.1, to endpoint 5';

  it('hands a block printed before its header to that header', () => {
    const out = feedAll([SEP, ETH, IP, HEADER]);
    const header = out[3]![0] as MonitorEvent;
    expect(header.adopts).toEqual([{ line: 2, segment: 0 }, { line: 3, segment: 0 }]);
    expect(header.dissection).toMatchObject({ layers: ['Ethernet', 'IPv4'], ttl: 61, ipFlags: null, srcIp: '10.1.0.1' });
  });

  it('links a block printed after its header to that header', () => {
    const out = feedAll([SEP, HEADER, ETH, IP]);
    expect(out[3]![0]).toMatchObject({ kind: 'monitor-line', eventAt: { line: 2, segment: 0 }, dissection: { ttl: 61 } });
  });

  it('keeps the learned order when separators are lost', () => {
    // Dissection first, then header; the next block's layers must wait for the next header.
    const out = feedAll([ETH, IP, HEADER, ETH, IP, HEADER]);
    expect((out[2]![0] as MonitorEvent).adopts).toHaveLength(2);
    expect(out[3]![0]).toMatchObject({ eventAt: null });
    expect((out[5]![0] as MonitorEvent).adopts).toEqual([{ line: 4, segment: 0 }, { line: 5, segment: 0 }]);
  });
});
