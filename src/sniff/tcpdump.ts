import { ANY_STATUS_LINE, MAC, NUMBERED_PACKET, PACKET_HEAD, PACKET_NUMBER, UNSTAMPED_PACKET, withTabRestored } from '../knowledge/tcpdump-lines.js';
import { LEADING_STAMP } from '../knowledge/tcpdump-timestamp.js';
import type { FormatSniffer } from './types.js';

/** A stamp (after the -# number, if any) followed by what tcpdump prints next. */
const STAMPED = new RegExp(`^(?:${PACKET_NUMBER})?${LEADING_STAMP} ${PACKET_HEAD}`);
/** Any other line starting with a stamp (other link types). */
const STAMPED_OTHER = new RegExp(`^(?:${PACKET_NUMBER})?${LEADING_STAMP} \\S`);
/** The -v second line, quoted datagrams, -v Geneve inner frames. */
const INDENTED_PACKET = new RegExp(String.raw`^(?: {4}\S+ > \S+: |\t(?:IP6? )?\(tos |\t${MAC} > )`);

export const tcpdumpSniffer: FormatSniffer = {
  format: 'tcpdump',
  match(text) {
    if (STAMPED.test(text) || ANY_STATUS_LINE.test(text)) return 1;
    if (UNSTAMPED_PACKET.test(text) || NUMBERED_PACKET.test(text) || INDENTED_PACKET.test(withTabRestored(text))) return 0.9;
    return STAMPED_OTHER.test(text) ? 0.6 : 0;
  },
  // HTTP header lines, hex dumps, ND option lines: tcpdump indents them with a tab (or its spaces).
  continues: (text) => withTabRestored(text).charCodeAt(0) === 0x09,
};
