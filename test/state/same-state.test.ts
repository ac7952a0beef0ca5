/**
 * One composed 1.14 start-up log, delivered the ways users deliver it: a file, stdin,
 * `kubectl logs --prefix --timestamps`, CRLF endings, docker json-file, CRI, JSON log formats.
 * Every delivery must give the same state (node, version, effective config, nodes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { analyze, analyzeText, fixture, tempFile } from '../helpers/analyze.js';
import { referenceDecode } from '../helpers/reference-decoder.js';

const FIXTURE = fixture('agent', 'startup-1.14.log');
const LOG = readFileSync(FIXTURE, 'utf8');
const LINES = LOG.replace(/\n$/, '').split('\n');

const POD = 'cilium-x7k9d';
const stamp = (i: number) => `2024-03-11T08:40:${String(10 + Math.floor(i / 10)).padStart(2, '0')}.${String(i * 1_000_003).padStart(9, '0')}Z`;

function typed(v: unknown): unknown {
  return typeof v === 'string' && /^\d+$/.test(v) && v.length < 15 ? Number(v) : v;
}

/** logrus JSON (`--log-opt format=json`): one object per line, keys sorted, numbers typed. */
function asLogrusJson(line: string): string {
  const d = referenceDecode(line)!;
  const obj: Record<string, unknown> = { level: d.level, msg: d.msg };
  for (const [k, v] of Object.entries(d.fields)) obj[k] = typed(v);
  return JSON.stringify(Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** slog JSON (1.18 `format=json-ts`): time, level, msg first, then the attributes. */
function asSlogJson(line: string, i: number): string {
  const d = referenceDecode(line)!;
  const attrs = Object.fromEntries(Object.entries(d.fields).map(([k, v]) => [k, typed(v)]));
  return JSON.stringify({ time: stamp(i), level: d.level === 'warning' ? 'warn' : d.level, msg: d.msg, ...attrs });
}

/** slog text (`format=text-ts`): bare time, quoting only what needs it. */
function asSlogText(line: string, i: number): string {
  const d = referenceDecode(line)!;
  const q = (v: string) => (v === '' || /[\s="]/.test(v) ? JSON.stringify(v) : v);
  const attrs = Object.entries(d.fields).map(([k, v]) => `${k}=${q(String(v))}`);
  return [`time=${stamp(i)}`, `level=${d.level === 'warning' ? 'warn' : d.level}`, `msg=${q(d.msg)}`, ...attrs].join(' ');
}

const VARIANTS: Record<string, () => string> = {
  'kubectl logs --prefix --timestamps': () => LINES.map((l, i) => `[pod/${POD}/cilium-agent] ${stamp(i)} ${l}`).join('\n'),
  'CRLF line endings': () => `${LINES.join('\r\n')}\r\n`,
  'ANSI colour codes': () => LINES.map((l) => l.replace(/^level=(\w+)/, 'level=\x1b[36m$1\x1b[0m')).join('\n'),
  'docker json-file': () => LINES.map((l, i) => JSON.stringify({ log: `${l}\n`, stream: 'stderr', time: stamp(i) })).join('\n'),
  'CRI log file': () => LINES.map((l, i) => `${stamp(i)} stderr F ${l}`).join('\n'),
  'logrus JSON format': () => LINES.map(asLogrusJson).join('\n'),
  'slog JSON format': () => LINES.map(asSlogJson).join('\n'),
  'slog text format': () => LINES.map(asSlogText).join('\n'),
  'journald': () => LINES.map((l) => `Mar 11 08:40:17 worker-b2 cilium-agent[2231]: ${l}`).join('\n'),
};

/** What must not depend on the delivery: no sources, no agent keys. */
function stateOf(report: JsonReport) {
  expect(report.agents).toHaveLength(1);
  const a = report.agents[0]!;
  const lines = (ev: { line: number }[]) => ev.map((e) => e.line);
  return {
    node: a.node,
    version: a.version,
    effective: a.effective,
    provenance: Object.fromEntries(Object.entries(a.provenance).map(([k, p]) => [k, { origin: p.origin, lines: lines(p.evidence) }])),
    requested: Object.fromEntries(Object.entries(a.requested).map(([k, f]) => [k, { value: f.value, lines: lines(f.evidence) }])),
    nodes: report.nodes.map((n) => ({ ...n, evidence: lines(n.evidence) })),
    findings: report.findings.map((f) => ({ rule: f.rule, lines: lines(f.evidence) })),
  };
}

describe('state of the composed 1.14 start-up log', () => {
  it('read from the file', async () => {
    const report = await analyze([FIXTURE]);
    expect(report.inputs[0]).toMatchObject({ lines: LINES.length, parsed: LINES.length, unparsed: 0 });
    const s = stateOf(report);
    expect(s.node).toBe('worker-b2');
    expect(s.version).toBe('1.14.5');
    expect(s.effective).toEqual({
      routingMode: 'native',
      tunnelProtocol: null,
      hostRouting: 'BPF',
      kubeProxyReplacement: 'true',
      masquerading: 'BPF',
      mtu: 9001,
    });
    expect(s.provenance['mtu']).toEqual({ origin: 'log', lines: [30] });
    expect(s.provenance['routingMode']).toEqual({ origin: 'flag', lines: [17] });
    expect(s.requested['ipv4-native-routing-cidr']).toEqual({ value: '10.244.0.0/16', lines: [14] });
    expect(s.nodes.map((n) => n.name)).toEqual(['worker-b1', 'worker-b2', 'worker-b3']);
    expect(s.nodes[1]).toMatchObject({
      internalIPs: ['10.20.3.41'],
      ciliumInternalIP: '10.244.3.17',
      healthIP: '10.244.3.90',
      podCIDRs: ['10.244.3.0/24'],
    });
    // Only the known limitation of BPF masquerading (datapath-model.md §6.5 BUG-04, info): masquerade and bpf flags, banner, start-up completed.
    expect(s.findings).toEqual([{ rule: 'known-issues', lines: [8, 11, 23, 54] }]);
  });

  it('read from standard input: the same state, source `-`', async () => {
    const [fromFile, fromStdin] = [await analyze([FIXTURE]), await analyzeText(LOG)];
    expect(fromStdin.inputs[0]!.source).toBe('-');
    expect(fromStdin.agents[0]!.key).toBe('source:-');
    expect(stateOf(fromStdin)).toEqual(stateOf(fromFile));
  });

  for (const [name, build] of Object.entries(VARIANTS)) {
    it(`${name}: the same state, through stdin and as a file`, async () => {
      const expected = stateOf(await analyze([FIXTURE]));
      const text = build();
      const viaStdin = await analyzeText(text);
      expect(viaStdin.inputs[0]).toMatchObject({ lines: LINES.length, unparsed: 0 });
      expect(stateOf(viaStdin)).toEqual(expected);
      const viaFile = await analyze([tempFile('variant.log', text)]);
      expect(stateOf(viaFile)).toEqual(expected);
    });
  }

  it('with --prefix the agent is the pod', async () => {
    const report = await analyzeText(VARIANTS['kubectl logs --prefix --timestamps']!());
    expect(report.agents[0]).toMatchObject({ key: POD, pod: POD, node: 'worker-b2' });
  });
});
