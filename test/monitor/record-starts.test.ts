import { describe, expect, it } from 'vitest';
import { splitJoinedRecords } from '../../src/ingest/repair.js';

const SEP = '-'.repeat(78);

describe('flattened monitor pastes', () => {
  it('split debug records joined after prose', () => {
    const line =
      'the lookups happen twice, see: CPU 01: MARK 0x0 FROM 12 DEBUG: CT verdict: New, revnat=0 ' +
      'CPU 01: MARK 0x0 FROM 12 DEBUG: Attempting local delivery for container id 7 from seclabel 300';
    expect(splitJoinedRecords(line)).toEqual([
      'the lookups happen twice, see:',
      'CPU 01: MARK 0x0 FROM 12 DEBUG: CT verdict: New, revnat=0',
      'CPU 01: MARK 0x0 FROM 12 DEBUG: Attempting local delivery for container id 7 from seclabel 300',
    ]);
  });

  it('split dissection layers from each other and from the header that follows them', () => {
    const line =
      'Ethernet {Contents=[..14..] Payload=[..86..] SrcMAC=aa:bb:cc:dd:ee:01 DstMAC=aa:bb:cc:dd:ee:02 EthernetType=IPv4 Length=0} ' +
      'IPv4 {Contents=[..20..] Payload=[..64..] Version=4 IHL=5 TOS=0 Length=84 Id=1 Flags=DF FragOffset=0 TTL=63 Protocol=ICMPv4 Checksum=1 SrcIP=10.1.0.2 DstIP=10.1.0.3 Options=[] Padding=[]} ' +
      'ICMPv4 {Contents=[..8..] Payload=[..56..] TypeCode=EchoRequest Checksum=2 Id=9 Seq=0} ' +
      'CPU 00: MARK 0x0 FROM 5 to-endpoint: 98 bytes (98 captured), state new, interface lxc0123456789abidentity 300->400, orig-ip 10.1.0.2, to endpoint 5';
    const parts = splitJoinedRecords(line);
    expect(parts.map((p) => p.split(/[\t {]/)[0])).toEqual(['Ethernet', 'IPv4', 'ICMPv4', 'CPU']);
  });

  it('split summaries, verdicts, drops, separators and trailers', () => {
    const line =
      `${SEP} Ethernet\t{Contents=[..14..] Payload=[..28..] SrcMAC=aa:bb:cc:dd:ee:01 DstMAC=aa:bb:cc:dd:ee:02 EthernetType=ARP Length=0}   Failed to decode layer: No decoder for layer type ARP ` +
      'Policy verdict log: flow 0x0 local EP ID 5, remote ID world, proto 6, ingress, action deny, match none, 1.2.3.4:5 -> 10.1.0.3:80 tcp SYN ' +
      'xx drop (Policy denied) flow 0x0 to endpoint 5, identity world->400: 1.2.3.4:5 -> 10.1.0.3:80 tcp SYN ' +
      '-> endpoint 5 flow 0x1 , identity 300->400 state new ifindex 0 orig-ip 10.1.0.2: 10.1.0.2:1 -> 10.1.0.3:80 tcp SYN';
    expect(splitJoinedRecords(line).map((p) => p.slice(0, 12))).toEqual([
      SEP.slice(0, 12), 'Ethernet\t{Co', 'Failed to de', 'Policy verdi', 'xx drop (Pol', '-> endpoint ',
    ]);
  });

  it('leave single records and other families alone', () => {
    for (const line of [
      'xx drop (Policy denied) flow 0x0 to endpoint 812, , identity 22871->30012: 10.0.4.52:38817 -> 10.0.4.12:9153 tcp SYN',
      '-> endpoint 1247 flow 0x5e2f0c11 , identity 47115->47132 state new ifindex lxc2f8e61d0ab37 orig-ip 10.244.1.17: 10.244.1.17 -> 10.244.1.71 icmp EchoRequest',
      'Unknown payload type: 9, CPU 01: Lost 3 events',
      'NodeMonitor: Listening for events on 128 CPUs with 64x4096 of shared memory',
      'level=info msg="Initializing dissection cache..." subsys=monitor',
      '{"cpu":"CPU 03:","type":"trace","summary":{"ethernet":"Ethernet\\t{Contents=[..14..] Payload=[..60..]}"}}',
    ]) {
      expect(splitJoinedRecords(line)).toEqual([line]);
    }
  });

  it('still split agent log lines around a separator', () => {
    expect(splitJoinedRecords(`${SEP} level=info msg="Initializing dissection cache..." subsys=monitor`)).toEqual([
      SEP,
      'level=info msg="Initializing dissection cache..." subsys=monitor',
    ]);
  });
});
