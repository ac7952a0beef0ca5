/**
 * Line shapes of `cilium monitor` output (monitor.md §17), written once: the sniffer recognises
 * monitor lines by their starts, the ingest repair step splits pasted lines before them, and the
 * grammar reads the lines with the same fragments (layer names, observation points, banner).
 */
import { alternation } from '../alternation.js';
import { AGENT_NOTIFICATIONS } from './events.js';
import { OBSERVATION_POINTS } from './trace.js';

/** gopacket layers `-vv` prints, one per dissection line (§13). */
export const DISSECTION_LAYERS = ['Ethernet', 'IPv4', 'IPv6', 'TCP', 'UDP', 'SCTP', 'ICMPv4', 'ICMPv6', 'VXLAN', 'Geneve', 'VRRP', 'IGMP'] as const;

/** `Ethernet\t{Contents=…`; the newest releases glue `[ IP-TRACE-ID=N` to the first layer. */
export const LAYER_START = String.raw`(?:\[ IP-TRACE-ID=\d+)?(?:${alternation(DISSECTION_LAYERS)})[\t ]+\{Contents=`;
const LAYER_HEAD = LAYER_START.slice(0, -String.raw`\{Contents=`.length);

const SUMMARY_ARGUMENT = { endpoint: String.raw` \d+`, 'proxy-port': String.raw`(?: port \d+)?` } as const;

/** The observation point of a trace summary line as printed: `-> endpoint 1577`, `-> host from`, `unknown trace`. */
export const TRACE_SUMMARY_POINT = `(?:${[...OBSERVATION_POINTS]
  .sort((a, b) => b.summary.length - a.summary.length)
  .map((p) => alternation([p.summary]) + (p.summaryArgument ? SUMMARY_ARGUMENT[p.summaryArgument] : ''))
  .join('|')}|unknown trace)`;

/** `Listening for events on 8 CPUs with 64x4096 of shared memory` (also the `NodeMonitor:` status value). */
export const MONITOR_BANNER = String.raw`Listening for events on (\d+) CPUs with (\d+)x(\d+) of shared memory`;

/** Event types of `cilium monitor -j` objects (§14). */
export const MONITOR_JSON_TYPES = ['drop', 'trace', 'debug', 'capture', 'logRecord', 'agent', 'debug_capture_error'] as const;

/** A Go `hex.Dump` line of `--hex` (1: offset, 2: the bytes). */
export const HEX_DUMP_LINE = /^([0-9a-f]{8})  ((?:[0-9a-f]{2}  ?){1,16})\s*\|.*\|$/;

/** The separator `-v` prints between events (78 dashes); pastes may shorten it. */
export const SEPARATOR = /^-{20,}$/;

/** Lines closing a dissection block (1: the decode failure). */
export const DISSECTION_TRAILER = /^\s*(?:Packet has been truncated|Failed to decode layer: (.*)|Unknown layer)\s*$/;

/** A one-line capture summary (§8.1): `-> lxc_health: …`, `-> proxy port 8080: …`, `<- load-balancer eth0: …`, `== v4->v6 7: …`. */
export const CAPTURE_SUMMARY =
  /^(?:-> proxy port (?<pp>\d+)|-> (?<if>[^\s:]+)|<- load-balancer (?<lb>[^\s:]+)|== (?<xlat>v4->v6|v6->v4) (?<arg>\d+)): (?<summary>(?:\S+ -> \S+|\[unknown\]|\[error\]).*)$/;

/** Stream diagnostics the monitor client prints about events it could not read (§2.4). */
export const MONITOR_DIAGNOSTICS: readonly { pattern: RegExp; type: 'lost' | 'error' }[] = [
  { pattern: /^Unknown payload type: (?<subtype>\S+), CPU (?<cpu>\d+): Lost (?<lost>\d+) events$/, type: 'lost' },
  { pattern: /^cannot decode message type '(?<subtype>[^']*)': (?<message>.*)$/, type: 'error' },
  {
    pattern: /^Error while (?:parsing|decoding) (?<subtype>(?:drop|trace|policy|debug|socket|capture|LogRecord|agent).*?): (?<message>.*)$/,
    type: 'error',
  },
  { pattern: /^endpoint (?<ep>\d+) not found$/, type: 'error' },
];

/** How a kind of monitor line starts. */
export interface MonitorLineStart {
  /** Regular expression source of the line's start, without an anchor. */
  start: string;
  /** 1: only the monitor prints this; 0.7: monitor output, less distinctive alone. */
  certainty: 1 | 0.7;
  /** Dissection lines may be indented. */
  indented?: true;
  /**
   * Text that occurs in the line wherever the start does: its presence lets a pasted line whose
   * breaks were lost be searched for this start. Absent: the start is never searched mid-line.
   */
  literal?: string;
  /**
   * The line's start before `literal` as one record prints it (drop, trace and policy verdict
   * lines all print ` flow 0x`): such a line is not searched for this start.
   */
  leadIn?: RegExp;
  /**
   * Text a line of an older release ends with when it lacks its newline, so that the next record
   * is glued to it (1.0 printed `Skipping proxy, tc_index is set=%x` without one).
   */
  gluedAfter?: string;
}

const anchoredSource = (re: RegExp): string => re.source.replace(/^\^/, '');

export const MONITOR_LINE_STARTS: readonly MonitorLineStart[] = [
  {
    // Not the `, CPU 01: Lost …` tail of an `Unknown payload type` line.
    start: String.raw`(?<!, )CPU \d{2,}: (?:MARK 0x[0-9a-f]+ |Lost \d+ events(?=\s|$)|\[(?:(?:pre|post)-xlate-(?:fwd|rev)|unknown)\]|Unknown event: )`,
    certainty: 1,
    literal: 'CPU ',
    gluedAfter: String.raw`DEBUG: Skipping proxy, tc_index is set=[0-9a-f]+`,
  },
  { start: String.raw`xx drop \(.+?\) flow 0x`, certainty: 1, literal: 'xx drop (' },
  { start: String.raw`Policy verdict log: flow 0x`, certainty: 1, literal: 'Policy verdict log: ' },
  {
    start: String.raw`${TRACE_SUMMARY_POINT}(?:\s+encrypted)?\s+flow 0x`,
    certainty: 1,
    literal: ' flow 0x',
    leadIn: new RegExp(String.raw`^(?:${TRACE_SUMMARY_POINT}(?:\s+encrypted)?\s*|xx drop \(.+?\)|Policy verdict log:)(?= flow 0x)`),
  },
  { start: String.raw`(?:<-|->|\?\?) (?:Request \S+ from|Response \S+ to) \d+ \(\[`, certainty: 1, literal: ' ([' },
  { start: String.raw`>> (?:${alternation(AGENT_NOTIFICATIONS)}|\d+): `, certainty: 1, literal: '>> ' },
  { start: LAYER_START, certainty: 1, indented: true, literal: '{Contents=', leadIn: new RegExp(String.raw`^\s*${LAYER_HEAD}(?=\{Contents=)`) },
  { start: String.raw`Failed to decode layer: `, certainty: 1, indented: true, literal: 'Failed to decode layer: ' },
  { start: String.raw`Packet has been truncated(?=\s|$)`, certainty: 1, indented: true, literal: 'Packet has been truncated' },
  { start: String.raw`-{78}(?=\s|$)`, certainty: 1, literal: '-'.repeat(78) },
  // Not the value of the `NodeMonitor:` status line.
  { start: String.raw`(?<!NodeMonitor:\s*)${MONITOR_BANNER}`, certainty: 1, literal: 'Listening for events on ' },
  { start: String.raw`Press Ctrl-C to quit(?=\s|$)`, certainty: 1, literal: 'Press Ctrl-C to quit' },
  { start: String.raw`Received an interrupt, disconnecting from monitor\.\.\.\s*$`, certainty: 1 },
  { start: String.raw`Recorder capture: dir:\w+ rule:\d+ `, certainty: 1, literal: 'Recorder capture: ' },
  { start: String.raw`\{"(?:cpu":"CPU \d+:",")?type":"(?:${MONITOR_JSON_TYPES.join('|')})"`, certainty: 1, literal: '{"' },
  { start: anchoredSource(HEX_DUMP_LINE), certainty: 1 },
  { start: anchoredSource(CAPTURE_SUMMARY), certainty: 0.7 },
  { start: anchoredSource(SEPARATOR), certainty: 0.7 },
  { start: String.raw`Unknown layer$`, certainty: 0.7 },
  ...MONITOR_DIAGNOSTICS.map((d) => ({ start: anchoredSource(d.pattern), certainty: 0.7 as const })),
];
