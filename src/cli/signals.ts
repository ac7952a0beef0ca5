import { existsSync } from 'node:fs';
import { abortOpenCaseDbs } from '../store/db.js';

/** Exit codes of a run stopped by a signal: 128 + the signal's number, as shells report it. */
const SIGNAL_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM', number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * On Ctrl-C or SIGTERM: case databases being written are removed (a new case, or the replacement
 * of an existing one) or rolled back (an append), one line says so, and the process exits with
 * 130 / 143. A killed process leaves only a temporary file, removed by the next run on that case.
 */
export function stopCleanlyOnSignals(
  stderr: NodeJS.WritableStream & { isTTY?: boolean },
  exit: (code: number) => void,
  signals: Pick<NodeJS.EventEmitter, 'once'> = process,
): void {
  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
    signals.once(signal, () => {
      const cases = abortOpenCaseDbs().map((path) => `; ${path} ${existsSync(path) ? 'left as it was' : 'not written'}`);
      stderr.write(`${stderr.isTTY ? '\r\x1b[K' : ''}cilium-analyze: interrupted by ${signal}${cases.join('')}\n`);
      exit(SIGNAL_EXIT[signal]);
    });
  }
}
