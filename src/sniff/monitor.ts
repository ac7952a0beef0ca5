import { MONITOR_LINE_STARTS, type MonitorLineStart } from '../knowledge/monitor/index.js';
import { INTERRUPT_ECHO } from '../knowledge/terminal.js';
import type { FormatSniffer } from './types.js';

/** One anchored test for the line starts of a certainty (named groups dropped: names repeat across starts). */
function anyStart(starts: readonly MonitorLineStart[]): RegExp {
  const alternatives = starts.map((s) => `${s.indented ? String.raw`\s*` : ''}(?:${s.start.replace(/\(\?<(?![=!])[^>]+>/g, '(?:')})`);
  return new RegExp(`^(?:${alternatives.join('|')})`);
}

const CERTAIN = anyStart(MONITOR_LINE_STARTS.filter((s) => s.certainty === 1));
const LIKELY = anyStart(MONITOR_LINE_STARTS.filter((s) => s.certainty < 1));

export const monitorSniffer: FormatSniffer = {
  format: 'monitor',
  match(text) {
    if (CERTAIN.test(text)) return 1;
    return LIKELY.test(text) ? 0.7 : 0;
  },
  // The recorder block's closing `----` and the echo of Ctrl-C only mean something after monitor lines.
  continues: (text) => text === '----' || INTERRUPT_ECHO.test(text),
};
