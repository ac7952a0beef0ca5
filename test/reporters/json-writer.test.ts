import { describe, expect, it } from 'vitest';
import { jsonArrayChunks, jsonChunks, reportChunks } from '../../src/report/json-writer.js';
import type { FlowJson } from '../../src/report/flows.js';
import { analyze, SAMPLE_LOG, seed } from '../helpers/analyze.js';

const written = (value: object): string => [...jsonChunks(value)].join('');

describe('jsonChunks', () => {
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

  it('writes an iterable member as the array of its elements, read once, an element per piece asked for', () => {
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
    // Pieces are made as they are asked for: the rows are read no further than the output went.
    reads = 0;
    const pieces = jsonChunks({ rows: rows(3) });
    for (let i = 0; i < 4; i++) pieces.next();
    expect(reads).toBe(1);
  });

  it('writes a report head with its flows before the findings, and an array alone, as JSON.stringify', async () => {
    const report = await analyze([seed('001')]);
    const { flows, findings, ...rest } = report;
    expect([...reportChunks({ ...rest, findings }, flows.values())].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect([...jsonArrayChunks((function* (): Generator<FlowJson> { yield* flows; })())].join('')).toBe(`${JSON.stringify(flows, null, 2)}\n`);
    expect([...jsonArrayChunks([])].join('')).toBe('[]\n');
  });
});
