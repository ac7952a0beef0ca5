import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { analyze, fixture } from '../helpers/analyze.js';

/** `cilium node|service|endpoint list` and `cilium-health status`, each pasted onto one line. */
describe('agent list tables whose line breaks were lost', () => {
  const path = fixture('k8s', 'flattened-lists.txt');
  let report: JsonReport;
  beforeAll(async () => {
    report = await analyze([path]);
  });

  it('leaves no segment unparsed', () => {
    expect(report.inputs[0]).toMatchObject({ lines: 5, unparsed: 0 });
  });

  it('splits node list rows by their address shapes', () => {
    expect(report.nodes.map((n) => [n.name, n.internalIPs, n.podCIDRs])).toEqual([
      ['lab-a', ['172.18.0.3'], ['10.12.0.0/24']],
      ['lab-b', ['172.18.0.4'], ['10.12.1.0/24']],
    ]);
  });

  it('keeps a service row with its further backends', () => {
    expect(report.services.map((s) => [s.id, s.frontend, s.type, s.backends.map((b) => b.address)])).toEqual([
      [1, '10.96.0.1:443', 'ClusterIP', ['172.18.0.3:6443']],
      [4, '10.96.0.10:53', 'ClusterIP', ['10.12.0.41:53', '10.12.1.77:53']],
      [9, '172.18.0.3:31080', 'NodePort', ['10.12.1.90:8080']],
    ]);
  });

  it('keeps an endpoint row with the labels printed after its status', () => {
    expect(report.endpoints.map((e) => [e.id, e.identity, e.ipv4, e.labels])).toEqual([
      [311, 1, null, ['k8s:node-role.kubernetes.io/control-plane', 'reserved:host']],
      [802, 61205, '10.12.0.41', ['k8s:app=shop', 'k8s:io.kubernetes.pod.namespace=shop']],
      [1930, 4, '10.12.0.129', ['reserved:health']],
    ]);
  });

  it('reads every cilium-health probe, the failing HTTP probe included', () => {
    const probes = report.health[0]!.probes.map((p) => [p.node, p.path, p.protocol, p.ok]);
    expect(probes).toContainEqual(['lab-b', 'host', 'http', false]);
    expect(probes).toHaveLength(8);
    expect(report.findings.map((f) => f.rule)).toContain('health-node-unreachable');
  });
});
