/** Acceptance on the real seed pastes and the composed sample (issue 2). */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import {
  analyze,
  analyzeWithDb,
  countLines,
  expectEvidenceQuotesFiles,
  fileLine,
  SAMPLE_LOG,
  seed,
  SEED_FILES,
  SEEDS_DIR,
} from '../helpers/analyze.js';

const evidenceLines = (ev: { source: string; line: number }[]) => [...new Set(ev.map((e) => e.line))].sort((a, b) => a - b);

describe('seed 000: a 1.9.9 start-up log pasted as one line', () => {
  const path = seed('000');
  let report: JsonReport;
  beforeAll(async () => {
    report = await analyze([path]);
  });

  it('loads with every line accounted for', () => {
    expect(report.inputs).toHaveLength(1);
    expect(report.inputs[0]!.lines).toBe(countLines(path));
    expect(report.inputs[0]!.records['agent-log']).toBeGreaterThan(300);
  });

  it('one agent: version 1.9.9 on node prod-fe-k8s-wn1', () => {
    expect(report.agents).toHaveLength(1);
    const agent = report.agents[0]!;
    expect(agent.version).toBe('1.9.9');
    expect(agent.node).toBe('prod-fe-k8s-wn1');
  });

  it('the node: internal IP, cilium internal IP, health IP and PodCIDR', () => {
    const node = report.nodes.find((n) => n.name === 'prod-fe-k8s-wn1');
    expect(node).toMatchObject({
      internalIPs: ['10.1.16.221'],
      ciliumInternalIP: '172.21.9.225',
      healthIP: '172.21.9.26',
      podCIDRs: ['172.21.9.0/24'],
    });
    // the log (line 38) and the flattened `cilium status` cluster-health row of the local node (line 36)
    expect(evidenceLines(node!.evidence)).toEqual([36, 38]);
  });

  it('requested tunnel=vxlan with the seed line as evidence', () => {
    const tunnel = report.agents[0]!.requested['tunnel'];
    expect(tunnel).toEqual({ value: 'vxlan', origin: 'flag', evidence: [{ source: path, line: 38 }] });
    expect(fileLine(path, 38)).toContain(`msg=" --tunnel='vxlan'"`);
  });

  it('effective routing mode tunnel / vxlan, MTU 1500, with provenance on line 38', () => {
    const agent = report.agents[0]!;
    expect(agent.effective).toMatchObject({ routingMode: 'tunnel', tunnelProtocol: 'vxlan', mtu: 1500 });
    expect(agent.effective['kubeProxyReplacement']).toBe('strict');
    for (const k of ['routingMode', 'tunnelProtocol', 'mtu']) {
      expect(agent.provenance[k]!.evidence, k).toEqual([{ source: path, line: 38 }]);
    }
    expect(agent.provenance['routingMode']!.origin).toBe('flag');
    expect(agent.provenance['mtu']!.origin).toBe('log');
  });

  it('raises no version-invalid flag finding for a 1.9 dump that still has 1.9 flags', () => {
    expect(report.findings.filter((f) => f.rule === 'flag-invalid-for-version')).toEqual([]);
  });
});

describe('seed 001: fallback and fatal lines quoted in a blog post', () => {
  const path = seed('001');

  it('finds host-routing-fallback-logged on lines 23 and 53 and native-cidr-missing on line 33', async () => {
    const report = await analyze([path]);
    const fallback = report.findings.filter((f) => f.rule === 'host-routing-fallback-logged');
    expect(evidenceLines(fallback.flatMap((f) => f.evidence))).toEqual([23, 53]);
    expect(fallback.every((f) => f.severity === 'warning')).toBe(true);
    const cidr = report.findings.filter((f) => f.rule === 'native-cidr-missing');
    expect(cidr).toHaveLength(1);
    expect(evidenceLines(cidr[0]!.evidence)).toEqual([33]);
    expect(cidr[0]!.message).toMatch(/refused to start/);
    expectEvidenceQuotesFiles(report);
  });

  it('the fatal line is not reported a second time by the catch-all error rule', async () => {
    const report = await analyze([path]);
    const cited = report.findings.filter((f) => f.rule === 'agent-log-errors').flatMap((f) => f.evidence.map((e) => e.line));
    expect(cited).not.toContain(33);
  });

  it('the agents are named by the pasted `kubectl logs` commands', async () => {
    const report = await analyze([path]);
    const fallback = report.findings.filter((f) => f.rule === 'host-routing-fallback-logged');
    expect(fallback).toHaveLength(2);
    const pods = report.agents.map((a) => a.pod);
    expect(pods).toContain('cilium-7h7jl');
    expect(pods).toContain('cilium-m62pk');
  });
});

describe('every seed and the sample: parsed + unparsed == lines', () => {
  const inputs = [...SEED_FILES.map((f) => join(SEEDS_DIR, f)), SAMPLE_LOG];

  it.each(inputs)('%s', async (path) => {
    const { report, db } = await analyzeWithDb([path]);
    try {
      const input = report.inputs[0]!;
      expect(input.lines).toBe(countLines(path));
      expect(input.parsed + input.unparsed).toBe(input.lines);
      // the stored accounting agrees: every unparsed line is stored with a reason
      const stored = db.prepare('SELECT COUNT(DISTINCT line) FROM unparsed').pluck().get() as number;
      expect(stored).toBe(input.unparsed);
      expect(db.prepare(`SELECT COUNT(*) FROM unparsed WHERE reason = ''`).pluck().get()).toBe(0);
      expectEvidenceQuotesFiles(report);
    } finally {
      db.close();
    }
  });
});

describe('the composed sample (samples/kubectl-logs-cilium.log)', () => {
  it('two agents from --prefix, their state and findings', async () => {
    const report = await analyze([SAMPLE_LOG]);
    expect(report.inputs[0]).toMatchObject({ lines: countLines(SAMPLE_LOG), unparsed: 0 });
    const a = report.agents.find((x) => x.pod === 'cilium-8xk2q')!;
    expect(a).toMatchObject({ node: 'worker-a', version: '1.14.6' });
    expect(a.effective).toEqual({
      routingMode: 'tunnel',
      tunnelProtocol: 'vxlan',
      hostRouting: 'Legacy',
      kubeProxyReplacement: 'strict',
      masquerading: 'iptables',
      mtu: 1500,
    });
    const b = report.agents.find((x) => x.pod === 'cilium-t7wzv')!;
    expect(b.effective['routingMode']).toBe('native');
    expect(report.nodes.find((n) => n.name === 'worker-a')).toMatchObject({
      internalIPs: ['192.168.50.21'],
      ciliumInternalIP: '10.0.2.118',
      healthIP: '10.0.2.57',
      podCIDRs: ['10.0.2.0/24'],
    });
    const rules = report.findings.map((f) => f.rule);
    expect(rules).toEqual(['native-cidr-missing', 'agent-log-errors', 'host-routing-fallback-logged', 'flag-deprecated']);
    expect(report.findings.find((f) => f.rule === 'native-cidr-missing')!.node).toBeNull();
    expect(report.findings.find((f) => f.rule === 'host-routing-fallback-logged')!.node).toBe('worker-a');
  });
});
