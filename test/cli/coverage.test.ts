/**
 * `cilium-analyze coverage`: per format the share of lines parsed, the most frequent unparsed
 * message shapes with an example each; the report's inputs section names the top three.
 */
import { describe, expect, it } from 'vitest';
import type { CaseCoverage } from '../../src/types/inputs.js';
import { runCli, tempDir, tempFile } from '../helpers/analyze.js';

/** Two formats read, one grammar failing on a line shape three times, one shape no format knows. */
const CASE = [
  'level=info msg="Restored services from maps" failedServices=0 restoredServices=7 subsys=service',
  'level=warning msg="Unable to update CiliumNode" error="conflict" subsys=nodediscovery',
  'xx drop (Policy denied) flow 0x0 to endpoint 412, ifindex 6, file bpf_lxc.c:1971, , identity 5188->2: 10.9.1.4:40118 -> 1.1.1.1:443 tcp SYN',
  'CPU 01: MARK 0x0 FROM 412 to-endpoint: 74 bytes, state new, interface lxc-web, identity 5188->2, to endpoint 412, since 1s',
  'CPU 02: MARK 0x0 FROM 413 to-endpoint: 60 bytes, state new, interface lxc-web, identity 5190->2, to endpoint 413, since 2s',
  'CPU 03: MARK 0x0 FROM 414 to-endpoint: 66 bytes, state new, interface lxc-web, identity 5193->2, to endpoint 414, since 3s',
  'wibble 42 wobble',
  '',
].join('\n');

describe('cilium-analyze coverage', () => {
  it('per format: lines, parsed share and the top unparsed shapes with an example line', async () => {
    const input = tempFile('case.txt', CASE);
    const run = await runCli(['coverage', '--format', 'json', input]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CaseCoverage;
    expect(report).toMatchObject({ inputs: 1, lines: 7, parsed: 3, unparsed: 4 });
    expect(report.share).toBeCloseTo(3 / 7);
    const monitor = report.formats.find((f) => f.format === 'monitor')!;
    expect(monitor).toMatchObject({ lines: 4, parsed: 1, unparsed: 3, share: 0.25 });
    expect(monitor.shapes).toEqual([
      {
        format: 'monitor',
        shape: 'CPU #: MARK # FROM # to-endpoint: # bytes, state new, interface lxc-web, identity #->#, to endpoint #, since #',
        count: 3,
        reason: 'not a cilium monitor line shape',
        example: { source: input, line: 4, text: CASE.split('\n')[3] },
      },
    ]);
    expect(report.formats.find((f) => f.format === 'agent-log')).toMatchObject({ lines: 2, parsed: 2, share: 1, shapes: [] });
    expect(report.formats.find((f) => f.format === 'unrecognised')).toMatchObject({ lines: 1, parsed: 0, share: 0 });
    expect(report.top.map((t) => [t.format, t.count])).toEqual([
      ['monitor', 3],
      ['unrecognised', 1],
    ]);
  });

  it('reads a case database with --db, in text', async () => {
    const db = `${tempDir()}/case.sqlite`;
    expect((await runCli(['ingest', '--db', db, tempFile('case.txt', CASE)])).code).toBe(0);
    const run = await runCli(['coverage', '--db', db, '--top', '1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Coverage: 3 of 7 lines parsed (42.9%) in 1 input(s)');
    expect(run.stdout).toMatch(/ {2}monitor +4 +1 +3 +25\.0%/);
    expect(run.stdout).toContain('3  monitor: CPU #: MARK # FROM # to-endpoint:');
    expect(run.stdout).toContain('case.txt:4  CPU 01: MARK 0x0 FROM 412 to-endpoint');
  });

  it('the report names the top three unparsed shapes in its inputs section', async () => {
    const input = tempFile('case.txt', CASE);
    const json = JSON.parse((await runCli(['--format', 'json', input])).stdout) as { inputs: { unparsedShapes: unknown[] }[] };
    expect(json.inputs[0]!.unparsedShapes).toMatchObject([
      { format: 'monitor', count: 3, example: { line: 4 } },
      { format: 'unrecognised', count: 1, shape: 'wibble # wobble', example: { line: 7, text: 'wibble 42 wobble' } },
    ]);
    const text = (await runCli([input])).stdout;
    const inputs = text.slice(text.lastIndexOf('Inputs'));
    expect(inputs).toContain('Most frequent unparsed lines');
    expect(inputs).toContain('1  unrecognised: wibble # wobble');
  });

  it('an input with every line parsed names no shape; of many shapes the report names three', async () => {
    const clean = tempFile('clean.log', `${CASE.split('\n').slice(0, 2).join('\n')}\n`);
    const noisy = tempFile('noisy.txt', ['alpha 1', 'beta: x', 'gamma - y', 'delta / z', 'alpha 2', ''].join('\n'));
    const json = JSON.parse((await runCli(['--format', 'json', clean, noisy])).stdout) as { inputs: { source: string; unparsedShapes: { shape: string; count: number }[] }[] };
    const by = new Map(json.inputs.map((i) => [i.source, i.unparsedShapes]));
    expect(by.get(clean)).toEqual([]);
    expect(by.get(noisy)!.map((s) => [s.shape, s.count])).toEqual([
      ['alpha #', 2],
      ['beta: x', 1],
      ['gamma - y', 1],
    ]);
  });

  it('reads standard input', async () => {
    const run = await runCli(['coverage'], { stdin: CASE });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Coverage: 3 of 7 lines parsed (42.9%) in 1 input(s)');
  });

  it('a bad --top is a usage error, exit 2', async () => {
    const run = await runCli(['coverage', '--top', 'many', tempFile('case.txt', CASE)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--top takes a positive whole number, not "many"');
  });
});
