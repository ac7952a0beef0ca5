import type { RecordStart } from '../record-starts.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `[node]: ` or `: ` after the timestamp of a compact line (node names hold no spaces). */
const AFTER_STAMP = String.raw`(?: \[[^\]\s]*\])?: `;

/**
 * Where a `hubble observe` record starts inside a pasted line whose line breaks were lost:
 * compact lines with the default `StampMilli` timestamp (`Jan  2 15:04:05.000: …`, the day
 * space-padded, collapsed to one space by some chat tools), `EVENTS LOST:` lines, one-line JSON
 * objects (protojson may put spaces after `{` and `:`), and `-o dict` blocks.
 * Compact lines with an RFC 3339 `--time-format` have no literal to anchor on and are not split.
 */
export const HUBBLE_RECORD_STARTS: readonly RecordStart[] = [
  ...MONTHS.map((month) => ({
    family: 'hubble',
    literal: `${month} `,
    pattern: new RegExp(String.raw`(?<=^|\s)${month}  ?\d{1,2} \d\d:\d\d:\d\d\.\d{3}${AFTER_STAMP}`, 'g'),
    quoteAware: false,
  })),
  { family: 'hubble', literal: 'EVENTS LOST: ', pattern: /(?<=^|\s)EVENTS LOST: [A-Z_]+ CPU\(/g, quoteAware: false },
  ...['flow', 'node_status', 'lost_events'].map((key) => ({
    family: 'hubble',
    literal: `"${key}"`,
    leadIn: '{',
    pattern: new RegExp(String.raw`(?<=^|\s|\})\{\s*"${key}"\s*:\s*\{`, 'g'),
    quoteAware: false,
  })),
  {
    family: 'hubble',
    literal: '{"time"',
    // Not the `{"time"` of a Flow nested in a GetFlowsResponse (`"flow": {"time": …`).
    pattern: /(?<=^|\s|\})(?<![:,[]\s*)\{"time":\s*"\d{4}-\d\d-\d\dT[^"]*",\s*"(?:uuid|emitter|verdict)"/g,
    quoteAware: false,
  },
  // A dict block starts at TIMESTAMP (its other keys stay on the block's line, read by the grammar);
  // only after other text: a dict line's own padding is no record boundary.
  { family: 'hubble', literal: 'TIMESTAMP: ', pattern: /(?<=\S\s+)TIMESTAMP: /g, quoteAware: false },
];
