/**
 * Ethertype names as tcpdump prints them (print-ether.c ethertype_values, tok2str: a number the
 * table lacks prints as `0x%04x`), with their numbers (ethertype.h). Some printers give the name
 * alone — 4.9.x after an 802.1Q tag with -e (`vlan 100, p 0, ethertype IPv4, `), Linux cooked
 * captures after a tag, -q — so the number comes from here. Where two names share a number
 * (`802.1Q-9100`, `VMAN`) tcpdump prints the first.
 */
export const ETHERTYPE_NUMBERS: ReadonlyMap<string, string> = new Map([
  ['IPv4', '0x0800'],
  ['MPLS unicast', '0x8847'],
  ['MPLS multicast', '0x8848'],
  ['IPv6', '0x86dd'],
  ['802.1Q', '0x8100'],
  ['802.1Q-9100', '0x9100'],
  ['802.1Q-QinQ', '0x88a8'],
  ['802.1Q-9200', '0x9200'],
  ['802.1AE MACsec', '0x88e5'],
  ['VMAN', '0x9100'],
  ['PUP', '0x0200'],
  ['ARP', '0x0806'],
  ['Reverse ARP', '0x8035'],
  ['NS', '0x0600'],
  ['Sprite', '0x0500'],
  ['Trail', '0x1000'],
  ['MOP DL', '0x6001'],
  ['MOP RC', '0x6002'],
  ['DN', '0x6003'],
  ['LAT', '0x6004'],
  ['SCA', '0x6007'],
  ['TEB', '0x6558'],
  ['Lanbridge', '0x8038'],
  ['DEC DNS', '0x803c'],
  ['DEC DTS', '0x803e'],
  ['VEXP', '0x805b'],
  ['VPROD', '0x805c'],
  ['Appletalk', '0x809b'],
  ['Appletalk ARP', '0x80f3'],
  ['IPX', '0x8137'],
  ['PPP', '0x880b'],
  ['MPCP', '0x8808'],
  ['Slow Protocols', '0x8809'],
  ['PPPoE D', '0x8863'],
  ['PPPoE S', '0x8864'],
  ['EAPOL', '0x888e'],
  ['Realtek protocols', '0x8899'],
  ['MS NLB heartbeat', '0x886f'],
  ['Jumbo', '0x8870'],
  ['NSH', '0x894f'],
  ['Loopback', '0x9000'],
  ['OSI', '0xfefe'],
  ['GRE-OSI', '0x00fe'],
  ['CFM (old)', '0xabcd'],
  ['CFM', '0x8902'],
  ['IEEE1905.1', '0x893a'],
  ['LLDP', '0x88cc'],
  ['TIPC', '0x88ca'],
  ['GeoNet (old)', '0x0707'],
  ['GeoNet', '0x8947'],
  ['CALM FAST', '0x1111'],
  ['AoE', '0x88a2'],
  ['PTP', '0x88f7'],
  ['Arista Vendor Specific Protocol', '0xd28b'],
]);

/** The number of an ethertype tcpdump printed by name, or as its `0x%04x` fallback. */
export function ethertypeNumber(printed: string): string | undefined {
  return /^0x[0-9a-f]{4}$/.test(printed) ? printed : ETHERTYPE_NUMBERS.get(printed);
}
