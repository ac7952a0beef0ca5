/**
 * Text that marks the start of a record inside a physical line whose line breaks were lost.
 * Each format family lists its own starts; the ingest repair step splits before them.
 *
 * `pattern` must be a global regex; a match at index 0 of a segment never splits.
 * `quoteAware` starts are ignored while inside a double-quoted value of the current record, so a
 * `level=` inside `msg="…"` does not split. `startsRecordAt` lets a start move the split point back
 * to an earlier token that belongs to the new record (logrus `time="…" level=…`).
 */
import { HUBBLE_RECORD_STARTS } from './hubble/record-starts.js';
import { LIST_TABLE_STARTS } from './list-table-starts.js';
import { AGENT_LOG_RECORD_STARTS } from './agent-log-lines.js';
import { MONITOR_RECORD_STARTS } from './monitor/record-starts.js';
import { FLATTENED_STATUS_START } from './status-labels.js';
import { TCPDUMP_RECORD_STARTS } from './tcpdump-starts.js';

export interface RecordStart {
  family: string;
  /** Cheap literal that must occur in the line for `pattern` to match anywhere. */
  literal: string;
  /**
   * Text a single record may start with before `literal` (so one such record is not split), or a
   * pattern of the line's start that ends where a single record prints `literal`.
   */
  leadIn?: string | RegExp;
  pattern: RegExp;
  quoteAware: boolean;
}

export const RECORD_STARTS: RecordStart[] = [
  ...AGENT_LOG_RECORD_STARTS,
  // A flattened `cilium status`: a prompt before `KVStore:`, or `Kubernetes APIs:` mid-line.
  { family: 'cilium-status', literal: 'KVStore: ', pattern: FLATTENED_STATUS_START, quoteAware: false },
  { family: 'cilium-status', literal: 'Kubernetes APIs: ', pattern: FLATTENED_STATUS_START, quoteAware: false },
  // A terminal session pasted on one line: `… dev1 ^C[root@dev1 kubernetes]# kubectl exec …`.
  { family: 'shell', literal: ']# ', pattern: /(?<=\s|\^C)\[[\w.-]+@[\w.-]+(?: [^\]\s]*)?\]# /g, quoteAware: true },
  { family: 'shell', literal: ']$ ', pattern: /(?<=\s|\^C)\[[\w.-]+@[\w.-]+(?: [^\]\s]*)?\]\$ /g, quoteAware: true },
  ...LIST_TABLE_STARTS,
  ...TCPDUMP_RECORD_STARTS,
  ...MONITOR_RECORD_STARTS,
  ...HUBBLE_RECORD_STARTS,
];
