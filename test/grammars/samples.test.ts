import { describe, expect, it } from 'vitest';
import { GRAMMARS } from '../../grammars/index.js';
import type { ExpectedRecord, Grammar, GrammarSample } from '../../src/types/grammar.js';
import type { HubbleForm, HubbleLineType, HubbleNotice } from '../../src/types/hubble.js';
import type { MonitorEventType, MonitorForm, MonitorLineType } from '../../src/types/monitor.js';
import type { AgentRawCategory, FormatRecord, LogGeneration } from '../../src/types/records.js';
import type { StatusBlockKind, StatusRecordKind, StatusSection } from '../../src/types/status.js';
import type { CaptureDirection, Encapsulation, TcpdumpDetailKind, TcpdumpStatusKind, TimestampKind } from '../../src/types/tcpdump.js';

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

/** The check of a sample: exactly the records it lists, in order, each with the fields it lists. */
function expectRecords(records: FormatRecord[], expected: readonly ExpectedRecord[]): void {
  expect(records).toMatchObject(expected);
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
        it(`sample ${i + 1}: ${sample.lines[0]}`, () => {
          const { records, failures } = parseSample(grammar, sample);
          expect(failures).toEqual([]);
          expectRecords(records, sample.records);
        });
      });
    });
  }
});

/** The record with its first field other than `kind` (depth first) changed; null when it lists none. */
function withOneFieldWrong(record: ExpectedRecord): ExpectedRecord | null {
  const wrong = structuredClone(record) as Record<string, unknown>;
  const change = (holder: Record<string, unknown> | unknown[], key: string | number): boolean => {
    const value = (holder as Record<string | number, unknown>)[key];
    if (value !== null && typeof value === 'object') {
      const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
      return keys.some((k) => change(value as Record<string, unknown>, k));
    }
    (holder as Record<string | number, unknown>)[key] = typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : `${String(value)}?`;
    return true;
  };
  const changed = Object.keys(wrong).some((key) => key !== 'kind' && change(wrong, key));
  return changed ? (wrong as ExpectedRecord) : null;
}

/** The samples check what they list: a wrong field, or a record left out, fails the sample. */
describe('a wrong sample fails its check', () => {
  for (const [format, grammar] of GRAMMARS) {
    it(format, () => {
      for (const sample of grammar.samples) {
        const { records } = parseSample(grammar, sample);
        sample.records.forEach((record, i) => {
          const wrong = withOneFieldWrong(record);
          expect(wrong, `${sample.lines[0]}: record ${i + 1} lists a field besides its kind`).not.toBeNull();
          const expected = sample.records.map((r, j) => (j === i ? wrong! : r));
          expect(() => expectRecords(records, expected), `${sample.lines[0]}: record ${i + 1} with a wrong field`).toThrow();
        });
        expect(() => expectRecords(records, sample.records.slice(0, -1)), `${sample.lines[0]}: a record left out`).toThrow();
      }
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
  const values = grammar.samples.flatMap((s) => s.records.filter((r) => r.kind === kind).map((r) => (r as Record<string, unknown>)[field]));
  return new Set(values.filter((v) => v !== undefined));
}

describe('samples document every shape of their family', () => {
  it('agent-log: every logging generation and raw-line category', () => {
    const generations = every<LogGeneration>({ 'logrus-text': true, 'logrus-json': true, 'slog-text': true, 'slog-json': true });
    expect(documented('agent-log', 'agent-log', 'generation')).toEqual(new Set(generations));
    const raw = every<AgentRawCategory>({ panic: true, goroutine: true, stack: true, verifier: true, klog: true, init: true, 'kubectl-notice': true, envoy: true });
    expect(documented('agent-log', 'agent-raw', 'category')).toEqual(new Set(raw));
    const details = [...documented('agent-log', 'agent-log', 'detail')].map((d) => (d as { type: string }).type);
    expect(new Set(details)).toEqual(new Set(['flag', 'banner', 'addressing']));
  });

  it('status: every block kind, record kind and section', () => {
    const blocks = every<StatusBlockKind>({
      'agent-status': true, 'agent-status-brief': true, 'cli-status': true, 'health-status': true, 'node-list': true,
      'endpoint-list': true, 'service-list': true, 'bpf-lb-list': true, 'bpf-ipcache-list': true, 'bpf-tunnel-list': true,
      'identity-list': true, 'ip-list': true, config: true, version: true, 'bpf-ct-list': true, 'agent-unreachable': true,
      'bpf-policy-get': true, 'clustermesh-status': true, 'encrypt-status': true, 'bpf-nat-list': true, 'map-list': true,
      'connectivity-test': true, 'endpoint-log': true,
    });
    expect(documented('cilium-status', 'status-block', 'block')).toEqual(new Set(blocks));
    const kinds = every<StatusRecordKind>({
      'status-block': true, 'status-field': true, 'status-controller': true, 'status-address': true, 'status-map': true,
      'status-redirect': true, 'health-node': true, 'health-probe': true, 'status-module': true, 'cli-component': true,
      'cli-workload': true, 'cli-containers': true, 'cli-image': true, 'cli-message': true, 'node-entry': true,
      'endpoint-entry': true, 'list-label': true, 'service-entry': true, 'service-backend': true, 'lb-entry': true,
      'ipcache-entry': true, 'tunnel-entry': true, 'identity-entry': true, 'ip-entry': true, 'config-entry': true,
      'version-entry': true, 'ct-entry': true, 'policy-map-entry': true, 'clustermesh-row': true, 'nat-entry': true,
      'map-list-entry': true, 'connectivity-row': true, 'endpoint-log-entry': true,
    });
    const samples = GRAMMARS.get('cilium-status')!.samples.flatMap((s) => s.records);
    expect(new Set(samples.map((r) => r.kind))).toEqual(new Set(kinds));
    const sections = every<StatusSection>({ main: true, kpr: true, 'kpr-services': true, nat46: true, annotations: true, clustermesh: true, cli: true, encrypt: true });
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

  it('tcpdump: every status line, timestamp, capture direction, encapsulation and detail line', () => {
    const statuses = every<TcpdumpStatusKind>({
      listening: true, 'verbose-suppressed': true, 'packets-captured': true, 'packets-received': true, 'packets-dropped': true,
      interrupted: true, message: true,
    });
    expect(documented('tcpdump', 'tcpdump-status', 'status')).toEqual(new Set(statuses));
    const stamps = [...documented('tcpdump', 'tcpdump-packet', 'ts')].map((ts) => (ts as { kind: TimestampKind } | null)?.kind);
    const kinds = every<TimestampKind>({ 'time-of-day': true, 'date-time': true, epoch: true, delta: true });
    expect(new Set(stamps)).toEqual(new Set([...kinds, undefined])); // undefined: -t prints none
    const directions = [...documented('tcpdump', 'tcpdump-packet', 'link')].map((link) => (link as { direction?: CaptureDirection }).direction);
    expect(new Set(directions.filter((d) => d !== undefined))).toEqual(new Set(every<CaptureDirection>({ In: true, Out: true, B: true, M: true, P: true })));
    const encaps = [...documented('tcpdump', 'tcpdump-packet', 'encap')] as Partial<Encapsulation>[];
    expect(new Set(encaps.map((e) => e.type))).toEqual(new Set(every<Encapsulation['type']>({ vxlan: true, geneve: true, 'vxlan-gpe': true })));
    expect(encaps.map((e) => e.printedAs)).toContain('OTV'); // VXLAN on 8472 as tcpdump 4.99.0 – 4.99.5 print it
    const details = every<TcpdumpDetailKind>({ 'http-header': true, hex: true, ascii: true, 'nd-option': true, other: true });
    expect(documented('tcpdump', 'tcpdump-detail', 'detail')).toEqual(new Set(details));
  });

  it('hubble: flows in every form, every notice in each form it is printed in, every line type', () => {
    const forms = every<HubbleForm>({ compact: true, table: true, dict: true, json: true, jsonpb: true });
    expect(documented('hubble', 'hubble-flow', 'form')).toEqual(new Set(forms));
    const notices = GRAMMARS.get('hubble')!.samples.flatMap((s) => s.records.filter((r) => r.kind === 'hubble-notice'));
    const printed = new Set(notices.map((n) => `${n.type} ${n.form}`));
    const types = every<HubbleNotice['type']>({ 'lost-events': true, 'node-status': true, 'agent-event': true, 'debug-event': true });
    for (const type of types) {
      expect(printed, type).toContain(`${type} compact`);
      expect(printed, type).toContain(`${type} jsonpb`);
    }
    const lines = every<HubbleLineType>({ 'table-header': true, 'dict-field': true, 'dict-separator': true, 'json-part': true });
    expect(documented('hubble', 'hubble-line', 'type')).toEqual(new Set(lines));
  });
});
