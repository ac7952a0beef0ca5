/**
 * The flows of the seeds, replayed: seed 001's pings (same node F1, across nodes F3) and seed 002's
 * curl to a ClusterIP (F4, already translated on the client's wire); then mutations of those seeds,
 * each of which must add its one finding and nothing else.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { analyze, seed, tempFile } from '../helpers/analyze.js';

type Flow = JsonReport['flows'][number];

const between = (report: JsonReport, a: string, b: string): Flow[] =>
  report.flows.filter((f) => (f.tuple.src === a && f.tuple.dst === b) || (f.tuple.src === b && f.tuple.dst === a));

/** Findings as `rule severity` strings, to compare a mutation's report with the original's. */
const findingKeys = (report: JsonReport): string[] => report.findings.map((f) => `${f.rule} ${f.severity}`).sort();

const PATH_RULES_ABOVE_INFO = (report: JsonReport) => report.findings.filter((f) => f.flow && f.severity !== 'info');

/** The seed's text with `edit` applied to the lines `from`–`to` (1-based, inclusive). */
function mutated(prefix: string, from: number, to: number, edit: (line: string) => string, append: string[] = []): string {
  const lines = readFileSync(seed(prefix), 'utf8').split('\n');
  for (let i = from - 1; i < to; i++) lines[i] = edit(lines[i]!);
  return [...lines, ...append].join('\n');
}

async function newFindings(original: JsonReport, text: string): Promise<string[]> {
  const report = await analyze([tempFile('mutated.txt', text)]);
  const before = findingKeys(original);
  const after = findingKeys(report);
  for (const key of before) {
    const i = after.indexOf(key);
    if (i >= 0) after.splice(i, 1);
  }
  return after;
}

describe('seed 001: pings between pods', () => {
  let report: JsonReport;
  it('the same-node ping is an F1 flow, the cross-node ping an F3 flow, with expected and observed hops', async () => {
    report = await analyze([seed('001')]);
    const local = between(report, '10.244.0.102', '10.244.0.25');
    expect(local.length).toBeGreaterThan(0);
    expect(new Set(local.map((f) => f.class))).toEqual(new Set(['F1']));
    const remote = between(report, '10.244.0.102', '10.244.2.145');
    expect(remote.map((f) => f.class)).toEqual(['F3']);
    for (const flow of [...local, ...remote]) {
      expect(flow.expected.length, `flow ${flow.id}`).toBeGreaterThan(0);
      expect(flow.observed.length, `flow ${flow.id}`).toBeGreaterThan(0);
      // The seed's lines are flattened pastes: each sighting quotes its own record of the line, not the prompt before it.
      for (const hop of flow.observed) expect(hop.evidence[0]!.text, `flow ${flow.id} evidence`).toMatch(hop.tool === 'tcpdump' ? /^\d\d:\d\d:\d\d\.\d+ / : /^(?:CPU \d+: |-> |<- |\w+ \{)/);
      // Every sighting is placed on a predicted hop: debug lines of the host endpoint by the agent's other lines.
      expect(flow.observed.filter((o) => o.expected === null), `flow ${flow.id} unmatched`).toEqual([]);
    }
    // Both pods are placed on dev1, the remote one on dev3.
    expect(remote[0]!.client.node).toBe('dev1');
    expect(remote[0]!.server.node).toBe('dev3');
    expect(PATH_RULES_ABOVE_INFO(report)).toEqual([]);
  });

  it('the destination seeing TTL 64 on the same-node ping is a missing decrement, and only that', async () => {
    // Line 95 holds the -vv dissection of the request delivered to the destination endpoint.
    const text = mutated('001', 95, 95, (l) => l.replace('TTL=63 Protocol=ICMPv4 Checksum=57313', 'TTL=64 Protocol=ICMPv4 Checksum=57313'));
    expect(await newFindings(report, text)).toEqual(['ttl-not-decremented error']);
  });
});

describe('seed 002: curl to a ClusterIP, translated before the wire', () => {
  let report: JsonReport;
  it('is an F4 flow naming the service, with no path divergence above info', async () => {
    report = await analyze([seed('002')]);
    const flows = between(report, '10.0.0.250', '10.0.1.60');
    expect(flows.length).toBeGreaterThan(0);
    const first = flows.find((f) => f.tuple.sport === 40418)!;
    expect(first.class).toBe('F4');
    expect(first.service).toMatchObject({ vip: '172.16.16.87', port: 80, name: 'nginx' });
    expect(first.observed.length).toBeGreaterThan(0);
    expect(PATH_RULES_ABOVE_INFO(report)).toEqual([]);
  });

  it('the ClusterIP on the client pod\'s wire with socket LB on is reported, and only that', async () => {
    const text = mutated('002', 147, 156, (l) => l.replaceAll('10.0.1.60.80', '172.16.16.87.80'));
    expect(await newFindings(report, text)).toEqual(['clusterip-on-wire-with-socketlb warning']);
  });

  it('an MSS of 1460 from a pod of this VXLAN cluster exceeds its route MTU, and only that', async () => {
    const text = mutated('002', 147, 147, (l) => l.replace('mss 1410', 'mss 1460'));
    expect(await newFindings(report, text)).toEqual(['mss-exceeds-route-mtu warning']);
  });

  it('the server receiving the pod\'s request from the node address is an unexpected SNAT, and only that', async () => {
    // The same connection captured inside the server pod on the other node, its source rewritten to the client's node.
    const serverSide = readFileSync(seed('002'), 'utf8')
      .split('\n')
      .slice(146, 156)
      .map((l) => l.replaceAll('10.0.0.250.40418', '192.168.1.15.40418'));
    const text = mutated('002', 1, 0, (l) => l, ['root@k8s-ig-m6f5hd49-2ie613z6-ffcfq1uq:/# bash nsenter.sh 02f75de6e631 -n tcpdump -n -i eth0', ...serverSide]);
    expect(await newFindings(report, text)).toEqual(['unexpected-snat-pod-to-pod error']);
  });
});
