/**
 * tcpdump without -n (addrtoname.c, print-ip.c, print-tcp.c, print-udp.c, print-icmp.c,
 * print-arp.c, 4.9 – 4.99 – 5.x): host names where the addresses were, service names where the
 * ports were, the port being the last dot-separated part of a name when the protocol has ports.
 * A single -n already prints numbers for both since 3.9 (init_addrtoname returns before reading
 * the services database), so `-n` and `-nn` captures read alike.
 */
import { describe, expect, it } from 'vitest';
import type { TcpdumpPacket } from '../../src/types/tcpdump.js';
import { parseLines } from './read-capture.js';

function read(...lines: string[]): TcpdumpPacket[] {
  const { packets, failures } = parseLines(lines);
  expect(failures).toEqual([]);
  for (const p of packets) expect(p.note).toBeUndefined();
  return packets;
}

/** The endpoint fields of a frame, absent ones left out. */
function ends(p: { src?: string; dst?: string; srcName?: string; dstName?: string; sport?: number; dport?: number; sportName?: string; dportName?: string }) {
  const { src, dst, srcName, dstName, sport, dport, sportName, dportName } = p;
  return Object.fromEntries(Object.entries({ src, srcName, sport, sportName, dst, dstName, dport, dportName }).filter(([, v]) => v !== undefined));
}

describe('tcpdump without -n', () => {
  it('splits the port off the last dot of a host name, numeric or a service name', () => {
    const [a, b, c] = read(
      '22:04:19.775310 IP gke-pool-1-9c1e.c.proj-42.internal.39822 > etcd-2.etcd.infra.svc.etcd-client: Flags [P.], seq 1:118, ack 1, win 501, length 117',
      '22:04:19.775612 IP etcd-2.etcd.infra.svc.etcd-client > gke-pool-1-9c1e.c.proj-42.internal.39822: Flags [.], ack 118, win 509, length 0',
      '22:04:19.780000 IP 10.88.0.4.33112 > ingress-7.edge.example.org.pcsync-https: Flags [S], seq 55, win 29200, length 0',
    );
    expect(ends(a!)).toEqual({ srcName: 'gke-pool-1-9c1e.c.proj-42.internal', sport: 39822, dstName: 'etcd-2.etcd.infra.svc', dport: 2379, dportName: 'etcd-client' });
    expect(ends(b!)).toEqual({ srcName: 'etcd-2.etcd.infra.svc', sport: 2379, sportName: 'etcd-client', dstName: 'gke-pool-1-9c1e.c.proj-42.internal', dport: 39822 });
    expect(ends(c!)).toEqual({ src: '10.88.0.4', sport: 33112, dstName: 'ingress-7.edge.example.org', dport: 8443, dportName: 'pcsync-https' });
  });

  it('keeps a service name it does not know, without a number', () => {
    const [p] = read('22:04:20.000001 IP6 builder.lan.51000 > cache.lan.squid-alt: Flags [S], seq 1, win 65535, length 0');
    expect(ends(p!)).toEqual({ srcName: 'builder.lan', sport: 51000, dstName: 'cache.lan', dportName: 'squid-alt' });
  });

  it('-N: names without their domain', () => {
    const [p] = read('22:04:21.500000 IP worker-3.40112 > apiserver.sun-sr-https: Flags [S], seq 9, win 64240, length 0');
    expect(ends(p!)).toEqual({ srcName: 'worker-3', sport: 40112, dstName: 'apiserver', dport: 6443, dportName: 'sun-sr-https' });
  });

  it('takes no port off the names of a protocol without ports (ICMP, ESP, a later fragment)', () => {
    const [echo, esp, frag, nd] = read(
      '22:04:22.000001 IP probe.http > edge.ssh: ICMP echo request, id 77, seq 3, length 64',
      '22:04:22.000002 IP vpn-a.site-1.corp > vpn-b.site-2.corp: ESP(spi=0x0000c001,seq=0x12), length 120',
      '22:04:22.000003 IP vpn-a.site-1.corp > vpn-b.site-2.corp: udp',
      '22:04:22.000004 IP6 rtr-1.lab > ff02::1:ff00:42: ICMP6, neighbor solicitation, who has host-42.lab, length 32',
    );
    expect(ends(echo!)).toEqual({ srcName: 'probe.http', dstName: 'edge.ssh' });
    expect(echo!.icmp).toMatchObject({ id: 77, seq: 3 });
    expect(ends(esp!)).toEqual({ srcName: 'vpn-a.site-1.corp', dstName: 'vpn-b.site-2.corp' });
    expect(esp!.l4).toBe('ESP');
    expect(ends(frag!)).toEqual({ srcName: 'vpn-a.site-1.corp', dstName: 'vpn-b.site-2.corp' });
    expect(frag!.fragment).toEqual({ protoName: 'udp', proto: 17 });
    expect(ends(nd!)).toEqual({ srcName: 'rtr-1.lab', dst: 'ff02::1:ff00:42' });
    expect(nd!.icmp).toMatchObject({ type: 135, target: 'host-42.lab' });
  });

  it('-v: the header declares the protocol; the quoted datagram of an ICMP error has names too', () => {
    const [udp, icmp] = read(
      '22:04:23.000001 IP (tos 0x0, ttl 64, id 511, offset 0, flags [DF], proto UDP (17), length 64)',
      '    app-1.shop.local.45000 > resolver.shop.local.domain: 7001+ AAAA? cart.shop.local. (36)',
      '22:04:23.000200 IP (tos 0xc0, ttl 64, id 9, offset 0, flags [none], proto ICMP (1), length 92)',
      '    resolver.shop.local > app-1.shop.local: ICMP resolver.shop.local udp port domain unreachable, length 72',
      '\tIP (tos 0x0, ttl 64, id 511, offset 0, flags [DF], proto UDP (17), length 64)',
      '    app-1.shop.local.45000 > resolver.shop.local.domain: 7001+ AAAA? cart.shop.local. (36)',
    );
    expect(ends(udp!)).toEqual({ srcName: 'app-1.shop.local', sport: 45000, dstName: 'resolver.shop.local', dport: 53, dportName: 'domain' });
    expect(udp!.dns).toMatchObject({ id: 7001, qtype: 'AAAA', qname: 'cart.shop.local.' });
    expect(ends(icmp!)).toEqual({ srcName: 'resolver.shop.local', dstName: 'app-1.shop.local' });
    expect(icmp!.icmp!.quoted).toMatchObject({ proto: 'UDP', srcName: 'app-1.shop.local', sport: 45000, dstName: 'resolver.shop.local', dport: 53 });
    expect(icmp!.icmp!.quoted!.src).toBeUndefined();
  });

  it('ARP: who-has and tell print names; is-at keeps the MAC', () => {
    const [req, reply] = read(
      '22:04:24.000001 ARP, Request who-has gateway.dc1 tell worker-3.dc1, length 46',
      '22:04:24.000090 ARP, Reply gateway.dc1 is-at 3c:fd:fe:0a:11:02, length 46',
    );
    expect(ends(req!)).toEqual({ srcName: 'worker-3.dc1', dstName: 'gateway.dc1' });
    expect(req!.arp).toEqual({ op: 'request', length: 46 });
    expect(ends(reply!)).toEqual({ srcName: 'gateway.dc1' });
    expect(reply!.arp).toEqual({ op: 'reply', sha: '3c:fd:fe:0a:11:02', length: 46 });
  });

  it('reads names on numbered (-#), -i any and -e lines alike', () => {
    const [numbered, any, eth] = read(
      '   17  22:04:25.000001 IP db-0.pg.data.svc.cluster.local.postgresql > api-5.api.data.svc.cluster.local.50122: Flags [P.], seq 1:33, ack 1, win 502, length 32',
      '22:04:25.000002 lxc9a1 In  IP api-5.api.data.svc.cluster.local.50122 > db-0.pg.data.svc.cluster.local.postgresql: Flags [.], ack 33, win 502, length 0',
      '22:04:25.000003 02:11:22:33:44:55 > 02:11:22:33:44:66, ethertype IPv4 (0x0800), length 66: node-a.4240 > node-b.4240: Flags [.], ack 1, win 502, length 0',
    );
    expect(numbered!.number).toBe(17);
    expect(ends(numbered!)).toEqual({ srcName: 'db-0.pg.data.svc.cluster.local', sport: 5432, sportName: 'postgresql', dstName: 'api-5.api.data.svc.cluster.local', dport: 50122 });
    expect(any!.link).toMatchObject({ interface: 'lxc9a1', direction: 'In' });
    expect(ends(any!)).toMatchObject({ sport: 50122, dport: 5432 });
    expect(ends(eth!)).toEqual({ srcName: 'node-a', sport: 4240, dstName: 'node-b', dport: 4240 });
  });
});
