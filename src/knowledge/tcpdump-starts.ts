import type { RecordStart } from './record-starts.js';

/** `HH:MM:SS.ffffff`, `YYYY-MM-DD HH:MM:SS.ffffff` or epoch, micro or nano seconds. */
const TIME = String.raw`(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|\d\d:\d\d:\d\d|\d{10})\.\d{6}(?:\d{3})?`;
/** `-i any` columns: interface name and packet type. */
const ANY = String.raw`(?:[\w.@-]+ +(?:In|Out|B|M|P) +)?`;
const MAC = String.raw`[0-9a-f]{2}(?::[0-9a-f]{2}){5}`;

/**
 * Where a tcpdump record starts inside a flattened paste. Strict on purpose: a timestamp only
 * counts when tcpdump's next token follows (IP/IP6/ARP, a MAC, the `-i any` columns), so prose
 * that mentions a time does not split.
 */
export const TCPDUMP_RECORD_STARTS: RecordStart[] = [
  {
    family: 'tcpdump',
    literal: ' IP',
    pattern: new RegExp(String.raw`(?<=^|\s)${TIME} ${ANY}IP6? (?=\S+ > \S+: |\()`, 'g'),
    quoteAware: false,
  },
  {
    family: 'tcpdump',
    literal: 'ARP, ',
    pattern: new RegExp(String.raw`(?<=^|\s)${TIME} ${ANY}ARP, `, 'g'),
    quoteAware: false,
  },
  {
    family: 'tcpdump',
    literal: ' ethertype ',
    pattern: new RegExp(String.raw`(?<=^|\s)${TIME} (?:${ANY}ifindex \d+ |(?:In|Out|B|M|P) )?${MAC}(?: > ${MAC},)? `, 'g'),
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
