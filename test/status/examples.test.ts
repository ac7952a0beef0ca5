import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusGrammar } from '../../grammars/status.js';
import { splitJoinedRecords } from '../../src/ingest/repair.js';
import { unwrapLine } from '../../src/ingest/unwrap.js';
import { Sniffer } from '../../src/sniff/index.js';
import type { CaseDb } from '../../src/store/db.js';
import { loadText, SHARED, unparsed } from './helpers.js';

/** A block of example output: its lines and where they come from. */
interface ExampleBlock {
  origin: string;
  lines: string[];
}

/** Code-fenced examples of status.md; templates with `<placeholders>` and grammar notation are not output. */
function specBlocks(): ExampleBlock[] {
  const lines = readFileSync(join(SHARED, 'spec', 'status.md'), 'utf8').split('\n');
  const blocks: ExampleBlock[] = [];
  let current: ExampleBlock | null = null;
  lines.forEach((line, i) => {
    if (line.startsWith('```')) {
      if (current) blocks.push(current);
      current = current ? null : { origin: `status.md:${i + 2}`, lines: [] };
    } else if (current) current.lines.push(line.replace(/<64 hex>/g, 'a'.repeat(64)));
  });
  return blocks.filter((b) => !b.lines.some((l) => /<[a-z]|^'|^\{|RESULT :=/.test(l)));
}

/** Outputs of `cilium`/`cilium-dbg`/`cilium-health` commands in agent-examples.txt: command to blank line. */
function exampleFileBlocks(): ExampleBlock[] {
  const lines = readFileSync(join(SHARED, 'spec', 'agent-examples.txt'), 'utf8').split('\n');
  const blocks: ExampleBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\$ .*-- cilium(?:-dbg|-health)? /.test(lines[i]!)) continue;
    const block: ExampleBlock = { origin: `agent-examples.txt:${i + 2}`, lines: [] };
    for (let j = i + 1; j < lines.length && lines[j] !== '' && !lines[j]!.startsWith('$ '); j++) block.lines.push(lines[j]!);
    blocks.push(block);
  }
  return blocks;
}

/** Sniffs and parses every line of a block as the loader does; returns the lines that are not ours or fail. */
function walk(block: ExampleBlock): string[] {
  const sniffer = new Sniffer();
  const session = statusGrammar.open();
  const failures: string[] = [];
  block.lines.forEach((raw, i) => {
    const { text, context } = unwrapLine(raw);
    for (const [segment, piece] of splitJoinedRecords(text).entries()) {
      const format = sniffer.classify(piece);
      // `...`: the spec's own elision (or the health table's truncation mark) is text, not status.
      if (format === 'blank' || format === 'elision') continue;
      const line = { source: block.origin, line: i + 1, segment, text: piece, context };
      const result = format === 'cilium-status' ? session.feed(line) : { ok: false as const, reason: `sniffed as ${format}` };
      if (!result.ok) failures.push(`${block.origin} +${i}: ${result.reason}: ${piece}`);
    }
  });
  return failures;
}

describe('every status/list/health example parses', () => {
  const blocks = [...specBlocks(), ...exampleFileBlocks()];

  it('finds the examples', () => {
    expect(specBlocks().length).toBeGreaterThanOrEqual(10);
    expect(exampleFileBlocks().map((b) => b.lines.length)).toEqual([114, 163, 30, 25, 16, 5]);
  });

  it.each(blocks.map((b) => [b.origin, b] as const))('%s', (_origin, block) => {
    expect(walk(block)).toEqual([]);
  });
});

/** Joins a block onto one line the way blog pastes lose line breaks. */
function flatten(lines: string[]): string {
  return lines.join(' ').replace(/\s+/g, ' ').trim();
}

/** Everything a status block stored, without line positions. */
function statusContent(db: CaseDb): Record<string, unknown[]> {
  const q = (sql: string): unknown[] => db.prepare(sql).all();
  return {
    blocks: q('SELECT kind FROM status_blocks ORDER BY id'),
    fields: q('SELECT section, label, value, detail FROM status_fields ORDER BY id'),
    controllers: q('SELECT name, last_success, last_error, count, message FROM status_controllers ORDER BY id'),
    addresses: q('SELECT ip, owner FROM status_addresses ORDER BY id'),
    maps: q('SELECT name, size FROM status_maps ORDER BY id'),
    health: q('SELECT name, localhost, ips, node_status, endpoints_status FROM status_health_nodes ORDER BY id'),
  };
}

describe('a flattened status paste yields the same records as the clean one', () => {
  const verbose = exampleFileBlocks().slice(0, 2);

  it.each(verbose.map((b) => [b.origin, b] as const))('%s', async (_origin, block) => {
    // The Modules Health tree cannot be recovered from a flattened paste: compare without it.
    const end = block.lines.findIndex((l) => l.startsWith('Modules Health:'));
    const lines = end === -1 ? block.lines : block.lines.slice(0, end);
    const clean = await loadText('clean.txt', `root@node-a:/home/cilium# cilium status --verbose\n${lines.join('\n')}\n`);
    const flat = await loadText('flat.txt', `root@node-a:/home/cilium# cilium status --verbose ${flatten(lines)}\n`);
    expect(unparsed(clean)).toEqual([]);
    expect(unparsed(flat)).toEqual([]);
    const content = statusContent(clean);
    expect((content['fields'] as unknown[]).length).toBeGreaterThan(35);
    expect((content['controllers'] as unknown[]).length).toBe(40);
    expect(statusContent(flat)).toEqual(content);
  });
});

describe('a label the grammar does not know', () => {
  /** Lines, parsed and unparsed of the one input of a case database. */
  function accounting(db: CaseDb): { lines: number; parsed: number; unparsed: number } {
    return db.prepare('SELECT lines, parsed, unparsed FROM sources').get() as { lines: number; parsed: number; unparsed: number };
  }

  it('is kept as data with its label and value, and does not break the block', async () => {
    const block = exampleFileBlocks()[0]!.lines;
    const at = block.findIndex((l) => l.startsWith('Host Routing:'));
    const lines = [...block.slice(0, at), 'Quantum Tunnel:         Enabled   [entangled]', ...block.slice(at)];
    const db = await loadText('unknown.txt', `$ cilium status --verbose\n${lines.join('\n')}\n`);
    expect(unparsed(db)).toEqual([]);
    const { lines: total, parsed, unparsed: failed } = accounting(db);
    expect([total, parsed + failed]).toEqual([lines.length + 1, lines.length + 1]);
    expect(db.prepare('SELECT count(*) FROM status_blocks').pluck().get()).toBe(1);
    expect(db.prepare(`SELECT section, value, detail FROM status_fields WHERE label = 'Quantum Tunnel'`).get()).toEqual({
      section: 'main',
      value: 'Enabled [entangled]',
      detail: '{"type":"unknown-label"}',
    });
    const labels = db.prepare('SELECT label FROM status_fields WHERE section = ? ORDER BY id').pluck().all('main');
    expect(labels).toContain('Host Routing');
    expect(labels).toContain('Masquerading');
    expect(labels).toContain('Cluster health');
  });

  it('inside the KubeProxyReplacement details is a detail of that block', async () => {
    const block = exampleFileBlocks()[1]!.lines;
    const at = block.findIndex((l) => l.startsWith('  Mode:'));
    const lines = [...block.slice(0, at), '  Wormhole Mode:          Enabled', ...block.slice(at)];
    const db = await loadText('unknown-kpr.txt', `$ cilium-dbg status --verbose\n${lines.join('\n')}\n`);
    expect(unparsed(db)).toEqual([]);
    expect(accounting(db).unparsed).toBe(0);
    expect(db.prepare(`SELECT value, detail FROM status_fields WHERE section = 'kpr' AND label = 'Wormhole Mode'`).get()).toEqual({
      value: 'Enabled',
      detail: '{"type":"unknown-label"}',
    });
    expect(db.prepare(`SELECT value FROM status_fields WHERE section = 'kpr' AND label = 'Mode'`).pluck().get()).toBe('SNAT');
  });
});
