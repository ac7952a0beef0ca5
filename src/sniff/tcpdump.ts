import { ANY_STATUS_LINE, MAC, NUMBERED_PACKET, PACKET_HEAD, PACKET_NUMBER, UNSTAMPED_PACKET, withTabRestored } from '../knowledge/tcpdump-lines.js';
import { LEADING_STAMP } from '../knowledge/tcpdump-timestamp.js';
import type { FormatSniffer } from './types.js';

/** A stamp (after the -# number, if any) followed by what tcpdump prints next. */
const STAMPED = new RegExp(`^(?:${PACKET_NUMBER})?${LEADING_STAMP} ${PACKET_HEAD}`);
/** Any other line starting with a stamp (other link types). */
const STAMPED_OTHER = new RegExp(`^(?:${PACKET_NUMBER})?${LEADING_STAMP} \\S`);
/** The -v second line, quoted datagrams, -v Geneve inner frames. */
const INDENTED_PACKET = new RegExp(String.raw`^(?: {4}\S+ > \S+: |\t(?:IP6? )?\(tos |\t${MAC} > )`);

/**
 * The first line of -A's dump (print-ascii.c: the packet from its network header, a byte a
 * character, `.` for what is not printable, a new line for a newline byte): an IPv4 (`E`…`O`),
 * IPv6 (`` ` ``) or ARP header, whose zero and control bytes print as dots.
 */
const ASCII_HEADER = /^[E-O`.]/;
/** A packet line's last `length N` (the payload or the datagram it prints last). */
const LAST_LENGTH = /length (\d+)(?!.*length \d)/;
/** Headers -A prints besides the length a packet line gives: IP and TCP with options at most. */
const HEADER_ALLOWANCE = 128;
/** An encapsulated packet's: the outer IP, UDP and tunnel header, inner Ethernet besides. */
const TUNNEL_ALLOWANCE = 256;
const TUNNEL = /\b(?:VXLAN|Geneve|GENEVE|OTV)\b/;
/** A packet line printing no length (-q forms): the largest frame of a usual MTU. */
const NO_LENGTH = 1500;

function isPacketLine(text: string): boolean {
  return STAMPED.test(text) || UNSTAMPED_PACKET.test(text) || NUMBERED_PACKET.test(text) || INDENTED_PACKET.test(withTabRestored(text));
}

function dots(text: string, upTo: number): number {
  let n = 0;
  for (let i = 0; i < Math.min(text.length, upTo); i++) if (text.charCodeAt(i) === 0x2e) n++;
  return n;
}

export const tcpdumpSniffer: FormatSniffer = {
  format: 'tcpdump',
  match(text) {
    if (STAMPED.test(text) || ANY_STATUS_LINE.test(text)) return 1;
    if (UNSTAMPED_PACKET.test(text) || NUMBERED_PACKET.test(text) || INDENTED_PACKET.test(withTabRestored(text))) return 0.9;
    return STAMPED_OTHER.test(text) ? 0.6 : 0;
  },
  // HTTP header lines, hex dumps, ND option lines: tcpdump indents them with a tab (or its spaces).
  continues: (text) => withTabRestored(text).charCodeAt(0) === 0x09,
  opensDump(text, previous) {
    if (!ASCII_HEADER.test(text) || dots(text, 20) < Math.min(5, text.length >> 1) || !isPacketLine(previous)) return null;
    const length = LAST_LENGTH.exec(previous);
    return (length ? Number(length[1]) : NO_LENGTH) + (TUNNEL.test(previous) ? TUNNEL_ALLOWANCE : HEADER_ALLOWANCE);
  },
};
