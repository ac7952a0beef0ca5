/**
 * The main thread's side of the parse worker: sends it a source's blocks and hands back its
 * answers in order. A failure of the worker fails every request still open, and the ones after.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InputSummary } from '../types/inputs.js';
import type { LineContext } from '../types/lines.js';
import type { ParsedBatch } from './parsed-batch.js';
import type { ToParser } from './parse-worker.js';

interface Answer {
  batch: ParsedBatch;
  summary?: InputSummary;
}

/** The worker's script, beside this module once built (absent when the sources run untranspiled, as under vitest). */
const SCRIPT = new URL('./parse-worker.js', import.meta.url);

export function parseWorkerAvailable(): boolean {
  return SCRIPT.protocol === 'file:' && existsSync(fileURLToPath(SCRIPT));
}

export class ParseThread {
  private readonly worker = new Worker(SCRIPT);
  private readonly waiting: { resolve: (a: Answer) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor() {
    this.worker.on('message', (answer: Answer) => this.waiting.shift()?.resolve(answer));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`the parse worker stopped (exit code ${code})`)));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }

  private ask(message: ToParser, transfer: ArrayBuffer[] = []): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    const answer = new Promise<Answer>((resolve, reject) => this.waiting.push({ resolve, reject }));
    // Answers are awaited in order; one failing before its turn must not count as unhandled.
    answer.catch(() => {});
    this.worker.postMessage(message, transfer);
    return answer;
  }

  open(name: string, agent?: string, context?: LineContext): void {
    if (!this.failure) this.worker.postMessage({ type: 'open', name, agent, context } satisfies ToParser);
  }

  /** The batch of a block of whole lines (copied: the caller keeps its bytes). */
  async block(bytes: Buffer): Promise<ParsedBatch> {
    const copy = new Uint8Array(bytes);
    return (await this.ask({ type: 'block', bytes: copy }, [copy.buffer])).batch;
  }

  /** The source's last batch and its accounting. */
  async end(): Promise<{ batch: ParsedBatch; summary: InputSummary }> {
    const { batch, summary } = await this.ask({ type: 'end' });
    return { batch, summary: summary! };
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
