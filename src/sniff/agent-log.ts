import { JSON_LINE, LOGFMT_LINE } from '../knowledge/agent-log-lines.js';
import { isRawContinuation, rawLineStart } from '../knowledge/agent-raw-lines.js';
import type { FormatSniffer } from './types.js';

export const agentLogSniffer: FormatSniffer = {
  format: 'agent-log',
  match(text) {
    const c = text.charCodeAt(0);
    if ((c === 0x6c || c === 0x74) && LOGFMT_LINE.test(text)) return 1;
    if (c === 0x7b && JSON_LINE.start.test(text) && JSON_LINE.level.test(text)) return 1;
    return rawLineStart(text) ? 0.8 : 0;
  },
  continues: isRawContinuation,
};
