import { describe, expect, it } from 'vitest';
import { examples } from '../../grammars/hubble.js';
import { feed } from './helpers.js';

/** The grammar's own examples are its doctests: each yields exactly one record with those fields. */
describe('hubble grammar examples', () => {
  for (const example of examples) {
    it(example.lines[example.lines.length - 1]!.slice(0, 90), () => {
      const fed = feed(example.lines);
      expect([...fed.refused]).toEqual([]);
      const records = fed.records.filter((r) => r.kind !== 'hubble-line');
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject(example.expect);
    });
  }
});
