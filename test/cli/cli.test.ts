import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { REPO_ROOT, runCli, runCliJson, SAMPLE_LOG, seed, tempDir, tempFile, validateReport } from '../helpers/analyze.js';

const ESC = '\x1b[';
const oneLine = (s: string) => s.trimEnd().split('\n').length === 1 && s.endsWith('\n');

describe('cilium-analyze [inputs…] (default command)', () => {
  it('prints the text report: agents with provenance, nodes, findings with evidence, inputs', async () => {
    const run = await runCli([SAMPLE_LOG]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = run.stdout;
    expect(out).toMatch(/^Agent worker-a · pod cilium-8xk2q · Cilium 1\.14\.6$/m);
    expect(out).toMatch(/^ {2}mtu +1500 +log: .*kubectl-logs-cilium\.log:40$/m);
    expect(out).toMatch(/^ {2}worker-a +192\.168\.50\.21 +10\.0\.2\.118 +10\.0\.2\.57 +10\.0\.2\.0\/24$/m);
    expect(out).toContain('Findings (4)');
    expect(out).toMatch(/WARNING +host-routing-fallback-logged \[worker-a\]/);
    expect(out).toMatch(/kubectl-logs-cilium\.log:44 +level=info msg="BPF host routing requires enable-bpf-masquerade\./);
    expect(out).toMatch(/kubectl-logs-cilium\.log +70 +70 +0 +agent-log 70/);
    expect(out).not.toContain(ESC);
  });

  it('--format json prints the contract, valid against the schema', async () => {
    const { code, report } = await runCliJson([SAMPLE_LOG]);
    expect(code).toBe(0);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('cilium-analyze');
    expect(report.agents.map((a) => a.pod).sort()).toEqual(['cilium-8xk2q', 'cilium-t7wzv']);
  });

  it('reads standard input when no input is named and stdin is piped', async () => {
    const { report } = await runCliJson([], { stdin: readFileSync(SAMPLE_LOG) });
    expect(report.inputs.map((i) => i.source)).toEqual(['-']);
    expect(report.inputs[0]).toMatchObject({ lines: 70, unparsed: 0 });
  });

  it('several inputs, a directory and `-` together', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.log'), 'level=info msg="Retrieved node information from kubernetes node" nodeName=n1 subsys=k8s\n');
    const { report } = await runCliJson([seed('001'), dir, '-'], { stdin: 'level=info msg=hello subsys=daemon\n' });
    expect(report.inputs).toHaveLength(3);
    expect(report.inputs.map((i) => i.source)).toContain('-');
  });
});

describe('ingest --db, report --db, query --db', () => {
  it('ingest writes a case database; report reads it back to the same report', async () => {
    const db = join(tempDir(), 'case.sqlite');
    const ingest = await runCli(['ingest', '--db', db, SAMPLE_LOG]);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toBe(`${db}: 1 input(s), 70 lines (0 unparsed), 4 finding(s)\n`);
    expect(existsSync(db)).toBe(true);

    const direct = await runCliJson([SAMPLE_LOG]);
    const stored = await runCliJson(['report', '--db', db]);
    expect(stored.report.findings).toEqual(direct.report.findings);
    expect(stored.report.agents).toEqual(direct.report.agents);
    expect(stored.report.nodes).toEqual(direct.report.nodes);
    expect(stored.report.inputs).toEqual(direct.report.inputs);

    const text = await runCli(['report', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Findings (4)');
  });

  it('--db on the default command keeps the database too', async () => {
    const db = join(tempDir(), 'case.sqlite');
    const { code } = await runCliJson(['--db', db, seed('000')]);
    expect(code).toBe(0);
    const q = await runCli(['query', '--db', db, '--format', 'json', 'select version, node from agents']);
    expect(JSON.parse(q.stdout)).toEqual([{ version: '1.9.9', node: 'prod-fe-k8s-wn1' }]);
  });

  it('query groups log events by level', async () => {
    const db = join(tempDir(), 'case.sqlite');
    await runCli(['ingest', '--db', db, SAMPLE_LOG]);
    const sql = 'select level, count(*) from log_events group by level';
    const json = await runCli(['query', '--db', db, '--format', 'json', sql]);
    expect(json.code).toBe(0);
    // counted independently from the file
    const levels = new Map<string, number>();
    for (const m of readFileSync(SAMPLE_LOG, 'utf8').matchAll(/ level=(\w+) /g)) levels.set(m[1]!, (levels.get(m[1]!) ?? 0) + 1);
    const rows = JSON.parse(json.stdout) as { level: string; 'count(*)': number }[];
    expect(Object.fromEntries(rows.map((r) => [r.level, r['count(*)']]))).toEqual(Object.fromEntries(levels));

    const text = await runCli(['query', '--db', db, sql]);
    expect(text.stdout).toMatch(/^level +count\(\*\)$/m);
    expect(text.stdout).toMatch(/^info +\d+$/m);
    expect(text.stdout).toMatch(/\(\d rows\)\n$/);
  });

  it('query runs on a read-only connection: INSERT, DELETE and writes with RETURNING are refused with exit 2', async () => {
    const db = join(tempDir(), 'case.sqlite');
    await runCli(['ingest', '--db', db, SAMPLE_LOG]);
    const count = async () => JSON.parse((await runCli(['query', '--db', db, '--format', 'json', 'select count(*) as n from log_events'])).stdout)[0].n;
    const before = await count();
    expect(before).toBe(70);
    for (const sql of [
      "insert into log_events (source_id, line, segment, agent, level, generation, msg, shape_id, fields, text) values (1, 1, 0, 'x', 'info', 'logrus-text', 'x', 1, '{}', 'x')",
      'delete from log_events',
      'delete from log_events returning id',
      'drop table log_events',
    ]) {
      const run = await runCli(['query', '--db', db, sql]);
      expect(run.code, sql).toBe(2);
      expect(oneLine(run.stderr), run.stderr).toBe(true);
      expect(run.stderr).toMatch(/^cilium-analyze: /);
    }
    expect(await count()).toBe(before);
  });

  it('a bad SQL statement is a one-line error, exit 2', async () => {
    const db = join(tempDir(), 'case.sqlite');
    await runCli(['ingest', '--db', db, SAMPLE_LOG]);
    const run = await runCli(['query', '--db', db, 'select nope from nowhere']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cilium-analyze: SQL error: no such table: nowhere\n$/);
  });

  it('report/query refuse a file that is not a case database', async () => {
    const notDb = tempFile('notes.sqlite', 'hello');
    for (const args of [['report', '--db', notDb], ['query', '--db', notDb, 'select 1']]) {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`cilium-analyze: ${notDb} is not a cilium-analyze database\n`);
    }
    const missing = await runCli(['report', '--db', join(tempDir(), 'none.sqlite')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such database/);
  });

  it('--db does not overwrite a file that is not ours', async () => {
    const precious = tempFile('precious.sqlite', 'my data');
    const run = await runCli(['ingest', '--db', precious, SAMPLE_LOG]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a cilium-analyze database; not overwriting it/);
    expect(readFileSync(precious, 'utf8')).toBe('my data');
  });
});

describe('rules', () => {
  it('lists every rule of the catalog with its documentation', async () => {
    const run = await runCli(['rules']);
    expect(run.code).toBe(0);
    const catalog = readdirSync(join(REPO_ROOT, 'src', 'rules', 'catalog'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(catalog.length).toBeGreaterThanOrEqual(6);
    for (const name of catalog) expect(run.stdout, name).toMatch(new RegExp(`^${name}( \\([A-Z]+-\\d+\\))? — (critical|error|warning|info), reads`, 'm'));
    expect(run.stdout.match(/^ {2}Meaning: /gm)).toHaveLength(catalog.length);
    expect(run.stdout.match(/^ {2}Check next: /gm)).toHaveLength(catalog.length);
  });
});

describe('--fail-on', () => {
  it('exits 1 when a finding at or above the severity exists', async () => {
    expect((await runCli(['--fail-on', 'warning', SAMPLE_LOG])).code).toBe(1);
    expect((await runCli(['--fail-on', 'error', SAMPLE_LOG])).code).toBe(1);
    expect((await runCli(['--fail-on', 'info', '--format', 'json', SAMPLE_LOG])).code).toBe(1);
  });

  it('exits 0 when nothing reaches it (the sample has no critical finding)', async () => {
    const { report } = await runCliJson([SAMPLE_LOG]);
    expect(report.findings.some((f) => f.severity === 'critical')).toBe(false);
    const run = await runCli(['--fail-on', 'critical', SAMPLE_LOG]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Findings (4)');
  });

  it('prints the first five findings of a rule and counts the rest; --format json keeps every one', async () => {
    // Seven policy drops, each its own (identities, endpoint): seven policy-drop findings.
    const drops = Array.from({ length: 7 }, (_, i) =>
      `xx drop (Policy denied) flow 0x5e1f00${i}a to endpoint 30${i}, , identity 2710${i}->3820${i}: 10.60.${i}.4:3900${i} -> 10.61.${i}.8:5432 tcp SYN`,
    );
    const input = tempFile('drops.txt', `${drops.join('\n')}\n`);
    const text = (await runCli([input])).stdout;
    expect(text.match(/^ {2}INFO +policy-drop:/gm)).toHaveLength(5);
    expect(text).toContain('… 2 more info policy-drop finding(s): all of them in --format json');
    expect((await runCliJson([input])).report.findings.filter((f) => f.rule === 'policy-drop')).toHaveLength(7);
  });

  it('report --db honours --fail-on too', async () => {
    const db = join(tempDir(), 'case.sqlite');
    await runCli(['ingest', '--db', db, SAMPLE_LOG]);
    expect((await runCli(['report', '--db', db, '--fail-on', 'warning'])).code).toBe(1);
    expect((await runCli(['report', '--db', db, '--fail-on', 'critical'])).code).toBe(0);
  });
});

describe('usage and input errors: exit 2 with a one-line reason', () => {
  it('a missing file', async () => {
    const run = await runCli(['/nonexistent/cilium.log']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('cilium-analyze: /nonexistent/cilium.log: no such file or directory\n');
  });

  it('a binary file', async () => {
    const path = tempFile('dump.bin', Buffer.from([0x00, 0x01, 0x02, 0x00, 0xff, 0x00]));
    const run = await runCli([path]);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(true);
    expect(run.stderr).toBe(`cilium-analyze: ${path}: binary data (NUL bytes)\n`);
  });

  it('a bad option or option value', async () => {
    for (const args of [['--format', 'xml', SAMPLE_LOG], ['--bogus', SAMPLE_LOG], ['--fail-on', 'sometimes', SAMPLE_LOG], ['report']]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(oneLine(run.stderr), run.stderr).toBe(true);
      expect(run.stdout).toBe('');
    }
  });

  it('no input and a terminal on stdin', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cilium-analyze: no input: /);
    expect(oneLine(run.stderr)).toBe(true);
  });

  it('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: cilium-analyze/);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });
});

describe('colour', () => {
  it('a terminal gets colour by default (so the checks below can fail)', async () => {
    const run = await runCli([SAMPLE_LOG], { tty: true });
    expect(run.stdout).toContain(ESC);
  });

  it('NO_COLOR and --no-color give no escape codes, also on a terminal', async () => {
    const noColorEnv = await runCli([SAMPLE_LOG], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColorEnv.stdout).not.toContain('\x1b');
    const noColorFlag = await runCli(['--no-color', SAMPLE_LOG], { tty: true });
    expect(noColorFlag.stdout).not.toContain('\x1b');
    expect(noColorFlag.stdout).toBe(noColorEnv.stdout);
    const db = join(tempDir(), 'case.sqlite');
    await runCli(['ingest', '--db', db, SAMPLE_LOG]);
    expect((await runCli(['report', '--db', db, '--no-color'], { tty: true })).stdout).not.toContain('\x1b');
  });

  it('JSON output never has escape codes', async () => {
    const run = await runCli(['--format', 'json', SAMPLE_LOG], { tty: true });
    expect(run.stdout).not.toContain('\x1b');
    validateReport(JSON.parse(run.stdout) as JsonReport);
  });
});

describe('explain', () => {
  it('explains a drop reason by text and by code, and a rule by name', async () => {
    const byText = await runCli(['explain', 'Policy denied']);
    expect(byText.code).toBe(0);
    expect(byText.stdout).toMatch(/^Drop reason 133: "Policy denied"/);
    expect(byText.stdout).toMatch(/What to check next: /);
    const byCode = await runCli(['explain', '133']);
    expect(byCode.stdout).toBe(byText.stdout);
    const rule = await runCli(['explain', 'policy-drop']);
    expect(rule.code).toBe(0);
    expect(rule.stdout).toMatch(/^policy-drop \(PKT-14\)/);
  });

  it('an unknown topic says so and exits 2', async () => {
    const run = await runCli(['explain', '999']);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(true);
    expect(run.stderr).toMatch(/"999" is not a known drop reason/);
  });
});

describe('--capture', () => {
  const arp = '05:45:25.630565 ARP, Request who-has 172.18.0.3 tell 172.18.0.2, length 28\n';

  it('sets the capture point of packets whose command was not pasted', async () => {
    const { report } = await runCliJson(['--capture', 'node=dev1,iface=eth0,netns=pod/nginx-1'], { stdin: arp });
    expect(report.packets.captures).toEqual([
      { node: 'dev1', iface: 'eth0', netns: 'pod/nginx-1', total: 1, byProtocol: { arp: 1 } },
    ]);
  });

  it('a malformed value is a usage error with its reason', async () => {
    const run = await runCli(['--capture', 'netns=somewhere', '-'], { stdin: arp });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/netns "somewhere" must be host, pod\/NAME/);
  });
});

describe('report sections of the other format families', () => {
  it('seed 000: cluster health 19/19 with its nodes, status merged into the agent without conflict', async () => {
    const { report } = await runCliJson([seed('000')]);
    expect(report.health).toHaveLength(1);
    expect(report.health[0]).toMatchObject({ reporter: 'prod-fe-k8s-wn1', reachable: 19, total: 19 });
    expect(report.health[0]!.nodes).toHaveLength(19);
    expect(report.agents).toHaveLength(1);
    expect(report.agents[0]!.conflicts).toEqual([]);
    expect(report.nodes.length).toBeGreaterThanOrEqual(19);
  });

  it('seed 001: monitor events and tcpdump packets are summarised', async () => {
    const { report } = await runCliJson([seed('001')]);
    expect(report.monitor.events).toBeGreaterThan(0);
    expect(report.monitor.byKind['debug']).toBeGreaterThan(0);
    expect(report.packets.byProtocol).toEqual({ icmp: 2 });
    const text = await runCli([seed('001')]);
    expect(text.stdout).toMatch(/^cilium monitor: \d+ events/m);
    expect(text.stdout).toMatch(/^tcpdump: 2 packets \(icmp 2\)$/m);
    // Routing is native: the pasted ConfigMap says `tunnel: disabled`.
    expect(text.stdout).toMatch(/^ {2}cilium-5z5k7 +1\.10\.6 +native +strict +BPF +BPF +3\/3$/m);
  });
});
