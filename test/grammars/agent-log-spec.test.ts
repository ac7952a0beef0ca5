/**
 * Walks every agent-log line of the specs (agent-log.md code blocks and code spans, the log
 * sections of agent-examples.txt) through the grammar and compares each event with an
 * independent reference decoder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentLogGrammar } from '../../grammars/agent-log.js';
import { splitJoinedRecords, unwrapLine } from '../../src/ingest/index.js';
import { Sniffer } from '../../src/sniff/index.js';
import type { FeedResult } from '../../src/types/grammar.js';
import type { LogicalLine } from '../../src/types/lines.js';
import type { AgentLogEvent } from '../../src/types/records.js';
import { analyzeWithDb, SPEC_DIR } from '../helpers/analyze.js';
import { normalisedLevel, referenceDecode } from '../helpers/reference-decoder.js';

const AGENT_LOG_MD = join(SPEC_DIR, 'agent-log.md');
const EXAMPLES = join(SPEC_DIR, 'agent-examples.txt');

interface SpecLine {
  where: string;
  text: string;
}

/** A code-block line or code span that is a whole structured agent line (not a fragment like `time=`). */
function isAgentLine(text: string): boolean {
  if (text.startsWith('{"')) {
    try {
      const obj = JSON.parse(text) as unknown;
      return typeof obj === 'object' && obj !== null && typeof (obj as { level?: unknown }).level === 'string';
    } catch {
      return false;
    }
  }
  return /(?:^|\s)level=[a-z]+(?:\s|$)/.test(text) && /(?:^|\s)msg=/.test(text);
}

function specLines(): SpecLine[] {
  const found: SpecLine[] = [];
  let inBlock = false;
  readFileSync(AGENT_LOG_MD, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const where = `agent-log.md:${i + 1}`;
      if (line.startsWith('```')) {
        inBlock = !inBlock;
        return;
      }
      const candidates = inBlock ? [line] : [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      for (const c of candidates) {
        if (!/^(?:level=|time=|\{"|\[pod\/)/.test(c)) continue;
        const app = unwrapLine(c).text;
        if (isAgentLine(app)) found.push({ where, text: app });
      }
    });
  return found;
}

interface ExampleSection {
  command: string;
  /** 1-based line numbers of the section's lines (after the command line). */
  lines: { line: number; raw: string }[];
}

/** The `$ kubectl … logs …` sections of agent-examples.txt, each up to its blank line. */
function logSections(): ExampleSection[] {
  const all = readFileSync(EXAMPLES, 'utf8').split('\n');
  const sections: ExampleSection[] = [];
  let current: ExampleSection | null = null;
  all.forEach((raw, i) => {
    if (raw.startsWith('$ ')) {
      current = / logs /.test(raw) ? { command: raw, lines: [] } : null;
      if (current) sections.push(current);
      return;
    }
    if (raw.trim() === '') current = null;
    else current?.lines.push({ line: i + 1, raw });
  });
  return sections;
}

function feedAll(texts: { line: number; text: string; pod?: string }[]): { text: string; result: FeedResult }[] {
  const session = agentLogGrammar.open();
  const sniffer = new Sniffer();
  return texts.map(({ line, text }) => {
    const format = sniffer.classify(text);
    expect(format, `line ${line} is sniffed as agent-log: ${text.slice(0, 80)}`).toBe('agent-log');
    const logical: LogicalLine = { source: 'spec', line, segment: 0, text, context: {} };
    return { text, result: session.feed(logical) };
  });
}

function expectMatchesReference(text: string, event: AgentLogEvent, where: string): void {
  const ref = referenceDecode(text);
  expect(ref, `${where}: the reference decoder reads it`).not.toBeNull();
  expect(event.level, `${where}: level`).toBe(normalisedLevel(ref!.level));
  expect(event.msg, `${where}: msg`).toBe(ref!.msg);
  expect(event.time, `${where}: time`).toBe(ref!.time);
  expect(event.fields, `${where}: fields`).toEqual(ref!.fields);
  expect(event.trailing ?? null, `${where}: trailing text`).toBe(ref!.trailing);
  expect(event.note !== undefined, `${where}: truncation note`).toBe(ref!.unterminated);
  expect(event.subsys).toBe(typeof ref!.fields['subsys'] === 'string' ? ref!.fields['subsys'] : null);
  expect(event.module).toBe(typeof ref!.fields['module'] === 'string' ? ref!.fields['module'] : null);
}

describe('agent-log.md: every agent line of the spec', () => {
  const lines = specLines();

  it('finds the spec lines of every logging generation', () => {
    expect(lines.length).toBeGreaterThanOrEqual(20);
    expect(lines.some((l) => l.text.startsWith('{"time"'))).toBe(true); // slog JSON
    expect(lines.some((l) => l.text.startsWith('{"ipAddr"'))).toBe(true); // logrus JSON
    expect(lines.some((l) => /^time=\d/.test(l.text))).toBe(true); // slog text
    expect(lines.some((l) => l.text.startsWith('time="'))).toBe(true); // logrus text-ts
  });

  it('parses each one to the level, message and fields of the reference decoder', () => {
    const session = agentLogGrammar.open();
    for (const { where, text } of lines) {
      const result = session.feed({ source: 'agent-log.md', line: 1, segment: 0, text, context: {} });
      expect(result.ok, `${where}: ${text}`).toBe(true);
      if (!result.ok) continue;
      expect(result.records).toHaveLength(1);
      const event = result.records[0]!;
      expect(event.kind, where).toBe('agent-log');
      expectMatchesReference(text, event as AgentLogEvent, where);
    }
  });
});

describe('agent-examples.txt: the log sections', () => {
  const sections = logSections();

  it('has the plain 1.14.4 tail and the multi-pod --prefix --timestamps excerpt', () => {
    expect(sections).toHaveLength(2);
    expect(sections[0]!.lines.length).toBeGreaterThan(190);
    expect(sections[1]!.command).toContain('--prefix --timestamps');
  });

  it('every line of every log section parses (none unparsed), structured lines as the reference decoder reads them', () => {
    let structured = 0;
    let raw = 0;
    for (const section of sections) {
      const texts = section.lines.flatMap(({ line, raw: r }) =>
        splitJoinedRecords(unwrapLine(r).text).map((text) => ({ line, text })),
      );
      expect(texts).toHaveLength(section.lines.length); // nothing in the examples is joined
      const fed = feedAll(texts);
      fed.forEach(({ text, result }, i) => {
        const where = `agent-examples.txt:${texts[i]!.line}`;
        expect(result.ok, `${where}: ${text}`).toBe(true);
        if (!result.ok) return;
        for (const rec of result.records) {
          if (rec.kind === 'agent-log') {
            structured++;
            expectMatchesReference(text, rec, where);
          } else {
            raw++;
            expect(rec.kind).toBe('agent-raw');
          }
        }
      });
    }
    expect(structured).toBeGreaterThan(200);
    expect(raw).toBe(6); // the verifier dump: error line, log line, four TAB-indented lines
  });

  it('loaded end to end, no line of the log sections is unparsed', async () => {
    const { report, db } = await analyzeWithDb([EXAMPLES]);
    try {
      const unparsed = db.prepare('SELECT line, reason, text FROM unparsed').all() as { line: number; reason: string; text: string }[];
      const logLines = new Set(sections.flatMap((s) => s.lines.map((l) => l.line)));
      expect(unparsed.filter((u) => logLines.has(u.line))).toEqual([]);
      // log agents; the `kubectl exec ds/cilium` status block names no pod
      const pods = report.agents.flatMap((a) => (a.pod ? [a.pod] : [])).sort();
      expect(pods).toEqual(['cilium-5kq2p', 'cilium-9fz2x', 'cilium-hb7wd', 'cilium-tq4ms']);
      const verifier = db
        .prepare(`SELECT category, level, COUNT(*) AS n FROM raw_lines WHERE agent = 'cilium-9fz2x' GROUP BY category, level`)
        .all();
      expect(verifier).toEqual([
        { category: 'verifier', level: null, n: 4 },
        { category: 'verifier', level: 'error', n: 2 },
      ]);
    } finally {
      db.close();
    }
  });
});
