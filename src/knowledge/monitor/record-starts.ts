import type { RecordStart } from '../record-starts.js';
import { MONITOR_LINE_STARTS } from './lines.js';

/**
 * Where a `cilium monitor` record starts inside a pasted line whose line breaks were lost, e.g.
 * `… prose … CPU 03: MARK 0x0 FROM 2073 DEBUG: … CPU 03: MARK 0x0 FROM 149 DEBUG: …` or
 * `Ethernet {…} IPv4 {…} ICMPv4 {…} CPU 03: MARK … to-endpoint: …`: the monitor line starts that
 * name a literal. Not quote-aware: monitor records carry no quoting, and prose before them may
 * hold unbalanced quotes.
 */
export const MONITOR_RECORD_STARTS: readonly RecordStart[] = MONITOR_LINE_STARTS.flatMap((s) =>
  s.literal === undefined
    ? []
    : [
        {
          family: 'monitor',
          literal: s.literal,
          ...(s.leadIn ? { leadIn: s.leadIn } : {}),
          pattern: new RegExp(`(?<=^|\\s${s.gluedAfter ? `|${s.gluedAfter}` : ''})${s.start}`, 'g'),
          quoteAware: false,
        },
      ],
);
