import type { Readable } from 'node:stream';
import { Command, CommanderError, Option } from 'commander';
import { analyzeInputs, replayedFlows, loadCase, reportFlows, reportFromDb, type Analysis, type IngestOptions } from '../pipeline/analyze.js';
import { renderCoverage } from '../report/coverage.js';
import { TOOL_VERSION } from '../report/json.js';
import { makeStyle } from '../report/style.js';
import { jsonArrayChunks, reportChunks } from '../report/json-writer.js';
import { writeChunks } from './output.js';
import { renderText } from '../report/text.js';
import { NO_FLOWS, replayRenderer } from '../report/replay.js';
import { renderQuery, runQuery } from '../report/query.js';
import { renderRuleList } from '../report/rules-doc.js';
import { renderExplanation } from '../report/explain.js';
import { loadRules } from '../rules/index.js';
import { caseCoverage } from '../store/coverage.js';
import { caseFileAction, openCaseDb, type CaseDb } from '../store/db.js';
import { InputError } from '../types/errors.js';
import type { CaptureOption } from '../store/capture-option.js';
import { parseCaptureOption } from './capture-option.js';
import { addArchiveOptions, expansionFrom, type ArchiveOptions } from './archive-options.js';
import { stopCleanlyOnSignals } from './signals.js';
import { SEVERITY_RANK, type Severity } from '../types/findings.js';

/** Where the CLI reads and writes; tests pass their own streams. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

const processIo = (): CliIo => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });

interface OutputOptions {
  format: 'text' | 'json';
  color: boolean;
  failOn?: Severity;
}

const SEVERITIES = Object.keys(SEVERITY_RANK) as Severity[];

function useColor(io: CliIo, opts: { color: boolean }): boolean {
  return opts.color && !io.env['NO_COLOR'] && io.stdout.isTTY === true;
}

/**
 * Inputs skipped inside folders and archives, and reads a broken archive cut short, are in the
 * report; a note on stderr keeps them visible in pipes. Members recognised but not modelled are
 * only in the report (a sysdump has hundreds).
 */
function noteSkipped(io: CliIo, report: Analysis['report']): void {
  for (const i of report.inputs) {
    if (i.skipped && i.coverage === 'skipped') io.stderr.write(`cilium-analyze: skipped ${i.source}: ${i.skipped}\n`);
    if (i.note) io.stderr.write(`cilium-analyze: warning: ${i.source}: ${i.note}\n`);
  }
}

/** Prints the report of an analysed case (its flows are read from the case as they are written). */
async function emit(io: CliIo, db: CaseDb, analysis: Analysis, opts: OutputOptions): Promise<number> {
  const { report, monitorDrops, unparsedShapes } = analysis;
  noteSkipped(io, report);
  const flows = reportFlows(db, analysis);
  if (opts.format === 'json') await writeChunks(io.stdout, reportChunks(report, flows));
  else await writeChunks(io.stdout, [renderText(report, flows, monitorDrops, unparsedShapes, makeStyle(useColor(io, opts)))]);
  if (!opts.failOn) return 0;
  const limit = SEVERITY_RANK[opts.failOn];
  return report.findings.some((f) => SEVERITY_RANK[f.severity] <= limit) ? 1 : 0;
}

function inputsOrStdin(io: CliIo, inputs: string[]): string[] {
  if (inputs.length > 0) return inputs;
  if (io.stdin.isTTY) throw new InputError('no input: name files or directories, or pipe a log into standard input');
  return ['-'];
}

/** An option's value that must be a positive whole number. */
function positiveInteger(option: string): (value: string) => number {
  return (value) => {
    if (!/^[1-9]\d*$/.test(value)) throw new InputError(`${option} takes a positive whole number, not "${value}"`);
    return Number(value);
  };
}

/** `--capture node=…,iface=…,netns=…[,source=…]`, repeatable. */
function collectCapture(value: string, previous: CaptureOption[] = []): CaptureOption[] {
  return [...previous, parseCaptureOption(value)];
}

const captureOption = () =>
  new Option(
    '--capture <spec>',
    'where pasted tcpdump text was captured: node=NAME,iface=DEV,netns=host|pod/NAME|container/ID[,source=FILE] (repeatable)',
  ).argParser(collectCapture);

const appendOption = () => new Option('--append', 'add the inputs to the existing --db case database instead of replacing it');
interface WriteOptions extends ArchiveOptions {
  db?: string;
  append?: boolean;
  capture?: CaptureOption[];
}

/**
 * Reads inputs into a case database the way every command does: says what happens to an existing
 * `--db` file, expands archives within their limits, notes inputs the case already holds.
 */
async function ingestInputs(io: CliIo, inputs: string[], opts: WriteOptions): Promise<Analysis & { db: CaseDb }> {
  if (opts.append && !opts.db) throw new InputError('--append adds to the case database named by --db');
  const existing = opts.db !== undefined && caseFileAction(opts.db) === 'replace';
  if (existing) io.stderr.write(opts.append ? `cilium-analyze: adding to ${opts.db}\n` : `cilium-analyze: replacing ${opts.db} (--append adds to it)\n`);
  const options: IngestOptions = {
    db: opts.db,
    append: opts.append === true && existing,
    stdin: io.stdin as Readable,
    capture: opts.capture,
    expansion: expansionFrom(opts, io.stderr),
    onDuplicate: (name) => io.stderr.write(`cilium-analyze: skipped ${name}: already in ${opts.db}\n`),
  };
  return analyzeInputs(inputsOrStdin(io, inputs), options);
}

const formatOption = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
const failOnOption = () => new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity exists').choices(SEVERITIES);

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('cilium-analyze')
    // `ingest --db X` / `report --db X --format json`: options after a subcommand are the subcommand's
    // (the program has options of the same names, which would otherwise take them).
    .enablePositionalOptions()
    .description('Analyze Cilium agent logs, cilium monitor, tcpdump and cilium status output')
    .version(TOOL_VERSION)
    .argument('[inputs...]', 'files, directories, archives (zip, tar, tar.gz, gz), or - for standard input (default: standard input when piped)')
    .addOption(formatOption())
    .option('--db <path>', 'keep the case database in this SQLite file (default: temporary)')
    .addOption(failOnOption())
    .addOption(appendOption())
    .addOption(captureOption())
    .option('--no-color', 'plain text output (also NO_COLOR)');
  addArchiveOptions(program).action(
    async (inputs: string[], opts: OutputOptions & WriteOptions) => {
      const { db, ...analysis } = await ingestInputs(io, inputs, opts);
      try {
        setExit(await emit(io, db, analysis, opts));
      } finally {
        db.close();
      }
    },
  );

  addArchiveOptions(
    program
      .command('ingest')
      .description('read inputs into a case database (--db) without printing the report')
      .argument('[inputs...]', 'files, directories, archives, or -')
      .requiredOption('--db <path>', 'SQLite file to write (replaced on success; an interrupted run leaves it as it was)')
      .addOption(appendOption())
      .addOption(captureOption()),
  ).action(async (inputs: string[], opts: WriteOptions & { db: string }) => {
      const { report, db } = await ingestInputs(io, inputs, opts);
      db.close();
      noteSkipped(io, report);
      const lines = report.inputs.reduce((n, i) => n + i.lines, 0);
      const unparsed = report.inputs.reduce((n, i) => n + i.unparsed, 0);
      io.stdout.write(
        `${opts.db}: ${report.inputs.length} input(s), ${lines} lines (${unparsed} unparsed), ${report.findings.length} finding(s)\n`,
      );
    });

  program
    .command('report')
    .description('print the report of a case database')
    .requiredOption('--db <path>', 'SQLite file written by ingest or --db')
    .addOption(formatOption())
    .addOption(failOnOption())
    .option('--no-color', 'plain text output (also NO_COLOR)')
    .action(async (opts: OutputOptions & { db: string }) => {
      const db = openCaseDb(opts.db, { readonly: false });
      try {
        setExit(await emit(io, db, await reportFromDb(db), opts));
      } finally {
        db.close();
      }
    });

  program
    .command('query')
    .description('run a read-only SQL query on a case database')
    .argument('<sql>', 'SQL statement')
    .requiredOption('--db <path>', 'SQLite file written by ingest or --db')
    .addOption(formatOption())
    .action((sql: string, opts: { db: string; format: 'text' | 'json' }) => {
      const db = openCaseDb(opts.db, { readonly: true });
      try {
        io.stdout.write(renderQuery(runQuery(db, sql), opts.format));
      } finally {
        db.close();
      }
    });

  addArchiveOptions(
    program
      .command('replay')
      .description("each flow's expected and observed path side by side, the first divergence marked")
      .argument('[inputs...]', 'files, directories, archives, or - (or --db to read a case database)')
      .option('--db <path>', 'case database written by ingest or --db (instead of inputs)')
      .option('--flow <id>', 'only this flow', (v) => {
        if (!/^\d+$/.test(v)) throw new InputError(`--flow takes a flow id (a number), not "${v}"`);
        return Number(v);
      })
      .addOption(formatOption())
      .addOption(captureOption())
      .option('--no-color', 'plain text output (also NO_COLOR)'),
  ).action(
    async (inputs: string[], opts: WriteOptions & { flow?: number; format: 'text' | 'json'; color: boolean }) => {
      const db = await analysedCase(io, inputs, opts);
      try {
        const analysis = await reportFromDb(db);
        const wanted = (id: number): boolean => opts.flow === undefined || id === opts.flow;
        const missing = (): InputError => new InputError(`no flow ${opts.flow} (the case has ${analysis.flowCount} flows)`);
        if (opts.flow !== undefined && (opts.flow < 1 || opts.flow > analysis.flowCount)) throw missing();
        if (opts.format === 'json') {
          await writeChunks(io.stdout, jsonArrayChunks(filter(reportFlows(db, analysis), (f) => wanted(f.id))));
          return;
        }
        if (analysis.flowCount === 0) {
          io.stdout.write(NO_FLOWS);
          return;
        }
        const render = replayRenderer(analysis.findings, makeStyle(useColor(io, opts)));
        await writeChunks(io.stdout, map(replayedFlows(db, analysis, opts.flow), render));
      } finally {
        db.close();
      }
    },
  );

  addArchiveOptions(
    program
      .command('coverage')
      .description('per format, the share of lines parsed and the most frequent unparsed message shapes, each with an example line')
      .argument('[inputs...]', 'files, directories, archives, or - (or --db to read a case database)')
      .option('--db <path>', 'case database written by ingest or --db (instead of inputs); with inputs, where to keep theirs')
      .option('--top <n>', 'unparsed shapes listed per format', positiveInteger('--top'), 5)
      .addOption(formatOption()),
  ).action(async (inputs: string[], opts: ArchiveOptions & { db?: string; top: number; format: 'text' | 'json' }) => {
      const db =
        inputs.length === 0 && opts.db
          ? openCaseDb(opts.db, { readonly: true })
          : await loadCase(inputsOrStdin(io, inputs), { db: opts.db, stdin: io.stdin as Readable, expansion: expansionFrom(opts, io.stderr) });
      try {
        io.stdout.write(renderCoverage(caseCoverage(db, opts.top), opts.format));
      } finally {
        db.close();
      }
    });

  program
    .command('rules')
    .description('list every rule with its documentation')
    .action(async () => {
      io.stdout.write(renderRuleList(await loadRules()));
    });

  program
    .command('explain')
    .description('explain a drop reason (text or code), observation point, trace reason or rule name')
    .argument('<topic...>', 'e.g. "Policy denied", 133, policy-drop')
    .action(async (topic: string[]) => {
      io.stdout.write(renderExplanation(topic.join(' '), await loadRules()));
    });

  return program;
}

/**
 * The case to replay, analysed: a case database (`--db` without inputs; the flows' hops are not
 * kept in the case, so they are replayed again) or inputs read into a temporary one.
 */
async function analysedCase(io: CliIo, inputs: string[], opts: WriteOptions): Promise<CaseDb> {
  if (inputs.length === 0 && opts.db) return openCaseDb(opts.db, { readonly: false });
  return (await ingestInputs(io, inputs, opts)).db;
}

function* filter<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of items) if (keep(item)) yield item;
}

function* map<T, U>(items: Iterable<T>, to: (item: T) => U): Generator<U> {
  for (const item of items) yield to(item);
}

/**
 * Runs the CLI; resolves to the exit code (0 ok, 1 --fail-on matched, 2 usage or input error).
 * `handleSignals` (the real process only): Ctrl-C and SIGTERM remove a half-written case database.
 */
export async function main(argv: string[], io: CliIo = processIo(), options: { handleSignals?: boolean } = {}): Promise<number> {
  if (options.handleSignals) stopCleanlyOnSignals(io.stderr, (c) => process.exit(c));
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  program.exitOverride();
  const output = { writeOut: (s: string) => io.stdout.write(s), writeErr: (s: string) => io.stderr.write(s) };
  program.configureOutput(output);
  for (const sub of program.commands) sub.configureOutput(output);
  for (const sub of program.commands) sub.exitOverride();
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    if (err instanceof InputError) {
      io.stderr.write(`cilium-analyze: ${err.message}\n`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EACCES' || e.code === 'EISDIR' || e.code === 'ENOENT' || e.code === 'EPIPE') {
      io.stderr.write(`cilium-analyze: ${e.message}\n`);
      return 2;
    }
    if (e.name === 'SqliteError') {
      io.stderr.write(
        e.code === 'SQLITE_FULL'
          ? 'cilium-analyze: the disk is full: the case database was not written\n'
          : `cilium-analyze: SQL error: ${e.message}\n`,
      );
      return 2;
    }
    throw err;
  }
}
