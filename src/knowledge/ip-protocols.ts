/**
 * IP protocol names tcpdump prints without -n where it has no printer for the protocol (a later
 * IPv4 fragment: `a > b: icmp`): the official name getprotobynumber() gives (print-ip.c
 * netdb_protoname), as /etc/protocols (netbase) lists them, with their numbers.
 */
export const IP_PROTOCOL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['icmp', 1],
  ['igmp', 2],
  ['ipencap', 4],
  ['tcp', 6],
  ['udp', 17],
  ['dccp', 33],
  ['ipv6', 41],
  ['ipv6-route', 43],
  ['ipv6-frag', 44],
  ['rsvp', 46],
  ['gre', 47],
  ['esp', 50],
  ['ah', 51],
  ['ipv6-icmp', 58],
  ['ipv6-nonxt', 59],
  ['ipv6-opts', 60],
  ['ospf', 89],
  ['ipip', 94],
  ['pim', 103],
  ['ipcomp', 108],
  ['vrrp', 112],
  ['l2tp', 115],
  ['sctp', 132],
  ['udplite', 136],
]);
