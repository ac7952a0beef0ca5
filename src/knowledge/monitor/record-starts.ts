import type { RecordStart } from '../record-starts.js';
import { AGENT_NOTIFICATIONS } from './events.js';

/**
 * Where a `cilium monitor` record starts inside a pasted line whose line breaks were lost, e.g.
 * `… prose … CPU 03: MARK 0x0 FROM 2073 DEBUG: … CPU 03: MARK 0x0 FROM 149 DEBUG: …` or
 * `Ethernet {…} IPv4 {…} ICMPv4 {…} CPU 03: MARK … to-endpoint: …`. Not quote-aware: monitor
 * records carry no quoting, and prose before them may hold unbalanced quotes.
 */
export const MONITOR_RECORD_STARTS: readonly RecordStart[] = [
  {
    family: 'monitor',
    literal: 'CPU ',
    // Not the `, CPU 01: Lost …` tail of an `Unknown payload type` line.
    pattern: /(?<!, )(?<=^|\s)CPU \d{2,}: (?:MARK 0x|Lost \d|\[(?:pre|post)-xlate-|\[unknown\] cgroup_id|Unknown event: )/g,
    quoteAware: false,
  },
  { family: 'monitor', literal: 'xx drop (', pattern: /(?<=^|\s)xx drop \(/g, quoteAware: false },
  { family: 'monitor', literal: 'Policy verdict log: ', pattern: /(?<=^|\s)Policy verdict log: flow 0x/g, quoteAware: false },
  {
    family: 'monitor',
    literal: ' flow 0x',
    pattern:
      /(?<=^|\s)(?:(?:->|<-) (?:endpoint \d+|proxy port \d+|proxy|host from|host|stack|overlay|network|crypto)|unknown trace)(?:\s+encrypted)?\s+flow 0x/g,
    quoteAware: false,
  },
  {
    family: 'monitor',
    literal: 'Request ',
    pattern: /(?<=^|\s)(?:<-|->|\?\?) Request \S+ from \d+ \(\[/g,
    quoteAware: false,
  },
  {
    family: 'monitor',
    literal: 'Response ',
    pattern: /(?<=^|\s)(?:<-|->|\?\?) Response \S+ to \d+ \(\[/g,
    quoteAware: false,
  },
  {
    family: 'monitor',
    literal: '>> ',
    pattern: new RegExp(`(?<=^|\\s)>> (?:${AGENT_NOTIFICATIONS.join('|')}): [{"]`, 'g'),
    quoteAware: false,
  },
  {
    family: 'monitor',
    literal: '{Contents=',
    pattern: /(?<=^|\s)(?:\[ IP-TRACE-ID=\d+)?(?:Ethernet|IPv4|IPv6|TCP|UDP|SCTP|ICMPv4|ICMPv6|VXLAN|Geneve|VRRP|IGMP)[\t ]+\{Contents=/g,
    quoteAware: false,
  },
  { family: 'monitor', literal: 'Failed to decode layer: ', pattern: /(?<=^|\s)Failed to decode layer: /g, quoteAware: false },
  { family: 'monitor', literal: 'Packet has been truncated', pattern: /(?<=^|\s)Packet has been truncated(?=\s|$)/g, quoteAware: false },
  { family: 'monitor', literal: '-'.repeat(78), pattern: /(?<=^|\s)-{78}(?=\s|$)/g, quoteAware: false },
  {
    family: 'monitor',
    literal: 'Listening for events on ',
    pattern: /(?<!NodeMonitor:\s*)(?<=^|\s)Listening for events on \d+ CPUs with /g,
    quoteAware: false,
  },
  { family: 'monitor', literal: 'Press Ctrl-C to quit', pattern: /(?<=^|\s)Press Ctrl-C to quit(?=\s|$)/g, quoteAware: false },
  { family: 'monitor', literal: 'Recorder capture: ', pattern: /(?<=^|\s)Recorder capture: dir:/g, quoteAware: false },
  {
    family: 'monitor',
    literal: '{"',
    pattern: /(?<=^|\s)\{"(?:cpu":"CPU \d+:",|type":"(?:drop|trace|debug|capture|logRecord|agent)",)/g,
    quoteAware: false,
  },
];
