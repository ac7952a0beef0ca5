import { describe, expect, it } from 'vitest';
import { writeJson, writeJsonArray, writeReport } from '../../src/report/json-writer.js';
import type { FlowJson } from '../../src/report/flows.js';
import { analyze, SAMPLE_LOG, seed } from '../helpers/analyze.js';

const written = (value: object): string => {
  const chunks: string[] = [];
  writeJson(value, (c) => chunks.push(c));
  return chunks.join('');
};

describe('writeJson', () => {
  it.each([
    ['empty', {}],
    ['scalars and empty arrays', { a: 1, b: 'x\ny', c: null, d: [], e: {} }],
    ['nested arrays of objects', { rows: [{ a: [1, 2], b: { c: 'd' } }, { a: [] }], tail: [null, 'x'] }],
    ['undefined members and elements', { a: undefined, b: [undefined, 1] }],
  ])('writes %s exactly as JSON.stringify(…, null, 2)', (_, value) => {
    expect(written(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('writes whole reports exactly as JSON.stringify', async () => {
    for (const input of [SAMPLE_LOG, seed('001')]) {
      const report = await analyze([input]);
      expect(written(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
    }
  });

  it('writes an iterable member as the array of its elements, read once as it is written', () => {
    let reads = 0;
    function* rows(n: number): Generator<object> {
      for (let i = 0; i < n; i++) {
        reads++;
        yield { i, nested: [i, { deep: 'x' }] };
      }
    }
    for (const n of [0, 1, 3]) {
      const value = { head: 1, rows: [...rows(n)], tail: 'end' };
      reads = 0;
      expect(written({ head: 1, rows: rows(n), tail: 'end' })).toBe(`${JSON.stringify(value, null, 2)}\n`);
      expect(reads).toBe(n);
    }
  });

  it('writes a report head with its flows before the findings, and an array alone, as JSON.stringify', async () => {
    const report = await analyze([seed('001')]);
    const { flows, findings, ...rest } = report;
    const chunks: string[] = [];
    writeReport({ ...rest, findings }, flows.values(), (c) => chunks.push(c));
    expect(chunks.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    const array: string[] = [];
    writeJsonArray((function* (): Generator<FlowJson> { yield* flows; })(), (c) => array.push(c));
    expect(array.join('')).toBe(`${JSON.stringify(flows, null, 2)}\n`);
    const empty: string[] = [];
    writeJsonArray([], (c) => empty.push(c));
    expect(empty.join('')).toBe('[]\n');
  });
});
