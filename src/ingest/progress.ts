import { formatBytes } from './limits.js';

/**
 * Progress of a long read on stderr: bytes taken from disk out of the inputs' size, inputs read,
 * the one being read. At most one line per interval; nothing when no writer is given.
 */
export class Progress {
  private total = 0;
  private done = 0;
  private inputs = 0;
  private current = '';
  private last = 0;
  private readonly started = Date.now();

  constructor(
    private readonly write: ((line: string) => void) | null,
    private readonly intervalMs = 1000,
  ) {
    this.last = this.started;
  }

  /** Bytes on disk the inputs add to the work. */
  addTotal(bytes: number): void {
    this.total += bytes;
  }

  /** Bytes taken from disk. */
  advance(bytes: number): void {
    this.done += bytes;
    this.tick();
  }

  /** An input (a file or an archive member) starts being read. */
  reading(name: string): void {
    this.inputs++;
    this.current = name;
    this.tick();
  }

  /** The closing line of the read, with its duration. */
  finish(): void {
    if (!this.write) return;
    const seconds = (Date.now() - this.started) / 1000;
    this.write(`cilium-analyze: read ${formatBytes(this.total)} in ${this.inputs} inputs (${seconds.toFixed(1)} s)\n`);
  }

  /** A phase after the read (state, flows, rules), named as it starts. */
  phase(text: string): void {
    this.write?.(`cilium-analyze: ${text}\n`);
  }

  private tick(): void {
    if (!this.write) return;
    const now = Date.now();
    if (now - this.last < this.intervalMs) return;
    this.last = now;
    const share = this.total > 0 ? ` (${Math.min(100, Math.floor((this.done / this.total) * 100))}%)` : '';
    this.write(`cilium-analyze: read ${formatBytes(this.done)} of ${formatBytes(this.total)}${share}, ${this.inputs} inputs; now ${this.current}\n`);
  }
}
