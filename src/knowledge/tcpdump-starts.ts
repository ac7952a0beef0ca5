import type { RecordStart } from './record-starts.js';
import { ANY_COLUMNS, COOKED_DIRECTION, MAC, PACKET_NUMBER } from './tcpdump-lines.js';
import { ABSOLUTE_STAMP } from './tcpdump-timestamp.js';

/**
 * An absolute stamp (time of day, date and time, epoch). A -ttt/-ttttt delta is not a start: in a
 * flattened paste its sign column is just the space before it; after a -# packet number, which
 * belongs to the record it starts, it reads as a time of day.
 */
const TIME = `(?:${PACKET_NUMBER}[ -]?)?${ABSOLUTE_STAMP}`;
/** `-i any` columns: interface name and packet type. */
const ANY = `(?:${ANY_COLUMNS})?`;

/**
 * Where a tcpdump record starts inside a flattened paste. Strict on purpose: a timestamp only
 * counts when tcpdump's next token follows (IP/IP6/ARP, a MAC, the `-i any` columns), so prose
 * that mentions a time does not split.
 */
export const TCPDUMP_RECORD_STARTS: RecordStart[] = [
  {
    family: 'tcpdump',
    literal: ' IP',
    // A packet line holds its ` IP` once, after its stamp: another record there would need its own.
    leadIn: new RegExp(String.raw`^${TIME} ${ANY}(?=IP)`),
    pattern: new RegExp(String.raw`(?<=^|\s)${TIME} ${ANY}IP6? (?=\S+ > \S+: |\()`, 'g'),
    quoteAware: false,
  },
  {
    family: 'tcpdump',
    literal: 'ARP, ',
    leadIn: new RegExp(String.raw`^${TIME} ${ANY}(?=ARP, )`),
    pattern: new RegExp(String.raw`(?<=^|\s)${TIME} ${ANY}ARP, `, 'g'),
    quoteAware: false,
  },
  {
    family: 'tcpdump',
    literal: ' ethertype ',
    pattern: new RegExp(String.raw`(?<=^|\s)${TIME} (?:${ANY}ifindex \d+ | {0,2}${COOKED_DIRECTION} )?${MAC}(?: > ${MAC},)? `, 'g'),
    quoteAware: false,
  },
  {
    family: 'tcpdump',
    literal: ' packet',
    pattern: /(?<=^|\s)(?:\^C\s*)?\d+ packets? (?:captured|received by filter|dropped by (?:kernel|interface))/g,
    quoteAware: false,
  },
  {
    family: 'tcpdump',
    literal: 'listening on ',
    pattern: /(?<=^|\s)(?:tcpdump: )?(?<!tcpdump: )listening on [\w.@:-]+, link-type /g,
    quoteAware: false,
  },
  {
    family: 'tcpdump',
    literal: 'tcpdump: verbose',
    pattern: /(?<=^|\s)tcpdump: verbose output suppressed/g,
    quoteAware: false,
  },
];
