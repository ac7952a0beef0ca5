/** A benchmark input: realistic lines of one format, generated deterministically. */
export interface Workload {
  name: string;
  /** What one generated line is counted as in the report (lines, events…). */
  unit: string;
  /** Default number of lines to generate. */
  defaultLines: number;
  generate(lines: number): Iterable<string>;
  /** Also measure state, flows, model and rules over the ingested input (the replay). */
  replay?: boolean;
  /**
   * Also measure the case file as users keep it: the analysis an ingest stores, `report --db`
   * reopening it, an aggregate `query`, and lnav (when installed) loading the same input and
   * answering the equivalent SQL with the format in contrib/lnav.
   */
  caseQuery?: { sql: string; lnav: string };
}

/**
 * A benchmark input that is a whole archive (a support bundle): written once, then analysed end to
 * end by the CLI in a child process (progress on stderr), its time and peak RSS reported.
 */
export interface ArchiveWorkload {
  name: string;
  archive: true;
  /** File name suffix (`.zip`). */
  extension: string;
  /** Writes the archive; `scale` 1 is its full size. Returns the bytes its members expand to. */
  write(file: string, scale: number): Promise<number>;
}

/** Deterministic PRNG (mulberry32) so every run measures the same input. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}
