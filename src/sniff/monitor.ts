import { AGENT_NOTIFICATIONS } from '../knowledge/monitor/index.js';
import type { FormatSniffer } from './types.js';

/** Line starts of `cilium monitor` output (monitor.md §17), each specific enough to be certain. */
const CERTAIN = new RegExp(
  [
    String.raw`CPU \d{2,}: (?:MARK 0x[0-9a-f]+ |Lost \d+ events$|\[(?:pre|post)-xlate-(?:fwd|rev)|unknown\] cgroup_id: |Unknown event: )`,
    String.raw`xx drop \(.+\) flow 0x`,
    String.raw`Policy verdict log: flow 0x`,
    String.raw`(?:->|<-) (?:endpoint \d+|proxy(?: port \d+)?|host from|host|stack|overlay|network|crypto)(?:\s+encrypted)?\s+flow 0x`,
    String.raw`unknown trace\s+flow 0x`,
    String.raw`(?:<-|->|\?\?) (?:Request|Response) \S+ (?:from|to) \d+ \(\[`,
    String.raw`>> (?:${AGENT_NOTIFICATIONS.join('|')}|\d+): `,
    String.raw`\s*(?:\[ IP-TRACE-ID=\d+)?(?:Ethernet|IPv4|IPv6|TCP|UDP|SCTP|ICMPv4|ICMPv6|VXLAN|Geneve|VRRP|IGMP)[\t ]+\{\w+=`,
    String.raw`\s*Failed to decode layer: `,
    String.raw`\s*Packet has been truncated$`,
    String.raw`-{78}$`,
    String.raw`Listening for events on \d+ CPUs with \d+x\d+ of shared memory$`,
    String.raw`Press Ctrl-C to quit$`,
    String.raw`Received an interrupt, disconnecting from monitor\.\.\.$`,
    String.raw`Recorder capture: dir:\w+ rule:\d+ `,
    String.raw`\{"(?:cpu":"CPU \d+:","type|type)":"(?:drop|trace|debug|capture|logRecord|agent|debug_capture_error)"`,
    String.raw`[0-9a-f]{8}  (?:[0-9a-f]{2}  ?){1,16}\s*\|.*\|$`,
  ]
    .map((p) => `(?:${p})`)
    .join('|')
    .replace(/^/, '^(?:') + ')',
);

/** Shapes that are monitor output but less distinctive on their own. */
const LIKELY = new RegExp(
  [
    String.raw`(?:-> (?:proxy port \d+|[\w.@-]+)|<- load-balancer \S+|== v[46]->v[46] \d+): (?:\S+ -> \S+|\[unknown\]|\[error\])`,
    String.raw`-{20,}$`,
    String.raw`Unknown layer$`,
    String.raw`Unknown payload type: \S+, CPU \d+: Lost \d+ events$`,
    String.raw`cannot decode message type '`,
    String.raw`Error while (?:parsing|decoding) (?:drop|trace|policy|debug|socket|capture|LogRecord|agent)`,
    String.raw`endpoint \d+ not found$`,
  ]
    .map((p) => `(?:${p})`)
    .join('|')
    .replace(/^/, '^(?:') + ')',
);

export const monitorSniffer: FormatSniffer = {
  format: 'monitor',
  match(text) {
    if (CERTAIN.test(text)) return 1;
    return LIKELY.test(text) ? 0.7 : 0;
  },
  // The recorder block's closing `----` only means something after monitor lines.
  continues: (text) => text === '----',
};
