/**
 * The worked scenarios of datapath-scenarios.md as acceptance tests: each scenario's inputs (its
 * configuration, cluster state and captures, as a user would paste them) run through the whole
 * pipeline; its "must fire" findings appear with their severity, its "must not fire" rules stay
 * silent. Extra info findings are tolerated, as the scenario document says.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/index.js';
import type { Severity } from '../../src/types/findings.js';
import { analyze, fixture } from '../helpers/analyze.js';

interface Scenario {
  id: string;
  title: string;
  mustFire: { spec: string; severity: Severity }[];
  mustNotFire: string[];
}

const SCENARIOS: Scenario[] = [
  { id: 's01', title: 'same-node ping with BPF host routing', mustFire: [], mustNotFire: ['PKT-01', 'PKT-02', 'PKT-11', 'PKT-12', 'PKT-13', 'CFG-01', 'CFG-02'] },
  { id: 's02', title: 'cross-node ping, native routing, BPF host routing', mustFire: [], mustNotFire: ['PKT-01', 'PKT-02', 'PKT-05', 'ENC-01', 'ENC-02', 'PKT-11'] },
  {
    id: 's03',
    title: 'VXLAN cluster, socket-LB ClusterIP access',
    mustFire: [],
    mustNotFire: ['MTU-01', 'MTU-02', 'PKT-03', 'PKT-04', 'PKT-05', 'ENC-01', 'ENC-03', 'ENC-04'],
  },
  {
    id: 's04',
    title: '"BPF" cluster that silently runs legacy host routing',
    mustFire: [{ spec: 'CFG-01', severity: 'warning' }],
    mustNotFire: ['CFG-02', 'CFG-03', 'PKT-11', 'PKT-02', 'PKT-12'],
  },
  {
    id: 's05',
    title: 'KPR partial without NodePort (1.12): silent legacy',
    mustFire: [{ spec: 'CFG-02', severity: 'info' }],
    mustNotFire: ['CFG-01', 'CFG-03', 'CFG-04', 'CFG-06'],
  },
  { id: 's06', title: 'MSS does not fit the tunnel MTU (CNI chaining)', mustFire: [{ spec: 'MTU-01', severity: 'error' }], mustNotFire: ['MTU-02', 'ENC-01', 'ENC-04'] },
  {
    id: 's07',
    title: 'ClusterIP visible in the pod although socket-LB is enabled (1.12)',
    mustFire: [{ spec: 'PKT-03', severity: 'warning' }],
    mustNotFire: ['PKT-04', 'ENC-01', 'MTU-01'],
  },
  {
    id: 's08',
    title: 'tunnel mode but pod traffic leaves unencapsulated',
    mustFire: [
      { spec: 'ENC-01', severity: 'error' },
      { spec: 'PKT-12', severity: 'warning' },
    ],
    mustNotFire: ['ENC-02', 'ENC-03', 'CFG-08'],
  },
  {
    id: 's09',
    title: 'NodePort with externalTrafficPolicy Local but client IP lost',
    mustFire: [{ spec: 'PKT-08', severity: 'error' }],
    mustNotFire: ['PKT-07', 'PKT-09', 'PKT-16'],
  },
  {
    id: 's10',
    title: 'cluster health partially unreachable: tunnel port blocked',
    mustFire: [
      { spec: 'HLT-01', severity: 'warning' },
      { spec: 'HLT-02', severity: 'error' },
    ],
    mustNotFire: ['HLT-03', 'ENC-01', 'ENC-04'],
  },
  {
    id: 's11',
    title: 'capacity: IPAM exhaustion and CT table full, Hubble ring at 100 %',
    mustFire: [
      { spec: 'HLT-08', severity: 'error' },
      { spec: 'HLT-09', severity: 'error' },
      { spec: 'HLT-11', severity: 'warning' },
      { spec: 'HLT-07', severity: 'info' },
    ],
    mustNotFire: ['HLT-06', 'PKT-14'],
  },
  {
    id: 's12',
    title: 'configuration written for an old release applied to 1.16',
    mustFire: [
      { spec: 'CFG-06', severity: 'error' },
      { spec: 'HLT-05', severity: 'critical' },
    ],
    mustNotFire: ['CFG-07', 'CFG-08'],
  },
];

let ruleOf: Map<string, string>;

beforeAll(async () => {
  ruleOf = new Map((await loadRules()).filter((r) => r.meta.specId).map((r) => [r.meta.specId!, r.meta.name]));
});

function inputs(id: string): string[] {
  const dir = fixture('scenarios', id);
  return readdirSync(dir).sort().map((f) => join(dir, f));
}

describe('datapath-scenarios.md', () => {
  it('covers all twelve scenarios', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual(readdirSync(fixture('scenarios')).sort());
  });

  for (const s of SCENARIOS) {
    it(`${s.id.toUpperCase()}: ${s.title}`, async () => {
      const report = await analyze(inputs(s.id));
      const rule = (spec: string): string => {
        const name = ruleOf.get(spec);
        expect(name, `a rule implements ${spec}`).toBeDefined();
        return name!;
      };
      for (const { spec, severity } of s.mustFire) {
        const found = report.findings.filter((f) => f.rule === rule(spec));
        expect(found.map((f) => f.severity), `${spec} (${rule(spec)}) must fire as ${severity}`).toContain(severity);
      }
      for (const spec of s.mustNotFire) {
        expect(report.findings.filter((f) => f.rule === rule(spec)).map((f) => f.message), `${spec} (${rule(spec)}) must not fire`).toEqual([]);
      }
      for (const f of report.findings) {
        const expected = s.mustFire.some((m) => rule(m.spec) === f.rule);
        if (!expected) expect(f.severity, `unexpected ${f.severity} finding ${f.rule}: ${f.message}`).toBe('info');
      }
    });
  }
});
