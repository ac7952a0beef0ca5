import { describe, expect, it } from 'vitest';
import { writeJson } from '../../src/report/json-writer.js';
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
});
