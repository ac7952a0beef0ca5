/**
 * `monitor_events`, `monitor_lines` and `packets` keep narrow rows: most of their columns are read
 * back from the lines when a query asks for them. Those values must be the ones the grammar gave
 * at ingest. The input is parsed again here with the ingest's own line reader and source parser;
 * each row's columns are computed from those records and compared with what the views return —
 * for lines read back from the case's blocks, and for records the rows keep because their text is
 * not one line of the input (CRI partial lines joined, packets printed over several lines).
 */
import { describe, expect, it } from 'vitest';
import { samples as monitorSamples } from '../../grammars/monitor-samples.js';
import { samples as tcpdumpSamples } from '../../grammars/tcpdump-samples.js';
import { blockLines, LineReader } from '../../src/ingest/index.js';
import { createCaseDb, finishCaseDb, type CaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import { monitorEventRows } from '../../src/store/monitor-rows.js';
import { MONITOR_DISSECTION_COLUMNS, MONITOR_EVENT_COLUMNS, MONITOR_LAZY_COLUMNS } from '../../src/store/monitor-schema.js';
import { lazyMonitorValues } from '../../src/store/monitor-values.js';
import { frameAt, packetValues } from '../../src/store/packet-values.js';
import { SourceParser, type LoadOp } from '../../src/store/source-parser.js';
import { PACKET_COLUMNS } from '../../src/store/tcpdump-schema.js';
import type { MonitorEvent, MonitorLine } from '../../src/types/monitor.js';
import type { TcpdumpPacket } from '../../src/types/tcpdump.js';
import { stdinOf, tempFile } from '../helpers/analyze.js';

const STAMP = '2025-02-03T10:00:02.000000000Z';

/** The lines as CRI records: each one whole (`F`), or cut in two partial records joined at ingest. */
function cri(lines: readonly string[], split: boolean): string[] {
  return lines.flatMap((l) => {
    const cut = l.length >> 1;
    return split && cut > 0 ? [`${STAMP} stdout P ${l.slice(0, cut)}`, `${STAMP} stdout F ${l.slice(cut)}`] : [`${STAMP} stdout F ${l}`];
  });
}

/** The records ingest writes for an input, in order, as the source parser gives them. */
function ingestRecords(name: string, text: string): Extract<LoadOp, { op: 'record' }>[] {
  const reader = new LineReader(name);
  const parser = new SourceParser(name);
  const ops: LoadOp[] = [];
  parser.lines(reader.block(blockLines(Buffer.from(text))), ops);
  parser.lines(reader.end(), ops);
  parser.end(ops);
  return ops.filter((o): o is Extract<LoadOp, { op: 'record' }> => o.op === 'record');
}

async function ingest(file: string): Promise<CaseDb> {
  const db = createCaseDb();
  await loadInputs(db, [file], stdinOf(null));
  finishCaseDb(db);
  return db;
}

const rows = (db: CaseDb, table: string): Record<string, unknown>[] => db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[];

/** Columns a dissection may fill when the event's line leaves them empty. */
const FROM_DISSECTION = new Set([...MONITOR_DISSECTION_COLUMNS, 'trace_id']);

const variants = [
  { name: 'lines read back from the blocks', kept: false, wrap: (lines: readonly string[]) => [...lines] },
  { name: 'CRI records read back from their lines', kept: false, wrap: (lines: readonly string[]) => cri(lines, false) },
  { name: 'CRI partial records joined (kept by the rows)', kept: true, wrap: (lines: readonly string[]) => cri(lines, true) },
];

describe.each(variants)('columns read back lazily equal the parsed ones: $name', ({ kept, wrap }) => {
  it('monitor events and lines', async () => {
    const text = `${wrap(monitorSamples.flatMap((s) => s.lines)).join('\n')}\n`;
    const file = tempFile('monitor.txt', text);
    const records = ingestRecords(file, text);
    const events = records.filter((r) => r.record.kind === 'monitor-event');
    const lines = records.filter((r) => r.record.kind === 'monitor-line');
    expect(events.length).toBeGreaterThan(40);
    const db = await ingest(file);
    try {
      const keptRecords = db.prepare('SELECT count(*) FROM monitor_events_rows WHERE record IS NOT NULL').pluck().get();
      expect(keptRecords).toBe(kept ? events.length : 0);
      const eventRows = rows(db, 'monitor_events');
      expect(eventRows).toHaveLength(events.length);
      events.forEach((op, i) => {
        const expected = lazyMonitorValues(op.record as MonitorEvent, op.at.context.time ?? null);
        const row = eventRows[i]!;
        expect([row['line'], row['segment'], row['text']]).toEqual([op.at.line, op.at.segment, op.at.text]);
        for (const column of MONITOR_LAZY_COLUMNS) {
          if (FROM_DISSECTION.has(column) && expected[column] === null) continue;
          expect(row[column], `${op.at.text} → ${column}`).toEqual(expected[column] ?? null);
        }
      });
      // The rows built without the view (what the flows stage reads) are the view's rows.
      const types = db.prepare('SELECT DISTINCT type FROM monitor_events').pluck().all() as string[];
      const columns = MONITOR_EVENT_COLUMNS.map(([name]) => name);
      const viewRows = (): Record<string, unknown>[] =>
        (db.prepare(`SELECT e.*, s.name AS source FROM monitor_events e JOIN sources s ON s.id = e.source_id ORDER BY e.id`).all() as Record<string, unknown>[])
          .map(({ text: _text, ...row }) => row);
      expect([...monitorEventRows(db, types, columns)]).toEqual(viewRows());
      // Where a dissection and the line disagree, each column takes the one the view takes.
      db.prepare(`UPDATE monitor_dissections SET src_ip = '192.0.2.99', trace_id = '4711', ttl = 3`).run();
      expect([...monitorEventRows(db, types, columns)]).toEqual(viewRows());
      const lineRows = rows(db, 'monitor_lines');
      expect(lineRows).toHaveLength(lines.length);
      lines.forEach((op, i) => {
        const l = op.record as MonitorLine;
        const row = lineRows[i]!;
        expect([row['type'], row['layer'], row['fields'], row['text']]).toEqual([l.type, l.layer, l.fields ? JSON.stringify(l.fields) : null, op.at.text]);
      });
    } finally {
      db.close();
    }
  });

  it('packets, and the frames inside them', async () => {
    const text = `${wrap(tcpdumpSamples.flatMap((s) => s.lines)).join('\n')}\n`;
    const file = tempFile('tcpdump.txt', text);
    const frames = ingestRecords(file, text)
      .filter((r) => r.record.kind === 'tcpdump-packet')
      .flatMap(({ record }) => {
        const packet = record as TcpdumpPacket;
        const all = [];
        for (let depth = 0, frame = frameAt(packet, 0); frame; frame = frameAt(packet, ++depth)) all.push({ packet, depth, values: packetValues(packet, frame) });
        return all;
      });
    expect(frames.filter((f) => f.depth > 0).length).toBeGreaterThan(5);
    const db = await ingest(file);
    try {
      // Packets over several lines keep their text whatever the input's form, and so do packets cut
      // short (written when the line after them came, which is not theirs).
      const keptTexts = db.prepare('SELECT count(*) FROM packets_rows WHERE text IS NOT NULL AND instr(text, char(10)) = 0').pluck().get();
      const oneLine = frames.filter((f) => f.depth === 0 && !f.packet.text.includes('\n'));
      expect(keptTexts).toBe((kept ? oneLine : oneLine.filter((f) => f.packet.note?.startsWith('incomplete'))).length);
      const packetRows = rows(db, 'packets');
      expect(packetRows).toHaveLength(frames.length);
      frames.forEach(({ packet, depth, values }, i) => {
        const row = packetRows[i]!;
        expect([row['line'], row['segment'], row['text']]).toEqual([packet.line, packet.segment, depth === 0 ? packet.text : '']);
        for (const column of PACKET_COLUMNS) expect(row[column], `${packet.text} (frame ${depth}) → ${column}`).toEqual(values[column]);
      });
    } finally {
      db.close();
    }
  });
});
