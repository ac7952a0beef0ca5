import { Command, CommanderError, Option } from 'commander';
import { analyzeInputs, reportFromDb } from '../report/analyze.js';
import { TOOL_VERSION } from '../report/json.js';
import type { JsonReport } from '../report/model.js';
import { makeStyle } from '../report/style.js';
import { renderText } from '../report/text.js';
import { renderQuery, runQuery } from '../report/query.js';
import { renderRuleList } from '../report/rules-doc.js';
import { loadRules } from '../rules/index.js';
import { openCaseDb } from '../store/db.js';
import { InputError } from '../types/errors.js';
import { SEVERITY_RANK, type Severity } from '../types/findings.js';

interface OutputOptions {
  format: 'text' | 'json';
  color: boolean;
  failOn?: Severity;
}

const SEVERITIES = Object.keys(SEVERITY_RANK) as Severity[];

function useColor(opts: { color: boolean }): boolean {
  return opts.color && !process.env['NO_COLOR'] && process.stdout.isTTY === true;
}

function emit(report: JsonReport, opts: OutputOptions): number {
  const text = opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderText(report, makeStyle(useColor(opts)));
  process.stdout.write(text);
  if (!opts.failOn) return 0;
  const limit = SEVERITY_RANK[opts.failOn];
  return report.findings.some((f) => SEVERITY_RANK[f.severity] <= limit) ? 1 : 0;
}

function inputsOrStdin(inputs: string[]): string[] {
  if (inputs.length > 0) return inputs;
  if (process.stdin.isTTY) throw new InputError('no input: name files or directories, or pipe a log into standard input');
  return ['-'];
}

const formatOption = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
const failOnOption = () => new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity exists').choices(SEVERITIES);

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('cilium-analyze')
    .description('Analyze Cilium agent logs, cilium monitor, tcpdump and cilium status output')
    .version(TOOL_VERSION)
    .argument('[inputs...]', 'files, directories, or - for standard input (default: standard input when piped)')
    .addOption(formatOption())
    .option('--db <path>', 'keep the case database in this SQLite file (default: temporary)')
    .addOption(failOnOption())
    .option('--no-color', 'plain text output (also NO_COLOR)')
    .action(async (inputs: string[], opts: OutputOptions & { db?: string }) => {
      const { report, db } = await analyzeInputs(inputsOrStdin(inputs), { db: opts.db, stdin: process.stdin });
      db.close();
      setExit(emit(report, opts));
    });

  program
    .command('ingest')
    .description('read inputs into a case database (--db) without printing the report')
    .argument('[inputs...]', 'files, directories, or -')
    .requiredOption('--db <path>', 'SQLite file to write')
    .action(async (inputs: string[], opts: { db: string }) => {
      const { report, db } = await analyzeInputs(inputsOrStdin(inputs), { db: opts.db, stdin: process.stdin });
      db.close();
      const lines = report.inputs.reduce((n, i) => n + i.lines, 0);
      const unparsed = report.inputs.reduce((n, i) => n + i.unparsed, 0);
      process.stdout.write(
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
        setExit(emit(await reportFromDb(db), opts));
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
        process.stdout.write(renderQuery(runQuery(db, sql), opts.format));
      } finally {
        db.close();
      }
    });

  program
    .command('rules')
    .description('list every rule with its documentation')
    .action(async () => {
      process.stdout.write(renderRuleList(await loadRules()));
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
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
      process.stderr.write(`cilium-analyze: ${err.message}\n`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EACCES' || e.code === 'EISDIR' || e.code === 'ENOENT' || e.code === 'EPIPE') {
      process.stderr.write(`cilium-analyze: ${e.message}\n`);
      return 2;
    }
    if (e.name === 'SqliteError') {
      process.stderr.write(`cilium-analyze: SQL error: ${e.message}\n`);
      return 2;
    }
    throw err;
  }
}
