import { isRawContinuation, rawLineStart } from '../knowledge/agent-raw-lines.js';
import type { FormatSniffer } from './types.js';

const LOGFMT_START = /^(?:time=\S+ )?level=[A-Za-z]+(?:\s|$)/;
const JSON_START = /^\{"(?:[\w.-]+)":/;
const JSON_LEVEL = /"level":"[A-Za-z]+"/;
export const agentLogSniffer: FormatSniffer = {
  format: 'agent-log',
  match(text) {
    const c = text.charCodeAt(0);
    if ((c === 0x6c || c === 0x74) && LOGFMT_START.test(text)) return 1;
    if (c === 0x7b && JSON_START.test(text) && JSON_LEVEL.test(text)) return 1;
    return rawLineStart(text) ? 0.8 : 0;
  },
  continues: isRawContinuation,
};
