/** What happens to a `--db` case file: replaced, appended to, and never left half-written. */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { stopCleanlyOnSignals } from '../../src/cli/signals.js';
import { createCaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import { runCli, SAMPLE_LOG, seed, stdinOf, tempDir, tempFile } from '../helpers/analyze.js';

const LOG_LINE = (i: number) =>
  `2025-02-03T11:${String(i % 60).padStart(2, '0')}:07.120Z level=info msg="Rewrote endpoint BPF program" endpointID=${1200 + i} identity=48211 subsys=endpoint\n`;

async function sourcesOf(db: string): Promise<string[]> {
  const q = await runCli(['query', '--db', db, '--format', 'json', 'select name from sources order by id']);
  expect(q.code).toBe(0);
  return (JSON.parse(q.stdout) as { name: string }[]).map((r) => r.name.split('/').pop()!);
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(done()).toBe(true);
}

/**
 * Starts `ingest --db db [--append] -` reading a stdin that does not end, waits until the case is
 * being written, then delivers `signal` the way the real process gets it.
 */
async function interrupted(db: string, signal: 'SIGINT' | 'SIGTERM', extra: string[] = []): Promise<{ exit: number | null; stderr: string }> {
  const dir = dirname(db);
  const stdin = new PassThrough();
  let written = 0;
  for (; written < 2000; written++) stdin.write(LOG_LINE(written));
  const err: string[] = [];
  const stderr = new Writable({ write: (c: Buffer, _e, cb) => (err.push(c.toString()), cb()) });
  const signals = new EventEmitter();
  let exit: number | null = null;
  stopCleanlyOnSignals(stderr, (c) => (exit = c), signals);
  const out = new Writable({ write: (_c, _e, cb) => cb() });
  const run = main(['node', 'cilium-analyze', 'ingest', '--db', db, ...extra, '-'], { stdin, stdout: out, stderr, env: {} }).catch(() => 2);
  // Under way: a new case has its temporary file, an append has said so.
  await until(() => (extra.includes('--append') ? err.join('').includes('adding to') : readdirSync(dir).some((f) => f.endsWith('.tmp'))));
  await new Promise((r) => setTimeout(r, 100));
  signals.emit(signal);
  stdin.end(LOG_LINE(written));
  await run;
  return { exit, stderr: err.join('') };
}

describe('a case file being written', () => {
  it('Ctrl-C while a new case is written: exit 130, one line, no file or temporary left', async () => {
    const dir = tempDir();
    const db = join(dir, 'case.sqlite');
    const { exit, stderr } = await interrupted(db, 'SIGINT');
    expect(exit).toBe(130);
    expect(stderr).toBe(`cilium-analyze: interrupted by SIGINT; ${db} not written\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('SIGTERM while an existing case is replaced: exit 143, the case stays as it was', async () => {
    const dir = tempDir();
    const db = join(dir, 'case.sqlite');
    expect((await runCli(['ingest', '--db', db, SAMPLE_LOG])).code).toBe(0);
    const before = readFileSync(db);
    const { exit, stderr } = await interrupted(db, 'SIGTERM');
    expect(exit).toBe(143);
    expect(stderr).toBe(`cilium-analyze: replacing ${db} (--append adds to it)\ncilium-analyze: interrupted by SIGTERM; ${db} left as it was\n`);
    expect(readdirSync(dir)).toEqual(['case.sqlite']);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('an interrupted --append is rolled back: the case reports as before', async () => {
    const dir = tempDir();
    const db = join(dir, 'case.sqlite');
    await runCli(['ingest', '--db', db, SAMPLE_LOG]);
    const { exit } = await interrupted(db, 'SIGINT', ['--append']);
    expect(exit).toBe(130);
    expect(readdirSync(dir)).toEqual(['case.sqlite']);
    expect(await sourcesOf(db)).toEqual(['kubectl-logs-cilium.log']);
    const report = await runCli(['report', '--db', db]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('Findings (4)');
  });

  it('the temporary file of a killed run is removed by the next run on the case, a live run’s is not', async () => {
    const dir = tempDir();
    const db = join(dir, 'case.sqlite');
    // No process has this id (above Linux's pid_max); the parent of this test process is alive.
    writeFileSync(join(dir, '.case.sqlite.4194400.tmp'), 'half-written');
    writeFileSync(join(dir, '.case.sqlite.4194400.tmp-journal'), 'its journal');
    writeFileSync(join(dir, `.case.sqlite.${process.ppid}.tmp`), 'being written');
    expect((await runCli(['ingest', '--db', db, SAMPLE_LOG])).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([`.case.sqlite.${process.ppid}.tmp`, 'case.sqlite']);
  });
});

describe('a second run on the same --db', () => {
  it('replaces the case and says so; --append adds inputs and skips those it holds', async () => {
    const dir = tempDir();
    const db = join(dir, 'case.sqlite');
    const other = tempFile('other.log', LOG_LINE(1) + LOG_LINE(2));
    const first = await runCli(['ingest', '--db', db, SAMPLE_LOG]);
    expect(first.stderr).toBe('');

    const replaced = await runCli(['ingest', '--db', db, other]);
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toBe(`cilium-analyze: replacing ${db} (--append adds to it)\n`);
    expect(await sourcesOf(db)).toEqual(['other.log']);

    const appended = await runCli(['ingest', '--db', db, '--append', SAMPLE_LOG, other]);
    expect(appended.code).toBe(0);
    expect(appended.stderr).toBe(`cilium-analyze: adding to ${db}\ncilium-analyze: skipped ${other}: already in ${db}\n`);
    expect(appended.stdout).toBe(`${db}: 2 input(s), 72 lines (0 unparsed), 4 finding(s)\n`);
    expect(await sourcesOf(db)).toEqual(['other.log', 'kubectl-logs-cilium.log']);
    expect(readdirSync(dir)).toEqual(['case.sqlite']);
  });

  it('--append without --db is a usage error', async () => {
    const run = await runCli(['--append', SAMPLE_LOG]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cilium-analyze: --append adds to the case database named by --db\n');
  });
});

describe('reopening a case', () => {
  it('report --db prints what the run that ingested printed, from the analysis it stored; replay --db rebuilds the flows', async () => {
    const dir = tempDir();
    const db = join(dir, 'case.sqlite');
    const inputs = [seed('001'), seed('002')];
    const json = await runCli(['--db', db, '--format', 'json', ...inputs]);
    const text = await runCli(inputs);
    const replay = await runCli(['replay', ...inputs]);
    expect(json.code).toBe(0);
    expect((await runCli(['replay', '--db', db])).stdout).toBe(replay.stdout);

    // Reopening must not rebuild: with the log and monitor rows gone, the stored analysis still reports.
    const raw = new Database(db);
    raw.exec('DELETE FROM log_lines; DELETE FROM monitor_events_rows; DELETE FROM packets_rows');
    raw.close();
    expect((await runCli(['report', '--db', db, '--format', 'json'])).stdout).toBe(json.stdout);
    expect((await runCli(['report', '--db', db])).stdout).toBe(text.stdout);
  });

  it('an --append discards the stored analysis: the report covers every input', async () => {
    const db = join(tempDir(), 'case.sqlite');
    await runCli(['ingest', '--db', db, seed('000')]);
    await runCli(['ingest', '--db', db, '--append', SAMPLE_LOG]);
    const both = JSON.parse((await runCli(['report', '--db', db, '--format', 'json'])).stdout) as { inputs: unknown[]; findings: unknown[] };
    const direct = JSON.parse((await runCli([seed('000'), SAMPLE_LOG, '--format', 'json'])).stdout) as typeof both;
    expect(both.inputs).toHaveLength(2);
    expect(both.findings).toEqual(direct.findings);
  });
});

/** A 1 MiB tmpfs to fill, when this process may mount one (root with CAP_SYS_ADMIN); null otherwise. */
function tinyDisk(): string | null {
  const dir = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}

describe('a full disk', () => {
  const lines = Array.from({ length: 40_000 }, (_, i) => LOG_LINE(i)).join('');

  it('loading fails with SQLite’s own error (not a failed rollback) and leaves no transaction open', async () => {
    const db = createCaseDb(join(tempDir(), 'case.sqlite'));
    db.pragma('max_page_count = 64'); // 256 KiB: what a disk that fills up gives SQLite
    const input = tempFile('cilium.log', lines);
    await expect(loadInputs(db, [input], stdinOf(null))).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  const disk = tinyDisk();
  afterAll(() => {
    if (disk) execFileSync('umount', [disk]);
  });
  it.skipIf(disk === null)('the CLI says the disk is full, exits 2, and leaves no file on it', async () => {
    const db = join(disk!, 'case.sqlite');
    const run = await runCli(['--db', db, tempFile('cilium.log', lines)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cilium-analyze: the disk is full: the case database was not written\n');
    expect(readdirSync(disk!)).toEqual([]);
  });
});
