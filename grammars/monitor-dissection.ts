/**
 * `cilium monitor -vv` packet dissection lines (monitor.md §13): one gopacket layer per line,
 * `Layer<TAB>{Field=value …}` (samples in monitor-samples.ts),
 * and the merge of a block's layers into one `Dissection` (inner packet first-class, overlay
 * outer headers under `tunnel`). Lexed with two modes (layer name / inside the braces) and parsed
 * by one reused chevrotain parser: values may contain spaces (`EchoRequest(Code: 3)`, TCP option
 * lists), so a field runs until the next `Key=` token.
 */
import type { IToken } from 'chevrotain';
import { createToken, EmbeddedActionsParser, Lexer } from './chevrotain.js';
import { DISSECTION_LAYERS } from '../src/knowledge/monitor/index.js';
import type { Dissection } from '../src/types/monitor.js';


const Gap = createToken({ name: 'Gap', pattern: /[ \t]+/, group: Lexer.SKIPPED });
/** Newest releases glue ` [ IP-TRACE-ID=N` (no closing bracket) to the first layer line. */
const TraceIdPrefix = createToken({ name: 'TraceIdPrefix', pattern: /\[ IP-TRACE-ID=\d+/ });
const LayerName = createToken({ name: 'LayerName', pattern: new RegExp(DISSECTION_LAYERS.join('|')) });
const LBrace = createToken({ name: 'LBrace', pattern: /\{/, push_mode: 'fields' });
const FieldKey = createToken({ name: 'FieldKey', pattern: /[A-Z][A-Za-z0-9]*=/ });
const ListValue = createToken({ name: 'ListValue', pattern: /\[[^\]]*\]/ });
const Word = createToken({ name: 'Word', pattern: /[^\s{}[\]]+/ });
const RBrace = createToken({ name: 'RBrace', pattern: /\}/, pop_mode: true });

const lexer = new Lexer(
  {
    modes: {
      layer: [Gap, TraceIdPrefix, LayerName, LBrace],
      fields: [Gap, FieldKey, ListValue, RBrace, Word],
    },
    defaultMode: 'layer',
  },
  { positionTracking: 'onlyOffset', ensureOptimizations: false },
);

export interface LayerLine {
  traceId: string | null;
  layer: string;
  fields: Record<string, string>;
}

class LayerLineParser extends EmbeddedActionsParser {
  constructor() {
    super([Gap, TraceIdPrefix, LayerName, LBrace, FieldKey, ListValue, Word, RBrace], { recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  readonly layerLine = this.RULE('layerLine', (): LayerLine => {
    let traceId: string | null = null;
    this.OPTION(() => {
      const t = this.CONSUME(TraceIdPrefix).image;
      traceId = t.slice(t.indexOf('=') + 1);
    });
    const layer = this.CONSUME(LayerName).image;
    this.CONSUME(LBrace);
    const fields: Record<string, string> = {};
    this.MANY(() => {
      const key = this.CONSUME(FieldKey).image.slice(0, -1);
      const parts: string[] = [];
      this.MANY2(() => {
        const v: IToken = this.OR([{ ALT: () => this.CONSUME(ListValue) }, { ALT: () => this.CONSUME(Word) }]);
        parts.push(v.image);
      });
      this.ACTION(() => {
        fields[key] = parts.join(' ');
      });
    });
    this.CONSUME(RBrace);
    return { traceId, layer, fields };
  });
}

const parser = new LayerLineParser();

/** Parses one dissection layer line; null when it is not one. */
export function parseLayerLine(text: string): LayerLine | null {
  const lexed = lexer.tokenize(text);
  if (lexed.errors.length > 0) return null;
  parser.input = lexed.tokens;
  const line = parser.layerLine();
  return parser.errors.length > 0 ? null : line;
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
