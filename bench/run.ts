/**
 * `npm run bench`: for each workload in bench/workloads, generates a realistic input, then measures
 * in separate child processes (so each peak RSS is its own) the bare readline line-count rate and
 * the full ingest rate (unwrap + sniff + parse + SQLite), and prints both, their ratio (of wall
 * time and of CPU time: on a loaded machine the CPU ratio is the steadier one), peak RSS and the
 * case file's size against the input's. A workload with `caseQuery` also gets the case file rows:
 * analysis, `report --db` reopening, an aggregate query, and lnav on the same input when installed.
 * A `replay` workload is analysed (state, flows, model, rules, the report's flows stored) at its size
 * and at three times it, each against its own ingest, with its peak RSS: a replay in bounded memory
 * keeps about the same peak at both.
 * An archive workload (a whole sysdump) is analysed end to end by the CLI instead, with its
 * progress on stderr, against the bare read of the same members (expanded as the CLI expands them,
 * lines counted by readline). BENCH_SCALE (default 1) scales the sizes; BENCH_ONLY=name runs one workload.
 */
import { execFileSync, fork } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { analyzeDb, reportFromDb } from '../src/pipeline/analyze.js';
import { runQuery } from '../src/report/query.js';
import { createCaseDb, finishCaseDb, openCaseDb } from '../src/store/db.js';
import { loadInputs } from '../src/store/load.js';
import { main as cli } from '../src/cli/main.js';
import { Expansion, expandInputs, isSkipped } from '../src/ingest/index.js';
import type { ArchiveWorkload, Workload } from './workload.js';

const DATA = fileURLToPath(new URL('../../bench-data/', import.meta.url));
const LNAV_CONFIG = fileURLToPath(new URL('../../contrib/lnav/', import.meta.url));
const CASE = `${DATA}bench.sqlite`;

interface Measurement {
  lines: number;
  seconds: number;
  /** User and system CPU time: less swayed than wall time by other work on the machine. */
  cpuSeconds: number;
  maxRssMiB: number;
  /** Size of the case file written, when the step writes one. */
  caseBytes?: number;
}

async function generate(w: Workload, lines: number): Promise<string> {
  mkdirSync(DATA, { recursive: true });
  const file = `${DATA}${w.name}-${lines}.log`;
  if (existsSync(file)) return file;
  const out = createWriteStream(`${file}.tmp`);
  let buf = '';
  for (const line of w.generate(lines)) {
    buf += `${line}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  rmSync(file, { force: true });
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.tmp`, file);
  return file;
}

async function measureReadline(file: string): Promise<Measurement> {
  const start = begin();
  let lines = 0;
  const rl = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const _ of rl) lines++;
  return finish(lines, start);
}

async function measureIngest(file: string, keep = false): Promise<Measurement> {
  rmSync(CASE, { force: true });
  const start = begin();
  const db = createCaseDb(CASE);
  const result = await loadInputs(db, [file], process.stdin);
  finishCaseDb(db);
  db.close();
  const m = { ...finish(result.sources[0]!.lines, start), caseBytes: statSync(CASE).size };
  if (!keep) rmSync(CASE, { force: true });
  return m;
}

/**
 * State, flows, model and rules over the case the ingest child left behind, stored in it as an
 * ingest does; `lines` counts flows.
 */
async function measureAnalysis(): Promise<Measurement> {
  const db = openCaseDb(CASE, { readonly: false });
  const start = begin();
  const analysis = await analyzeDb(db);
  db.close();
  return finish(analysis.flowCount, start);
}

/** `report --db`: reopening a case whose ingest stored its analysis. */
async function measureReopen(): Promise<Measurement> {
  const start = begin();
  const db = openCaseDb(CASE, { readonly: false });
  const analysis = await reportFromDb(db);
  JSON.stringify(analysis.report);
  db.close();
  return finish(analysis.report.findings.length, start);
}

/** `query` on the case: `lines` counts result rows. */
function measureQuery(sql: string): Measurement {
  const start = begin();
  const db = openCaseDb(CASE, { readonly: true });
  const result = runQuery(db, sql);
  db.close();
  return finish(result.rows.length, start);
}

/** The baseline of an archive: its members expanded as the CLI expands them, each one's lines counted by readline. */
async function measureArchiveRead(file: string): Promise<Measurement> {
  const start = begin();
  let lines = 0;
  for await (const source of expandInputs([file], process.stdin, new Expansion())) {
    if (isSkipped(source)) continue;
    const rl = createInterface({ input: await source.open(), crlfDelay: Infinity });
    for await (const _ of rl) lines++;
  }
  return finish(lines, start);
}

/**
 * The whole CLI over an archive as a user runs it (`--progress`, the text report, discarded), into a
 * case database kept for the count: `lines` are the lines of every member read.
 */
async function measureArchiveAnalysis(file: string): Promise<Measurement> {
  rmSync(CASE, { force: true });
  const start = begin();
  const stdout = new Writable({ write: (_chunk, _enc, cb) => cb() });
  const code = await cli(['node', 'cilium-analyze', '--progress', '--db', CASE, file], { stdin: process.stdin, stdout, stderr: process.stderr, env: process.env });
  if (code !== 0) throw new Error(`cilium-analyze exited ${code}`);
  const m = finish(0, start);
  const db = openCaseDb(CASE, { readonly: true });
  m.lines = db.prepare('SELECT sum(lines) FROM sources').pluck().get() as number;
  db.close();
  rmSync(CASE, { force: true });
  return m;
}

interface Start {
  at: bigint;
  cpu: NodeJS.CpuUsage;
}

const begin = (): Start => ({ at: process.hrtime.bigint(), cpu: process.cpuUsage() });

function finish(lines: number, start: Start): Measurement {
  const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
  const cpu = process.cpuUsage(start.cpu);
  return { lines, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
}

/** lnav loading `file` headless and answering `command`, or null when lnav is not installed. */
function measureLnav(file: string, command: string): { seconds: number; output: string } | null {
  try {
    execFileSync('lnav', ['-V'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const start = process.hrtime.bigint();
  const output = execFileSync('lnav', ['-I', LNAV_CONFIG, '-n', '-c', command, file], { encoding: 'utf8' });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, output };
}

type ChildMode = 'readline' | 'ingest' | 'ingest-keep' | 'analysis' | 'reopen' | 'query' | 'archive-read' | 'archive-analysis';

function inChild(mode: ChildMode, file: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', mode, file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as Measurement));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${mode} child exited ${code}`))));
  });
}

async function loadWorkloads(): Promise<(Workload | ArchiveWorkload)[]> {
  const dir = new URL('./workloads/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  const all: (Workload | ArchiveWorkload)[] = [];
  for (const f of files) all.push(((await import(new URL(f, dir).href)) as { workload: Workload | ArchiveWorkload }).workload);
  return all;
}

/** Writes the archive once per scale (kept under bench-data/ like the line inputs); its expanded size is kept beside it. */
async function generateArchive(w: ArchiveWorkload, scale: number): Promise<{ file: string; expanded: number }> {
  mkdirSync(DATA, { recursive: true });
  const file = `${DATA}${w.name}-${scale}${w.extension}`;
  const sizeFile = `${file}.expanded`;
  if (!existsSync(file) || !existsSync(sizeFile)) {
    const expanded = await w.write(`${file}.tmp`, scale);
    renameSync(`${file}.tmp`, file);
    writeFileSync(sizeFile, String(expanded));
  }
  return { file, expanded: Number(readFileSync(sizeFile, 'utf8')) };
}

async function benchArchive(w: ArchiveWorkload, scale: number): Promise<void> {
  const { file, expanded } = await generateArchive(w, scale);
  const baseline = await inChild('archive-read', file);
  const run = await inChild('archive-analysis', file);
  const line = (m: Measurement) =>
    `${fmt(m.lines)} lines in ${m.seconds.toFixed(1)} s, cpu ${m.cpuSeconds.toFixed(1)} s  (${fmt(rate(m))} lines/s, ${(expanded / 2 ** 20 / m.seconds).toFixed(1)} MiB/s, peak RSS ${m.maxRssMiB.toFixed(0)} MiB)`;
  console.log(`${w.name}: ${(expanded / 2 ** 30).toFixed(2)} GiB of members in a ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB archive`);
  console.log(`  archive read + readline baseline         : ${line(baseline)}`);
  console.log(`  end to end (CLI --progress, text report) : ${line(run)}`);
  console.log(
    `  ratio end to end/baseline: lines/s ${(rate(run) / rate(baseline)).toFixed(3)}, time ${(run.seconds / baseline.seconds).toFixed(1)}×, cpu ${(run.cpuSeconds / baseline.cpuSeconds).toFixed(1)}×, peak RSS ${(run.maxRssMiB / baseline.maxRssMiB).toFixed(1)}×`,
  );
}

/** How many times more flows the replay workload's second size has. */
const REPLAY_GROWTH = 3;

/** `replay: 9,996 flows in 15.1 s (2.0× ingest), peak RSS 286 MiB (ingest 204 MiB)`. */
function replayLine(ingest: Measurement, replay: Measurement): string {
  return (
    `  replay ${fmt(replay.lines).padStart(7)} flows: ${seconds(replay)}, ${(replay.seconds / ingest.seconds).toFixed(2)}× ingest time ` +
    `(${ingest.seconds.toFixed(2)} s), peak RSS ${replay.maxRssMiB.toFixed(0)} MiB (ingest ${ingest.maxRssMiB.toFixed(0)} MiB)`
  );
}

const rate = (m: Measurement) => m.lines / m.seconds;
const seconds = (m: Measurement) => `${m.seconds.toFixed(2)} s, ${m.cpuSeconds.toFixed(2)} s CPU`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const [flag, mode, file] = process.argv.slice(2);
  if (flag === '--child') {
    const m =
      mode === 'readline' ? await measureReadline(file!)
      : mode === 'analysis' ? await measureAnalysis()
      : mode === 'reopen' ? await measureReopen()
      : mode === 'query' ? measureQuery(file!)
      : mode === 'archive-read' ? await measureArchiveRead(file!)
      : mode === 'archive-analysis' ? await measureArchiveAnalysis(file!)
      : await measureIngest(file!, mode === 'ingest-keep');
    process.send!(m);
    return;
  }
  const scale = Number(process.env['BENCH_SCALE'] ?? '1');
  const only = process.env['BENCH_ONLY'];
  for (const w of await loadWorkloads()) {
    if (only && w.name !== only) continue;
    if ('archive' in w) {
      await benchArchive(w, scale);
      continue;
    }
    const lines = Math.max(1000, Math.round(w.defaultLines * scale));
    const file = await generate(w, lines);
    const mib = statSync(file).size / 2 ** 20;
    const baseline = await inChild('readline', file);
    const keep = w.replay === true || w.caseQuery !== undefined;
    const ingest = await inChild(keep ? 'ingest-keep' : 'ingest', file);
    const inputBytes = statSync(file).size;
    console.log(`${w.name}: ${fmt(lines)} ${w.unit}, ${mib.toFixed(0)} MiB`);
    console.log(`  readline baseline : ${fmt(rate(baseline))} lines/s  (${seconds(baseline)}, peak RSS ${baseline.maxRssMiB.toFixed(0)} MiB)`);
    console.log(`  full ingest       : ${fmt(rate(ingest))} ${w.unit}/s  (${seconds(ingest)}, peak RSS ${ingest.maxRssMiB.toFixed(0)} MiB)`);
    console.log(`  ratio ingest/readline: ${(rate(ingest) / rate(baseline)).toFixed(3)} wall, ${(baseline.cpuSeconds / ingest.cpuSeconds).toFixed(3)} CPU`);
    console.log(`  case file / input : ${(ingest.caseBytes! / inputBytes).toFixed(2)}  (${(ingest.caseBytes! / 2 ** 20).toFixed(0)} MiB)`);
    if (w.caseQuery) {
      const analysis = await inChild('analysis', file);
      console.log(`  analysis          : ${fmt(analysis.lines)} flows, ${seconds(analysis)} (peak RSS ${analysis.maxRssMiB.toFixed(0)} MiB)`);
      console.log(`  ratio analysis/ingest time: ${(analysis.seconds / ingest.seconds).toFixed(3)}`);
    }
    if (w.replay) {
      console.log(replayLine(ingest, await inChild('analysis', file)));
      // The same cluster with three times the flows: the replay's peak RSS should not follow.
      const larger = await generate(w, lines * REPLAY_GROWTH);
      const largerIngest = await inChild('ingest-keep', larger);
      console.log(replayLine(largerIngest, await inChild('analysis', larger)));
    }
    if (w.caseQuery) {
      const reopen = await inChild('reopen', file);
      console.log(`  report --db reopen: ${seconds(reopen)}`);
      const query = await inChild('query', w.caseQuery.sql);
      console.log(`  query aggregate   : ${seconds(query)}  (${w.caseQuery.sql})`);
      const lnav = measureLnav(file, w.caseQuery.lnav);
      if (lnav) {
        const ours = ingest.seconds + query.seconds;
        console.log(`  lnav load + query : ${lnav.seconds.toFixed(2)} s; ours (ingest + query) ${ours.toFixed(2)} s; ratio lnav/ours ${(lnav.seconds / ours).toFixed(3)}`);
      } else console.log('  lnav              : not installed (apt-get install lnav), skipped');
    }
    rmSync(CASE, { force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
