/**
 * The whole CLI on hostile input: any text or bytes on standard input or in a file end in exit 0
 * with a report valid against the schema and every line accounted for, or exit 2 with one line
 * saying why; a line without end, a 50 MB line and braces nested 100 000 deep stay bounded.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS } from '../../src/ingest/lines.js';
import type { JsonReport } from '../../src/report/model.js';
import { inputText, runs } from '../helpers/fuzz.js';
import { runCli, tempFile, validateReport } from '../helpers/analyze.js';

/** Exit 0 with a valid report whose inputs account for every line, or exit 2 with one line on stderr. */
function expectCleanExit(run: { code: number; stdout: string; stderr: string }): JsonReport | null {
  if (run.code === 2) {
    expect(run.stderr).toMatch(/^cilium-analyze: [^\n]+\n$/);
    return null;
  }
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as JsonReport;
  validateReport(report);
  for (const input of report.inputs) expect(input.parsed + input.unparsed).toBe(input.lines);
  return report;
}

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
  // Text with its UTF-8 cut or corrupted in places: invalid sequences decode to U+FFFD.
  fc.tuple(inputText, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { maxLength: 8 })).map(([text, hits]) => {
    const b = Buffer.from(text);
    for (const [at, byte] of hits) if (b.length > 0) b[at % b.length] = byte;
    return b;
  }),
);

describe('the CLI on any input', () => {
  it('text or bytes on standard input: exit 0 with every line accounted for, or exit 2 with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(inputText, bytes), async (input) => {
        expectCleanExit(await runCli(['--format', 'json'], { stdin: input }));
      }),
      { numRuns: runs(25) },
    );
  });

  it('the same as a file; coverage counts the lines the report counts', async () => {
    await fc.assert(
      fc.asyncProperty(inputText, async (text) => {
        const file = tempFile('fuzz.txt', text);
        const report = expectCleanExit(await runCli(['--format', 'json', file]));
        const coverage = await runCli(['coverage', '--format', 'json', file]);
        expect(coverage.code).toBe(report ? 0 : 2);
        if (report) expect(JSON.parse(coverage.stdout)).toMatchObject({ lines: report.inputs[0]!.lines, unparsed: report.inputs[0]!.unparsed });
      }),
      { numRuns: runs(15) },
    );
  });
});

describe('inputs that would exhaust memory or time', () => {
  it('a line without end on standard input (1 GiB, longer than a string can be) is cut while reading', async () => {
    const chunk = Buffer.alloc(1 << 20, 'x');
    let left = 1024;
    const endless = new Readable({
      read() {
        this.push(left-- > 0 ? chunk : null);
      },
    });
    let peak = 0;
    const before = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss - before)), 20);
    try {
      const report = expectCleanExit(await runCli(['--format', 'json'], { stdin: endless }))!;
      expect(report.inputs[0]).toMatchObject({ lines: 1, parsed: 0, unparsed: 1 });
      expect(report.inputs[0]!.unparsedShapes![0]!.reason).toBe(`line too long (over ${MAX_LINE_CHARS} characters)`);
    } finally {
      clearInterval(sampler);
    }
    expect(peak).toBeLessThan(512 * 1024 * 1024);
  });

  it('a single 50 MB line between two log lines: its neighbours parse', async () => {
    const file = tempFile('huge.log', `level=info msg=before subsys=daemon\n${'{"k":'.repeat(10_000_000)}\nlevel=info msg=after subsys=daemon\n`);
    const report = expectCleanExit(await runCli(['--format', 'json', file]))!;
    expect(report.inputs[0]).toMatchObject({ lines: 3, parsed: 2, unparsed: 1 });
  });

  it('a -vv dissection line with braces nested 100 000 deep, in a monitor session', async () => {
    const deep = `Ethernet ${'{'.repeat(100_000)}Contents=[..14..] SrcMAC=0a:58:0a:f4:01:11${'}'.repeat(100_000)}`;
    const text = [
      'Listening for events on 4 CPUs with 64x4096 of shared memory',
      '------------------------------------------------------------------------------',
      'CPU 02: MARK 0x0 FROM 1187 to-endpoint: 98 bytes (98 captured), state reply, interface lxc8e1d, identity 4->30542, orig-ip 10.244.1.17, to endpoint 1187',
      deep,
      `{${'['.repeat(100_000)}`,
      'CPU 03: MARK 0x0 FROM 1187 to-endpoint: 98 bytes (98 captured), state reply, interface lxc8e1d, identity 4->30542, orig-ip 10.244.1.17, to endpoint 1187',
    ].join('\n');
    const started = Date.now();
    const report = expectCleanExit(await runCli(['--format', 'json', tempFile('deep.txt', text)]))!;
    expect(report.monitor.byKind['trace']).toBe(2);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
