/**
 * The net-tools and busybox side of a host dump (`route -n`, `netstat -rn`, `arp`, `ifconfig`), `ip
 * neigh`, ping summaries and curl's status line, read into the records iproute2's lines give (routes,
 * devices with their MTU, MAC and addresses) plus neighbours, pings and HTTP statuses. The line
 * shapes are src/knowledge/net-tools-lines.ts's; the host grammar asks this reader first.
 */
import {
  ARP_ALL_ROW, ARP_TABLE_HEADER, ARP_TABLE_ROW, CURL_VERBOSE_LINE, HTTP_HEADER_LINE, HTTP_STATUS_LINE, IFCONFIG_DETAIL_LINE,
  IFCONFIG_ETHER, IFCONFIG_INET, IFCONFIG_INET6, IFCONFIG_LINE, IFCONFIG_OLD_FLAGS, IFCONFIG_OLD_INET, IFCONFIG_OLD_INET6,
  IFCONFIG_OLD_LINE, NEIGH_LINE, PING_COUNTS, PING_LINE, PING_RTT, PING_TITLE, ROUTE6_TABLE_ROW, ROUTE_TABLE_HEADER, ROUTE_TABLE_ROW,
  ROUTE_TABLE_TITLE,
} from '../src/knowledge/net-tools-lines.js';
import type { FeedResult, GrammarSample } from '../src/types/grammar.js';
import type { HostLinkDetail, HostRecord, HostRoute, PingRtt, PingSummary } from '../src/types/host.js';

/** The columns `route -n` prints when no header was pasted (lib/inet_gr.c, lib/inet6_gr.c). */
const ROUTE_COLUMNS = ['Metric', 'Ref', 'Use', 'Iface'];
const ROUTE6_COLUMNS = ['Met', 'Ref', 'Use', 'If'];

/** Prefix length of a dotted netmask, or null when its ones are not contiguous. */
export function prefixLength(mask: string): number | null {
  const bits = mask.split('.').map((o) => Number(o).toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits) && bits.length === 32 ? bits.indexOf('0') < 0 ? 32 : bits.indexOf('0') : null;
}

const ok = (...records: HostRecord[]): FeedResult => ({ ok: true, records });
const noGateway = (gw: string): boolean => gw === '0.0.0.0' || gw === '*' || gw === '::';

function routeRow(dst: string, gateway: string, flags: string, values: Map<string, string>, family: 'inet' | 'inet6'): HostRoute {
  const metric = values.get('Metric') ?? values.get('Met');
  return {
    kind: 'host-route',
    family,
    type: flags.includes('!') ? 'unreachable' : 'unicast',
    dst,
    table: null,
    via: noGateway(gateway) ? null : gateway,
    dev: values.get('Iface') ?? values.get('If') ?? null,
    src: null,
    proto: null,
    scope: null,
    metric: metric !== undefined && /^\d+$/.test(metric) ? Number(metric) : null,
    mtu: null,
  };
}

/**
 * `10.0.0.0 / 255.255.255.0` → `10.0.0.0/24`; a /32 host route as its address, the default route as
 * `default` (as `ip route` prints them). Without `-n` route prints names (`link-local`): kept as printed.
 */
function ipv4Destination(dst: string, mask: string): string | null {
  const len = prefixLength(mask);
  if (len === null) return null;
  if (len === 0 && (dst === '0.0.0.0' || dst === 'default')) return 'default';
  if (!/^\d{1,3}(?:\.\d{1,3}){3}$/.test(dst)) return dst;
  return len === 32 ? dst : `${dst}/${len}`;
}

function emptyDetail(name: string): HostLinkDetail {
  return { kind: 'host-link-detail', ifindex: null, name, mac: null, mtu: null, linkKind: null, vni: null, port: null, external: false, address: null };
}

function pingSummary(target: string, counts: RegExpExecArray): PingSummary {
  const rtt = counts[6] ? PING_RTT.exec(counts[6]) : null;
  return {
    kind: 'ping-summary',
    target,
    transmitted: Number(counts[1]),
    received: Number(counts[2]),
    errors: counts[4] ? Number(counts[4]) : null,
    lossPercent: Number(counts[5]),
    rtt: rtt ? rttOf(rtt) : null,
  };
}

function rttOf(m: RegExpExecArray): PingRtt['rtt'] {
  return { min: Number(m[1]), avg: Number(m[2]), max: Number(m[3]), mdev: m[4] ? Number(m[4]) : null };
}

/** Per-source state: the route table's columns, the ifconfig device being read, the ping target, an HTTP response. */
export class NetToolsReader {
  private routeColumns: string[] | null = null;
  private device: string | null = null;
  private pingTarget: string | null = null;
  private inResponse = false;

  /** Records of a net-tools line, or null when the line is none of theirs. */
  feed(text: string): FeedResult | null {
    // An ifconfig device block goes on while its indented lines do.
    if (!IFCONFIG_DETAIL_LINE.test(text)) this.device = null;
    return this.read(text);
  }

  reset(): void {
    this.routeColumns = null;
    this.device = null;
    this.pingTarget = null;
    this.inResponse = false;
  }

  private read(text: string): FeedResult | null {
    if (ROUTE_TABLE_TITLE.test(text)) return ok();
    if (ROUTE_TABLE_HEADER.test(text)) {
      // `Next Hop` is one column; the numbers and the interface follow the flags.
      const names = text.replace('Next Hop', 'NextHop').trim().split(/\s+/);
      this.routeColumns = names.slice(names.findIndex((n) => n === 'Flags' || n === 'Flag') + 1);
      return ok();
    }
    const row4 = ROUTE_TABLE_ROW.exec(text);
    if (row4) {
      const values = this.columnValues(row4[5]!, ROUTE_COLUMNS);
      const dst = ipv4Destination(row4[1]!, row4[3]!);
      if (values && dst) return ok(routeRow(dst, row4[2]!, row4[4]!, values, 'inet'));
    }
    const row6 = ROUTE6_TABLE_ROW.exec(text);
    if (row6) {
      const values = this.columnValues(row6[4]!, ROUTE6_COLUMNS);
      if (values) return ok(routeRow(row6[1] === '::/0' ? 'default' : row6[1]!, row6[2]!, row6[3]!, values, 'inet6'));
    }
    if (ARP_TABLE_HEADER.test(text)) return ok();
    const arp = ARP_TABLE_ROW.exec(text);
    if (arp) return ok({ kind: 'host-neighbour', address: arp[1]!, mac: arp[3]?.toLowerCase() ?? null, dev: arp[6]!, state: arp[4] || (arp[3] ? null : 'incomplete') });
    const arpAll = ARP_ALL_ROW.exec(text);
    if (arpAll) {
      const flags = arpAll[5]!.trim();
      return ok({ kind: 'host-neighbour', address: arpAll[2]!, mac: arpAll[3]?.toLowerCase() ?? null, dev: arpAll[6]!, state: flags || (arpAll[3] ? null : 'incomplete') });
    }
    const neigh = NEIGH_LINE.exec(text);
    if (neigh) return ok({ kind: 'host-neighbour', address: neigh[1]!, mac: neigh[3]?.toLowerCase() ?? null, dev: neigh[2]!, state: neigh[5]! });
    return this.readIfconfig(text) ?? this.readClient(text);
  }

  /** The row's values by the header's column names (or the default ones), null when they do not line up. */
  private columnValues(rest: string, defaults: string[]): Map<string, string> | null {
    const columns = this.routeColumns ?? defaults;
    const values = rest.split(/\s+/);
    if (values.length !== columns.length) return null;
    return new Map(columns.map((c, i) => [c, values[i]!]));
  }

  private readIfconfig(text: string): FeedResult | null {
    const link = IFCONFIG_LINE.exec(text);
    if (link) {
      this.device = link[1]!;
      return ok({ kind: 'host-link', ifindex: null, name: link[1]!, peer: null, flags: link[3]!.split(',').filter(Boolean), mtu: Number(link[4]), state: null, master: null });
    }
    const old = IFCONFIG_OLD_LINE.exec(text);
    if (old) {
      this.device = old[1]!;
      const records: HostRecord[] = [{ kind: 'host-link', ifindex: null, name: old[1]!, peer: null, flags: [], mtu: null, state: null, master: null }];
      if (old[3]) records.push({ ...emptyDetail(old[1]!), mac: old[3].toLowerCase() });
      return ok(...records);
    }
    if (!this.device || !IFCONFIG_DETAIL_LINE.test(text)) return null;
    const detail = emptyDetail(this.device);
    const inet = IFCONFIG_INET.exec(text) ?? IFCONFIG_OLD_INET.exec(text);
    const inet6 = IFCONFIG_INET6.exec(text);
    const ether = IFCONFIG_ETHER.exec(text);
    const flags = IFCONFIG_OLD_FLAGS.exec(text);
    if (inet) {
      const len = inet[2] ? prefixLength(inet[2]) : null;
      detail.address = len === null ? inet[1]! : `${inet[1]}/${len}`;
    } else if (inet6) detail.address = `${inet6[1]}/${inet6[2]}`;
    else if (IFCONFIG_OLD_INET6.test(text)) detail.address = IFCONFIG_OLD_INET6.exec(text)![1]!;
    else if (ether) detail.mac = ether[1]!.toLowerCase();
    else if (flags) detail.mtu = Number(flags[2]);
    else return ok(); // counters, txqueuelen, interrupts: nothing the state keeps
    return ok(detail);
  }

  private readClient(text: string): FeedResult | null {
    const title = PING_TITLE.exec(text);
    if (title) {
      this.pingTarget = title[1]!;
      const counts = title[2] ? PING_COUNTS.exec(title[2]) : null;
      if (title[2] && !counts) return null;
      return ok(...(counts ? [pingSummary(title[1]!, counts)] : []));
    }
    if (PING_LINE.test(text)) return ok();
    const counts = PING_COUNTS.exec(text);
    if (counts && this.pingTarget) return ok(pingSummary(this.pingTarget, counts));
    const rtt = PING_RTT.exec(text);
    if (rtt && this.pingTarget) {
      this.pingTarget = null;
      return ok({ kind: 'ping-rtt', rtt: rttOf(rtt) });
    }
    const status = HTTP_STATUS_LINE.exec(text);
    if (status) {
      this.inResponse = true;
      return ok({ kind: 'http-status', version: status[1]!, status: Number(status[2]), reason: status[3] || null });
    }
    if (this.inResponse && (HTTP_HEADER_LINE.test(text) || CURL_VERBOSE_LINE.test(text))) return ok();
    if (CURL_VERBOSE_LINE.test(text) && /^[*>]/.test(text)) return ok();
    this.inResponse = false;
    return null;
  }
}

/** Doctests of the net-tools side, part of the host grammar's samples. */
export const netToolsSamples: readonly GrammarSample[] = [
  {
    // route -n in a pod's netns: the default route via the node's cilium_host address.
    lines: [
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface',
      '0.0.0.0         10.88.3.1       0.0.0.0         UG    0      0        0 eth0',
      '10.88.3.1       0.0.0.0         255.255.255.255 UH    0      0        0 eth0',
    ],
    records: [
      { kind: 'host-route', family: 'inet', dst: 'default', via: '10.88.3.1', dev: 'eth0', metric: 0, mtu: null },
      { kind: 'host-route', family: 'inet', dst: '10.88.3.1', via: null, dev: 'eth0', metric: 0 },
    ],
  },
  {
    // netstat -rn: MSS, Window and irtt in place of Metric, Ref and Use; a reject route.
    lines: [
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface',
      '10.77.0.0       10.77.2.44      255.255.255.0   UG        0 0          0 cilium_host',
      '10.99.0.0       0.0.0.0         255.255.0.0     !         0 0          0 -',
    ],
    records: [
      { kind: 'host-route', dst: '10.77.0.0/24', via: '10.77.2.44', dev: 'cilium_host', metric: null },
      { kind: 'host-route', type: 'unreachable', dst: '10.99.0.0/16', via: null },
    ],
  },
  {
    // route without -n prints names; route -ee both column sets.
    lines: [
      'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt',
      'default         _gateway        0.0.0.0         UG    100    0        0 ens4     0     0      0',
      '172.20.0.0      *               255.255.240.0   U     100    0        0 ens4     0     0      0',
    ],
    records: [
      { kind: 'host-route', dst: 'default', via: '_gateway', dev: 'ens4', metric: 100 },
      { kind: 'host-route', dst: '172.20.0.0/20', via: null, dev: 'ens4', metric: 100 },
    ],
  },
  {
    lines: [
      'Kernel IPv6 routing table',
      'Destination                    Next Hop                   Flag Met Ref Use If',
      'fd00:77:2::/64                 ::                         U    256 2     0 cilium_host',
      '::/0                           fe80::1                    UGDAe 1024 1     0 ens4',
    ],
    records: [
      { kind: 'host-route', family: 'inet6', dst: 'fd00:77:2::/64', via: null, dev: 'cilium_host', metric: 256 },
      { kind: 'host-route', family: 'inet6', dst: 'default', via: 'fe80::1', dev: 'ens4', metric: 1024 },
    ],
  },
  {
    lines: [
      'Address                  HWtype  HWaddress           Flags Mask            Iface',
      '10.88.3.1                ether   7e:51:0b:c4:9d:20   C                     eth0',
      '10.88.3.200                      (incomplete)                              eth0',
      '? (172.20.0.1) at 42:01:ac:14:00:01 [ether] on ens4',
      '? (172.20.0.9) at <incomplete> on ens4',
      '10.88.3.1 dev eth0 lladdr 7e:51:0b:c4:9d:20 REACHABLE',
      'fe80::1 dev ens4 lladdr 42:01:ac:14:00:01 router STALE',
    ],
    records: [
      { kind: 'host-neighbour', address: '10.88.3.1', mac: '7e:51:0b:c4:9d:20', dev: 'eth0', state: 'C' },
      { kind: 'host-neighbour', address: '10.88.3.200', mac: null, dev: 'eth0', state: 'incomplete' },
      { kind: 'host-neighbour', address: '172.20.0.1', mac: '42:01:ac:14:00:01', dev: 'ens4', state: null },
      { kind: 'host-neighbour', address: '172.20.0.9', mac: null, dev: 'ens4', state: 'incomplete' },
      { kind: 'host-neighbour', address: '10.88.3.1', mac: '7e:51:0b:c4:9d:20', dev: 'eth0', state: 'REACHABLE' },
      { kind: 'host-neighbour', address: 'fe80::1', dev: 'ens4', state: 'STALE' },
    ],
  },
  {
    // net-tools 2.x
    lines: [
      'eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1450',
      '        inet 10.88.3.57  netmask 255.255.255.255  broadcast 0.0.0.0',
      '        inet6 fe80::7c51:bff:fec4:9d21  prefixlen 64  scopeid 0x20<link>',
      '        ether 7e:51:0b:c4:9d:21  txqueuelen 0  (Ethernet)',
      '        RX packets 1204  bytes 98811 (96.4 KiB)',
      '        RX errors 0  dropped 0  overruns 0  frame 0',
      '        TX packets 977  bytes 71230 (69.5 KiB)',
      '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0',
    ],
    records: [
      { kind: 'host-link', ifindex: null, name: 'eth0', flags: ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST'], mtu: 1450 },
      { kind: 'host-link-detail', name: 'eth0', address: '10.88.3.57/32' },
      { kind: 'host-link-detail', name: 'eth0', address: 'fe80::7c51:bff:fec4:9d21/64' },
      { kind: 'host-link-detail', name: 'eth0', mac: '7e:51:0b:c4:9d:21' },
    ],
  },
  {
    // net-tools ≤ 1.60 and busybox: the MTU on a line of its own.
    lines: [
      'eth0      Link encap:Ethernet  HWaddr 0A:58:0A:F4:01:07',
      '          inet addr:10.244.1.7  Bcast:10.244.1.255  Mask:255.255.255.0',
      '          inet6 addr: fe80::858:aff:fef4:107/64 Scope:Link',
      '          UP BROADCAST RUNNING MULTICAST  MTU:1450  Metric:1',
      '          RX packets:12 errors:0 dropped:0 overruns:0 frame:0',
      '          collisions:0 txqueuelen:0',
      '          RX bytes:936 (936.0 B)  TX bytes:656 (656.0 B)',
    ],
    records: [
      { kind: 'host-link', ifindex: null, name: 'eth0', mtu: null },
      { kind: 'host-link-detail', name: 'eth0', mac: '0a:58:0a:f4:01:07' },
      { kind: 'host-link-detail', name: 'eth0', address: '10.244.1.7/24' },
      { kind: 'host-link-detail', name: 'eth0', address: 'fe80::858:aff:fef4:107/64' },
      { kind: 'host-link-detail', name: 'eth0', mtu: 1450 },
    ],
  },
  {
    // iputils
    lines: [
      'PING 10.31.4.9 (10.31.4.9) 56(84) bytes of data.',
      '64 bytes from 10.31.4.9: icmp_seq=1 ttl=62 time=0.688 ms',
      '--- 10.31.4.9 ping statistics ---',
      '3 packets transmitted, 3 received, 0% packet loss, time 2031ms',
      'rtt min/avg/max/mdev = 0.412/0.530/0.688/0.115 ms',
      '--- 10.31.4.10 ping statistics ---',
      '4 packets transmitted, 0 received, +4 errors, 100% packet loss, time 3062ms',
    ],
    records: [
      { kind: 'ping-summary', target: '10.31.4.9', transmitted: 3, received: 3, errors: null, lossPercent: 0, rtt: null },
      { kind: 'ping-rtt', rtt: { min: 0.412, avg: 0.53, max: 0.688, mdev: 0.115 } },
      { kind: 'ping-summary', target: '10.31.4.10', transmitted: 4, received: 0, errors: 4, lossPercent: 100 },
    ],
  },
  {
    // busybox, its three lines joined by a paste and the dashes turned by a chat tool.
    lines: ['—- 10.31.4.9 ping statistics —- 5 packets transmitted, 4 packets received, 20% packet loss round-trip min/avg/max = 0.201/0.244/0.301 ms'],
    records: [{ kind: 'ping-summary', target: '10.31.4.9', transmitted: 5, received: 4, lossPercent: 20, rtt: { min: 0.201, avg: 0.244, max: 0.301, mdev: null } }],
  },
  {
    // curl -i, then curl -v (its own lines and the response after `< `).
    lines: [
      'HTTP/1.1 403 Forbidden',
      'server: envoy',
      'content-length: 15',
      '*   Trying 10.96.40.12:8080...',
      '> GET /healthz HTTP/1.1',
      '> Host: 10.96.40.12:8080',
      '>',
      '< HTTP/2 503',
      '< content-type: text/plain',
    ],
    records: [
      { kind: 'http-status', version: '1.1', status: 403, reason: 'Forbidden' },
      { kind: 'http-status', version: '2', status: 503, reason: null },
    ],
  },
];
