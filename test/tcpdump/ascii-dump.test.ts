/**
 * tcpdump -A prints each packet's bytes as text on the lines after it, from column 0 and holding
 * anything (HTTP headers, blank lines, runs of dots, a lone backtick opening an IPv6 header). Ingest
 * reads them as the packet's dump while they fit the length the packet line gives, and every line
 * of the repository's live corpus — -A, -v neighbour-discovery options, hex dumps — is read
 * through the whole ingest, not only by the grammar.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import { stdinOf, tempFile } from '../helpers/files.js';
import { lines } from '../helpers/rule-tester.js';

async function ingest(paths: string[]) {
  const db = createCaseDb(':memory:');
  const result = await loadInputs(db, paths, stdinOf(null));
  return { db, result };
}

const HTTP_DUMP = lines(
  '$ tcpdump -nn -A -i eth0 port 8080',
  '14:20:01.500100 IP 10.61.3.7.52110 > 10.61.9.40.8080: Flags [P.], seq 1:79, ack 1, win 502, length 78: HTTP: GET /healthz HTTP/1.1',
  'E..v.K@.@.R.',
  '=.....(...........P.......',
  'GET /healthz HTTP/1.1',
  'Host: 10.61.9.40:8080',
  'User-Agent: kube-probe/1.29',
  '',
  '',
  '14:20:01.500300 IP6 fd61::7.52112 > fd61::40.8080: Flags [S], seq 90, win 64800, length 0',
  '`',
  '...(.@.a......................(.........Z...........',
  'The probe above timed out after ten seconds, and then the kubelet restarted the container, as the events below show in full detail for each of the three attempts that it made.',
);

describe('tcpdump -A dumps', () => {
  it('reads the dump lines as the packets their bytes belong to, and prose after them as prose', async () => {
    const { db, result } = await ingest([tempFile('dump.txt', HTTP_DUMP)]);
    const details = db
      .prepare(`SELECT line, packet_line AS packetLine, text FROM packet_lines WHERE kind = 'ascii' ORDER BY line`)
      .all() as { line: number; packetLine: number; text: string }[];
    const unparsed = db.prepare('SELECT line, reason FROM unparsed').all();
    const formats = db.prepare('SELECT format, lines FROM source_formats ORDER BY format').all();
    db.close();
    expect(details.map((d) => [d.line, d.packetLine])).toEqual([
      [3, 2], [4, 2], [5, 2], [6, 2], [7, 2], [11, 10], [12, 10],
    ]);
    expect(details[2]!.text).toBe('GET /healthz HTTP/1.1');
    expect(unparsed).toEqual([]);
    expect(formats).toEqual([
      { format: 'blank', lines: 2 },
      { format: 'prose', lines: 1 },
      { format: 'shell', lines: 1 },
      { format: 'tcpdump', lines: 9 },
    ]);
    expect(result.sources[0]!.unparsed).toBe(0);
  });
});

describe('the live corpus through ingest', () => {
  const corpus = new URL('../captures/corpus/', import.meta.url);
  const texts = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort().map((f) => fileURLToPath(new URL(f, corpus)));

  it('parses every line of every capture', async () => {
    expect(texts.length).toBeGreaterThanOrEqual(90);
    const { db, result } = await ingest(texts);
    const unparsed = db.prepare('SELECT s.name, u.line, u.reason FROM unparsed u JOIN sources s ON s.id = u.source_id LIMIT 5').all();
    db.close();
    expect(unparsed).toEqual([]);
    expect(result.sources.every((s) => s.unparsed === 0)).toBe(true);
  }, 120_000);
});
