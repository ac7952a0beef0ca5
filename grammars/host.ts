/**
 * iproute2 dumps (`ip route`, `ip -6 route`, `ip route show table all`, `ip [-d] link`, `ip addr`,
 * `ip rule`), from node shells, `kubectl exec POD -- ip …`, `nsenter … ip …` or a bugtool member:
 *
 *   default via 172.16.4.1 dev ens5 proto dhcp src 172.16.4.11 metric 100
 *   10.42.2.0/24 via 10.42.1.19 dev cilium_host proto kernel src 10.42.1.19 mtu 1450
 *   local 10.42.1.19 dev cilium_host table local proto kernel scope host src 10.42.1.19
 *   7: cilium_vxlan: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
 *       link/ether 5e:2a:91:0c:44:7b brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535
 *       vxlan external id 0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx
 *       inet 10.42.1.19/32 scope global cilium_host
 *   9:	from all fwmark 0x200/0xf00 lookup 2004
 */
import { isRouteLine, LINK_DETAIL_LINE, LINK_LINE, NEXTHOP_LINE, ROUTE_LINE, RULE_LINE } from '../src/sniff/host.js';
import type { FeedResult, Grammar, GrammarSample, GrammarSession } from '../src/types/grammar.js';
import type { LogicalLine } from '../src/types/lines.js';
import type { HostLinkDetail, HostRoute } from '../src/types/host.js';
import { netToolsSamples, NetToolsReader } from './net-tools.js';

/** Device kinds `ip -d link` prints at the start of the line after `link/…`. */
const LINK_KINDS = new Set([
  'veth', 'vxlan', 'geneve', 'netkit', 'wireguard', 'bridge', 'ipip', 'ip6tnl', 'sit', 'gre', 'dummy', 'tun', 'macvlan',
  'ipvlan', 'vlan', 'bond', 'team', 'vrf', 'ifb', 'xfrm', 'openvswitch',
]);

/** `key value` attributes of a route line; flags without a value (`onlink`, `linkdown`) are skipped. */
function routeAttributes(rest: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const tokens = rest.trim().split(/\s+/).filter((t) => t.length > 0);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'mtu' && tokens[i + 1] === 'lock') i++;
    if (['via', 'dev', 'src', 'proto', 'scope', 'metric', 'table', 'mtu', 'pref', 'advmss', 'expires', 'weight', 'realm', 'nhid', 'initcwnd', 'from'].includes(t)) {
      const value = tokens[++i];
      if (value !== undefined) attrs.set(t, t === 'via' && (value === 'inet' || value === 'inet6') ? (tokens[++i] ?? value) : value);
    }
  }
  return attrs;
}

function num(v: string | undefined): number | null {
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
}

export function routeRecord(text: string): HostRoute | null {
  if (!isRouteLine(text)) return null;
  const m = ROUTE_LINE.exec(text)!;
  const attrs = routeAttributes(m[3] ?? '');
  const dst = m[2]!;
  return {
    kind: 'host-route',
    family: dst.includes(':') ? 'inet6' : dst === 'default' ? null : 'inet',
    type: m[1] ?? 'unicast',
    dst,
    table: attrs.get('table') ?? null,
    via: attrs.get('via') ?? null,
    dev: attrs.get('dev') ?? null,
    src: attrs.get('src') ?? null,
    proto: attrs.get('proto') ?? null,
    scope: attrs.get('scope') ?? null,
    metric: num(attrs.get('metric')),
    mtu: num(attrs.get('mtu')),
  };
}

function linkDetail(text: string, link: { ifindex: number; name: string }): HostLinkDetail | null {
  if (!LINK_DETAIL_LINE.test(text)) return null;
  const tokens = text.trim().split(/\s+/);
  const detail: HostLinkDetail = {
    kind: 'host-link-detail', ifindex: link.ifindex, name: link.name, mac: null, mtu: null, linkKind: null, vni: null, port: null,
    external: false, address: null,
  };
  const first = tokens[0]!;
  if (first.startsWith('link/')) {
    detail.mac = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/.test(tokens[1] ?? '') ? tokens[1]! : null;
  } else if (first === 'inet' || first === 'inet6') {
    detail.address = tokens[1] ?? null;
  } else if (LINK_KINDS.has(first)) {
    detail.linkKind = first;
    const at = (key: string) => tokens[tokens.indexOf(key) + 1];
    if (tokens.includes('id')) detail.vni = num(at('id'));
    if (tokens.includes('dstport')) detail.port = num(at('dstport'));
    detail.external = tokens.includes('external');
  }
  return detail;
}

class HostSession implements GrammarSession {
  private link: { ifindex: number; name: string } | null = null;
  private route: HostRoute | null = null;
  private readonly netTools = new NetToolsReader();

  feed(line: LogicalLine): FeedResult {
    const text = line.text.trimEnd();
    const netTools = this.netTools.feed(text);
    if (netTools) {
      this.link = null;
      this.route = null;
      return netTools;
    }
    const link = LINK_LINE.exec(text);
    if (link) {
      const rest = link[5] ?? '';
      const attr = (key: string) => new RegExp(`(?:^|\\s)${key}\\s+(\\S+)`).exec(rest)?.[1] ?? null;
      this.link = { ifindex: Number(link[1]), name: link[2]! };
      this.route = null;
      return {
        ok: true,
        records: [{
          kind: 'host-link', ifindex: Number(link[1]), name: link[2]!, peer: link[3] ?? null, flags: link[4]!.split(',').filter(Boolean),
          mtu: num(attr('mtu') ?? undefined), state: attr('state'), master: attr('master'),
        }],
      };
    }
    const rule = RULE_LINE.exec(text);
    if (rule) {
      this.link = null;
      return { ok: true, records: [{ kind: 'host-rule', priority: Number(rule[1]), selector: rule[2]!, table: rule[3] ?? rule[4] ?? null }] };
    }
    const nexthop = NEXTHOP_LINE.exec(text);
    if (nexthop && this.route) {
      return { ok: true, records: [{ ...this.route, via: nexthop[1] ?? null, dev: nexthop[2] ?? null }] };
    }
    const route = routeRecord(text);
    if (route) {
      this.link = null;
      this.route = route;
      return { ok: true, records: [route] };
    }
    if (this.link) {
      const detail = linkDetail(text, this.link);
      if (detail) return { ok: true, records: [detail] };
    }
    return { ok: false, reason: this.link ? 'unexpected line in an ip link/addr device block' : 'not an iproute2 or net-tools line' };
  }

  onCommand(): void {
    this.link = null;
    this.route = null;
    this.netTools.reset();
  }
}

export const samples: readonly GrammarSample[] = [
  {
    lines: [
      'default via 172.16.4.1 dev ens5 proto dhcp src 172.16.4.11 metric 100',
      '10.42.2.0/24 via 10.42.1.19 dev cilium_host proto kernel src 10.42.1.19 mtu 1450',
      'local 10.42.1.19 dev cilium_host table local proto kernel scope host src 10.42.1.19',
    ],
    records: [
      { kind: 'host-route', type: 'unicast', dst: 'default', via: '172.16.4.1', dev: 'ens5', src: '172.16.4.11', proto: 'dhcp', metric: 100, mtu: null },
      { kind: 'host-route', family: 'inet', dst: '10.42.2.0/24', via: '10.42.1.19', dev: 'cilium_host', mtu: 1450 },
      { kind: 'host-route', type: 'local', dst: '10.42.1.19', table: 'local', scope: 'host', dev: 'cilium_host' },
    ],
  },
  {
    lines: [
      '7: cilium_vxlan: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
      '    link/ether 5e:2a:91:0c:44:7b brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535',
      '    vxlan external id 0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx',
    ],
    records: [
      { kind: 'host-link', ifindex: 7, name: 'cilium_vxlan', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1500, state: 'UNKNOWN' },
      { kind: 'host-link-detail', ifindex: 7, name: 'cilium_vxlan', mac: '5e:2a:91:0c:44:7b' },
      { kind: 'host-link-detail', ifindex: 7, linkKind: 'vxlan', port: 8472, external: true },
    ],
  },
  {
    lines: ['9:\tfrom all fwmark 0x200/0xf00 lookup 2004'],
    records: [{ kind: 'host-rule', priority: 9, selector: 'from all fwmark 0x200/0xf00', table: '2004' }],
  },
  ...netToolsSamples,
];

export const hostGrammar: Grammar = {
  format: 'host',
  samples,
  open: () => new HostSession(),
};
