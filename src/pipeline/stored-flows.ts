/**
 * The report's flows kept in the case a chunk at a time, as they are replayed: compressed JSON
 * rows of the `analysis` table beside the stored analysis, read back in order when a report is
 * written. Which rules diverge in a flow is known only once every flow is replayed, so a flow is
 * stored without them and given them as it is read.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { FlowJson } from '../report/flows.js';
import type { CaseDb } from '../store/db.js';

/**
 * Brotli's default quality (11) is far too slow for the MB an analysis of a busy log makes: on
 * the 300 k-line bench case's 2.4 MB, quality 11 takes 19 s for 94 KB, quality 5 0.25 s for 171 KB.
 * Quality 4 halves quality 5's time again for a quarter more bytes (31 k replayed flows, 70 MB of
 * JSON: 0.73 s → 0.35 s, 1.95 → 2.40 MB).
 */
export const ANALYSIS_COMPRESSION = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

/** Keys of a stored analysis's flow chunks: `<prefix>flows/<chunk number, padded so that keys sort in order>`. */
const chunkKey = (prefix: string, n: number): string => `${prefix}flows/${String(n).padStart(9, '0')}`;

export class FlowChunkWriter {
  private chunks = 0;
  private readonly insert;

  constructor(db: CaseDb, private readonly prefix: string) {
    this.insert = db.prepare('INSERT INTO analysis (key, data) VALUES (?, ?)');
  }

  add(flows: readonly FlowJson[]): void {
    if (flows.length === 0) return;
    this.insert.run(chunkKey(this.prefix, this.chunks++), brotliCompressSync(JSON.stringify(flows), ANALYSIS_COMPRESSION));
  }
}

/** The stored flows, in order, each with the rules that diverge in it. */
export function* storedFlows(db: CaseDb, prefix: string, divergences: ReadonlyMap<number, string[]>): Generator<FlowJson> {
  const keys = db.prepare('SELECT key FROM analysis WHERE key >= ? AND key < ? ORDER BY key').pluck().all(`${prefix}flows/`, `${prefix}flows0`) as string[];
  const read = db.prepare('SELECT data FROM analysis WHERE key = ?').pluck();
  for (const key of keys) {
    for (const flow of JSON.parse(brotliDecompressSync(read.get(key) as Buffer).toString('utf8')) as FlowJson[]) {
      flow.divergences = divergences.get(flow.id) ?? [];
      yield flow;
    }
  }
}
