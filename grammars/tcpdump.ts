/**
 * tcpdump text output (4.9 – 5.x): every timestamp option, `-i any`, `-e`, `-v`/`-vv`, VXLAN /
 * OTV / Geneve with their inner frames, and tcpdump's own status lines; tcpdump-samples.ts shows
 * every shape with the records it gives.
 *
 * A packet starts on a line with a timestamp (or, with -t, with its first protocol token) and is
 * emitted once the lines it needs have arrived (the -v second line, the inner frame, the -v HTTP
 * request line, the quoted datagram). Later indented lines (HTTP headers, hex dumps, ND options)
 * become details attached to it.
 */
import { ANY_STATUS_LINE, NUMBERED_PACKET, STATUS_LINES, UNSTAMPED_PACKET, withTabRestored } from '../src/knowledge/tcpdump-lines.js';
import { DELTA_STAMP } from '../src/knowledge/tcpdump-timestamp.js';
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
import { samples } from './tcpdump-samples.js';
import { TcpSequenceReplay } from './tcpdump-seq.js';

export function readStatus(text: string): TcpdumpStatus | null {
  if (!ANY_STATUS_LINE.test(text)) return null;
  for (const [re, status] of STATUS_LINES) {
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

/**
 * The packet's stamp (util-print.c ts_print). A clock reading in the sign column (a space or `-`
 * before it, column 0 holding no digit) is a -ttt/-ttttt delta; at column 0, a time of day.
 */
function readTimestamp(cur: Cursor, deltaReference: PacketTimestamp['reference']): PacketTimestamp | null {
  const t = cur.peek();
  if (!t) return null;
  let ts: PacketTimestamp;
  if (t.tokenType === Time) {
    const negative = t.image.startsWith('-');
    const [h, m, s] = (negative ? t.image.slice(1) : t.image).split(':');
    const seconds = Number(h) * 3600 + Number(m) * 60 + Number(s);
    if (negative || t.startOffset === 1) {
      ts = { printed: t.image, kind: 'delta', seconds: negative ? -seconds : seconds };
      if (deltaReference) ts.reference = deltaReference;
    } else ts = { printed: t.image, kind: 'time-of-day', seconds };
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

/** `-x`/`-X` line (print-ascii.c): offset, 16-bit groups, and with -X the ASCII column. */
const HEX_LINE = /^\s+0x([0-9a-fA-F]{4}): ((?: [0-9a-fA-F]{4})*(?: [0-9a-fA-F]{2})?)(?: {2,}(\S+))?\s*$/;
const ND_OPTION = /^\t {2}([\w -]+?) option \(\d+\), length \d+(?: \(\d+\))?(?:: (\S+))?/;
const HTTP_HEADER = /^\t([\w-]+): ?(.*)$/;
/** A -ttt / -ttttt line: its stamp sits in the sign column. */
const DELTA_LINE = new RegExp(`^${DELTA_STAMP} `);

/**
 * Reads a packet's first line (`cur` holds it lexed): the packet, and what it needs from the next
 * line when tcpdump printed it over several; false when the line starts no packet.
 */
function startPacket(cur: Cursor, at: { line: number; segment: number }, deltaReference: PacketTimestamp['reference']): { packet: TcpdumpPacket; need: Need | null } | false {
  const { text } = cur;
  const ts = readTimestamp(cur, deltaReference);
  if (!ts && !UNSTAMPED_PACKET.test(text)) return false;
  const packet: TcpdumpPacket = {
    kind: 'tcpdump-packet',
    ts,
    line: at.line,
    segment: at.segment,
    text,
  };
  readCookedHeader(cur, packet);
  const result = readFrame(cur, packet);
  if (result === false) {
    if (!ts) return false;
    packet.info = cur.rest();
    packet.note = 'unrecognised packet text';
  }
  return { packet, need: result || null };
}

interface PendingPacket {
  packet: TcpdumpPacket;
  need: Need;
  lines: string[];
}

class TcpdumpSession implements GrammarSession {
  private readonly cur = new Cursor();
  private readonly replay = new TcpSequenceReplay();
  private pending: PendingPacket | null = null;
  /** The packet later detail lines belong to; `ascii` once its -A dump has started. */
  private last: { line: number; segment: number; http: boolean; ascii: boolean } | null = null;
  private deltaReference: PacketTimestamp['reference'];

  feed(line: LogicalLine): FeedResult {
    const restored = withTabRestored(line.text);
    const text = restored.includes('^C') ? restored.replace(/\s+\^C\s*$/, '') : restored;
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
    const numbered = indented || text.charCodeAt(0) <= 0x39 ? NUMBERED_PACKET.exec(text) : null;
    if (numbered || !indented || DELTA_LINE.test(text) || UNSTAMPED_PACKET.test(text)) {
      const started = this.start(line, text, numbered);
      if (started === false) {
        // -A prints the packet's bytes as text from column 0 on the lines after it.
        if (this.last && !indented) {
          this.last.ascii = true;
          records.push(this.detailBase('ascii', { ascii: text }));
          return { ok: true, records };
        }
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
    if (!capture) return;
    this.replay.absolute = capture.absoluteSeq;
    this.deltaReference = capture.timestamps === 'delta-previous' ? 'previous' : capture.timestamps === 'delta-first' ? 'first' : undefined;
  }

  end(): TcpdumpRecord[] {
    if (!this.pending) return [];
    const { packet, lines } = this.pending;
    return [this.emit(packet, lines, 'incomplete: the input ended before the continuation line it needs')];
  }

  /**
   * A packet's first line (`numbered`: its -# number, which the packet's text keeps): null when it
   * waits for its continuation, false when not a packet.
   */
  private start(line: { line: number; segment: number }, text: string, numbered: RegExpExecArray | null): TcpdumpPacket | null | false {
    const started = startPacket(this.cur.reset(numbered ? text.slice(numbered[0].length) : text), line, this.deltaReference);
    if (!started) return false;
    if (numbered) started.packet.number = Number(numbered[1]);
    if (started.need) {
      this.pending = { packet: started.packet, need: started.need, lines: [text] };
      return null;
    }
    return this.emit(started.packet, [text]);
  }

  /**
   * The packet of a packet's text as the session stored it (its lines, cleaned, joined by `\n`):
   * the same readers on the same lines, in a fresh session.
   */
  reread(text: string): TcpdumpPacket | null {
    const [first, ...rest] = text.split('\n');
    const started = this.start({ line: 0, segment: 0 }, first!, NUMBERED_PACKET.exec(first!));
    if (started !== null) return started || null;
    for (const line of rest) {
      const done = this.continuePending(line);
      if (done === null) break;
      if (done.length > 0) return done[0] as TcpdumpPacket;
    }
    return (this.end()[0] as TcpdumpPacket | undefined) ?? null;
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
    this.last = { line: packet.line, segment: packet.segment, http: hasHttp(packet), ascii: false };
    return packet;
  }

  private detailBase(detail: TcpdumpDetail['detail'], fields: Partial<TcpdumpDetail> = {}): TcpdumpDetail {
    return { kind: 'tcpdump-detail', detail, packetLine: this.last!.line, packetSegment: this.last!.segment, ...fields };
  }

  private detail(text: string): TcpdumpDetail | null {
    if (!this.last) return null;
    let m = HEX_LINE.exec(text);
    if (m) {
      const bytes = m[2]!.replace(/ /g, '');
      return this.detailBase('hex', { offset: parseInt(m[1]!, 16), bytes, ...(m[3] !== undefined ? { ascii: m[3] } : {}) });
    }
    if (this.last.ascii) return this.detailBase('ascii', { ascii: text });
    m = ND_OPTION.exec(text);
    if (m) return this.detailBase('nd-option', { name: m[1]!, ...(m[2] ? { value: m[2] } : {}) });
    if (this.last.http && (m = HTTP_HEADER.exec(text))) return this.detailBase('http-header', { name: m[1]!, value: m[2]! });
    return this.detailBase('other');
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

/**
 * The packet a packet's stored text prints (its lines joined by `\n`), read on its own: what the
 * session recorded for it but for what depends on the packets before it (absolute TCP sequence
 * numbers, the reference of a delta stamp) and the note on a packet cut short.
 */
export function readPacketText(text: string): TcpdumpPacket | null {
  return new TcpdumpSession().reread(text);
}

export const tcpdumpGrammar: Grammar = {
  format: 'tcpdump',
  samples,
  open: () => new TcpdumpSession(),
};
