/**
 * `cilium monitor` / `cilium-dbg monitor` output at every verbosity (spec: monitor.md), 1.9 → main:
 *
 *   Listening for events on 8 CPUs with 64x4096 of shared memory
 *   ------------------------------------------------------------------------------
 *   Ethernet	{Contents=[..14..] Payload=[..86..] SrcMAC=c6:dc:81:06:fc:cb DstMAC=1e:ea:b6:69:74:23 EthernetType=IPv4 Length=0}
 *   IPv4	{… TTL=63 Protocol=ICMPv4 … SrcIP=10.244.0.102 DstIP=10.244.0.25 Options=[] Padding=[]}
 *   ICMPv4	{Contents=[..8..] Payload=[..56..] TypeCode=EchoRequest Checksum=11788 Id=12544 Seq=0}
 *   CPU 03: MARK 0x0 FROM 149 to-endpoint: 98 bytes (98 captured), state new, interface lxc1ddf0c103b7bidentity 22099->11575, orig-ip 10.244.0.102, to endpoint 149
 *   CPU 03: MARK 0x0 FROM 149 DEBUG: Conntrack lookup 1/2: src=10.244.0.25:0 dst=10.244.0.102:12544
 *   xx drop (Policy denied) flow 0x0 to endpoint 812, , identity 22871->30012: 10.0.4.52:38817 -> 10.0.4.12:9153 tcp SYN
 *   {"cpu":"CPU 03:","type":"debug","message":"CT verdict: New, revnat=0"}
 *
 * The session attaches each `-vv` dissection block to its verbose header (§2.6): releases
 * ≈ 1.9–1.18 print the dissection *before* the header, the newest and capture/recorder headers
 * print it after. Lines printed before their header are kept pending and adopted by the next
 * header; lines printed after it name the header they belong to (`eventAt`).
 */
import { DISSECTION_TRAILER, LAYER_START, MONITOR_BANNER, SEPARATOR } from '../src/knowledge/monitor/index.js';
import type { FeedResult, Grammar, GrammarSession } from '../src/types/grammar.js';
import type { LogicalLine } from '../src/types/lines.js';
import type { Dissection, LineRef, MonitorEvent, MonitorLine, MonitorLineType } from '../src/types/monitor.js';
import { applyLayer, applyTrailer, emptyDissection, parseLayerLine } from './monitor-dissection.js';
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

class MonitorSession implements GrammarSession {
  private captureSession = 0;
  /** Which way this capture prints blocks, once seen: it settles ambiguous (separator-less) pastes. */
  private order: 'unknown' | 'header-first' | 'dissection-first' = 'unknown';
  /** Dissection lines waiting for the header printed after them. */
  private pending: (Block & { crossedSeparator: boolean }) | null = null;
  /** The verbose header whose dissection may follow it (the previous line was it or its block). */
  private open: OpenHeader | null = null;

  feed(line: LogicalLine): FeedResult {
    const text = line.text;
    const event = this.parseEvent(text);
    if (event) return this.onEvent(event, line);
    if (LAYER_LINE.test(text)) {
      const layer = parseLayerLine(text);
      if (!layer) return { ok: false, reason: 'malformed dissection layer line' };
      const fields = layer.traceId === null ? layer.fields : { ...layer.fields, 'IP-TRACE-ID': layer.traceId };
      return this.onDissectionLine(line, 'layer', layer.layer, fields, (b) => applyLayer(b.dissection, layer.layer, layer.fields));
    }
    const trailer = DISSECTION_TRAILER.exec(text);
    if (trailer) return this.onDissectionLine(line, 'trailer', null, null, (b) => applyTrailer(b.dissection, trailer));
    const hex = hexDumpLine(text);
    if (hex) {
      return this.onDissectionLine(line, 'hexdump', null, { offset: String(hex.offset) }, (b) => {
        b.hex.push(...hex.bytes);
        b.dissection = decodePacket(b.hex);
      });
    }
    return this.onStreamLine(text);
  }

  private parseEvent(text: string): MonitorEvent | null {
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
      const fields = banner ? { cpus: banner[1]!, pages: banner[2]!, pageSize: banner[3]! } : null;
      return { ok: true, records: [lineRecord('banner', { fields })] };
    }
    this.pending = null;
    if (text === '----') return { ok: true, records: [lineRecord('recorder-end')] };
    if (text === 'Received an interrupt, disconnecting from monitor...') {
      return { ok: true, records: [lineRecord('interrupt')] };
    }
    return { ok: false, reason: 'not a cilium monitor line shape' };
  }
}

export const samples: readonly string[] = [
  'Listening for events on 8 CPUs with 64x4096 of shared memory',
  'Press Ctrl-C to quit',
  '------------------------------------------------------------------------------',
  'xx drop (Policy denied) flow 0x4f2c8a19 to endpoint 2954, identity world->17602: 198.51.100.23:49322 -> 10.0.1.87:8080 tcp SYN',
  'xx drop (FIB lookup failed, 4) flow 0x0 to endpoint 0, ifindex 2, file bpf_host.c:1190, , identity host->world: 192.168.10.101:39818 -> 203.0.113.9:443 tcp SYN',
  '-> endpoint 2931 flow 0x7b26d903 , identity 60417->22304 state reply ifindex lxc7e2b90c14d5a orig-ip 10.244.2.163: 10.244.2.163:80 -> 10.244.1.61:57012 tcp SYN, ACK',
  'CPU 03: MARK 0x0 FROM 149 to-endpoint: 98 bytes (98 captured), state new, interface lxc1ddf0c103b7bidentity 22099->11575, orig-ip 10.244.0.102, to endpoint 149',
  'CPU 02: MARK 0x0 FROM 2954 DROP: 74 bytes, reason Policy denied, identity 31205->17602, to endpoint 2954',
  'CPU 03: MARK 0x0 FROM 2073 DEBUG: Attempting local delivery for container id 149 from seclabel 22099',
  'CPU 00: MARK 0x3a9d2c41 FROM 612 DEBUG: 42 bytes, Delivery to ifindex 12',
  'CPU 03: [pre-xlate-fwd] cgroup_id: 16893 sock_cookie: 81542, dst [10.96.187.41]:80 tcp ',
  'CPU 02: Lost 7 events',
  'Policy verdict log: flow 0x6e3b19c4 local EP ID 1893, remote ID 19247, proto 17, egress, action redirect, auth: disabled, match L3-L4, 10.217.0.131:50733 -> 10.217.0.82:53 udp',
  '<- Request http from 2207 ([k8s:app=storefront k8s:io.kubernetes.pod.namespace=retail]) to 1148 ([k8s:app=inventory k8s:io.kubernetes.pod.namespace=retail]), identity 23511->15802, verdict Forwarded GET http://inventory:9090/stock/42 => 0',
  '>> Endpoint regenerated: {"id":1834,"labels":["k8s:app=payments","k8s:io.kubernetes.pod.namespace=prod"]}',
  '-> lxc_health: 26:7d:41:b0:9e:3c -> 5a:1e:9c:04:7b:e2 ARP',
  'Ethernet\t{Contents=[..14..] Payload=[..86..] SrcMAC=c6:dc:81:06:fc:cb DstMAC=1e:ea:b6:69:74:23 EthernetType=IPv4 Length=0}',
  'ICMPv4\t{Contents=[..8..] Payload=[..56..] TypeCode=EchoRequest Checksum=11788 Id=12544 Seq=0}',
  '  Failed to decode layer: No decoder for layer type Payload',
  '00000000  3a f1 08 9c 5e 27 b6 2d  7e 01 c4 58 08 00 45 00  |:...^\'.-~..X..E.|',
  'Recorder capture: dir:ingress rule:1 ts:8823145602391 caplen:74 len:74',
  '{"cpu":"CPU 03:","type":"debug","message":"Conntrack lookup 2/2: nexthdr=6 flags=1"}',
  'Received an interrupt, disconnecting from monitor...',
];

export const monitorGrammar: Grammar = {
  format: 'monitor',
  samples,
  open: () => new MonitorSession(),
};
