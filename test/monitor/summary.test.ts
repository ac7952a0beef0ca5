import { describe, expect, it } from 'vitest';
import { readMonitorState } from '../../src/state/monitor.js';
import { createCaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import { fixture, stdinOf } from '../helpers/analyze.js';

async function loaded(name: string) {
  const db = createCaseDb();
  await loadInputs(db, [fixture('monitor', name)], stdinOf(null));
  return db;
}

describe('monitor summary', () => {
  it('counts events by kind and drops by reason (report-json.md `monitor`)', async () => {
    const db = await loaded('drops.txt');
    const summary = readMonitorState(db).summary;
    expect(summary.byKind).toEqual({ drop: 13, 'policy-verdict': 2 });
    expect(summary.events).toBe(15); // the lost-events line describes the stream, not an event
    expect(summary.drops[0]).toEqual({ reason: 'Policy denied', code: 133, count: 4 });
    expect(summary.drops.find((d) => d.code === 169)).toEqual({ reason: 'FIB lookup failed', code: 169, count: 1 });
    expect(summary.drops.reduce((n, d) => n + d.count, 0)).toBe(13);
    db.close();
  });

  it('gives the text report drops by reason, endpoint, identity pair and capture', async () => {
    const db = await loaded('drops.txt');
    const report = readMonitorState(db).drops;
    expect(report.total).toBe(13);
    expect(report.lostEvents).toBe(5);
    expect(report.byReason[0]).toMatchObject({ reason: 'Policy denied', group: 'policy', count: 4 });
    expect(report.byReason[0]!.evidence.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(report.byReason.find((r) => r.code === 167)).toMatchObject({ group: 'nat', count: 2 });
    // Drops `to endpoint 0` concern no local endpoint.
    expect(report.byEndpoint).toEqual([{ endpoint: null, count: 9 }, { endpoint: 1450, count: 3 }, { endpoint: 388, count: 1 }]);
    expect(report.byIdentityPair.slice(0, 2)).toEqual([{ src: '41002', dst: 'unknown', count: 4 }, { src: '38211', dst: '52114', count: 3 }]);
    expect(report.overTime).toEqual([{ bucket: 'capture 1', count: 13 }]);
    db.close();
  });

  it('is empty without monitor input', async () => {
    const db = await loaded('no-drops.txt');
    expect(readMonitorState(db).summary.drops).toEqual([]);
    expect(readMonitorState(db).drops).toMatchObject({ total: 0, lostEvents: 0, byReason: [] });
    db.close();
  });
});
