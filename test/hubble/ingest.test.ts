import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseDb } from '../../src/store/db.js';
import { EvidenceText } from '../../src/store/evidence.js';
import { analyzeWithDb, countLines, fixture } from '../helpers/analyze.js';

const DIR = fixture('hubble');
const FILES = [
  ...readdirSync(DIR).filter((f) => f.endsWith('.txt')).map((f) => join(DIR, f)),
  ...readdirSync(join(DIR, 'same-flows')).map((f) => join(DIR, 'same-flows', f)),
];

describe('hubble observe output through the whole ingest', () => {
  let db: CaseDb;
  const sources = new Map<string, { id: number; lines: number; parsed: number; unparsed: number }>();
  const sourceOf = (file: string) => sources.get(join(DIR, file))!;

  it('accounts for every line of every fixture and leaves none unparsed', async () => {
    ({ db } = await analyzeWithDb(FILES));
    for (const row of db.prepare('SELECT id, name, lines, parsed, unparsed FROM sources').all() as {
      id: number; name: string; lines: number; parsed: number; unparsed: number;
    }[]) {
      sources.set(row.name, row);
    }
    for (const file of FILES) {
      const s = sources.get(file)!;
      expect(s.lines, file).toBe(countLines(file));
      expect(s.parsed + s.unparsed, file).toBe(s.lines);
      expect(s.unparsed, file).toBe(0);
    }
  });

  it('stores one row per flow and per notice, whatever the form', () => {
    const count = (table: string, file: string) =>
      (db.prepare(`SELECT count(*) FROM ${table} WHERE source_id = ?`).pluck().get(sourceOf(file).id) as number);
    expect(['release-0.5.txt', 'release-0.6-json.txt', 'release-0.8.txt', 'release-0.10.txt', 'release-1.17.txt', 'pretty-json.txt', 'flattened.txt']
      .map((f) => [count('hubble_flows', f), count('hubble_notices', f)])).toEqual([[9, 0], [3, 0], [7, 0], [8, 2], [16, 5], [2, 1], [7, 0]]);
    for (const form of ['compact.txt', 'compact-node.txt', 'compact-ip.txt', 'table-node.txt', 'dict.txt', 'jsonpb.txt']) {
      expect(count('hubble_flows', join('same-flows', form)), form).toBe(10);
    }
  });

  it('keeps the time an RFC 3339 stamp gives when ingest took it for a runtime prefix', () => {
    const rows = db.prepare(`SELECT iso_time, node FROM hubble_flows WHERE source_id = ? AND form = 'compact' ORDER BY line`)
      .all(sourceOf('release-0.8.txt').id);
    expect(rows[0]).toEqual({ iso_time: '2021-06-03T11:40:12.208Z', node: 'kind-worker' });
    expect(rows).toHaveLength(5);
  });

  it('splits flattened pastes into their records', () => {
    const rows = db.prepare('SELECT line, segment, form, obs_point, drop_code FROM hubble_flows WHERE source_id = ? ORDER BY line, segment')
      .all(sourceOf('flattened.txt').id) as { line: number; segment: number; form: string }[];
    expect(rows.map((r) => [r.line, r.form])).toEqual([
      [1, 'compact'], [1, 'compact'], [1, 'compact'], [2, 'jsonpb'], [2, 'jsonpb'], [3, 'dict'], [3, 'dict'],
    ]);
    expect(new Set(rows.map((r) => `${r.line}/${r.segment}`)).size).toBe(7);
  });

  it('quotes a pretty-printed flow whole as evidence, from its first line', () => {
    const evidence = new EvidenceText(db);
    const [{ text }] = evidence.complete([{ source: join(DIR, 'pretty-json.txt'), line: 4 }]) as [{ text: string }];
    expect(text.split('\n')).toHaveLength(61);
    expect(text).toContain('"drop_reason_desc": "POLICY_DENIED"');
    const lines = db.prepare(`SELECT DISTINCT type, block_line FROM hubble_lines WHERE source_id = ?`).all(sourceOf('pretty-json.txt').id);
    expect(lines).toEqual([
      { type: 'json-part', block_line: 4 },
      { type: 'json-part', block_line: 65 },
      { type: 'json-part', block_line: 77 },
    ]);
  });

  afterAll(() => db?.close());
});

describe('hubble next to other formats in one paste', () => {
  it('gives each line to its own family', async () => {
    const paste = [
      'Policy drops show up in hubble but not in monitor:',
      '$ hubble observe --pod shop/web-5c8d7b-h4k9z',
      'Mar 18 14:02:34.120: 203.0.113.77:51514 (world) <> shop/web-5c8d7b-h4k9z:8080 (ID:20561) Policy denied DROPPED (TCP Flags: SYN)',
      '$ cilium monitor --type drop',
      'xx drop (Policy denied) flow 0x51d2c0aa to endpoint 811, ifindex 9, file bpf_lxc.c:1394, , identity world->20561: 203.0.113.77:51514 -> 10.20.1.33:8080 tcp SYN',
      '{"level":"info","msg":"Policy imported via API","subsys":"daemon"}',
    ].join('\n');
    const { db } = await analyzeWithDb(['-'], paste);
    const formats = db.prepare('SELECT format, lines FROM source_formats ORDER BY format').all();
    expect(formats).toEqual([
      { format: 'agent-log', lines: 1 },
      { format: 'hubble', lines: 1 },
      { format: 'monitor', lines: 1 },
      { format: 'prose', lines: 1 },
      { format: 'shell', lines: 2 },
    ]);
    expect(db.prepare('SELECT src_ip, dst_name, drop_code, text FROM hubble_flows').get()).toMatchObject({
      src_ip: '203.0.113.77', dst_name: 'web-5c8d7b-h4k9z', drop_code: 133,
    });
    db.close();
  });
});
