/**
 * The case keeps each input's bytes once, in compressed blocks; every row that quotes a line reads
 * its text back from them. The texts must be the ones ingest parsed, byte for byte, whatever the
 * input's transport (file, gzip, stdin), line ends, or repairs (records split back out of a line).
 */
import { brotliDecompressSync } from 'node:zlib';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CaseDb } from '../../src/store/db.js';
import { LAZY_TEXT_TABLES } from '../../src/store/schema.js';
import { analyzeWithDb, tempFile } from '../helpers/analyze.js';

const MTU = 'level=info msg="Inheriting MTU from external network interface" device=enp7s0 ipAddr=172.19.4.12 mtu=9001 subsys=mtu';
const LABELS =
  'level=warning msg="Unable to fetch kubernetes labels" endpointID=877 error="pod.core \\"ledger-2\\" not found" ipv4=10.112.3.40 subsys=resolve-labels';
const COMPILE = 'level=error msg="Failed to compile bpf_lxc.o" error="exit status 1" subsys=datapath-loader';
const NOISE = 'qz9 %% ~~ 0x1f ## 17';
const DROP =
  'xx drop (Policy denied) flow 0x91c2a0f3 to endpoint 0, ifindex 6, file bpf_lxc.c:1996, , identity 31774->41022: 10.112.3.40:51022 -> 10.112.9.7:5432 tcp SYN';

interface Line {
  /** The physical line as written to the input. */
  raw: string;
  /** The logical lines ingest reads from it, in order: what rows must quote. */
  texts: string[];
}

/** Physical lines of every kind of repair and wrapping, then enough filler to span several blocks. */
function composed(): Line[] {
  const lines: Line[] = [
    { raw: MTU, texts: [MTU] },
    { raw: LABELS, texts: [LABELS] },
    // kubectl logs --prefix --timestamps: the prefix is context, not text.
    { raw: `[pod/cilium-r2k8d/cilium-agent] 2025-02-03T11:35:07.120311412Z ${MTU}`, texts: [MTU] },
    // A coloured line: the escape codes are not part of the text.
    { raw: `\x1b[31m${COMPILE}\x1b[0m`, texts: [COMPILE] },
    // A pasted log whose line breaks were lost: one physical line, three records.
    { raw: `${MTU} ${LABELS} ${COMPILE}`, texts: [MTU, LABELS, COMPILE] },
    // …and a monitor event after a log record: its row reads the second piece of the line.
    { raw: `${MTU} ${DROP}`, texts: [MTU, DROP] },
    { raw: NOISE, texts: [NOISE] },
    { raw: 'level=info msg="Ünïcödé ✓ device name" device=wlp0s20f3 subsys=linux-datapath', texts: ['level=info msg="Ünïcödé ✓ device name" device=wlp0s20f3 subsys=linux-datapath'] },
  ];
  for (let i = 0; i < 7000; i++) {
    const text = `level=info msg="Rewrote endpoint BPF program" endpointID=${3000 + i} identity=${20000 + (i % 97)} ipv4=10.112.${i % 250}.${1 + (i % 200)} subsys=endpoint`;
    lines.push({ raw: i % 1000 === 999 ? NOISE : text, texts: [i % 1000 === 999 ? NOISE : text] });
  }
  return lines;
}

/** Every row of every table that quotes a line, with the text the case gives for it. */
function quotedRows(db: CaseDb): { table: string; line: number; segment: number; text: string }[] {
  const rows: { table: string; line: number; segment: number; text: string }[] = [];
  for (const table of [...LAZY_TEXT_TABLES, 'log_events']) {
    const found = db.prepare(`SELECT line, segment, text FROM ${table} WHERE text <> ''`).all() as { line: number; segment: number; text: string }[];
    for (const r of found) rows.push({ table, ...r });
  }
  return rows;
}

async function checkSource(input: { files: string[]; stdin?: Buffer }, bytes: Buffer, lines: Line[]): Promise<void> {
  const { db } = await analyzeWithDb(input.files, input.stdin ?? null);
  try {
    const rows = quotedRows(db);
    // Every logical line is quoted by some row (log events, raw lines or unparsed).
    expect(rows.length).toBeGreaterThanOrEqual(lines.reduce((n, l) => n + l.texts.length, 0));
    for (const r of rows) expect(r.text, `${r.table} line ${r.line}.${r.segment}`).toBe(lines[r.line - 1]!.texts[r.segment]);
    const quoted = new Set(rows.map((r) => `${r.line}.${r.segment}`));
    lines.forEach((l, i) => l.texts.forEach((_, s) => expect(quoted.has(`${i + 1}.${s}`), `line ${i + 1}.${s} quoted`).toBe(true)));

    // The blocks hold the input's bytes exactly, in order, cut at line ends.
    const blocks = db.prepare('SELECT first_line, lines, bytes, data FROM source_blocks ORDER BY first_line').all() as {
      first_line: number;
      lines: number;
      bytes: number;
      data: Buffer;
    }[];
    expect(blocks.length).toBeGreaterThan(1);
    const kept = Buffer.concat(blocks.map((b) => brotliDecompressSync(b.data)));
    expect(kept.equals(bytes)).toBe(true);
    let next = 1;
    for (const b of blocks) {
      expect(b.first_line).toBe(next);
      next += b.lines;
    }
    expect(next - 1).toBe(lines.length);

    // Columns of log_events read back from the line are the grammar's values.
    const labels = db
      .prepare(`SELECT level, subsys, msg, json_extract(fields, '$.endpointID') AS ep, json_extract(fields, '$.error') AS error FROM log_events WHERE line = 2`)
      .get();
    expect(labels).toEqual({ level: 'warning', subsys: 'resolve-labels', msg: 'Unable to fetch kubernetes labels', ep: '877', error: 'pod.core "ledger-2" not found' });
    expect(db.prepare(`SELECT runtime_time FROM log_events WHERE line = 3`).pluck().get()).toBe('2025-02-03T11:35:07.120311412Z');
  } finally {
    db.close();
  }
}

describe('evidence text read back from the kept source bytes', () => {
  const lines = composed();
  const lf = Buffer.from(`${lines.map((l) => l.raw).join('\n')}\n`);
  const crlf = Buffer.from(`${lines.map((l) => l.raw).join('\r\n')}\r\n`);

  it('a plain file', async () => {
    await checkSource({ files: [tempFile('agent.log', lf)] }, lf, lines);
  });

  it('a gzip file: the decompressed bytes are kept', async () => {
    await checkSource({ files: [tempFile('agent.log.gz', gzipSync(lf))] }, lf, lines);
  });

  it('standard input', async () => {
    await checkSource({ files: ['-'], stdin: lf }, lf, lines);
  });

  it('CRLF line ends: kept in the bytes, not in the texts', async () => {
    await checkSource({ files: [tempFile('agent-crlf.log', crlf)] }, crlf, lines);
  });

  it('a last line without a line end', async () => {
    const open = lf.subarray(0, lf.length - 1);
    await checkSource({ files: [tempFile('agent-open.log', open)] }, open, lines);
  });
});
