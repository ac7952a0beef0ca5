/**
 * The ICMP and ICMPv6 messages as tcpdump words them (print-icmp.c icmp_print, print-icmp6.c
 * icmp6_print; the same in 4.9.x and 4.99.x but for codes without a name of their own, and the
 * ICMPv6 echo's identifier 4.9.x does not print), with the type and code each wording stands for.
 * A reader matches the text after `ICMP ` (ICMPv6: the items after `ICMP6, `) against the rows;
 * `quoted` names the group holding the quoted datagram's destination, `port` its port.
 */
export interface IcmpWording {
  pattern: RegExp;
  type: number;
  /** The code, or the group that prints it. */
  code: number | { group: number };
  /** Our name for the message. */
  kind: string;
  quoted?: number;
  proto?: number;
  port?: number;
  mtu?: number;
}

/** The address tcpdump prints (an IPv4 address, or a name without -n). */
const A = String.raw`(\S+)`;

export const ICMP_WORDINGS: readonly IcmpWording[] = [
  { pattern: /^echo request, id \d+, seq \d+/, type: 8, code: 0, kind: 'echo request' },
  { pattern: /^echo reply, id \d+, seq \d+/, type: 0, code: 0, kind: 'echo reply' },
  { pattern: new RegExp(`^net ${A} unreachable,`), type: 3, code: 0, kind: 'net unreachable', quoted: 1 },
  { pattern: new RegExp(`^host ${A} unreachable,`), type: 3, code: 1, kind: 'host unreachable', quoted: 1 },
  { pattern: new RegExp(`^${A} protocol (\\d+) unreachable,`), type: 3, code: 2, kind: 'protocol unreachable', quoted: 1 },
  { pattern: new RegExp(`^${A} (udp|tcp) port (\\S+) unreachable,`), type: 3, code: 3, kind: 'port unreachable', quoted: 1, proto: 2, port: 3 },
  { pattern: new RegExp(`^${A} protocol (\\d+) port (\\d+) unreachable,`), type: 3, code: 3, kind: 'port unreachable', quoted: 1, proto: 2, port: 3 },
  { pattern: new RegExp(`^${A} unreachable - need to frag(?: \\(mtu (\\d+)\\))?,`), type: 3, code: 4, kind: 'need to frag', quoted: 1, mtu: 2 },
  { pattern: new RegExp(`^${A} unreachable - source route failed,`), type: 3, code: 5, kind: 'source route failed', quoted: 1 },
  { pattern: new RegExp(`^net ${A} unreachable - unknown,`), type: 3, code: 6, kind: 'net unknown', quoted: 1 },
  { pattern: new RegExp(`^host ${A} unreachable - unknown,`), type: 3, code: 7, kind: 'host unknown', quoted: 1 },
  { pattern: new RegExp(`^${A} unreachable - source host isolated,`), type: 3, code: 8, kind: 'host isolated', quoted: 1 },
  { pattern: new RegExp(`^net ${A} unreachable - admin prohibited,`), type: 3, code: 9, kind: 'net prohibited', quoted: 1 },
  { pattern: new RegExp(`^host ${A} unreachable - admin prohibited,`), type: 3, code: 10, kind: 'host prohibited', quoted: 1 },
  { pattern: new RegExp(`^net ${A} unreachable - tos prohibited,`), type: 3, code: 11, kind: 'net tos prohibited', quoted: 1 },
  { pattern: new RegExp(`^host ${A} unreachable - tos prohibited,`), type: 3, code: 12, kind: 'host tos prohibited', quoted: 1 },
  { pattern: new RegExp(`^host ${A} unreachable - admin prohibited filter,`), type: 3, code: 13, kind: 'admin prohibited', quoted: 1 },
  { pattern: new RegExp(`^host ${A} unreachable - host precedence violation,`), type: 3, code: 14, kind: 'precedence violation', quoted: 1 },
  { pattern: new RegExp(`^host ${A} unreachable - precedence cutoff,`), type: 3, code: 15, kind: 'precedence cutoff', quoted: 1 },
  { pattern: new RegExp(`^${A} unreachable - #(\\d+),`), type: 3, code: { group: 2 }, kind: 'unreachable', quoted: 1 },
  // 4.9.x: `#N X unreachable` (print-icmp.c unreach2str's fallback).
  { pattern: new RegExp(`^#(\\d+) ${A} unreachable,`), type: 3, code: { group: 1 }, kind: 'unreachable', quoted: 2 },
  { pattern: /^source quench,/, type: 4, code: 0, kind: 'source quench' },
  { pattern: new RegExp(`^redirect ${A} to net \\S+,`), type: 5, code: 0, kind: 'redirect', quoted: 1 },
  { pattern: new RegExp(`^redirect ${A} to host \\S+,`), type: 5, code: 1, kind: 'redirect', quoted: 1 },
  { pattern: new RegExp(`^redirect-tos ${A} to net \\S+,`), type: 5, code: 2, kind: 'redirect', quoted: 1 },
  { pattern: new RegExp(`^redirect-tos ${A} to host \\S+,`), type: 5, code: 3, kind: 'redirect', quoted: 1 },
  // 4.9.x: `redirect-#N X to net G` (type2str's fallback); 4.99: `redirect-#N X to G`.
  { pattern: new RegExp(`^redirect-#(\\d+) ${A} to (?:net )?\\S+,`), type: 5, code: { group: 1 }, kind: 'redirect', quoted: 2 },
  { pattern: /^router advertisement /, type: 9, code: 0, kind: 'router advertisement' },
  { pattern: /^router solicitation,/, type: 10, code: 0, kind: 'router solicitation' },
  { pattern: /^time exceeded in-transit,/, type: 11, code: 0, kind: 'time exceeded' },
  { pattern: /^ip reassembly time exceeded,/, type: 11, code: 1, kind: 'reassembly time exceeded' },
  { pattern: /^time exceeded-#(\d+),/, type: 11, code: { group: 1 }, kind: 'time exceeded' },
  { pattern: /^parameter problem - octet \d+,/, type: 12, code: 0, kind: 'parameter problem' },
  { pattern: /^parameter problem - code (\d+),/, type: 12, code: { group: 1 }, kind: 'parameter problem' },
  { pattern: /^time stamp query id \d+ seq \d+,/, type: 13, code: 0, kind: 'time stamp request' },
  { pattern: /^time stamp reply id \d+ seq \d+: /, type: 14, code: 0, kind: 'time stamp reply' },
  { pattern: /^information request,/, type: 15, code: 0, kind: 'information request' },
  { pattern: /^information reply,/, type: 16, code: 0, kind: 'information reply' },
  { pattern: /^address mask request,/, type: 17, code: 0, kind: 'address mask request' },
  { pattern: /^address mask is 0x[0-9a-f]{8},/, type: 18, code: 0, kind: 'address mask reply' },
  { pattern: /^type-#(\d+),/, type: -1, code: 0, kind: 'unknown' },
];

/** ICMP types whose message quotes the offending datagram (print-icmp.c ICMP_ERRTYPE). */
export const ICMP_ERROR_TYPES: ReadonlySet<number> = new Set([3, 4, 5, 11, 12]);

/** ICMPv6 type names (print-icmp6.c icmp6_type_values). */
export const ICMP6_TYPES: ReadonlyMap<string, number> = new Map([
  ['destination unreachable', 1],
  ['packet too big', 2],
  ['time exceeded in-transit', 3],
  ['parameter problem', 4],
  ['echo request', 128],
  ['echo reply', 129],
  ['multicast listener query', 130],
  ['multicast listener report', 131],
  ['multicast listener done', 132],
  ['router solicitation', 133],
  ['router advertisement', 134],
  ['neighbor solicitation', 135],
  ['neighbor advertisement', 136],
  ['redirect', 137],
  ['router renumbering', 138],
  ['node information query', 139],
  ['node information reply', 140],
  ['inverse neighbor solicitation', 141],
  ['inverse neighbor advertisement', 142],
  ['multicast listener report v2', 143],
  ['ha discovery request', 144],
  ['ha discovery reply', 145],
  ['mobile router solicitation', 146],
  ['mobile router advertisement', 147],
]);

/**
 * ICMPv6 destination unreachable codes as printed after the type (icmp6_dst_unreach_code_values;
 * the admin one carries a stray leading space in tcpdump's table), with the item that follows.
 */
export const ICMP6_UNREACH_WORDINGS: readonly IcmpWording[] = [
  { pattern: new RegExp(`^unreachable route ${A}$`), type: 1, code: 0, kind: 'no route', quoted: 1 },
  { pattern: new RegExp(`^unreachable prohibited ${A}$`), type: 1, code: 1, kind: 'admin prohibited', quoted: 1 },
  { pattern: new RegExp(`^beyond scope ${A}, source address \\S+$`), type: 1, code: 2, kind: 'beyond scope', quoted: 1 },
  { pattern: new RegExp(`^unreachable address ${A}$`), type: 1, code: 3, kind: 'address unreachable', quoted: 1 },
  { pattern: /^unreachable port$/, type: 1, code: 4, kind: 'port unreachable' },
];

/** `X udp port P` following `unreachable port` (or `X protocol N port P unreachable`). */
export const ICMP6_QUOTED_PORT = new RegExp(`^${A} (?:(udp|tcp) port (\\S+)|protocol (\\d+) port (\\d+) unreachable)$`);
