import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockStarts, blockLines, splitJoinedRecords, unwrapLine } from '../../src/ingest/index.js';
import { matchPrompt } from '../../src/sniff/index.js';
import { analyzeWithDb, seed } from '../helpers/analyze.js';
import { runs } from '../helpers/fuzz.js';

const SEED_000 = seed('000');
/** Line 38 of seed 000: a whole 1.9.9 agent start-up log pasted as one physical line. */
const JOINED = readFileSync(SEED_000, 'utf8').split('\n')[37]!;

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('splitJoinedRecords: physical lines whose line breaks were lost', () => {
  it('leaves a normal single record untouched', () => {
    const line = 'level=info msg="Connected to apiserver" subsys=k8s';
    expect(splitJoinedRecords(line)).toEqual([line]);
    const ts = 'time="2024-07-02T11:05:41Z" level=info msg=Invoked subsys=hive';
    expect(splitJoinedRecords(ts)).toEqual([ts]);
  });

  it('splits two logrus records joined by a space', () => {
    const a = 'level=info msg="Connected to apiserver" subsys=k8s';
    const b = 'level=warning msg="Waiting for k8s node information" error="nodes \\"n1\\" not found" subsys=k8s';
    expect(splitJoinedRecords(`${a} ${b}`)).toEqual([a, b]);
  });

  it('keeps `time=` with the record it belongs to (logrus quoted and slog bare time)', () => {
    const a = 'time="2024-08-12T07:41:03Z" level=info msg="Restored services from maps" restoredServices=14 subsys=service';
    const b = 'time=2024-08-12T07:41:03Z level=info msg="Devices changed" module=agent.datapath.devices-controller devices=[ens5]';
    expect(splitJoinedRecords(`${a} ${b}`)).toEqual([a, b]);
  });

  it('splits joined JSON lines', () => {
    const a = '{"level":"info","msg":"Connected to apiserver","subsys":"k8s-client"}';
    const b = '{"time":"2025-07-29T10:11:12.3456789Z","level":"warn","msg":"Slow"}';
    expect(splitJoinedRecords(`${a} ${b}`)).toEqual([a, b]);
  });

  it('does not split at a `level=` inside a quoted msg value', () => {
    const a = 'level=warning msg="child process said: level=error msg=boom" subsys=launcher';
    const b = 'level=info msg=next subsys=daemon';
    expect(splitJoinedRecords(a)).toEqual([a]);
    expect(splitJoinedRecords(`${a} ${b}`)).toEqual([a, b]);
  });

  it('an escaped quote inside the value does not end it', () => {
    const a = 'level=info msg="said \\"hi level=debug there\\"" subsys=x';
    const b = 'level=info msg=ok';
    expect(splitJoinedRecords(`${a} ${b}`)).toEqual([a, b]);
  });

  it('text before the first record becomes its own segment', () => {
    const pieces = splitJoinedRecords('see this: level=info msg=one level=info msg=two');
    expect(pieces).toEqual(['see this:', 'level=info msg=one', 'level=info msg=two']);
  });

  describe('seed 000, line 38', () => {
    const pieces = splitJoinedRecords(JOINED);

    it('is one physical line holding the whole start-up log', () => {
      expect(JOINED.length).toBeGreaterThan(26_000);
      expect(pieces.length).toBeGreaterThan(300);
    });

    it('the first segment is the shell prompt and its command output', () => {
      const prompt = matchPrompt(pieces[0]!);
      expect(prompt).not.toBeNull();
      expect(prompt!.host).toBe('PROD-FE-K8S-WN1');
      expect(pieces[0]!.startsWith('<root@PROD-FE-K8S-WN1 ~># dps')).toBe(true);
      expect(pieces[0]).not.toContain('level=');
    });

    it('every later segment is one agent record starting with level=', () => {
      for (const p of pieces.slice(1)) expect(p).toMatch(/^level=(?:info|warning|error|debug|fatal) /);
      // Records are counted independently: one per `level=` that is not inside a quoted value.
      let records = 0;
      let inQuote = false;
      for (let i = 0; i < JOINED.length; i++) {
        const c = JOINED[i];
        if (c === '\\' && inQuote) i++;
        else if (c === '"') inQuote = !inQuote;
        else if (!inQuote && JOINED.startsWith('level=', i) && /\s/.test(JOINED[i - 1] ?? ' ')) records++;
      }
      expect(pieces.length - 1).toBe(records);
    });

    it('loses no text: the segments joined again are the line', () => {
      expect(flat(pieces.join(' '))).toBe(flat(JOINED));
    });

    it('the flag dump and the banner come out as records of their own', () => {
      expect(pieces).toContain(`level=info msg=" --tunnel='vxlan'" subsys=daemon`);
      expect(pieces).toContain(
        'level=info msg="Cilium 1.9.9 5bcf83c 2021-07-19T16:45:00-07:00 go version go1.15.14 linux/amd64" subsys=daemon',
      );
    });
  });

  it('the loader keeps the physical line number (38) on every record of the joined line', async () => {
    const { db } = await analyzeWithDb([SEED_000]);
    try {
      const rows = db
        .prepare(`SELECT line, COUNT(*) AS n, MIN(segment) AS lo, MAX(segment) AS hi FROM log_events GROUP BY line`)
        .all() as { line: number; n: number; lo: number; hi: number }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]!.line).toBe(38);
      // segment 0 is the prompt; records are segments 1..n
      expect(rows[0]!.lo).toBe(1);
      expect(rows[0]!.hi).toBe(rows[0]!.n);
      const prompt = db.prepare('SELECT line, segment, host FROM shell_commands WHERE line = 38').get();
      expect(prompt).toEqual({ line: 38, segment: 0, host: 'PROD-FE-K8S-WN1' });
    } finally {
      db.close();
    }
  });
});

describe('BlockStarts: the record starts of a block read from its bytes', () => {
  const piece = fc.constantFrom(
    'level=info msg="Policy imported" subsys=policy', 'time="2024-05-02T10:00:00Z" ', 'time=2024-05-02T10:00:00.1Z ',
    'level=warning ', 'msg="a level=debug inside" ', ' IP 10.1.2.3.80 > 10.1.2.4.9000: ', '{"level":"info","msg":"x"}',
    'KVStore: Ok ', 'Jan 02 10:00:00.123: ', '[root@node-a ~]# ', 'took 12µs ', '😀 ', '\u2028', 'prose words ',
    '2024-05-02T10:00:00.000000001Z ', '[pod/cilium-q8z2x/cilium-agent] ', '\x1b[0m', '\r',
  ).map((text) => Buffer.from(text));
  // Bytes that are not UTF-8 decode to U+FFFD: a stray continuation byte, a lead byte without its continuation.
  const notUtf8 = fc.constantFrom(Buffer.from([0x80]), Buffer.from([0xf0]), Buffer.from([0xc3]), Buffer.from([0xff]));
  const line = fc.array(fc.oneof({ weight: 5, arbitrary: piece }, { weight: 1, arbitrary: notUtf8 }), { maxLength: 6 }).map((p) => Buffer.concat(p));

  it('says a line holds one record only where splitting would leave it whole', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const bytes = Buffer.concat(lines.flatMap((l, i) => (i === 0 ? [l] : [Buffer.from('\n'), l])));
        const raws = blockLines(bytes);
        const starts = new BlockStarts(bytes, raws.length);
        raws.forEach((raw, i) => {
          const { text } = unwrapLine(raw);
          if (starts.line(i, raw, text)) expect(splitJoinedRecords(text)).toEqual([text]);
        });
      }),
      { numRuns: runs(1500) },
    );
  });

  it('flags a line holding one of the texts it was asked for exactly where a search of the text finds one', () => {
    const flaggedTexts = ['context canceled', 'range is full', 'took 12', 'Jan 02', 'T10:00'];
    const search = new RegExp(flaggedTexts.join('|'));
    const withFlagged = fc.array(fc.oneof({ weight: 4, arbitrary: piece }, { weight: 1, arbitrary: notUtf8 }, { weight: 2, arbitrary: fc.constantFrom(...flaggedTexts.map((t) => Buffer.from(`${t} `))) }), { maxLength: 6 }).map((p) => Buffer.concat(p));
    fc.assert(
      fc.property(fc.array(withFlagged, { minLength: 1, maxLength: 8 }), (lines) => {
        const bytes = Buffer.concat(lines.flatMap((l, i) => (i === 0 ? [l] : [Buffer.from('\n'), l])));
        const raws = blockLines(bytes);
        const starts = new BlockStarts(bytes, raws.length, flaggedTexts);
        raws.forEach((raw, i) => {
          const { text } = unwrapLine(raw);
          const scan = starts.line(i, raw, text);
          if (!scan) return;
          expect(scan.flagged).toBe(search.test(text));
          // The flagged texts start no record.
          expect(splitJoinedRecords(text)).toEqual([text]);
        });
      }),
      { numRuns: runs(1500) },
    );
  });

  it('answers for the lines of a normal log without scanning their text again', () => {
    const log = [
      '2024-05-02T10:00:00.000000001Z level=info msg="Start hook executed" duration="31.2µs" subsys=hive',
      'time="2024-05-02T10:00:01Z" level=debug msg="Controller func execution time: 4.1µs" name=endpoint-gc subsys=controller',
      '[pod/cilium-q8z2x/cilium-agent] level=info msg="Rewrote endpoint BPF program" containerID=4f1c endpointID=812 subsys=endpoint',
    ];
    const bytes = Buffer.from(log.join('\n'));
    const starts = new BlockStarts(bytes, log.length);
    expect(log.map((raw, i) => starts.line(i, raw, unwrapLine(raw).text))).toEqual([{ flagged: false }, { flagged: false }, { flagged: false }]);
    const joined = `${log[1]} ${log[1]}`;
    expect(new BlockStarts(Buffer.from(joined), 1).line(0, joined, joined)).toBeNull();
  });
});
