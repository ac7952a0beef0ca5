/**
 * `hubble observe` and `cilium monitor` print the same datapath events: the same packets, printed
 * by either, give the same flows — tuple, class, client and server, disposition, and the
 * observation points seen on each leg.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { analyze, fixture } from '../helpers/analyze.js';

const CLUSTER = fixture('flows', 'hubble-vs-monitor');
const agentLogs = readdirSync(CLUSTER).filter((f) => f.endsWith('.log')).map((f) => join(CLUSTER, f));

function flowsOf(report: JsonReport) {
  return report.flows
    .map((f) => ({
      tuple: f.tuple,
      class: f.class,
      client: [f.client.ip, f.client.kind, f.client.node],
      server: [f.server.ip, f.server.kind, f.server.node],
      disposition: f.disposition.observed.kind,
      points: f.observed.filter((o) => o.kind === 'trace').map((o) => `${o.leg} ${o.point}`),
      policy: f.policy.map((p) => `${p.direction} ${p.action} ${p.match ?? ''}`),
    }))
    .sort((a, b) => (JSON.stringify(a.tuple) < JSON.stringify(b.tuple) ? -1 : 1));
}

describe('hubble observe and cilium monitor of the same packets', () => {
  it('give the same flows, whichever hubble form printed them', async () => {
    const monitor = flowsOf(await analyze([...agentLogs, join(CLUSTER, 'monitor.txt')]));
    expect(monitor.map((f) => f.class)).toEqual(expect.arrayContaining(['F2', 'F8']));
    expect(monitor.find((f) => f.class === 'F2')!.points).toEqual([
      'request to-overlay',
      'request to-endpoint',
      'reply to-overlay',
    ]);
    for (const form of ['compact-ip.txt', 'jsonpb.txt']) {
      const hubble = flowsOf(await analyze([...agentLogs, fixture('hubble', 'same-flows', form)]));
      expect(hubble, form).toEqual(monitor);
    }
  });
});
