/**
 * Agent logs as collectors and viewers hand them over: Logs Explorer rows (whose severity is the
 * stream's, not the record's), Cloud Logging LogEntry objects with a text or JSON payload, Loki's
 * logcli, stern, Fluent Bit records; and one stream mixing logrus and slog, text and JSON records.
 */
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/analyze.js';
import { loadFiles, unparsed } from '../status/helpers.js';

interface LogRow {
  line: number;
  level: string;
  generation: string;
  pod: string | null;
  container: string | null;
  runtime_time: string | null;
  msg: string;
}

describe('log records inside collectors\' envelopes', () => {
  it('keeps each record\'s own level and the pod, container and time the collector adds', async () => {
    const db = await loadFiles(fixture('releases', 'log-shippers.txt'));
    expect(unparsed(db)).toEqual([]);
    const rows = db.prepare('SELECT line, level, generation, pod, container, runtime_time, msg FROM log_events ORDER BY line').all() as LogRow[];
    expect(rows).toEqual([
      // Logs Explorer: ERROR is the stream (stderr); the record says info.
      { line: 1, level: 'info', generation: 'logrus-text', pod: null, container: 'cilium-agent', runtime_time: '2024-08-30T08:12:43.551554643Z', msg: 'option bpf-ct-global-tcp-max set by dynamic sizing to 147181' },
      { line: 2, level: 'info', generation: 'logrus-json', pod: null, container: 'cilium-agent', runtime_time: '2024-08-30T08:12:43.552747343Z', msg: " --agent-health-port='9879'" },
      { line: 3, level: 'warning', generation: 'slog-text', pod: 'cilium-r7m2k', container: 'cilium-agent', runtime_time: '2025-01-14T11:02:07.118Z', msg: 'Unable to update CiliumNode' },
      // A row without summary fields; the collector's WARNING does not lower the record's error.
      { line: 4, level: 'error', generation: 'logrus-text', pod: null, container: null, runtime_time: '2025-01-14T11:02:08Z', msg: 'Failed to sync' },
      // Cloud Logging LogEntry with a text payload, then with a JSON payload.
      { line: 5, level: 'info', generation: 'logrus-text', pod: 'cilium-r7m2k', container: 'cilium-agent', runtime_time: '2025-01-14T11:02:09.118Z', msg: 'Restored services from maps' },
      { line: 6, level: 'warning', generation: 'logrus-json', pod: 'cilium-r7m2k', container: 'cilium-agent', runtime_time: '2025-01-14T11:02:10Z', msg: 'Detected conflicting tunnel peer' },
      // logcli, stern, Fluent Bit.
      { line: 7, level: 'info', generation: 'logrus-text', pod: 'cilium-r7m2k', container: 'cilium-agent', runtime_time: '2025-01-14T11:02:11Z', msg: 'Compiled new BPF template' },
      { line: 8, level: 'info', generation: 'logrus-text', pod: 'cilium-r7m2k', container: 'cilium-agent', runtime_time: null, msg: 'Rewrote endpoint BPF program' },
      { line: 9, level: 'info', generation: 'logrus-text', pod: 'cilium-r7m2k', container: 'cilium-agent', runtime_time: '2025-01-14T11:02:12.1Z', msg: 'Policy imported' },
      // One 1.16 stream: logrus text, slog text, slog JSON, logrus text without time.
      { line: 10, level: 'info', generation: 'logrus-text', pod: null, container: null, runtime_time: null, msg: 'Restored services from maps' },
      { line: 11, level: 'info', generation: 'slog-text', pod: null, container: null, runtime_time: null, msg: 'Start hook executed' },
      { line: 12, level: 'info', generation: 'slog-json', pod: null, container: null, runtime_time: null, msg: 'Devices changed' },
      { line: 13, level: 'warning', generation: 'logrus-text', pod: null, container: null, runtime_time: null, msg: 'Unable to get node resource' },
    ]);
  });

  it('files the records of a named pod under that pod\'s agent', async () => {
    const db = await loadFiles(fixture('releases', 'log-shippers.txt'));
    const agents = db.prepare("SELECT agent, count(*) AS n FROM log_events WHERE pod IS NOT NULL GROUP BY agent").all();
    expect(agents).toEqual([{ agent: 'cilium-r7m2k', n: 6 }]);
  });
});
