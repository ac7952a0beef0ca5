/**
 * Every line of monitor-examples.txt and every example line of monitor.md goes through the whole
 * pipeline (sniff → grammar → SQLite) and must come out as the kind §17 of the spec assigns, with
 * the fields its pattern captures; none may end up unparsed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseDb, type CaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import { SPEC_DIR, stdinOf, tempFile } from '../helpers/analyze.js';
import { specClassify, type SpecLine } from './spec-oracle.js';

const EXAMPLES = join(SPEC_DIR, 'monitor-examples.txt');
const SPEC = join(SPEC_DIR, 'monitor.md');

const LINE_TYPES = new Set(['separator', 'recorder-end', 'banner', 'interrupt', 'layer', 'trailer', 'hexdump']);
const JSON_TYPES: Record<string, string> = { drop: 'drop', trace: 'trace', debug: 'debug', capture: 'capture', logRecord: 'l7', agent: 'agent' };

/** The example lines of monitor.md: fenced blocks at column 0, without templates (‹…›). */
function specExampleLines(): string[] {
  const lines: string[] = [];
  let inBlock = false;
  let heading = '';
  for (const line of readFileSync(SPEC, 'utf8').split('\n')) {
    if (line.startsWith('#')) heading = line;
    if (line.startsWith('```')) {
      inBlock = !inBlock;
      if (!inBlock) lines.push('');
      continue;
    }
    // §3.7 lists connection summaries, which are line fragments (tested in summaries.test.ts).
    if (!inBlock || line.includes('‹') || heading.startsWith('### 3.7')) continue;
    // `<TAB>` is the spec's notation for a tab; `{...}` elides a JSON object (§4.3).
    lines.push(line.replace(/<TAB>/g, '\t').replace(/\{\.\.\.\}/g, '{}'));
  }
  return lines;
}

interface Stored {
  events: Record<string, unknown>[];
  lines: Record<string, unknown>[];
  logs: number;
}

function storedAt(db: CaseDb, line: number): Stored {
  return {
    events: db.prepare('SELECT * FROM monitor_events WHERE line = ?').all(line) as Record<string, unknown>[],
    lines: db.prepare('SELECT * FROM monitor_lines WHERE line = ?').all(line) as Record<string, unknown>[],
    logs: db.prepare('SELECT COUNT(*) FROM log_events WHERE line = ?').pluck().get(line) as number,
  };
}

function reasonAsPrinted(e: Record<string, unknown>): string {
  return e['ext_error'] === null ? String(e['drop_reason']) : `${e['drop_reason']}, ${e['ext_error']}`;
}

/** The spec's captured fields must equal the stored columns of the same meaning. */
function expectFields(spec: SpecLine, e: Record<string, unknown>, where: string): void {
  for (const [field, value] of Object.entries(spec.fields)) {
    if (value === undefined) continue;
    if (field === 'reason') expect(reasonAsPrinted(e), `${where}: reason`).toBe(value);
    else if (field === 'iface') expect(String(e['ifname'] ?? e['ifindex']), `${where}: interface`).toBe(value);
    else if (field === 'local_ep') expect([e['dest_ep'], e['source_ep']], `${where}: local EP`).toContain(Number(value));
    else if (field === 'remote') expect([e['src_identity'], e['dst_identity']], `${where}: remote ID`).toContain(value);
    else if (field === 'type') continue;
    else if (typeof e[field] === 'number') expect(e[field], `${where}: ${field}`).toBe(Number(value));
    else expect(e[field], `${where}: ${field}`).toBe(value);
  }
}

function checkLine(db: CaseDb, text: string, line: number, name: string): void {
  const where = `${name}:${line} ${text.slice(0, 70)}`;
  const spec = specClassify(text);
  if (text.trim() === '') return;
  expect(spec, `${where}: the spec oracle recognises every example line`).not.toBeNull();
  const stored = storedAt(db, line);
  if (spec!.kind === 'log') {
    expect(stored.logs, `${where}: stored as an agent log line`).toBe(1);
    return;
  }
  if (LINE_TYPES.has(spec!.kind)) {
    expect(stored.lines.map((l) => l['type']), where).toEqual([spec!.kind]);
    if (spec!.kind === 'layer') expect(stored.lines[0]!['layer'], where).toBe(spec!.fields['layer']);
    return;
  }
  expect(stored.events, `${where}: one event`).toHaveLength(1);
  const e = stored.events[0]!;
  if (spec!.kind === 'json') {
    expect(e['type'], where).toBe(JSON_TYPES[spec!.fields['type']!]);
    expect(e['form'], where).toBe('json');
    return;
  }
  expect(e['type'], where).toBe(spec!.kind === 'error' ? e['type'] : spec!.kind);
  if (spec!.form) expect(e['form'], where).toBe(spec!.form);
  expectFields(spec!, e, where);
}

async function load(file: string): Promise<CaseDb> {
  const db = createCaseDb();
  await loadInputs(db, [file], stdinOf(null));
  return db;
}

describe('monitor-examples.txt', () => {
  let db: CaseDb;
  const text = readFileSync(EXAMPLES, 'utf8').split('\n');
  beforeAll(async () => {
    db = await load(EXAMPLES);
  });
  afterAll(() => db.close());

  it('leaves no line unparsed', () => {
    expect(db.prepare('SELECT line, reason, text FROM unparsed').all()).toEqual([]);
  });

  it('classifies every line as the spec does, with its fields', () => {
    text.forEach((t, i) => checkLine(db, t, i + 1, 'monitor-examples.txt'));
  });

  it('recognises every datapath debug message', () => {
    expect(db.prepare(`SELECT line, message FROM monitor_events WHERE type = 'debug' AND debug_name IS NULL`).all()).toEqual([]);
  });

  it('attaches every dissection line to its verbose header, before or after it', () => {
    expect(db.prepare(`SELECT line, text FROM monitor_lines WHERE type IN ('layer', 'trailer', 'hexdump') AND event_id IS NULL`).all()).toEqual([]);
    // ≈ 1.9–1.18 order: separator, dissection, then the header (to-overlay, line 91).
    const overlay = db.prepare(`SELECT * FROM monitor_events WHERE obs_point = 'to-overlay' AND form = 'verbose'`).get() as Record<string, unknown>;
    expect(overlay).toMatchObject({ ttl: 63, src_ip: '10.0.1.23', dst_ip: '10.0.2.45', dst_port: 8080, tcp_flags: 'SYN', src_mac: 'd6:1f:54:3a:90:1b' });
    // Newest order: header, then an overlay dissection whose inner packet is the event's packet.
    const network = db.prepare(`SELECT * FROM monitor_events WHERE obs_point = 'from-network' AND form = 'verbose' AND ifname = 'eth0'`).get() as Record<string, unknown>;
    expect(network).toMatchObject({
      src_ip: '10.244.2.31', dst_ip: '10.244.1.17', src_port: 8080, dst_port: 39670, tcp_flags: 'SYN,ACK', ttl: 64,
      tunnel_protocol: 'vxlan', tunnel_src_ip: '192.168.10.102', tunnel_dst_ip: '192.168.10.101', vni: 45873,
    });
    // The hex dump before its header decodes to the same packet the -vv layers describe.
    const hex = db.prepare(`SELECT * FROM monitor_events WHERE capture_session = 5 AND type = 'trace'`).get() as Record<string, unknown>;
    expect(hex).toMatchObject({ src_ip: '10.244.1.17', dst_ip: '10.244.1.71', ttl: 63, ip_id: 36157, icmp_type: 'EchoRequest', icmp_id: 61, icmp_seq: 3, src_mac: 'b6:2d:7e:01:c4:58' });
    // The capture header is printed before its (ARP) dissection and trailer.
    const capture = db.prepare(`SELECT * FROM monitor_events WHERE type = 'capture' AND form = 'verbose'`).get() as Record<string, unknown>;
    expect(capture).toMatchObject({ ether_type: 'ARP', decode_error: 'No decoder for layer type ARP', ifindex: 12 });
  });

  it('reads release quirks: extended errors, trace ids (also glued to a layer line)', () => {
    const gluedTraceId = db.prepare(`SELECT * FROM monitor_events WHERE type = 'drop' AND form = 'verbose' AND cpu = 6`).get() as Record<string, unknown>;
    expect(gluedTraceId).toMatchObject({ trace_id: '4711', src_mac: 'c2:11:7e:4a:09:d3', dst_port: 443 });
    const fib = db.prepare(`SELECT * FROM monitor_events WHERE drop_code = 169`).get() as Record<string, unknown>;
    expect(fib).toMatchObject({ drop_reason: 'FIB lookup failed', ext_error: 4, ifindex: 2, bpf_file: 'bpf_host.c', bpf_line: 1190, src_identity_num: 1, dst_identity_num: 2 });
    const traced = db.prepare(`SELECT * FROM monitor_events WHERE type = 'drop' AND trace_id = '4711'`).get() as Record<string, unknown>;
    expect(traced).toMatchObject({ dst_identity: 'world', bpf_line: 1301, dst_ip: '93.184.215.14', dst_port: 443 });
  });
});

describe('monitor.md examples', () => {
  let db: CaseDb;
  const lines = specExampleLines();
  let file: string;
  beforeAll(async () => {
    file = tempFile('monitor-spec-examples.txt', `${lines.join('\n')}\n`);
    db = await load(file);
  });
  afterAll(() => db.close());

  it('extracts the examples of every section', () => {
    expect(lines.filter((l) => l.startsWith('xx drop')).length).toBe(5);
    expect(lines.filter((l) => l.startsWith('Policy verdict log')).length).toBe(4);
    expect(lines.filter((l) => l.startsWith('CPU ')).length).toBe(13);
  });

  it('leaves no line unparsed', () => {
    expect(db.prepare('SELECT line, reason, text FROM unparsed').all()).toEqual([]);
  });

  it('classifies every example as the spec does, with its fields', () => {
    lines.forEach((t, i) => checkLine(db, t, i + 1, 'monitor.md'));
  });
});
