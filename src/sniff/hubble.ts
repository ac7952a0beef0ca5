import { AGENT_EVENT_TYPES, HUBBLE_VERDICTS, POLICY_VERDICT_WORDS, SERVER_STATUS_LINES, UNAVAILABLE_NODE_LINE } from '../knowledge/hubble/index.js';
import type { FormatSniffer } from './types.js';

const MONTH = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
/** The timestamps `--time-format` prints (StampMilli, RFC 3339 variants, RFC1123Z, coarse dates). */
const TIME = [
  String.raw`(?:${MONTH})  ?\d{1,2} \d\d:\d\d:\d\d\.\d{3}`,
  String.raw`\d{4}-\d\d-\d\d(?:T\d\d(?::\d\d(?::\d\d(?:\.\d{1,9})?)?)?(?:Z|[+-]\d\d:\d\d))?`,
  String.raw`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (?:${MONTH}) \d{4} \d\d:\d\d:\d\d [+-]\d{4}`,
  'N/A',
].join('|');
const VERDICT = [...HUBBLE_VERDICTS, ...Object.keys(POLICY_VERDICT_WORDS)].join('|');

/** One regex matching a line that starts with any of the patterns; `whole`: the pattern spans the line. */
function anyOf(patterns: string[], whole = false): RegExp {
  return new RegExp(`^(?:${patterns.map((p) => `(?:${p})`).join('|')})${whole ? '$' : ''}`);
}

/** Lines only `hubble observe` prints. */
const CERTAIN = anyOf([
  // compact flow: TIME[ [NODE]]: SRC[ (ID)] ARROW DST[ (ID)] TYPE VERDICT (SUMMARY)
  String.raw`(?:${TIME})(?: \[[^\]]*\])?: \S* (?:\(\S+\) )?(?:->|<-|<>) .* (?:${VERDICT})\b.* \(.*\)$`,
  // relay node status, agent events, debug events
  String.raw`(?:${TIME}) \[[^\]]*\]: (?:Receiving flows from \d+ nodes: |\d+ nodes (?:are unavailable|removed from cluster): |Error ".*" on \d+ nodes: |unknown node status event: )`,
  String.raw`(?:${TIME})(?: \[[^\]]*\])?: (?:${AGENT_EVENT_TYPES.join('|')}) \(`,
  String.raw`(?:${TIME})(?: \[[^\]]*\])?: .* DBG_\w+ MARK: \S+ CPU: \S+ \(`,
  String.raw`EVENTS LOST: [A-Z_]+ CPU\(-?\d+\) \d+$`,
  // an RFC 3339 timestamp followed by a space is read as a runtime prefix and peeled off the line
  String.raw`\[[^\]]*\]: \S* (?:\(\S+\) )?(?:->|<-|<>) .* (?:${VERDICT})\b.* \(.*\)$`,
  String.raw` +\S+ {3,}\S.* {3,}(?:${VERDICT})\b.* {3,}\S`,
  // -o table: header, rows (3+ spaces of tabwriter padding), lost-events rows
  String.raw`TIMESTAMP +(?:NODE +)?SOURCE +DESTINATION +TYPE +VERDICT +SUMMARY\s*$`,
  String.raw`(?:${TIME}) {3,}\S.* {3,}(?:${VERDICT})\b.* {3,}\S`,
  String.raw`\s*[A-Z_]+ +EVENTS LOST +CPU\(-?\d+\) - \d+$`,
  // -o dict: the first key of a block (0.7 – 0.8 glued the separator to it)
  String.raw`(?:-{12})? {0,2}TIMESTAMP:(?: |$)`,
  // -o json / jsonpb: one object per line, or the first member of a pretty-printed one
  String.raw`\{\s*"(?:flow|node_status|lost_events|agent_event|debug_event)"\s*:\s*\{`,
  String.raw`\{"time":\s*"\d{4}-\d\d-\d\dT[^"]*",\s*"(?:uuid|emitter|verdict)"`,
  String.raw`\s*"(?:flow|node_status|lost_events)": \{\s*$`,
]);

/** The other keys of a dict block at the printer's padding, table rows whose spacing collapsed, a flat Flow's first member. */
const LIKELY = anyOf([
  String.raw`(?: {7}NODE| {5}SOURCE|DESTINATION| {7}TYPE| {4}VERDICT| {4}SUMMARY| {6}STATE| {6}NODES| {4}MESSAGE| {4}DETAILS| {7}FROM| {7}MARK| {8}CPU): `,
  String.raw`(?:${MONTH})  ?\d{1,2} \d\d:\d\d:\d\d\.\d{3} (?:\S+ ){2,3}.*\b(?:${VERDICT})\b`,
  String.raw`\s{1,4}"time": "\d{4}-\d\d-\d\dT[^"]*",?\s*$`,
]);

/** What follows a hubble line inside its block: dict keys and separators, pretty JSON lines. */
const CONTINUATION = anyOf(
  [
    String.raw`\s*-{12}\s*`,
    String.raw`\s*(?:NODE|SOURCE|DESTINATION|TYPE|VERDICT|SUMMARY|STATE|NODES|MESSAGE|DETAILS|FROM|MARK|CPU):(?: .*)?`,
    String.raw`\s*(?:"(?:[^"\\]|\\.)*"\s*:\s*)?(?:[{[]|[}\]]|"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)(?:\s*[}\]])?\s*,?\s*`,
  ],
  true,
);

const SERVER_STATUS = Object.values(SERVER_STATUS_LINES);

export const hubbleSniffer: FormatSniffer = {
  format: 'hubble',
  match(text) {
    if (CERTAIN.test(text)) return 1;
    if (text.charCodeAt(0) <= 0x5a && SERVER_STATUS.some((re) => re.test(text))) return 1;
    return LIKELY.test(text) ? 0.6 : 0;
  },
  continues: (text) => CONTINUATION.test(text) || UNAVAILABLE_NODE_LINE.test(text),
};
