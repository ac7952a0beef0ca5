/**
 * What the grammars read and what they miss, from a loaded case database: per format, the lines
 * parsed and failed, and the most frequent unparsed message shapes (values replaced by `#`,
 * lnav's "message shape") with the first line of each as its example.
 */
import type { FormatCoverage, CaseCoverage, UnparsedShape } from '../types/inputs.js';
import type { CaseDb } from './db.js';

/** The format of unparsed lines no sniffer recognised (and of lines too long to read). */
export const UNRECOGNISED = 'unrecognised';

/** An example line is quoted up to this many characters (its shape is taken from as many). */
const EXAMPLE_CHARS = 500;

interface ShapeRow {
  source_id: number;
  format: string;
  shape: string;
  n: number;
  first: number;
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);

/** Unparsed rows grouped by source, format and shape. */
function shapeRows(db: CaseDb): ShapeRow[] {
  return db
    .prepare(
      `SELECT u.source_id, coalesce(u.format, ?) AS format, s.shape, count(*) AS n, min(u.id) AS first
       FROM unparsed u JOIN shapes s ON s.id = u.shape_id
       GROUP BY u.source_id, u.format, u.shape_id`,
    )
    .all(UNRECOGNISED) as ShapeRow[];
}

/** Merges rows of one format and shape (over sources), most frequent first, each with its first line quoted. */
function topShapes(db: CaseDb, rows: readonly ShapeRow[], limit: number): UnparsedShape[] {
  const merged = new Map<string, { format: string; shape: string; count: number; first: number }>();
  for (const r of rows) {
    const key = `${r.format}\u0000${r.shape}`;
    const m = merged.get(key);
    if (m) {
      m.count += r.n;
      m.first = Math.min(m.first, r.first);
    } else merged.set(key, { format: r.format, shape: r.shape, count: r.n, first: r.first });
  }
  const top = [...merged.values()].sort((a, b) => b.count - a.count || a.first - b.first).slice(0, limit);
  const example = db.prepare(
    `SELECT s.name AS source, u.line, u.reason, substr(u.text, 1, ${EXAMPLE_CHARS}) AS text
     FROM unparsed u JOIN sources s ON s.id = u.source_id WHERE u.id = ?`,
  );
  return top.map((t) => {
    const e = example.get(t.first) as { source: string; line: number; reason: string; text: string };
    return { format: t.format, shape: t.shape, count: t.count, reason: e.reason, example: { source: e.source, line: e.line, text: e.text } };
  });
}

/** Per format: lines, parsed share and its top `limit` unparsed shapes; the top shapes of the case. */
export function caseCoverage(db: CaseDb, limit: number): CaseCoverage {
  const totals = db
    .prepare(
      `SELECT count(*) AS inputs, coalesce(sum(lines), 0) AS lines, coalesce(sum(parsed), 0) AS parsed,
       coalesce(sum(unparsed), 0) AS unparsed FROM sources WHERE skipped_reason IS NULL`,
    )
    .get() as { inputs: number; lines: number; parsed: number; unparsed: number };
  const parsed = new Map(
    (db.prepare('SELECT format, sum(lines) AS n FROM source_formats GROUP BY format HAVING n > 0').all() as { format: string; n: number }[]).map((r) => [
      r.format,
      r.n,
    ]),
  );
  // A physical line counts once per format that failed on it (its segments may fail in two).
  const failed = new Map(
    (
      db.prepare("SELECT coalesce(format, ?) AS format, count(DISTINCT source_id || ':' || line) AS n FROM unparsed GROUP BY 1").all(UNRECOGNISED) as {
        format: string;
        n: number;
      }[]
    ).map((r) => [r.format, r.n]),
  );
  const rows = shapeRows(db);
  const formats = [...new Set([...parsed.keys(), ...failed.keys()])].map((format): FormatCoverage => {
    const ok = parsed.get(format) ?? 0;
    const bad = failed.get(format) ?? 0;
    const own = rows.filter((r) => r.format === format);
    return { format, lines: ok + bad, parsed: ok, unparsed: bad, share: ratio(ok, ok + bad), shapes: topShapes(db, own, limit) };
  });
  formats.sort((a, b) => b.lines - a.lines || (a.format < b.format ? -1 : 1));
  return { ...totals, share: ratio(totals.parsed, totals.lines), formats, top: topShapes(db, rows, limit) };
}

/** The top `limit` unparsed shapes of the whole case. */
export function topUnparsedShapes(db: CaseDb, limit: number): UnparsedShape[] {
  return topShapes(db, shapeRows(db), limit);
}

/** The top `limit` unparsed shapes of each input, by source id. */
export function unparsedShapesBySource(db: CaseDb, limit: number): Map<number, UnparsedShape[]> {
  const bySource = new Map<number, ShapeRow[]>();
  for (const r of shapeRows(db)) {
    const list = bySource.get(r.source_id);
    if (list) list.push(r);
    else bySource.set(r.source_id, [r]);
  }
  return new Map([...bySource].map(([id, rows]) => [id, topShapes(db, rows, limit)]));
}
