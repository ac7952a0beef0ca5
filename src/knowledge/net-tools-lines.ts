/**
 * Line shapes of the net-tools and busybox side of a paste, shared by the host sniffer and grammar:
 *
 * - `route [-n]` / `netstat -rn` (net-tools lib/inet_gr.c, lib/inet6_gr.c): a title, a column
 *   header, then one row per route; the columns depend on the options (`Metric Ref Use` for route,
 *   `MSS Window irtt` for netstat and `route -e`, both for `route -ee`).
 * - `arp -n` (arp.c): `Address HWtype HWaddress Flags Mask Iface` rows, `(incomplete)` entries;
 *   `arp -a[n]` (and busybox): `? (10.0.0.1) at aa:bb:cc:dd:ee:ff [ether] on eth0`.
 * - `ip neigh` (iproute2): `10.0.0.1 dev eth0 lladdr aa:bb:… REACHABLE`.
 * - `ifconfig` (lib/interface.c): net-tools 2.x `eth0: flags=4163<UP,…>  mtu 1500` with indented
 *   `inet … netmask …`, `ether … txqueuelen …`, `RX packets …` lines; net-tools ≤ 1.60 and busybox
 *   `eth0      Link encap:Ethernet  HWaddr …` with `inet addr:…  Mask:…`, `UP … MTU:1500  Metric:1`.
 * - ping summaries (iputils, busybox, BSD): `--- 10.0.0.1 ping statistics ---`, `N packets
 *   transmitted, M [packets] received, [+E errors, ]X% packet loss[, time Tms]`,
 *   `rtt|round-trip min/avg/max[/mdev|/stddev] = a/b/c[/d] ms`; a chat tool may turn the dashes
 *   into em-dashes and join the three lines into one.
 * - curl `-i` / `-I` / `-v`: `HTTP/1.1 200 OK`, `HTTP/2 404`, with `< ` before it under `-v`.
 */

const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const MAC = String.raw`[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5,19}`;

/** `Kernel IP routing table`, `Kernel IPv6 routing table`. */
export const ROUTE_TABLE_TITLE = /^Kernel IP(?:v6)? routing table\s*$/;
/**
 * An IPv4 route table whose line breaks were lost: the title (optional), the header (1: its
 * numeric column names between Flags and Iface), then the rows, each as many tokens as columns.
 */
export const FLATTENED_ROUTE_TABLE = /(?:Kernel IP routing table\s+)?Destination\s+Gateway\s+Genmask\s+Flags\s+((?:[A-Za-z]+\s+)*?)Iface\s+(?=\S)/;
/** A flattened route row's genmask and flags tokens. */
export const ROUTE_GENMASK = new RegExp(`^${IPV4}$`);
export const ROUTE_FLAGS = /^[UGHRDMAC!]+$/;

/** The column header of `route`/`netstat -r`: `Destination Gateway Genmask Flags …` or IPv6's `Destination Next Hop Flag Met …`. */
export const ROUTE_TABLE_HEADER = /^Destination\s+(?:Gateway\s+Genmask\s+Flags|Next Hop\s+Flag)\s+(?:\w+\s+)*Iface|^Destination\s+Next Hop\s+Flag\s+.*\sIf\s*$/;
/** An IPv4 row: destination and gateway (addresses, or names without `-n`), genmask, flags, then numbers and the interface in the header's order. */
export const ROUTE_TABLE_ROW = new RegExp(String.raw`^(\S+)\s+(\S+)\s+(${IPV4})\s+([UGHRDMAC!]+)\s+((?:\S+\s+)*\S+)\s*$`);
/** An IPv6 row: `fe80::/64  ::  U  256 1  0 eth0`. */
export const ROUTE6_TABLE_ROW = /^([0-9a-fA-F:]*:[0-9a-fA-F:.]*\/\d{1,3})\s+([0-9a-fA-F:.]*:[0-9a-fA-F:.]*|\*)\s+([UGHRDMACnel!]+)\s+((?:\S+\s+)*\S+)\s*$/;

/** `Address                  HWtype  HWaddress           Flags Mask            Iface` */
export const ARP_TABLE_HEADER = /^Address\s+HWtype\s+HWaddress\s+Flags\s+Mask\s+Iface\s*$/;
/** `10.0.0.175  ether  66:94:e5:1d:37:df  C  eth0`, `10.0.0.9  (incomplete)  eth0`. */
export const ARP_TABLE_ROW = new RegExp(
  String.raw`^(\S+)\s+(?:([a-z][\w]*)\s+(${MAC})\s+([CMPA]*)\s*(?:(\S+)\s+)??|\(incomplete\)\s+)(\S+)\s*$`,
);
/** `? (10.0.0.1) at aa:bb:cc:dd:ee:ff [ether] PERM on eth0`, `? (10.0.0.9) at <incomplete> on eth0`. */
export const ARP_ALL_ROW = new RegExp(String.raw`^(\S+) \(([0-9a-fA-F.:]+)\) at (?:(${MAC})|<incomplete>)(?: \[(\w+)\])?((?: (?:PERM|PUB|netmask \S+))*)\s+on (\S+)\s*$`);
/** `ip neigh`: `10.0.0.1 dev eth0 lladdr aa:bb:… [router] REACHABLE`, `10.0.0.9 dev eth0 FAILED`. */
export const NEIGH_LINE = new RegExp(
  String.raw`^(${IPV4}|[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7})\s+dev\s+(\S+)(?:\s+lladdr\s+(${MAC}))?((?:\s+(?:router|proxy|extern_learn))*)\s+((?:INCOMPLETE|REACHABLE|STALE|DELAY|PROBE|FAILED|NOARP|PERMANENT|NONE)(?:\s+(?:INCOMPLETE|REACHABLE|STALE|DELAY|PROBE|FAILED|NOARP|PERMANENT|NONE))*)\s*$`,
);

/** net-tools 2.x: `cilium_host: flags=4291<UP,BROADCAST,RUNNING,NOARP,MULTICAST>  mtu 1500`. */
export const IFCONFIG_LINE = /^([^\s:]+(?::\d+)?): flags=(\d+)<([^>]*)>\s+mtu\s+(\d+)\s*$/;
/** How each detail line of a 2.x ifconfig device starts (`inet …`, `ether …`, `RX packets …`; the old layout's `RX packets:` too). */
const DETAIL_2X = String.raw`(?:(?:inet6?|ether|loop|unspec|infiniband|device)\s|[RT]X (?:packets|errors|bytes))`;
/** In a 2.x ifconfig whose line breaks were lost: where a device line starts (1: the device line). */
export const FLATTENED_IFCONFIG_DEVICE = /(?:^|\s)([^\s:]+(?::\d+)?: flags=\d+<[^>]*>\s+mtu\s+\d+)(?=\s|$)/g;
/** …and where each of its detail lines starts. */
export const FLATTENED_IFCONFIG_DETAIL = new RegExp(String.raw`\s+(?=${DETAIL_2X})`, 'g');
/** The indentation 2.x prints before a device's detail lines. */
export const IFCONFIG_DETAIL_INDENT = '        ';
/** net-tools ≤ 1.60 and busybox: `eth0      Link encap:Ethernet  HWaddr 02:42:AC:11:00:02`. */
export const IFCONFIG_OLD_LINE = new RegExp(String.raw`^(\S+?)\s+Link encap:(.+?)(?:\s+HWaddr\s+(${MAC}))?\s*$`);
/** An indented line of an ifconfig block, either layout. */
export const IFCONFIG_DETAIL_LINE = new RegExp(
  String.raw`^\s+(?:${DETAIL_2X}|inet6? addr:|(?:[A-Z]+ )*[A-Z]+\s+MTU:\d+|collisions:|Interrupt:|Memory:|RX bytes:|Base address:)`,
);
/** 2.x address lines: `inet 10.0.0.175  netmask 255.255.255.255  broadcast 0.0.0.0`, `inet6 fe80::1  prefixlen 64  scopeid 0x20<link>`. */
export const IFCONFIG_INET = new RegExp(String.raw`^\s+inet\s+(${IPV4})(?:\s+netmask\s+(${IPV4}))?`);
export const IFCONFIG_INET6 = /^\s+inet6\s+([0-9a-fA-F:.]+)\s+prefixlen\s+(\d{1,3})/;
/** 2.x link-layer line: `ether fa:df:9e:a4:e2:b9  txqueuelen 1000  (Ethernet)`. */
export const IFCONFIG_ETHER = new RegExp(String.raw`^\s+(?:ether|infiniband)\s+(${MAC})`);
/** Old layout address lines: `inet addr:10.0.0.5  Bcast:10.0.0.255  Mask:255.255.255.0`, `inet6 addr: fe80::1/64 Scope:Link`. */
export const IFCONFIG_OLD_INET = new RegExp(String.raw`^\s+inet addr:(${IPV4})(?:.*?\sMask:(${IPV4}))?`);
export const IFCONFIG_OLD_INET6 = /^\s+inet6 addr:\s*([0-9a-fA-F:.]+\/\d{1,3})/;
/** Old layout flags line: `UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1`. */
export const IFCONFIG_OLD_FLAGS = /^\s+((?:[A-Z]+ )*[A-Z]+)\s+MTU:(\d+)/;

/** The dashes of a ping summary's title, as printed (`---`) or as a chat tool turns them (`—-`, `—`, `–-`). */
const DASHES = '(?:---|[—–]-?)';
/** `--- 10.0.0.1 ping statistics ---`, alone or with the counts and round-trip lines joined after it. */
export const PING_TITLE = new RegExp(String.raw`^${DASHES}\s*(\S+) ping statistics\s*${DASHES}(?:\s+(.*))?$`);
/** `2 packets transmitted, 2 [packets] received, [+1 duplicates, ][+3 errors, ]0% packet loss[, time 1001ms]`. */
export const PING_COUNTS =
  /^(\d+) packets transmitted, (\d+) (?:packets )?received,(?: \+(\d+) duplicates,)?(?: \+(\d+) errors,)? (\d+(?:\.\d+)?)% packet loss(?:, time \d+ms)?(?:\s+(.*))?$/;
/** `rtt min/avg/max/mdev = 0.041/0.052/0.061/0.008 ms`, `round-trip min/avg/max = 0.1/0.2/0.3 ms`. */
export const PING_RTT =
  /^(?:rtt|round-trip) min\/avg\/max(?:\/(?:mdev|stddev))? = (\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))? ms(?:,.*)?\s*$/;

/** ping's own lines before its summary: `PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.`, `64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.05 ms`. */
export const PING_LINE = /^(?:PING \S+ \([0-9a-fA-F.:]+\)(?::| from \S+ \S+:)? \d+(?:\(\d+\))? data bytes|PING \S+ \([0-9a-fA-F.:]+\) \d+\(\d+\) bytes of data\.|\d+ bytes from \S+(?: \([0-9a-fA-F.:]+\))?: (?:icmp_)?seq=\d+ ttl=\d+ time=\S+ ms.*)\s*$/;

/** curl's status line: `HTTP/1.1 200 OK`, `HTTP/2 404`, `< HTTP/1.1 503 Service Unavailable` under `-v`. */
export const HTTP_STATUS_LINE = /^(?:< )?HTTP\/(\d(?:\.\d)?) (\d{3})(?: (.*?))?\s*$/;
/** A response header (`Server: nginx/1.25.3`, `< content-length: 612` under -v). */
export const HTTP_HEADER_LINE = /^(?:< )?[A-Za-z][A-Za-z0-9-]*: ?.*$/;
/** curl -v's own lines: `* Connected to …`, `> GET / HTTP/1.1`, `> Host: …`, a bare `<` or `>` after the headers. */
export const CURL_VERBOSE_LINE = /^(?:\*\s+\S.*|> .*|[<>]\s*|\{ \[\d+ bytes data\]|\} \[\d+ bytes data\])$/;
