/**
 * tcpdump text output (4.9 – 5.x): every timestamp option, `-i any`, `-e`, `-v`/`-vv`, VXLAN /
 * OTV / Geneve with their inner frames, and tcpdump's own status lines.
 *
 *   listening on eth0, link-type EN10MB (Ethernet), capture size 262144 bytes
 *   20:11:43.981031 IP 10.0.0.250.40418 > 10.0.1.60.80: Flags [S], seq 3978619682, win 64860, options [mss 1410,sackOK,TS val 2911480627 ecr 0,nop,wscale 7], length 0
 *   05:45:25.630584 eth0  Out IP 172.18.0.2.41121 > 172.18.0.3.8472: OTV, flags [I] (0x08), overlay 0, instance 42
 *   ARP, Request who-has 10.10.0.2 tell 10.10.0.1, length 28
 *   2 packets captured
 *
 * A packet starts on a line with a timestamp (or, with -t, with its first protocol token) and is
 * emitted once the lines it needs have arrived (the -v second line, the inner frame, the -v HTTP
 * request line, the quoted datagram). Later indented lines (HTTP headers, hex dumps, ND options)
 * become details attached to it.
 */
import { describeCommand } from './shell.js';
import type { FeedResult, Grammar, GrammarSession } from '../src/types/grammar.js';
import type { LogicalLine } from '../src/types/lines.js';
import type {
  PacketLayers,
  PacketTimestamp,
  TcpdumpDetail,
  TcpdumpPacket,
  TcpdumpRecord,
  TcpdumpStatus,
} from '../src/types/tcpdump.js';
import { Cursor, DateTime, Epoch, LParen, Time } from './tcpdump-lexer.js';
import { readCookedHeader, readFrame, resume, type Need } from './tcpdump-packet.js';
import { TcpSequenceReplay } from './tcpdump-seq.js';

const STATUS: [RegExp, TcpdumpStatus['status']][] = [
  [/^(?:tcpdump: )?listening on (\S+), link-type (\S+)/, 'listening'],
  [/^reading from file (\S+), link-type (\S+)/, 'listening'],
  [/^tcpdump: verbose output suppressed/, 'verbose-suppressed'],
  [/^(?:\^C\s*)?(\d+) packets? captured/, 'packets-captured'],
  [/^(\d+) packets? received by filter/, 'packets-received'],
  [/^(\d+) packets? dropped by (?:kernel|interface)/, 'packets-dropped'],
  [/^\^C\s*$/, 'interrupted'],
  [/^tcpdump: /, 'message'],
];

export function readStatus(text: string): TcpdumpStatus | null {
  for (const [re, status] of STATUS) {
    const m = re.exec(text);
    if (!m) continue;
    const record: TcpdumpStatus = { kind: 'tcpdump-status', status };
    if (status === 'listening') {
      record.iface = m[1]!;
      record.linkType = m[2]!;
    } else if (m[1] !== undefined) record.count = Number(m[1]);
    return record;
  }
  return null;
}

function readTimestamp(cur: Cursor): PacketTimestamp | null {
  const t = cur.peek();
  if (!t) return null;
  let ts: PacketTimestamp;
  if (t.tokenType === Time) {
    const [h, m, s] = t.image.split(':');
    ts = { printed: t.image, kind: 'time-of-day', seconds: Number(h) * 3600 + Number(m) * 60 + Number(s) };
  } else if (t.tokenType === DateTime) {
    const [date, time] = t.image.split(' ');
    const [y, mo, d] = date!.split('-').map(Number);
    const [h, mi, s] = time!.split(':');
    const whole = Date.UTC(y!, mo! - 1, d!, Number(h), Number(mi)) / 1000;
    ts = { printed: t.image, kind: 'date-time', seconds: whole + Number(s) };
  } else if (t.tokenType === Epoch) {
    ts = { printed: t.image, kind: 'epoch', seconds: Number(t.image) };
  } else return null;
  cur.next();
  // `17:16:10.1000000 (invalid us)`: tcpdump flags a bad fraction and prints the packet anyway.
  if (cur.is(LParen) && cur.isWord('invalid', 1)) cur.group();
  return ts;
}

const HEX_LINE = /^\s+0x[0-9a-fA-F]{4}:\s/;
const ND_OPTION = /^\t {2}([\w -]+?) option \(\d+\), length \d+(?: \(\d+\))?(?:: (\S+))?/;
const HTTP_HEADER = /^\t([\w-]+): ?(.*)$/;
/** Column-0 lines that are a packet of their own under -t. */
const UNSTAMPED = /^(?:IP6? |ARP, |[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5} > |[\w.@-]+ +(?:In|Out|B|M|P) +(?:IP6? |ARP, |ifindex ))/;

interface PendingPacket {
  packet: TcpdumpPacket;
  need: Need;
  lines: string[];
}

class TcpdumpSession implements GrammarSession {
  private readonly cur = new Cursor();
  private readonly replay = new TcpSequenceReplay();
  private pending: PendingPacket | null = null;
  private last: { line: number; segment: number; http: boolean } | null = null;

  feed(line: LogicalLine): FeedResult {
    const text = line.text.replace(/\s+\^C\s*$/, '');
    const records: TcpdumpRecord[] = [];
    if (this.pending) {
      const done = this.continuePending(text);
      if (done) return { ok: true, records: done };
      const { packet, lines } = this.pending;
      records.push(this.emit(packet, lines, 'incomplete: the continuation line it needs is missing'));
    }
    const status = readStatus(text);
    if (status) {
      this.last = null;
      records.push(status);
      return { ok: true, records };
    }
    const indented = text.charCodeAt(0) === 0x09 || text.charCodeAt(0) === 0x20;
    if (!indented) {
      const started = this.start(line, text);
      if (started === false) {
        return records.length > 0 ? { ok: true, records } : { ok: false, reason: 'not a tcpdump packet line' };
      }
      if (started) records.push(started);
      return { ok: true, records };
    }
    const detail = this.detail(text);
    if (!detail) return records.length > 0 ? { ok: true, records } : { ok: false, reason: 'continuation line without a packet' };
    records.push(detail);
    return { ok: true, records };
  }

  onCommand(command: string): void {
    const capture = describeCommand(command)?.capture;
    if (capture) this.replay.absolute = capture.absoluteSeq;
  }

  end(): TcpdumpRecord[] {
    if (!this.pending) return [];
    const { packet, lines } = this.pending;
    return [this.emit(packet, lines, 'incomplete: the input ended before the continuation line it needs')];
  }

  /** A packet's first line: null when it waits for its continuation, false when not a packet. */
  private start(line: LogicalLine, text: string): TcpdumpPacket | null | false {
    const cur = this.cur.reset(text);
    const ts = readTimestamp(cur);
    if (!ts && !UNSTAMPED.test(text)) return false;
    const packet: TcpdumpPacket = {
      kind: 'tcpdump-packet',
      ts,
      line: line.line,
      segment: line.segment,
      text,
    };
    readCookedHeader(cur, packet);
    const result = readFrame(cur, packet);
    if (result === false) {
      if (!ts) return false;
      packet.info = cur.rest();
      packet.note = 'unrecognised packet text';
    } else if (result) {
      this.pending = { packet, need: result, lines: [text] };
      return null;
    }
    return this.emit(packet, [text]);
  }

  /** Feeds a line to the waiting packet; the records to return when the line belonged to it. */
  private continuePending(text: string): TcpdumpRecord[] | null {
    const pending = this.pending!;
    const cur = this.cur.reset(text);
    const result = resume(pending.need, cur, text);
    if (result === false) return null;
    pending.lines.push(text);
    if (result) {
      pending.need = result;
      return [];
    }
    return [this.emit(pending.packet, pending.lines)];
  }

  private emit(packet: TcpdumpPacket, lines: string[], note?: string): TcpdumpPacket {
    this.pending = null;
    packet.text = lines.join('\n');
    if (note) packet.note = note;
    this.replay.apply(packet);
    this.last = { line: packet.line, segment: packet.segment, http: hasHttp(packet) };
    return packet;
  }

  private detail(text: string): TcpdumpDetail | null {
    if (!this.last) return null;
    const base = { kind: 'tcpdump-detail' as const, packetLine: this.last.line, packetSegment: this.last.segment };
    if (HEX_LINE.test(text)) return { ...base, detail: 'hex' };
    let m = ND_OPTION.exec(text);
    if (m) return { ...base, detail: 'nd-option', name: m[1]!, ...(m[2] ? { value: m[2] } : {}) };
    if (this.last.http && (m = HTTP_HEADER.exec(text))) return { ...base, detail: 'http-header', name: m[1]!, value: m[2]! };
    return { ...base, detail: 'other' };
  }
}

function hasHttp(packet: TcpdumpPacket): boolean {
  let layer: PacketLayers | undefined = packet;
  while (layer) {
    if (layer.tcp?.http) return true;
    layer = layer.encap?.inner;
  }
  return false;
}

export const tcpdumpGrammar: Grammar = {
  format: 'tcpdump',
  samples: [
    'listening on eth0, link-type EN10MB (Ethernet), capture size 262144 bytes',
    '20:11:43.981031 IP 10.0.0.250.40418 > 10.0.1.60.80: Flags [S], seq 3978619682, win 64860, options [mss 1410,sackOK,TS val 2911480627 ecr 0,nop,wscale 7], length 0',
    '16:55:19.281236 86:62:55:e0:8a:5e > fa:fb:bb:ab:82:72, ethertype IPv4 (0x0800), length 74: 10.0.1.60.80 > 10.0.0.250.52724: Flags [S.], seq 3924940845, ack 289137643, win 64308, options [mss 1410,sackOK,TS val 2455727274 ecr 3072495928,nop,wscale 7], length 0',
    '20:43:29.150560 ARP, Request who-has 10.0.0.175 tell 10.0.0.250, length 28',
    '05:45:25.630530 lxc8a2f1b7c9d3e In  ifindex 3 0a:58:0a:f4:01:0a ethertype IPv4 (0x0800), length 104: 10.244.1.10 > 10.244.2.20: ICMP echo request, id 12093, seq 1, length 64',
    '2026-11-22 05:45:22.677636 IP 172.18.0.2.35416 > 172.18.0.3.53: 56522+ A? kubernetes.default.svc.cluster.local. (54)',
    '05:45:33.028286 IP 172.18.0.2.32954 > 172.18.0.3.6081: Geneve, Flags [none], vni 0x3039: IP 10.244.1.10 > 10.244.2.20: ICMP echo request, id 12287, seq 1, length 64',
    '2 packets captured',
  ],
  open: () => new TcpdumpSession(),
};
