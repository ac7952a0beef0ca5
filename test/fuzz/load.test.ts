/**
 * Property tests of the loader on any text: every line is parsed or unparsed (parsed + unparsed ==
 * lines, as `grep -c ''` counts them), no stored port, TTL or identity is one a header could not
 * hold, and CRLF line ends read exactly as LF ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseDb } from '../../src/store/db.js';
import { InputError } from '../../src/types/errors.js';
import { inputText, runs } from '../helpers/fuzz.js';
import { loadText } from '../status/helpers.js';

/** Lines as editors and `grep -c ''` count them: a final line without a line break counts. */
const lineCount = (text: string): number => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

/** Bounds of stored columns, by column name (independent of the loader's own table of ranges). */
const COLUMN_BOUNDS: [RegExp, number][] = [
  [/(?:^|_)[sd]?port$/, 65535],
  [/^(?:ttl|hop_limit)$/, 255],
  [/identity(?:_num)?$/, 2 ** 32 - 1],
];

/** Stored values outside their column's bounds, or infinite, as `table.column=value`. */
function storedOutOfRange(db: CaseDb): string[] {
  const faults: string[] = [];
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  for (const table of tables) {
    for (const { name, type } of db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string }[]) {
      if (type !== 'INTEGER' && type !== 'REAL') continue;
      const max = COLUMN_BOUNDS.find(([re]) => re.test(name))?.[1];
      // Bounded columns hold 0–max; any other number must at least be finite.
      const where = max === undefined ? `abs("${name}") > ?` : `"${name}" < 0 OR "${name}" > ?`;
      const bad = db.prepare(`SELECT "${name}" FROM "${table}" WHERE ${where} LIMIT 1`).pluck().all(max ?? Number.MAX_VALUE);
      faults.push(...bad.map((v) => `${table}.${name}=${String(v)}`));
    }
  }
  return faults;
}

/** The case database of `text`, or the input error it is refused with (NUL bytes make it binary data). */
async function load(text: string): Promise<CaseDb | InputError> {
  try {
    return await loadText('fuzz.txt', text);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
}

async function accounting(text: string): Promise<{ db: CaseDb; lines: number; parsed: number; unparsed: number }> {
  const db = await loadText('fuzz.txt', text);
  const row = db.prepare('SELECT lines, parsed, unparsed FROM sources').get() as { lines: number; parsed: number; unparsed: number };
  return { db, ...row };
}

describe('the loader on any text', () => {
  it('accounts for every line, and stores no number its field cannot hold', async () => {
    await fc.assert(
      fc.asyncProperty(inputText, async (text) => {
        const loaded = await load(text);
        if (loaded instanceof InputError) {
          expect(loaded.message).toMatch(/^\S+: binary data \(/);
          return;
        }
        const db = loaded;
        const { lines, parsed, unparsed } = db.prepare('SELECT lines, parsed, unparsed FROM sources').get() as Record<string, number>;
        try {
          expect(lines).toBe(lineCount(text));
          expect(parsed + unparsed).toBe(lines);
          expect(storedOutOfRange(db)).toEqual([]);
        } finally {
          db.close();
        }
      }),
      { numRuns: runs(60) },
    );
  });

  it('reads CRLF line ends exactly as LF ones', async () => {
    const read = async (text: string) => {
      const db = await load(text);
      if (db instanceof InputError) return db.message.replace(/^\S+: /, '');
      try {
        return {
          formats: db.prepare('SELECT format, lines, records FROM source_formats ORDER BY format').all(),
          unparsed: db.prepare('SELECT line, segment, reason FROM unparsed ORDER BY line, segment, reason').all(),
        };
      } finally {
        db.close();
      }
    };
    await fc.assert(
      fc.asyncProperty(inputText, async (text) => {
        const lf = text.replace(/\r\n/g, '\n');
        expect(await read(lf.replace(/\n/g, '\r\n'))).toEqual(await read(lf));
      }),
      { numRuns: runs(20) },
    );
  });

  it('a port, TTL or identity out of range leaves its line unparsed with the range it breaks', async () => {
    const text = [
      '12:00:01.000001 IP 10.7.0.4.41000 > 10.7.1.9.70000: Flags [S], seq 1, win 64240, length 0',
      'xx drop (Policy denied) flow 0x0 to endpoint 0, ifindex 4, file bpf_lxc.c:1190, , identity 1099511627776->2: 10.7.0.4:41000 -> 10.7.1.9:80 tcp SYN',
      '12:00:01.000002 IP 10.7.0.4.41000 > 10.7.1.9.8080: Flags [S], seq 1, win 64240, length 0',
    ].join('\n');
    const { db, lines, parsed, unparsed } = await accounting(text);
    try {
      expect({ lines, parsed, unparsed }).toEqual({ lines: 3, parsed: 1, unparsed: 2 });
      const reasons = db.prepare('SELECT line, reason FROM unparsed ORDER BY line').all() as { line: number; reason: string }[];
      expect(reasons[0]).toEqual({ line: 1, reason: expect.stringMatching(/^tcpdump: \w*port 70000 out of range for a 16-bit port \(0–65535\)$/) });
      expect(reasons[1]).toEqual({ line: 2, reason: expect.stringMatching(/^monitor: \w*[iI]dentity\w* 1099511627776 out of range for a 32-bit security identity/) });
    } finally {
      db.close();
    }
  });
});
