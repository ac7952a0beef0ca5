import type { CaseDb } from './db.js';
import { rowsTable } from './schema.js';

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
  const info = db
    .prepare(
      `UPDATE ${rowsTable('packets')} SET
         capture_node = coalesce(@node, capture_node),
         capture_netns = coalesce(@netns, capture_netns),
         capture_iface = CASE
           WHEN coalesce(iface, (SELECT o.iface FROM ${rowsTable('packets')} o WHERE o.id = ${rowsTable('packets')}.outer_id)) IS NOT NULL THEN capture_iface
           ELSE coalesce(@iface, capture_iface) END,
         capture_origin = 'option'
       WHERE @source IS NULL OR source_id IN (SELECT id FROM sources WHERE name = @source OR name LIKE '%/' || @source)`,
    )
    .run({ node: option.node, netns: option.netns, iface: option.iface, source: option.source });
  return info.changes;
}
