/**
 * `cilium monitor -vv` packet dissection lines (monitor.md §13): one gopacket layer per line,
 * `Layer<TAB>{Field=value …}` (samples in monitor-samples.ts),
 * and the merge of a block's layers into one `Dissection` (inner packet first-class, overlay
 * outer headers under `tunnel`). A layer line is read in one pass, left to right.
 */
import { DISSECTION_LAYERS } from '../src/knowledge/monitor/index.js';
import type { Dissection } from '../src/types/monitor.js';
import { isSpace } from './text-chars.js';

export interface LayerLine {
  traceId: string | null;
  layer: string;
  fields: Record<string, string>;
}

/** Newest releases glue ` [ IP-TRACE-ID=N` (no closing bracket) to the first layer line. */
const TRACE_ID_PREFIX = /\[ IP-TRACE-ID=(\d+)/y;
const LAYER_NAME = new RegExp(DISSECTION_LAYERS.join('|'), 'y');

const isGap = (c: number): boolean => c === 0x20 || c === 0x09;

function skipGaps(text: string, i: number): number {
  while (isGap(text.charCodeAt(i))) i++;
  return i;
}

/** JavaScript's `\s`, and the braces and brackets: what ends a field value's word. */
const endsWord = (c: number): boolean => c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || isSpace(c);

/** `Key=` at `i` (a capital, then letters and digits): the offset after the `=`, or -1. */
function fieldKeyEnd(text: string, i: number): number {
  let c = text.charCodeAt(i);
  if (!(c >= 0x41 && c <= 0x5a)) return -1;
  for (c = text.charCodeAt(++i); (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a); c = text.charCodeAt(++i));
  return c === 0x3d ? i + 1 : -1;
}

/**
 * Parses one dissection layer line; null when it is not one. `Layer {Key=value …}`: a value runs
 * until the next `Key=` (values may hold spaces: `EchoRequest(Code: 3)`, TCP option lists), a
 * `[…]` list is one part of a value whatever it holds, and nothing but blanks may follow the `}`.
 */
export function parseLayerLine(text: string): LayerLine | null {
  let i = skipGaps(text, 0);
  let traceId: string | null = null;
  TRACE_ID_PREFIX.lastIndex = i;
  const trace = TRACE_ID_PREFIX.exec(text);
  if (trace) {
    traceId = trace[1]!;
    i = skipGaps(text, TRACE_ID_PREFIX.lastIndex);
  }
  LAYER_NAME.lastIndex = i;
  const name = LAYER_NAME.exec(text);
  if (!name) return null;
  i = skipGaps(text, LAYER_NAME.lastIndex);
  if (text.charCodeAt(i) !== 0x7b) return null;
  const fields: Record<string, string> = {};
  let key: string | null = null;
  // A value's parts joined by one space; most values are one part.
  let value = '';
  let parts = 0;
  const close = (): void => {
    if (key !== null) fields[key] = value;
  };
  for (i = skipGaps(text, i + 1); ; i = skipGaps(text, i)) {
    if (i >= text.length) return null;
    const keyEnd = fieldKeyEnd(text, i);
    if (keyEnd !== -1) {
      close();
      key = text.slice(i, keyEnd - 1);
      value = '';
      parts = 0;
      i = keyEnd;
      continue;
    }
    const c = text.charCodeAt(i);
    let end: number;
    if (c === 0x5b) {
      end = text.indexOf(']', i + 1) + 1;
      if (end === 0) return null;
    } else if (c === 0x7d) break;
    else {
      for (end = i; end < text.length && !endsWord(text.charCodeAt(end)); end++);
      if (end === i) return null;
    }
    // A value before any key is not a layer line.
    if (key === null) return null;
    value = parts++ === 0 ? text.slice(i, end) : `${value} ${text.slice(i, end)}`;
    i = end;
  }
  close();
  return skipGaps(text, i + 1) === text.length ? { traceId, layer: name[0], fields } : null;
}

// ---- merging layers into a dissection ------------------------------------------------------

export function emptyDissection(): Dissection {
  return {
    layers: [], srcMac: null, dstMac: null, etherType: null, ipVersion: null, srcIp: null, dstIp: null,
    ttl: null, ipId: null, ipFlags: null, ipLength: null, protocol: null, srcPort: null, dstPort: null,
    tcpFlags: null, tcpSeq: null, tcpAck: null, tcpWindow: null, icmpType: null, icmpId: null,
    icmpSeq: null, udpLength: null, tunnel: null, truncated: false, decodeError: null,
  };
}

function num(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number.parseInt(v, 10);
  return Number.isNaN(n) ? null : n;
}

/** TCP flags in the order the connection summary prints them, then the rest. */
export const TCP_FLAG_ORDER = ['SYN', 'ACK', 'RST', 'FIN', 'PSH', 'URG', 'ECE', 'CWR', 'NS'] as const;

/** Adds one layer's fields to the block's dissection (in place). */
export function applyLayer(d: Dissection, layer: string, f: Record<string, string>): void {
  d.layers.push(layer);
  switch (layer) {
    case 'Ethernet':
      d.srcMac = f['SrcMAC'] ?? null;
      d.dstMac = f['DstMAC'] ?? null;
      d.etherType = f['EthernetType'] ?? null;
      break;
    case 'IPv4':
    case 'IPv6':
      d.ipVersion = layer === 'IPv4' ? 4 : 6;
      d.srcIp = f['SrcIP'] ?? null;
      d.dstIp = f['DstIP'] ?? null;
      d.ttl = num(layer === 'IPv4' ? f['TTL'] : f['HopLimit']);
      d.ipId = layer === 'IPv4' ? num(f['Id']) : null;
      d.ipFlags = f['Flags'] || null;
      d.ipLength = num(f['Length']);
      d.protocol = (layer === 'IPv4' ? f['Protocol'] : f['NextHeader']) ?? null;
      break;
    case 'TCP':
      d.srcPort = num(f['SrcPort']);
      d.dstPort = num(f['DstPort']);
      d.tcpFlags = TCP_FLAG_ORDER.filter((flag) => f[flag] === 'true').join(',');
      d.tcpSeq = num(f['Seq']);
      d.tcpAck = num(f['Ack']);
      d.tcpWindow = num(f['Window']);
      break;
    case 'UDP':
    case 'SCTP':
      d.srcPort = num(f['SrcPort']);
      d.dstPort = num(f['DstPort']);
      if (layer === 'UDP') d.udpLength = num(f['Length']);
      break;
    case 'ICMPv4':
    case 'ICMPv6':
      d.icmpType = f['TypeCode'] ?? null;
      if (layer === 'ICMPv4') {
        d.icmpId = num(f['Id']);
        d.icmpSeq = num(f['Seq']);
      }
      break;
    case 'VXLAN':
    case 'Geneve': {
      // The layers so far were the outer packet; the ones that follow describe the inner packet.
      const tunnel = {
        protocol: layer === 'VXLAN' ? ('vxlan' as const) : ('geneve' as const),
        srcIp: d.srcIp,
        dstIp: d.dstIp,
        vni: num(f['VNI']),
      };
      Object.assign(d, { ...emptyDissection(), layers: d.layers, tunnel });
      break;
    }
    default:
      break;
  }
}

/** Adds a trailer line read by DISSECTION_TRAILER (`  Packet has been truncated`, `  Failed to decode layer: …`). */
export function applyTrailer(d: Dissection, trailer: RegExpExecArray): void {
  if (trailer[1] !== undefined) d.decodeError = trailer[1];
  else if (trailer[0].trim() === 'Packet has been truncated') d.truncated = true;
}

/** Lower-case protocol name of the event from the IP layer's protocol (`ICMPv4` → `icmp`). */
export function eventProtocol(ipProtocol: string): string {
  switch (ipProtocol) {
    case 'ICMPv4':
      return 'icmp';
    case 'ICMPv6':
      return 'icmpv6';
    default:
      return ipProtocol.toLowerCase();
  }
}
