/**
 * A case with more flows than the pipeline replays at once (it replays, checks and stores them a
 * chunk at a time): the report's flows come back whole and in order, each quoting its lines, and
 * `replay` shows any one of them as a case of that one flow alone would.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { workload } from '../../bench/workloads/replay.js';
import type { JsonReport } from '../../src/report/model.js';
import { analyze, fileLine, runCli, tempFile } from '../helpers/analyze.js';

/** Six lines a connection after the agents' start-up lines (bench/workloads/replay.ts). */
const FLOWS = 700;
let input: string;
let report: JsonReport;

beforeAll(async () => {
  input = tempFile('many-flows.log', `${[...workload.generate(30 + FLOWS * 6)].join('\n')}\n`);
  report = await analyze([input]);
}, 120_000);

describe('more flows than one chunk', () => {
  it('reports every flow once, numbered in order, each with its observations quoted from the input', () => {
    expect(report.flows.length).toBeGreaterThan(600);
    expect(report.flows.map((f) => f.id)).toEqual(report.flows.map((_, i) => i + 1));
    for (const f of [report.flows[0]!, report.flows[300]!, report.flows.at(-1)!]) {
      expect(f.class).toBe('F3');
      expect(f.observed.length).toBe(6);
      for (const o of f.observed) for (const e of o.evidence) expect(fileLine(input, e.line)).toContain(e.text.trim());
    }
  });

  it('replays one flow of the case, in text and as its report entry', async () => {
    const id = 512;
    const text = await runCli(['replay', '--flow', String(id), '--no-color', input]);
    expect(text.code).toBe(0);
    expect(text.stdout.match(/^Flow \d+/gm)).toEqual([`Flow ${id}`]);
    const t = report.flows[id - 1]!.tuple;
    expect(text.stdout).toContain(`${t.src}:${t.sport} → ${t.dst}:${t.dport}`);
    const json = await runCli(['replay', '--flow', String(id), '--format', 'json', input]);
    expect(JSON.parse(json.stdout)).toEqual([report.flows[id - 1]]);
    const missing = await runCli(['replay', '--flow', String(report.flows.length + 1), input]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`(the case has ${report.flows.length} flows)`);
  }, 120_000);
});
