import type { FormatSniffer } from './types.js';

const TIME = String.raw`(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|\d\d:\d\d:\d\d|\d{9,})\.\d{6,9}`;
const MAC = String.raw`[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}`;
const ANY_COLUMNS = String.raw`[\w.@:?-]+ +(?:In|Out|B|M|P) +`;
/** A timestamp followed by what tcpdump prints next: IP/IP6/ARP, a MAC, the `-i any` columns. */
const STAMPED = new RegExp(
  String.raw`^${TIME}(?: \(invalid [mnu]s\))? (?:IP6? |ARP, |${MAC} |${ANY_COLUMNS}|(?:In|Out|B|M|P) ${MAC} )`,
);
/** Any other line starting with a microsecond / nanosecond timestamp (other link types). */
const STAMPED_OTHER = new RegExp(String.raw`^${TIME} \S`);
/** `-t` lines and the column-0 inner frame of VXLAN. */
const UNSTAMPED = new RegExp(
  String.raw`^(?:IP6? (?:\S+ > \S+: |\()|ARP, (?:Request|Reply|Ethernet)|${MAC} > ${MAC}, |${ANY_COLUMNS}(?:IP6? |ARP, |ifindex ))`,
);
/** The -v second line, quoted datagrams, -v Geneve inner frames. */
const INDENTED_PACKET = /^(?: {4}\S+ > \S+: |\t(?:IP6? )?\(tos |\t[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5} > )/;
const STATUS =
  /^(?:(?:tcpdump: )?listening on \S+, link-type |reading from file \S+, link-type |tcpdump: verbose output suppressed|(?:\^C\s*)?\d+ packets? (?:captured|received by filter|dropped by (?:kernel|interface))|\^C\s*$|tcpdump: (?:data link type |WARNING: ))/;

export const tcpdumpSniffer: FormatSniffer = {
  format: 'tcpdump',
  match(text) {
    if (STAMPED.test(text) || STATUS.test(text)) return 1;
    if (UNSTAMPED.test(text) || INDENTED_PACKET.test(text)) return 0.9;
    return STAMPED_OTHER.test(text) ? 0.6 : 0;
  },
  // HTTP header lines, hex dumps, ND option lines: tcpdump indents them with a tab.
  continues: (text) => text.charCodeAt(0) === 0x09,
};
