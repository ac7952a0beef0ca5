/**
 * Host command dumps of iproute2 (`ip route [show table all]`, `ip [-d] link`, `ip addr`, `ip rule`,
 * `ip neigh`) and net-tools / busybox (`route -n`, `netstat -rn`, `arp`, `ifconfig`), ping summaries
 * and curl's responses, printed on a node or inside a pod's network namespace. The line shapes are
 * shared with the grammar.
 */
import { clientTarget } from '../knowledge/client-commands.js';
import {
  ARP_ALL_ROW, ARP_TABLE_HEADER, ARP_TABLE_ROW, CURL_VERBOSE_LINE, HTTP_HEADER_LINE, HTTP_STATUS_LINE, IFCONFIG_DETAIL_LINE,
  IFCONFIG_LINE, IFCONFIG_OLD_LINE, NEIGH_LINE, PING_COUNTS, PING_LINE, PING_RTT, PING_TITLE, ROUTE6_TABLE_ROW,
  ROUTE_TABLE_HEADER, ROUTE_TABLE_ROW, ROUTE_TABLE_TITLE,
} from '../knowledge/net-tools-lines.js';
import type { FormatSniffer } from './types.js';

/** Lines only net-tools, `ip neigh` or ping print. */
const NET_TOOLS_CERTAIN: readonly RegExp[] = [
  ROUTE_TABLE_TITLE, ROUTE_TABLE_HEADER, ROUTE_TABLE_ROW, ROUTE6_TABLE_ROW, ARP_TABLE_HEADER, ARP_ALL_ROW, NEIGH_LINE, IFCONFIG_LINE,
  IFCONFIG_OLD_LINE, PING_TITLE, PING_COUNTS, PING_RTT,
];
/**
 * Likely but not certain: an arp row (its shape is loose), ping's own lines, and an HTTP status line,
 * which a `tcpdump -A` dump of the response also holds (a certain line would end the dump).
 */
const NET_TOOLS_LIKELY: readonly RegExp[] = [ARP_TABLE_ROW, PING_LINE, HTTP_STATUS_LINE];

const ROUTE_TYPES = 'unicast|local|broadcast|multicast|blackhole|unreachable|prohibit|throw|anycast|nat';
/** `[type] dst attr…`: an address or prefix (or `default`) followed by a route attribute. */
export const ROUTE_LINE = new RegExp(
  String.raw`^(?:(${ROUTE_TYPES})\s+)?(default|\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?|[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?:/\d{1,3})?)((?:\s+(?:via|dev|proto|scope|src|metric|table|nhid|encap|from)\s(?:\s*\S+)*?)?)\s*$`,
);
const ROUTE_KEYWORD = /\s(?:dev|via|table|proto|scope)\s\S/;
/** A multipath route's next hop. */
export const NEXTHOP_LINE = /^\s+nexthop\s+(?:via\s+(\S+)\s+)?(?:dev\s+(\S+))?.*$/;
/** `3: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP …` */
export const LINK_LINE = /^(\d+):\s+([^\s:@]+)(?:@(\S+?))?:\s+<([^>]*)>\s*(.*)$/;
/** `0:	from all lookup local`, `9:	from all fwmark 0x200/0xf00 lookup 2004` */
export const RULE_LINE = /^(\d+):\s+((?:not\s+)?from\s+\S+.*?)\s+(?:(?:lookup|table)\s+(\S+)|(blackhole|unreachable|prohibit))\s*$/;
/** Indented lines of a device block (`link/ether …`, `vxlan id …`, `inet …`, stats). */
export const LINK_DETAIL_LINE = /^\s+(?:link\/\S+|inet6?\s|altname\s|valid_lft\s|RX:|TX:|\d+\s+\d+|[a-z_]+(?:\s|$))/;

export function isRouteLine(text: string): boolean {
  return ROUTE_KEYWORD.test(` ${text} `) && ROUTE_LINE.test(text);
}

const startsWithDigit = (text: string): boolean => text.charCodeAt(0) >= 0x30 && text.charCodeAt(0) <= 0x39;

export const hostSniffer: FormatSniffer = {
  format: 'host',
  match(text) {
    if (startsWithDigit(text) && (LINK_LINE.test(text) || RULE_LINE.test(text))) return 1;
    if (NET_TOOLS_CERTAIN.some((re) => re.test(text))) return 1;
    if (isRouteLine(text) || NET_TOOLS_LIKELY.some((re) => re.test(text))) return 0.9;
    return 0;
  },
  continues(text) {
    return NEXTHOP_LINE.test(text) || LINK_DETAIL_LINE.test(text) || IFCONFIG_DETAIL_LINE.test(text) || (text.startsWith('< ') && HTTP_HEADER_LINE.test(text));
  },
  outputOf(command) {
    // curl -i / -I / -v: the response headers and the verbose lines have no mark of their own.
    if (clientTarget(command)?.tool !== 'curl') return null;
    return (text) => HTTP_HEADER_LINE.test(text) || CURL_VERBOSE_LINE.test(text);
  },
};
