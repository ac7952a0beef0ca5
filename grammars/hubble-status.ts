/**
 * `hubble status` (hubble cmd/status): each line a `server-status` notice named by its label, the
 * unavailable nodes listed after `Unavailable Nodes:` each a notice of that label with the node.
 */
import { SERVER_STATUS_LINES, UNAVAILABLE_NODE_LINE } from '../src/knowledge/hubble/index.js';
import type { HubbleNotice } from '../src/types/hubble.js';
import { emptyNotice, type RecordOrigin } from './hubble-columns.js';

const LABELS = Object.entries(SERVER_STATUS_LINES) as [keyof typeof SERVER_STATUS_LINES, RegExp][];

function count(printed: string | undefined): number | null {
  return printed !== undefined && /^[\d,]+$/.test(printed) ? Number(printed.replaceAll(',', '')) : null;
}

/** Reads the lines of one `hubble status` output; remembers whether the unavailable nodes are being listed. */
export class ServerStatus {
  private listing = false;

  /** The line's notice, or null when it is no `hubble status` line here. */
  read(text: string, origin: RecordOrigin): HubbleNotice | null {
    const node = this.listing ? UNAVAILABLE_NODE_LINE.exec(text) : null;
    if (node) {
      const n = emptyNotice('server-status', 'compact', origin, null, null);
      [n.name, n.nodes] = ['Unavailable Nodes', [node[1]!]];
      return n;
    }
    this.listing = false;
    for (const [label, pattern] of LABELS) {
      const m = pattern.exec(text);
      if (!m) continue;
      const n = emptyNotice('server-status', 'compact', origin, null, label === 'Healthcheck' ? m[1]! : null);
      n.name = label;
      n.message = label === 'Healthcheck' ? m[2]! : text.slice(text.indexOf(':') + 1).trim();
      n.count = label === 'Healthcheck' ? null : count(m[1]);
      this.listing = label === 'Unavailable Nodes';
      return n;
    }
    return null;
  }
}
