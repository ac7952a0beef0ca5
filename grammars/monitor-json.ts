/**
 * `cilium monitor -j` objects (monitor.md §4.3, §5.5, §7.3, §8.3, §11.3, §12.2, §14), one per line,
 * mapped onto the same event fields as the text forms.
 */
import { DISSECTION_LAYERS, type MONITOR_JSON_TYPES } from '../src/knowledge/monitor/index.js';
import type { MonitorEvent, MonitorEventType } from '../src/types/monitor.js';
import { applyLayer, emptyDissection, eventProtocol, parseLayerLine } from './monitor-dissection.js';
import { applyDebugMessage, applySummary, newEvent, setDropReason, setIdentities, setInterface } from './monitor-events.js';

type Json = Record<string, unknown>;

const TYPES: Readonly<Record<(typeof MONITOR_JSON_TYPES)[number], MonitorEventType>> = {
  drop: 'drop',
  trace: 'trace',
  debug: 'debug',
  capture: 'capture',
  logRecord: 'l7',
  agent: 'agent',
  debug_capture_error: 'error',
};

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

function cpuNumber(v: unknown): number | null {
  const m = typeof v === 'string' ? /^CPU (\d+):$/.exec(v) : null;
  return m ? Number(m[1]) : null;
}

/** Keys of the `summary` object: the dissection layers' names in lower case, outer to inner. */
const LAYER_KEYS = DISSECTION_LAYERS.map((layer) => layer.toLowerCase());

/** The `summary` object of drop/trace JSON: its layer strings are dissection lines. */
function applySummaryObject(e: MonitorEvent, summary: unknown): void {
  if (summary === null || typeof summary !== 'object') return;
  const s = summary as Json;
  const d = emptyDissection();
  for (const key of LAYER_KEYS) {
    const line = str(s[key]);
    const layer = line ? parseLayerLine(line) : null;
    if (layer) applyLayer(d, layer.layer, layer.fields);
  }
  if (d.layers.length === 0) return;
  e.dissection = d;
  e.srcIp = d.srcIp;
  e.dstIp = d.dstIp;
  e.srcPort = d.srcPort;
  e.dstPort = d.dstPort;
  e.protocol = d.protocol ? eventProtocol(d.protocol) : null;
  e.tcpFlags = d.tcpFlags;
  e.icmpType = d.icmpType;
}

function setEndpointsAndLabels(e: MonitorEvent, o: Json): void {
  e.sourceEndpoint = num(o['source']);
  e.length = num(o['bytes']);
  const src = num(o['srcLabel']);
  const dst = num(o['dstLabel']);
  setIdentities(e, src === null ? undefined : String(src), dst === null ? undefined : String(dst));
}

/** Parses a monitor JSON object line; null when it is not one. */
export function parseMonitorJson(text: string): MonitorEvent | null {
  let o: Json;
  try {
    const v: unknown = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
    o = v as Json;
  } catch {
    return null;
  }
  const printed = str(o['type']);
  const type = printed !== null && Object.hasOwn(TYPES, printed) ? TYPES[printed as keyof typeof TYPES] : undefined;
  if (!type) return null;
  const e = newEvent(type, 'json');
  e.cpu = cpuNumber(o['cpu']);
  e.mark = str(o['mark']);
  switch (str(o['type'])) {
    case 'drop': {
      setEndpointsAndLabels(e, o);
      const reason = str(o['reason']);
      if (reason !== null) setDropReason(e, reason);
      if (num(o['ExtError'])) e.extError = num(o['ExtError']);
      const dstId = num(o['dstID']);
      e.destEndpoint = dstId === 0 ? null : dstId;
      e.bpfLine = num(o['Line']);
      e.ifindex = num(o['Ifindex']);
      // Before 1.5 the drop JSON named the interface as the verbose header did: `"ifindex":"eth0"`.
      const ifToken = str(o['ifindex']);
      if (ifToken !== null && ifToken !== '0') setInterface(e, ifToken);
      e.traceId = o['IPTraceID'] !== undefined ? String(o['IPTraceID']) : null;
      // `File` is a numeric id whose meaning changed between releases (§4.5): kept as a detail.
      if (o['File'] !== undefined) e.details = { fileId: o['File'] };
      applySummaryObject(e, o['summary']);
      break;
    }
    case 'trace': {
      setEndpointsAndLabels(e, o);
      e.obsPoint = str(o['observationPoint']);
      e.traceState = str(o['state']);
      const ifToken = str(o['ifindex']);
      if (ifToken !== null && ifToken !== '0') setInterface(e, ifToken);
      const dstId = num(o['dstID']);
      if (dstId) {
        if (e.obsPoint === 'to-proxy') e.proxyPort = dstId;
        else e.destEndpoint = dstId;
      }
      const traceId = num(o['IpTraceID']);
      e.traceId = traceId ? String(traceId) : null;
      e.details = { traceSummary: o['traceSummary'] };
      applySummaryObject(e, o['summary']);
      break;
    }
    case 'debug':
      applyDebugMessage(e, str(o['message']) ?? '');
      break;
    case 'capture': {
      setEndpointsAndLabels(e, o);
      e.subtype = str(o['message']);
      const summary = str(o['summary']);
      if (summary !== null) applySummary(e, summary);
      if (o['prefix'] !== undefined) e.details = { prefix: o['prefix'] };
      break;
    }
    case 'logRecord': {
      e.l7Type = str(o['flowType']);
      e.l7Protocol = str(o['l7Proto']);
      e.subtype = str(o['observationPoint'])?.toLowerCase() ?? null;
      e.sourceEndpoint = num(o['srcEpID']);
      e.destEndpoint = num(o['dstEpID']);
      const src = num(o['srcIdentity']);
      const dst = num(o['dstIdentity']);
      setIdentities(e, src === null ? undefined : String(src), dst === null ? undefined : String(dst));
      e.verdict = str(o['verdict']);
      e.details = { srcLabels: o['srcEpLabels'], dstLabels: o['dstEpLabels'] };
      for (const k of ['http', 'kafka', 'dns', 'l7']) if (o[k] !== undefined) e.details[k] = o[k];
      break;
    }
    case 'agent':
      e.subtype = str(o['subtype']);
      e.details = o['message'] !== null && typeof o['message'] === 'object' ? (o['message'] as Json) : null;
      e.message = JSON.stringify(o['message'] ?? null);
      break;
    default:
      e.message = str(o['message']);
  }
  return e;
}
