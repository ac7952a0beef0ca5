/** A packet waiting for its continuation line when the input ends is stored, marked incomplete. */
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createCaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';

describe('end of input', () => {
  test('an OTV outer line as the last line is still a packet', async () => {
    const stdin = new PassThrough();
    stdin.end(
      '05:45:25.630565 ARP, Request who-has 172.18.0.3 tell 172.18.0.2, length 28\n' +
        '05:45:25.630586 IP 172.18.0.2.41121 > 172.18.0.3.8472: OTV, flags [I] (0x08), overlay 0, instance 42\n',
    );
    const db = createCaseDb();
    try {
      const { sources } = await loadInputs(db, ['-'], stdin);
      expect(sources[0]).toMatchObject({ lines: 2, parsed: 2, unparsed: 0 });
      const rows = db.prepare('SELECT line, note FROM packets ORDER BY line').all() as { line: number; note: string | null }[];
      expect(rows.map((r) => r.line)).toEqual([1, 2]);
      expect(rows[1]!.note).toMatch(/^incomplete: the input ended/);
    } finally {
      db.close();
    }
  });
});
