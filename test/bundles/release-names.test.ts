/**
 * Issue 12, "bundles never seen": every member name the collectors of each release write (see
 * release-names.ts) is either routed to the grammars as its family, with the pod the name gives,
 * or listed as a member deliberately not analysed, with its reason — never unknown.
 */
import { describe, expect, it } from 'vitest';
import { classifyMember } from '../../src/knowledge/bundle-members.js';
import { NAME_ROWS } from './release-names.js';

describe('bundle member names of every release', () => {
  it.each(NAME_ROWS.map((r) => [r.era, r.path, r.expect] as const))('%s: %s', (_era, path, want) => {
    const got = classifyMember(path);
    expect(got, 'unknown member').not.toBeNull();
    if (want.handling === 'unsupported') {
      expect(got).toMatchObject({ handling: 'unsupported', reason: expect.stringMatching(want.reason) });
    } else {
      expect(got).toMatchObject(want);
    }
  });

  it('covers each era with names of its own', () => {
    const eras = new Map<string, number>();
    for (const r of NAME_ROWS) eras.set(r.era, (eras.get(r.era) ?? 0) + 1);
    expect(eras.size).toBe(11);
    for (const [era, n] of eras) expect(n, era).toBeGreaterThanOrEqual(10);
    expect(new Set(NAME_ROWS.map((r) => r.path)).size).toBe(NAME_ROWS.length);
  });
});
