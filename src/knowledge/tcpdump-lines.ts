/**
 * The line shapes of tcpdump's text written once, for the sniffer (is this tcpdump?), the record
 * starts of flattened pastes and the grammar (what kind of line is it?).
 *
 *   packet head    what follows the stamp: `IP `, `IP6 `, `ARP, `, an Ethernet `MAC > `, the
 *                  `-i any` columns (`eth0  Out `), a LINUX_SLL -e direction (`  B MAC `)
 *   unstamped      the same head at column 0 (-t, and the inner frame of VXLAN)
 *   status         tcpdump's own lines on stderr: `listening on …`, `N packets captured`, …
 */

import { anyOf } from './alternation.js';
import { LEADING_STAMP } from './tcpdump-timestamp.js';

export const MAC = String.raw`[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}`;
/** LINUX_SLL packet types (print-sll.c sll_pkttype_values). */
export const COOKED_DIRECTION = String.raw`(?:In|Out|B|M|P)`;
/** `-i any` on LINUX_SLL2: interface name padded to 5, packet type padded to 3 (`%-5s %-3s `). */
export const ANY_COLUMNS = String.raw`[\w.@:?-]+ +${COOKED_DIRECTION} +`;
/** LINUX_SLL with -e: packet type right-aligned in 3 columns, then the address (`%3s `). */
const COOKED_V1 = String.raw` {0,2}${COOKED_DIRECTION} ${MAC} `;

/** What a packet line holds after its stamp. */
export const PACKET_HEAD = String.raw`(?:IP6? |ARP, |${MAC} |${ANY_COLUMNS}|${COOKED_V1})`;

/** What a packet line printed with -t (no stamp) starts with. */
const UNSTAMPED_HEAD = String.raw`(?:IP6? (?:\S+ > \S+: |\()|ARP, |${MAC} > ${MAC}, |${ANY_COLUMNS}(?:IP6? |ARP, |ifindex )|${COOKED_V1})`;

/** A packet line printed with -t (no stamp), or a VXLAN inner frame at column 0. */
export const UNSTAMPED_PACKET = new RegExp(`^${UNSTAMPED_HEAD}`);

/**
 * `-#` / `--number` (print.c pretty_print_packet, 4.9 – 5.x): the packet's number, `%5u  ` (right-
 * aligned in 5 columns, then two spaces), before the stamp of its first line only. A paste may have
 * lost the padding; numbers start at 1.
 */
export const PACKET_NUMBER = String.raw` *[1-9]\d*  `;

/** A numbered packet line: group 1 is the number; the stamp (or the -t head) follows the match. */
export const NUMBERED_PACKET = new RegExp(String.raw`^ *([1-9]\d*)  (?=${LEADING_STAMP} |${UNSTAMPED_HEAD})`);

/** tcpdump's own lines, each with what it reports. */
/** What a tcpdump status line says (the grammar's records type it as TcpdumpStatusKind; tsc checks they agree). */
type StatusLineKind = 'listening' | 'verbose-suppressed' | 'packets-captured' | 'packets-received' | 'packets-dropped' | 'interrupted' | 'message';

export const STATUS_LINES: readonly [RegExp, StatusLineKind][] = [
  [/^(?:tcpdump: )?listening on (\S+), link-type (\S+)/, 'listening'],
  [/^reading from file (\S+), link-type (\S+)/, 'listening'],
  [/^tcpdump: verbose output suppressed/, 'verbose-suppressed'],
  [/^(?:\^C\s*)?(\d+) packets? captured/, 'packets-captured'],
  [/^(\d+) packets? received by filter/, 'packets-received'],
  [/^(\d+) packets? dropped by (?:kernel|interface)/, 'packets-dropped'],
  [/^\^C\s*$/, 'interrupted'],
  [/^tcpdump: /, 'message'],
];

/**
 * tcpdump indents some continuation lines with a tab (the -v Geneve inner header, hex dumps, HTTP
 * headers, ND options); a paste often carries it expanded to the eight spaces a terminal shows.
 */
export function withTabRestored(text: string): string {
  return text.startsWith('        ') ? `\t${text.slice(8)}` : text;
}

/** Whether a line is any of tcpdump's own lines: one test before the one that says which. */
export const ANY_STATUS_LINE = anyOf(STATUS_LINES.map(([re]) => re));
