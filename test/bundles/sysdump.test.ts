/**
 * Acceptance of whole sysdumps (issue 12): one synthetic two-node sysdump as a folder, a zip, a
 * tar.gz and a zip whose bugtool runs are nested tarballs gives the same state and findings; both
 * agents get their nodes; evidence points into the archive (`bundle.zip!/member:line`); the
 * report's coverage lists every member.
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { analyze, runCli, tempDir } from '../helpers/analyze.js';
import {
  SYSDUMP_NODES,
  SYSDUMP_ROOT,
  sysdumpMembers,
  writeSysdumpDirectory,
  writeSysdumpTarGz,
  writeSysdumpZip,
  type SysdumpMember,
  type SysdumpNode,
} from '../helpers/sysdump.js';

type Form = 'dir' | 'zip' | 'tgz' | 'nested';
let forms: Record<Form, { input: string; prefix: string; report: JsonReport }>;
const members = sysdumpMembers();
const [W1, W2] = SYSDUMP_NODES as [(typeof SYSDUMP_NODES)[0], (typeof SYSDUMP_NODES)[0]];

beforeAll(async () => {
  const dir = tempDir();
  const folder = writeSysdumpDirectory(dir, members);
  const zip = join(dir, `${SYSDUMP_ROOT}.zip`);
  await writeSysdumpZip(zip, members);
  const tgz = await writeSysdumpTarGz(join(dir, `${SYSDUMP_ROOT}.tar.gz`), members);
  const nested = join(dir, 'nested.zip');
  await writeSysdumpZip(nested, sysdumpMembers(SYSDUMP_NODES, { nestedBugtool: true }));
  forms = {
    dir: { input: folder, prefix: `${relative(process.cwd(), folder)}/`, report: await analyze([folder]) },
    zip: { input: zip, prefix: `${zip}!/${SYSDUMP_ROOT}/`, report: await analyze([zip]) },
    tgz: { input: tgz, prefix: `${tgz}!/${SYSDUMP_ROOT}/`, report: await analyze([tgz]) },
    nested: { input: nested, prefix: `${nested}!/${SYSDUMP_ROOT}/`, report: await analyze([nested]) },
  };
});

/** The report with member paths relative to the sysdump folder (a nested bugtool tarball read as its folder). */
function normalised(form: Form): Omit<JsonReport, 'inputs' | 'tool'> {
  const { prefix, report } = forms[form];
  const { inputs: _inputs, tool: _tool, ...rest } = report;
  const json = JSON.stringify(rest)
    .split(prefix)
    .join('SYSDUMP/')
    .replace(/(cilium-bugtool-cilium-[a-z0-9]+-\d{8}-\d{6})\.tar\.gz!\/cilium-bugtool-[^/"]+\//g, '$1/');
  return JSON.parse(json) as Omit<JsonReport, 'inputs' | 'tool'>;
}

function memberLine(member: SysdumpMember, line: number): string {
  return [...member.pieces()].join('').split('\n')[line - 1] ?? '';
}

describe('a synthetic two-node sysdump as a folder, a zip, a tar.gz and with nested bugtool tarballs', () => {
  it('gives the same state and findings in every form', () => {
    const folder = normalised('dir');
    expect(folder.findings.length).toBeGreaterThan(0);
    expect(normalised('zip')).toEqual(folder);
    expect(normalised('tgz')).toEqual(folder);
    expect(normalised('nested')).toEqual(folder);
  });

  it('has both agents on their nodes: one named by its own log, one placed by k8s-pods', () => {
    const agents = forms.zip.report.agents.map((a) => ({ pod: a.pod, node: a.node, version: a.version }));
    expect(agents).toEqual([
      { pod: W2.agent, node: W2.name, version: '1.15.6' },
      { pod: W1.agent, node: W1.name, version: '1.15.6' },
    ]);
    // The restarted agent's current log names no node: its node can only come from the pod list.
    const current = members.find((m) => m.path === `logs-${W2.agent}-cilium-agent-20240917-083012.log`)!;
    expect([...current.pieces()].join('')).not.toContain(W2.name);
    expect(forms.zip.report.nodes.map((n) => [n.name, n.podCIDRs, n.ciliumInternalIP])).toEqual([
      [W1.name, [W1.podCIDR], W1.ciliumInternalIP],
      [W2.name, [W2.podCIDR], W2.ciliumInternalIP],
    ]);
  });

  it("attributes each bugtool folder's status, routes and links to its pod's agent and node", () => {
    const r = forms.zip.report;
    const statusOf = (pod: string) => r.agents.find((a) => a.pod === pod)!.provenance['controllers']!.evidence[0]!.source;
    expect(statusOf(W1.agent)).toBe(`${forms.zip.prefix}cilium-bugtool-${W1.agent}-20240917-083012/cmd/cilium-dbg-status---verbose.md`);
    expect(statusOf(W2.agent)).toBe(`${forms.zip.prefix}cilium-bugtool-${W2.agent}-20240917-083012/cmd/cilium-dbg-status---verbose.md`);
    const defaults = r.routes.filter((x) => x.dst === 'default').map((x) => [x.node, x.netns, x.src]);
    expect(defaults.sort()).toEqual([
      [W1.name, 'host', W1.ip],
      [W2.name, 'host', W2.ip],
    ]);
    expect(new Set(r.links.filter((l) => l.name === 'cilium_vxlan').map((l) => l.node))).toEqual(new Set([W1.name, W2.name]));
  });

  it('finds the crash of the previous container in its -prev.log, on its node', () => {
    const fatal = forms.zip.report.findings.find((f) => f.rule === 'agent-log-errors');
    expect(fatal).toMatchObject({ severity: 'critical', node: W2.name });
    expect(fatal!.evidence[0]!.source).toBe(`${forms.zip.prefix}logs-${W2.agent}-cilium-agent-20240917-083012-prev.log`);
  });

  it('cites evidence as archive!/member:line, quoting that line of the member', () => {
    for (const form of ['zip', 'tgz'] as const) {
      const { prefix, report } = forms[form];
      const cited = report.findings.flatMap((f) => f.evidence);
      expect(cited.length).toBeGreaterThan(0);
      for (const e of cited) {
        expect(e.source.startsWith(prefix), e.source).toBe(true);
        expect(e.source).toContain('!/');
        const member = members.find((m) => m.path === e.source.slice(prefix.length))!;
        expect(memberLine(member, e.line), `${e.source}:${e.line}`).toContain(e.text);
      }
    }
  });

  it('lists every member with its coverage: parsed, unsupported, missing (a failed command), unknown', () => {
    const { prefix, report } = forms.zip;
    const byPath = new Map(report.inputs.map((i) => [i.source.slice(prefix.length), i]));
    expect([...byPath.keys()].sort()).toEqual(members.map((m) => m.path).sort());
    const pod = `cilium-bugtool-${W1.agent}-20240917-083012/cmd`;
    expect(byPath.get(`logs-${W1.agent}-cilium-agent-20240917-083012.log`)).toMatchObject({ coverage: 'parsed', member: 'agent-log', unparsed: 0 });
    expect(byPath.get(`${pod}/cilium-dbg-status---verbose.md`)).toMatchObject({ coverage: 'parsed', member: 'bugtool-command', what: 'cilium-dbg status --verbose' });
    expect(byPath.get(`${pod}/ip--4-r.md`)).toMatchObject({ coverage: 'parsed', formats: { host: 4 } });
    expect(byPath.get(`${pod}/cilium-dbg-bpf-egress-list.md.err`)).toMatchObject({
      coverage: 'missing',
      skipped: 'stderr of `cilium-dbg bpf egress list`: Error: cannot open map cilium_egress_gw_policy_v4: no such file or directory',
    });
    expect(byPath.get(`${pod}/tc-qdisc-show.md`)).toMatchObject({ coverage: 'unsupported', what: 'tc qdisc show' });
    expect(byPath.get(`${pod}/wg-show-all.md`)).toMatchObject({ coverage: 'unparsed', member: 'unknown', lines: 1 });
    expect(byPath.get(`logs-cilium-operator-7c9f6d5b8-p2r4t-cilium-operator-20240917-083012.log`)).toMatchObject({
      coverage: 'unsupported',
      skipped: 'only the agent pods are modelled',
    });
    expect(byPath.get(`hubble-observe-${W1.agent}-20240917-083012.log`)).toMatchObject({ coverage: 'parsed', lines: 0, member: 'stderr' });
    expect(byPath.get(`gops-${W1.agent}-cilium-agent-20240917-083012-stack.txt`)).toMatchObject({ coverage: 'unsupported' });
  });

  it('prints the report with archive evidence and coverage; a sound sysdump leaves stderr empty', async () => {
    const run = await runCli([forms.zip.input]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const prev = `logs-${W2.agent}-cilium-agent-20240917-083012-prev.log`;
    const fatal = [...members.find((m) => m.path === prev)!.pieces()].join('').split('\n').findIndex((l) => l.includes('level=fatal')) + 1;
    expect(run.stdout).toContain(`${forms.zip.prefix}${prev}:${fatal}`);
    expect(run.stdout).toMatch(/cilium-dbg-bpf-egress-list\.md\.err +0 +0 +0 +missing: stderr of `cilium-dbg bpf egress list`: Error: cannot open map/);
    expect(run.stdout).toMatch(/wg-show-all\.md +1 +0 +1 +unknown member; not parsed/);
    expect(run.stdout).toMatch(/tc-qdisc-show\.md +0 +0 +0 +not analysed: output of `tc qdisc show` is not modelled/);
  });

  it('--progress reports the read and the phases after it on stderr', async () => {
    const run = await runCli(['--progress', '--format', 'json', forms.tgz.input]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^cilium-analyze: read \d+ KiB in \d+ inputs \(\d+\.\d s\)$/m);
    expect(run.stderr).toMatch(/^cilium-analyze: building the cluster state, flows and findings$/m);
  });

  it('--quiet keeps stderr free of progress, even with --progress', async () => {
    const run = await runCli(['--progress', '--quiet', '--format', 'json', forms.tgz.input]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});

describe('a sysdump of twenty nodes', () => {
  it('yields twenty agents, each on its node, whether its own log or only k8s-pods names the node', async () => {
    const letters = 'bcdfghjklmnpqrstvwxz';
    const nodes: SysdumpNode[] = Array.from({ length: 20 }, (_, i) => ({
      name: `reef-${String(i + 1).padStart(2, '0')}`,
      ip: `172.20.4.${30 + i}`,
      podCIDR: `10.120.${i}.0/24`,
      ciliumInternalIP: `10.120.${i}.7`,
      agent: `cilium-${letters[i]}${letters[19 - i]}${i % 10}q${letters[(i * 7) % 20]}`,
      restarted: i % 5 === 2,
    }));
    const zip = join(tempDir(), 'cilium-sysdump-20240917-083012.zip');
    await writeSysdumpZip(zip, sysdumpMembers(nodes, { logLines: 0, flows: 1 }));
    const report = await analyze([zip]);
    const byPod = (a: { pod: string | null }, b: { pod: string | null }) => ((a.pod ?? '') < (b.pod ?? '') ? -1 : 1);
    expect(report.agents.map((a) => ({ pod: a.pod, node: a.node })).sort(byPod)).toEqual(nodes.map((n) => ({ pod: n.agent, node: n.name })).sort(byPod));
  });
});

describe('bundles read through a case database, and a bugtool archive of its own', () => {
  it('ingest --db then report --db gives the same inputs, coverage and findings as the direct run', async () => {
    const db = join(tempDir(), 'case.sqlite');
    const ingest = await runCli(['ingest', '--db', db, forms.zip.input]);
    expect(ingest.code).toBe(0);
    const stored = await runCli(['report', '--db', db, '--format', 'json']);
    const report = JSON.parse(stored.stdout) as JsonReport;
    expect(report.inputs).toEqual(forms.zip.report.inputs);
    expect(report.findings).toEqual(forms.zip.report.findings);
  });

  it('a standalone bugtool tarball without a pod name is one agent, placed by its status', async () => {
    const tarball = sysdumpMembers(SYSDUMP_NODES, { nestedBugtool: true }).find((m) => m.path.startsWith(`cilium-bugtool-${W1.agent}`))!;
    const file = join(tempDir(), 'cilium-bugtool-20240917-082944.318-0000-UTC-4100.tar.gz');
    writeFileSync(file, Buffer.concat([...tarball.pieces()].map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
    const report = await analyze([file]);
    expect(report.agents.map((a) => [a.key, a.pod, a.node])).toEqual([[expect.stringMatching(/^source:cilium-bugtool-20240917-082944\.318-0000-UTC-4100$/), null, W1.name]]);
    // Its routes: the host netns of the node its status names as localhost.
    expect(report.routes.filter((r) => r.dst === 'default').map((r) => r.node)).toEqual([W1.name]);
  });
});
