/**
 * `cilium monitor` / `cilium-dbg monitor` output at every verbosity (spec: monitor.md), 1.0 → main
 * (the forms before 1.9 are described in monitor-events.ts).
 * Line shapes are data in src/knowledge/monitor/lines.ts, shared with the sniffer and the ingest
 * repair step; monitor-samples.ts shows every kind of line with the records it gives.
 *
 * The session attaches each `-vv` dissection block to its verbose header (§2.6): releases
 * ≈ 1.9–1.18 print the dissection *before* the header, the newest and capture/recorder headers
 * print it after. Lines printed before their header are kept pending and adopted by the next
 * header; lines printed after it name the header they belong to (`eventAt`).
 */
import { DISSECTION_TRAILER, LAYER_START, MONITOR_BANNER, SEPARATOR } from '../src/knowledge/monitor/index.js';
import { INTERRUPT_ECHO } from '../src/knowledge/terminal.js';
import type { FeedResult, Grammar, GrammarSession } from '../src/types/grammar.js';
import type { LogicalLine } from '../src/types/lines.js';
import type { Dissection, LineRef, MonitorEvent, MonitorLine, MonitorLineType } from '../src/types/monitor.js';
import { applyLayer, applyTrailer, emptyDissection, parseLayerLine, type LayerLine } from './monitor-dissection.js';
import {
  parseAgentNotification,
  parseCaptureSummary,
  parseCpuLine,
  parseDiagnostic,
  parseDropSummary,
  parseL7,
  parsePolicyVerdict,
  parseRecorder,
  parseTraceSummary,
} from './monitor-events.js';
import { decodePacket, hexDumpLine } from './monitor-hexdump.js';
import { parseMonitorJson } from './monitor-json.js';
import { samples } from './monitor-samples.js';

const BANNER = new RegExp(`^${MONITOR_BANNER}$`);
const LAYER_LINE = new RegExp(String.raw`^\s*${LAYER_START}`);
/** Longest legitimate block: a 128-byte hex dump or an overlay dissection with trailers. */
const MAX_BLOCK_LINES = 64;

/** A dissection being collected: lines, layers merged so far, and raw bytes of a hex dump. */
interface Block {
  refs: LineRef[];
  dissection: Dissection;
  hex: number[];
}

interface OpenHeader extends Block {
  at: LineRef;
  /** Capture and recorder headers always precede their dissection. */
  headerFirst: boolean;
}

function newBlock(): Block {
  return { refs: [], dissection: emptyDissection(), hex: [] };
}

function lineRecord(type: MonitorLineType, extra: Partial<MonitorLine> = {}): MonitorLine {
  return { kind: 'monitor-line', type, layer: null, fields: null, eventAt: null, dissection: null, ...extra };
}

function snapshot(d: Dissection): Dissection {
  return { ...d, layers: [...d.layers] };
}

function readEvent(text: string): MonitorEvent | null {
  switch (text.charCodeAt(0)) {
    case 0x43 /* C */:
      return parseCpuLine(text);
    case 0x78 /* x */:
      return parseDropSummary(text);
    case 0x2d /* - */:
    case 0x3c /* < */:
      return parseTraceSummary(text) ?? parseL7(text) ?? parseCaptureSummary(text);
    case 0x3f /* ? */:
      return parseL7(text);
    case 0x3d /* = */:
      return parseCaptureSummary(text);
    case 0x50 /* P */:
      return parsePolicyVerdict(text);
    case 0x3e /* > */:
      return parseAgentNotification(text);
    case 0x7b /* { */:
      return parseMonitorJson(text);
    case 0x52 /* R */:
      return parseRecorder(text);
    case 0x55 /* U */:
    case 0x63 /* c */:
    case 0x45 /* E */:
    case 0x65 /* e */:
      return parseDiagnostic(text);
    default:
      return null;
  }
}

/** A layer line's fields as its record keeps them: the newest releases' glued trace id among them. */
function layerFields(layer: LayerLine): Record<string, string> {
  return layer.traceId === null ? layer.fields : { ...layer.fields, 'IP-TRACE-ID': layer.traceId };
}

const hexDumpFields = (offset: number): Record<string, string> => ({ offset: String(offset) });

const bannerFields = (banner: RegExpExecArray): Record<string, string> => ({ cpus: banner[1]!, pages: banner[2]!, pageSize: banner[3]! });

class MonitorSession implements GrammarSession {
  private captureSession = 0;
  /** Which way this capture prints blocks, once seen: it settles ambiguous (separator-less) pastes. */
  private order: 'unknown' | 'header-first' | 'dissection-first' = 'unknown';
  /** Dissection lines waiting for the header printed after them. */
  private pending: (Block & { crossedSeparator: boolean }) | null = null;
  /** The verbose header whose dissection may follow it (the previous line was it or its block). */
  private open: OpenHeader | null = null;

  feed(line: LogicalLine): FeedResult {
    // Pastes add trailing spaces the monitor never prints.
    const text = line.text.trimEnd();
    const event = readEvent(text);
    if (event) return this.onEvent(event, line);
    if (LAYER_LINE.test(text)) {
      const layer = parseLayerLine(text);
      if (!layer) return { ok: false, reason: 'malformed dissection layer line' };
      return this.onDissectionLine(line, 'layer', layer.layer, layerFields(layer), (b) => applyLayer(b.dissection, layer.layer, layer.fields));
    }
    const trailer = DISSECTION_TRAILER.exec(text);
    if (trailer) return this.onDissectionLine(line, 'trailer', null, null, (b) => applyTrailer(b.dissection, trailer));
    const hex = hexDumpLine(text);
    if (hex) {
      return this.onDissectionLine(line, 'hexdump', null, hexDumpFields(hex.offset), (b) => {
        b.hex.push(...hex.bytes);
        b.dissection = decodePacket(b.hex);
      });
    }
    return this.onStreamLine(text);
  }

  private onEvent(event: MonitorEvent, line: LogicalLine): FeedResult {
    event.captureSession = this.captureSession;
    const at = { line: line.line, segment: line.segment };
    const verbose = event.form === 'verbose' || event.type === 'recorder';
    this.open = null;
    if (!verbose) {
      this.pending = null;
      return { ok: true, records: [event] };
    }
    const headerFirst = event.type === 'capture' || event.type === 'recorder';
    if (this.pending && event.type !== 'recorder') {
      event.dissection = this.pending.dissection;
      event.adopts = this.pending.refs;
      if (!headerFirst) this.order = 'dissection-first';
      this.pending = null;
    } else {
      this.pending = null;
      this.open = { ...newBlock(), at, headerFirst };
    }
    return { ok: true, records: [event] };
  }

  private onDissectionLine(
    line: LogicalLine,
    type: MonitorLineType,
    layer: string | null,
    fields: Record<string, string> | null,
    apply: (block: Block) => void,
  ): FeedResult {
    const ref = { line: line.line, segment: line.segment };
    const open = this.open;
    if (open && (open.headerFirst || this.order !== 'dissection-first') && open.refs.length < MAX_BLOCK_LINES) {
      apply(open);
      open.refs.push(ref);
      if (!open.headerFirst) this.order = 'header-first';
      const record = lineRecord(type, { layer, fields, eventAt: open.at, dissection: snapshot(open.dissection) });
      return { ok: true, records: [record] };
    }
    this.open = null;
    const restart =
      !this.pending || this.pending.refs.length >= MAX_BLOCK_LINES || (this.pending.crossedSeparator && type !== 'trailer');
    if (restart) this.pending = { ...newBlock(), crossedSeparator: false };
    apply(this.pending!);
    this.pending!.refs.push(ref);
    return { ok: true, records: [lineRecord(type, { layer, fields })] };
  }

  private onStreamLine(text: string): FeedResult {
    this.open = null;
    if (SEPARATOR.test(text)) {
      if (this.pending) this.pending.crossedSeparator = true;
      return { ok: true, records: [lineRecord('separator')] };
    }
    const banner = BANNER.exec(text);
    if (banner || text === 'Press Ctrl-C to quit') {
      if (banner) {
        this.captureSession++;
        this.order = 'unknown';
      }
      this.pending = null;
      const fields = banner ? bannerFields(banner) : null;
      return { ok: true, records: [lineRecord('banner', { fields })] };
    }
    this.pending = null;
    if (text === '----') return { ok: true, records: [lineRecord('recorder-end')] };
    if (text === 'Received an interrupt, disconnecting from monitor...' || INTERRUPT_ECHO.test(text)) {
      return { ok: true, records: [lineRecord('interrupt')] };
    }
    return { ok: false, reason: 'not a cilium monitor line shape' };
  }
}

/**
 * The event a line prints, read on its own: what the session records for it, but for the capture
 * session and the dissection it gathers from the lines around it. Null when the line is no event.
 */
export function parseMonitorEvent(text: string): MonitorEvent | null {
  return readEvent(text.trimEnd());
}

/** The layer and fields a monitor line that is no event records (dissection layer, hex dump, banner). */
export function monitorLineFields(text: string): { layer: string | null; fields: Record<string, string> | null } {
  const trimmed = text.trimEnd();
  if (LAYER_LINE.test(trimmed)) {
    const layer = parseLayerLine(trimmed);
    return layer ? { layer: layer.layer, fields: layerFields(layer) } : { layer: null, fields: null };
  }
  if (DISSECTION_TRAILER.test(trimmed)) return { layer: null, fields: null };
  const hex = hexDumpLine(trimmed);
  if (hex) return { layer: null, fields: hexDumpFields(hex.offset) };
  const banner = BANNER.exec(trimmed);
  return { layer: null, fields: banner ? bannerFields(banner) : null };
}

export const monitorGrammar: Grammar = {
  format: 'monitor',
  samples,
  open: () => new MonitorSession(),
};
