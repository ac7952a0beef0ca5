import { describe, expect, it } from 'vitest';
import { splitJoinedRecords } from '../../src/ingest/repair.js';
import { parseLines } from './read-capture.js';

describe('flattened tcpdump pastes', () => {
  it('leave a packet line alone: its ` IP` / `ARP, ` sits after its stamp (and -i any columns)', () => {
    for (const line of [
      '09:14:03.118204 IP 192.168.40.7.51234 > 192.168.40.9.6443: Flags [S], seq 77, win 64240, length 0',
      '2025-03-04 09:14:03.118204 IP6 fd00::7.51234 > fd00::9.6443: Flags [S], seq 77, win 64240, length 0',
      '09:14:03.118204 lxc1a2b Out IP 10.8.1.4.40000 > 10.8.2.5.80: Flags [.], ack 1, win 502, length 0',
      '1741079643.118204 ARP, Request who-has 192.168.40.1 tell 192.168.40.7, length 28',
    ]) {
      expect(splitJoinedRecords(line)).toEqual([line]);
    }
  });

  it('split packets of other kinds joined on one line, the later one after the first one`s text', () => {
    const arp = '09:14:03.118204 ARP, Request who-has 192.168.40.1 tell 192.168.40.7, length 28';
    const ip = '09:14:03.120001 IP 192.168.40.7.51234 > 192.168.40.9.6443: Flags [S], seq 77, win 64240, length 0';
    expect(splitJoinedRecords(`${arp} ${ip}`)).toEqual([arp, ip]);
    expect(splitJoinedRecords(`${ip} ${arp}`)).toEqual([ip, arp]);
    expect(splitJoinedRecords(`see this: ${ip}`)).toEqual(['see this:', ip]);
  });
});

describe('tcpdump -# (packet numbers) in pastes', () => {
  it('leave a numbered packet line alone, in every stamp mode: the number belongs to it', () => {
    for (const line of [
      '    7  08:40:11.502113 IP 172.20.3.9.38712 > 172.20.0.10.8080: Flags [S], seq 5, win 64240, length 0',
      '   42  2024-11-30 08:40:11.502113 ARP, Request who-has 172.20.0.1 tell 172.20.3.9, length 28',
      '  311   00:00:00.000211 IP 172.20.3.9.38712 > 172.20.0.10.8080: Flags [.], ack 1, win 502, length 0',
      '  312  -00:00:00.000003 IP 172.20.3.9.38712 > 172.20.0.10.8080: Flags [.], ack 1, win 502, length 0',
      '123456  1732956011.502113 be:ef:00:00:01:02 > be:ef:00:00:01:03, ethertype IPv4 (0x0800), length 74: IP 172.20.3.9 > 172.20.0.10: ICMP echo request, id 3, seq 1, length 40',
    ]) {
      expect(splitJoinedRecords(line)).toEqual([line]);
    }
  });

  it('split a flattened numbered paste before each number, not before each stamp', () => {
    const a = '    9  08:40:11.502113 IP 172.20.3.9.38712 > 172.20.0.10.8080: Flags [S], seq 5, win 64240, length 0';
    const b = '   10  08:40:11.502290 IP 172.20.0.10.8080 > 172.20.3.9.38712: Flags [S.], seq 9, ack 6, win 65160, length 0';
    const c = '   11  08:40:11.502301 ARP, Reply 172.20.0.1 is-at 0a:58:ac:14:00:01, length 28';
    const segments = splitJoinedRecords(`${a}${b}${c}`);
    expect(segments.map((s) => s.trimStart())).toEqual([a, b, c].map((s) => s.trimStart()));
    const { packets, failures } = parseLines(segments);
    expect(failures).toEqual([]);
    expect(packets.map((p) => [p.number, p.ts?.printed, p.l4 ?? p.l3])).toEqual([
      [9, '08:40:11.502113', 'TCP'],
      [10, '08:40:11.502290', 'TCP'],
      [11, '08:40:11.502301', 'ARP'],
    ]);
  });
});
