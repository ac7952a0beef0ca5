/**
 * The parse worker: reads and parses one source at a time, block by block, while the main thread
 * writes the previous blocks. It answers each message in order: `block` with the block's batch,
 * `end` with the last batch and the source's accounting.
 */
import { parentPort } from 'node:worker_threads';
import { blockLines, BlockStarts, LineReader } from '../ingest/index.js';
import type { LineContext } from '../types/lines.js';
import { BatchEncoder } from './parsed-batch.js';
import { LINES_PER_STEP, SourceParser, type LoadOp } from './source-parser.js';
import { FIELD_SIGNAL_TEXTS } from './writer.js';

export type ToParser =
  | { type: 'open'; name: string; agent?: string; context?: LineContext }
  | { type: 'block'; bytes: Uint8Array }
  | { type: 'end' };

interface OpenSource {
  reader: LineReader;
  parser: SourceParser;
  encoder: BatchEncoder;
}

let open: OpenSource | null = null;

function parseBlock(source: OpenSource, bytes: Uint8Array): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines = blockLines(buffer);
  const starts = new BlockStarts(buffer, lines.length, FIELD_SIGNAL_TEXTS);
  source.encoder.begin(lines.length);
  const ops: LoadOp[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_STEP) {
    source.parser.lines(source.reader.block(lines.slice(i, i + LINES_PER_STEP), starts, i), ops);
    source.encoder.add(ops);
    ops.length = 0;
  }
  const batch = source.encoder.finish(lines.length);
  parentPort!.postMessage({ batch }, [batch.rows.buffer]);
}

function endSource(source: OpenSource): void {
  source.encoder.begin(0);
  const ops: LoadOp[] = [];
  source.parser.lines(source.reader.end(), ops);
  source.parser.end(ops);
  source.encoder.add(ops);
  const batch = source.encoder.finish(0);
  parentPort!.postMessage({ batch, summary: source.parser.summary }, [batch.rows.buffer]);
}

parentPort!.on('message', (message: ToParser) => {
  if (message.type === 'open') {
    open = { reader: new LineReader(message.name, message.context), parser: new SourceParser(message.name, message.agent), encoder: new BatchEncoder() };
    return;
  }
  if (!open) throw new Error(`parse worker: ${message.type} before a source was opened`);
  if (message.type === 'block') parseBlock(open, message.bytes);
  else {
    endSource(open);
    open = null;
  }
});
