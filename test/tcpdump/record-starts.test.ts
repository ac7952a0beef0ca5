import { describe, expect, it } from 'vitest';
import { splitJoinedRecords } from '../../src/ingest/repair.js';

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
