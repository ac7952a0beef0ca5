/**
 * Runs the whole pipeline for tests and checks every report against the JSON contract
 * (schema/report.schema.json and the rules of report-json.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { reportFlows, reportFromDb } from '../../src/pipeline/analyze.js';
import type { JsonReport } from '../../src/report/model.js';
import { createCaseDb, finishCaseDb, type CaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import { SEVERITY_RANK } from '../../src/types/findings.js';
import { stdinOf } from './files.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED = join(REPO_ROOT, '..', 'shared');
export const SPEC_DIR = join(SHARED, 'spec');
export const SEEDS_DIR = join(SHARED, 'seeds');
export const SAMPLE_LOG = join(REPO_ROOT, 'samples', 'kubectl-logs-cilium.log');

export function fixture(...parts: string[]): string {
  return join(REPO_ROOT, 'test', 'fixtures', ...parts);
}

/** The seed file whose name starts with `prefix` (`000`, `001`, …). */
export function seed(prefix: string): string {
  const name = SEED_FILES.find((f) => f.startsWith(`${prefix}_`));
  if (!name) throw new Error(`no seed ${prefix}_* in ${SEEDS_DIR}`);
  return join(SEEDS_DIR, name);
}

export const SEED_FILES: readonly string[] = readdirSync(SEEDS_DIR)
  .filter((f) => /^\d{3}_.*\.txt$/.test(f))
  .sort();

export { stdinOf, tempDir, tempFile } from './files.js';

/**
 * Physical lines of a file as a text editor / `grep -n` numbers them: `\n` ends a line, a final
 * line without `\n` still counts. Independent of the ingest code on purpose.
 */
export function countLines(path: string): number {
  let buf = readFileSync(path);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  if (buf.length === 0) return 0;
  let n = 0;
  for (const b of buf) if (b === 0x0a) n++;
  return buf[buf.length - 1] === 0x0a ? n : n + 1;
}

export interface Analysis {
  report: JsonReport;
  db: CaseDb;
}

/**
 * Loads inputs into a case database the way the CLI does and builds the report; the report is
 * validated against the contract. The caller closes `db` (or uses `analyze`).
 */
export async function analyzeWithDb(inputs: string[], stdin: string | Buffer | null = null): Promise<Analysis> {
  const db = createCaseDb();
  await loadInputs(db, inputs, stdinOf(stdin));
  finishCaseDb(db);
  const analysis = await reportFromDb(db);
  const { findings, ...head } = analysis.report;
  const report: JsonReport = { ...head, flows: [...reportFlows(db, analysis)], findings };
  validateReport(report);
  return { report, db };
}

export async function analyze(inputs: string[], stdin: string | Buffer | null = null): Promise<JsonReport> {
  const { report, db } = await analyzeWithDb(inputs, stdin);
  db.close();
  return report;
}

/** Analyzes text given as standard input (source name `-`). */
export function analyzeText(text: string | Buffer): Promise<JsonReport> {
  return analyze(['-'], text);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(chunks: string[], isTTY: boolean): Writable & { isTTY: boolean } {
  const w = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  }) as Writable & { isTTY: boolean };
  w.isTTY = isTTY;
  return w;
}

/**
 * Runs the CLI in-process with captured streams. `tty` makes stdout claim to be a terminal (so
 * colour would be on unless disabled); stdin is a pipe with `stdin` as content, or a TTY when null.
 */
export async function runCli(
  args: string[],
  options: { stdin?: string | Buffer | Readable | null; env?: Record<string, string>; tty?: boolean } = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = (options.stdin instanceof Readable ? options.stdin : stdinOf(options.stdin ?? null)) as Readable & { isTTY?: boolean };
  if (options.stdin === undefined || options.stdin === null) stdin.isTTY = true;
  const code = await main(['node', 'cilium-analyze', ...args], {
    stdin,
    stdout: collector(out, options.tty ?? false),
    stderr: collector(err, false),
    env: options.env ?? {},
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Runs the CLI with `--format json`, parses and validates the report. */
export async function runCliJson(
  args: string[],
  options: { stdin?: string | Buffer | null } = {},
): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const run = await runCli([...args, '--format', 'json'], options);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as JsonReport;
  validateReport(report);
  return { code: run.code, report, stderr: run.stderr };
}

/** Physical line `line` (1-based) of a plain text file, without its line break. */
export function fileLine(path: string, line: number): string {
  return (readFileSync(path, 'utf8').split('\n')[line - 1] ?? '').replace(/\r$/, '');
}

/** Every finding's evidence text is (part of) the physical line it cites, read independently. */
export function expectEvidenceQuotesFiles(report: JsonReport, files: Record<string, string> = {}): void {
  for (const f of report.findings) {
    for (const e of f.evidence) {
      const path = files[e.source] ?? resolve(REPO_ROOT, e.source);
      expect(fileLine(path, e.line), `${f.rule}: ${e.source}:${e.line} quotes its line`).toContain(e.text);
    }
  }
}

// ---- the contract -----------------------------------------------------------------------------

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'report.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
const validateSchema = ajv.compile(schema);

function compareFirstEvidence(a: { source: string; line: number }, b: { source: string; line: number }): number {
  return a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line;
}

/**
 * Checks a report against schema/report.schema.json (draft-07) and the rules of report-json.md:
 * parsed + unparsed == lines per input, every finding has evidence with a real source, line and
 * text, findings sorted by severity, rule, first evidence. Every e2e / CLI report goes through here.
 */
export function validateReport(report: unknown): asserts report is JsonReport {
  const ok = validateSchema(report);
  expect(ok ? [] : validateSchema.errors, 'JSON schema violations').toEqual([]);
  const r = report as JsonReport;
  const sources = new Map(r.inputs.map((i) => [i.source, i]));
  for (const input of r.inputs) {
    expect(input.parsed + input.unparsed, `parsed + unparsed == lines for ${input.source}`).toBe(input.lines);
    const formatLines = Object.values(input.formats).reduce((n, v) => n + v, 0);
    expect(formatLines, `format line counts of ${input.source} sum to parsed`).toBe(input.parsed);
  }
  for (const f of r.findings) {
    expect(f.evidence.length, `finding ${f.rule} has evidence`).toBeGreaterThan(0);
    for (const e of f.evidence) {
      const input = sources.get(e.source);
      expect(input, `evidence of ${f.rule} names a read input (${e.source})`).toBeDefined();
      expect(e.line, `evidence line of ${f.rule} within ${e.source}`).toBeGreaterThanOrEqual(1);
      expect(e.line).toBeLessThanOrEqual(input!.lines);
      expect(e.text.trim().length, `evidence of ${f.rule} at ${e.source}:${e.line} quotes the line`).toBeGreaterThan(0);
    }
  }
  for (let i = 1; i < r.findings.length; i++) {
    const a = r.findings[i - 1]!;
    const b = r.findings[i]!;
    const order =
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      compareFirstEvidence(a.evidence[0]!, b.evidence[0]!);
    expect(order, `findings ${i - 1} (${a.rule}) and ${i} (${b.rule}) are sorted`).toBeLessThanOrEqual(0);
  }
}
