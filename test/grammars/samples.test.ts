import { describe, expect, it } from 'vitest';
import { GRAMMARS } from '../../grammars/index.js';
import type { Grammar, GrammarSample } from '../../src/types/grammar.js';
import type { MonitorEventType, MonitorForm, MonitorLineType } from '../../src/types/monitor.js';
import type { AgentRawCategory, FormatRecord, LogGeneration } from '../../src/types/records.js';
import type { StatusBlockKind, StatusRecordKind, StatusSection } from '../../src/types/status.js';

/** What a sample's lines parse into, fed to a new session; the failures with their reasons. */
function parseSample(grammar: Grammar, sample: GrammarSample): { records: FormatRecord[]; failures: string[] } {
  const session = grammar.open();
  if (sample.command !== undefined) session.onCommand!(sample.command);
  const records: FormatRecord[] = [];
  const failures: string[] = [];
  sample.lines.forEach((text, i) => {
    const result = session.feed({ source: `${grammar.format}-samples`, line: i + 1, segment: 0, text, context: {} });
    if (result.ok) records.push(...result.records);
    else failures.push(`${text}: ${result.reason}`);
  });
  records.push(...(session.end?.() ?? []));
  return { records, failures };
}

/** Every registered grammar parses every sample it documents into the records it documents. */
describe('grammar samples', () => {
  it('every family registers a grammar with samples', () => {
    expect(GRAMMARS.size).toBeGreaterThanOrEqual(2);
    for (const [format, grammar] of GRAMMARS) {
      expect(grammar.format).toBe(format);
      expect(grammar.samples.length, `${format} has samples`).toBeGreaterThan(0);
    }
  });

  for (const [format, grammar] of GRAMMARS) {
    describe(format, () => {
      grammar.samples.forEach((sample, i) => {
        const doc: GrammarSample = typeof sample === 'string' ? { lines: [sample], records: [] } : sample;
        it(`sample ${i + 1}: ${doc.lines[0]}`, () => {
          const { records, failures } = parseSample(grammar, doc);
          expect(failures).toEqual([]);
          if (typeof sample === 'string') expect(records.length).toBeGreaterThan(0);
          else expect(records).toMatchObject(doc.records);
        });
      });
    });
  }
});

/** Every value of a union type, listed so that the type-checker rejects a missing or unknown one. */
function every<T extends string>(values: Record<T, true>): T[] {
  return Object.keys(values) as T[];
}

/** The values a field takes in the records a family's samples document (where they list it). */
function documented(format: string, kind: string, field: string): Set<unknown> {
  const grammar = GRAMMARS.get(format)!;
  const values = grammar.samples.flatMap((s) =>
    typeof s === 'string' ? [] : s.records.filter((r) => r.kind === kind).map((r) => (r as Record<string, unknown>)[field]),
  );
  return new Set(values.filter((v) => v !== undefined));
}

describe('samples document every shape of their family', () => {
  it('agent-log, shell, status, monitor, Kubernetes, host and tcpdump list the records of every sample', () => {
    // hubble's samples are still bare lines (its family's own work).
    for (const format of ['agent-log', 'shell', 'cilium-status', 'monitor', 'kubernetes', 'host', 'tcpdump']) {
      expect(GRAMMARS.get(format)!.samples.filter((s) => typeof s === 'string'), format).toEqual([]);
    }
  });

  it('agent-log: every logging generation and raw-line category', () => {
    const generations = every<LogGeneration>({ 'logrus-text': true, 'logrus-json': true, 'slog-text': true, 'slog-json': true });
    expect(documented('agent-log', 'agent-log', 'generation')).toEqual(new Set(generations));
    const raw = every<AgentRawCategory>({ panic: true, goroutine: true, stack: true, verifier: true, klog: true, init: true, 'kubectl-notice': true });
    expect(documented('agent-log', 'agent-raw', 'category')).toEqual(new Set(raw));
    const details = [...documented('agent-log', 'agent-log', 'detail')].map((d) => (d as { type: string }).type);
    expect(new Set(details)).toEqual(new Set(['flag', 'banner', 'addressing']));
  });

  it('status: every block kind, record kind and section', () => {
    const blocks = every<StatusBlockKind>({
      'agent-status': true, 'agent-status-brief': true, 'cli-status': true, 'health-status': true, 'node-list': true,
      'endpoint-list': true, 'service-list': true, 'bpf-lb-list': true, 'bpf-ipcache-list': true, 'bpf-tunnel-list': true,
      'identity-list': true, 'ip-list': true, config: true, version: true, 'bpf-ct-list': true, 'agent-unreachable': true,
    });
    expect(documented('cilium-status', 'status-block', 'block')).toEqual(new Set(blocks));
    const kinds = every<StatusRecordKind>({
      'status-block': true, 'status-field': true, 'status-controller': true, 'status-address': true, 'status-map': true,
      'status-redirect': true, 'health-node': true, 'health-probe': true, 'status-module': true, 'cli-component': true,
      'cli-workload': true, 'cli-containers': true, 'cli-image': true, 'cli-message': true, 'node-entry': true,
      'endpoint-entry': true, 'list-label': true, 'service-entry': true, 'service-backend': true, 'lb-entry': true,
      'ipcache-entry': true, 'tunnel-entry': true, 'identity-entry': true, 'ip-entry': true, 'config-entry': true,
      'version-entry': true, 'ct-entry': true,
    });
    const samples = GRAMMARS.get('cilium-status')!.samples.flatMap((s) => (typeof s === 'string' ? [] : s.records));
    expect(new Set(samples.map((r) => r.kind))).toEqual(new Set(kinds));
    const sections = every<StatusSection>({ main: true, kpr: true, 'kpr-services': true, nat46: true, annotations: true, clustermesh: true, cli: true });
    expect(documented('cilium-status', 'status-field', 'section')).toEqual(new Set(sections));
  });

  it('monitor: every event type and form, every line type', () => {
    const types = every<MonitorEventType>({
      drop: true, trace: true, 'policy-verdict': true, debug: true, capture: true, 'trace-sock': true, recorder: true,
      l7: true, agent: true, lost: true, 'unknown-event': true, error: true,
    });
    expect(documented('monitor', 'monitor-event', 'type')).toEqual(new Set(types));
    const forms = every<MonitorForm>({ summary: true, verbose: true, json: true, text: true });
    expect(documented('monitor', 'monitor-event', 'form')).toEqual(new Set(forms));
    const lines = every<MonitorLineType>({ banner: true, separator: true, layer: true, trailer: true, hexdump: true, 'recorder-end': true, interrupt: true });
    expect(documented('monitor', 'monitor-line', 'type')).toEqual(new Set(lines));
  });
});
