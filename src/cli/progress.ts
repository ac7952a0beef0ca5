import type { LoadProgress } from '../store/load.js';

/** Inputs smaller than this read fast enough to need no progress line. */
const PROGRESS_FROM_BYTES = 20 * 2 ** 20;
const EVERY_MS = 250;

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);

/**
 * A progress line on a terminal (`\r`-rewritten): the input, bytes read of its size where known,
 * and lines per second. Shown only once an input is large; cleared when reading ends.
 */
export class ProgressLine {
  private shown = false;
  private last = 0;
  private start: { source: string; at: number; lines: number } | null = null;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly now: () => number = Date.now,
  ) {}

  update(p: LoadProgress): void {
    const t = this.now();
    if (this.start?.source !== p.source) this.start = { source: p.source, at: t, lines: 0 };
    if (!this.shown && (p.totalBytes ?? p.bytesRead) < PROGRESS_FROM_BYTES && p.bytesRead < PROGRESS_FROM_BYTES) return;
    if (this.shown && t - this.last < EVERY_MS) return;
    this.last = t;
    this.shown = true;
    const seconds = Math.max((t - this.start.at) / 1000, 0.001);
    const size = p.totalBytes !== null ? `${mib(p.bytesRead)}/${mib(p.totalBytes)} MiB` : `${mib(p.bytesRead)} MiB`;
    const rate = Math.round((p.lines - this.start.lines) / seconds).toLocaleString('en-US');
    this.out.write(`\r\x1b[Kcilium-analyze: reading ${p.source}  ${size}  ${rate} lines/s`);
  }

  /** Removes the line (the report or summary follows on a clean terminal). */
  done(): void {
    if (this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
  }
}
