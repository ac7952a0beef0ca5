import type { CaseDb } from './db.js';
import type { CaptureContext } from '../types/tcpdump.js';
import { rowsTable } from './schema.js';
import { CaptureIds } from './writers/tcpdump.js';

/** Where pasted tcpdump text was captured, as the user gave it (`--capture`, parsed in src/cli). */
export interface CaptureOption {
  node: string | null;
  iface: string | null;
  netns: string | null;
  /** Limits the option to inputs whose name is or ends with this value; null for every input. */
  source: string | null;
}

/**
 * Applies a `--capture` option to the stored packets: the given node / netns
 * / interface replace what the text implied, for every source or the ones `source` names (exact
 * name or a path ending in it). `-i any` packets keep their own interface column. Returns the
 * number of packet rows changed.
 */
export function applyCaptureOption(db: CaseDb, option: CaptureOption): number {
  const rows = db
    .prepare(
      `SELECT p.id, p.capture_node AS node, p.capture_iface AS iface, p.capture_netns AS netns, coalesce(p.iface, o.iface) IS NOT NULL AS own
         FROM packets p LEFT JOIN packets o ON o.id = p.outer_id
        WHERE @source IS NULL OR p.source_id IN (SELECT id FROM sources WHERE name = @source OR name LIKE '%/' || @source)`,
    )
    .all({ source: option.source }) as { id: number; node: string | null; iface: string | null; netns: string | null; own: number }[];
  const captures = new CaptureIds(db);
  const update = db.prepare(`UPDATE ${rowsTable('packets')} SET capture_id = ? WHERE id = ?`);
  for (const r of rows) {
    const capture: CaptureContext = {
      node: option.node ?? r.node,
      netns: option.netns ?? r.netns,
      iface: r.own ? r.iface : (option.iface ?? r.iface),
      origin: 'option',
    };
    update.run(captures.id(capture), r.id);
  }
  return rows.length;
}
