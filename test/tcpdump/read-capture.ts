import { readFileSync } from 'node:fs';
import { tcpdumpGrammar } from '../../grammars/tcpdump.js';
import type { TcpdumpPacket, TcpdumpRecord } from '../../src/types/tcpdump.js';
import type { PacketDetails } from './expect-compare.js';

export const SHARED = new URL('../../../shared/', import.meta.url);

export interface ParsedCapture {
  packets: TcpdumpPacket[];
  details: Map<number, PacketDetails>;
  records: TcpdumpRecord[];
  failures: { line: number; reason: string; text: string }[];
}

/** Feeds text lines (blank lines skipped, as the sniffer does) through one grammar session. */
export function parseLines(lines: string[], source = 'capture'): ParsedCapture {
  const session = tcpdumpGrammar.open();
  const out: ParsedCapture = { packets: [], details: new Map(), records: [], failures: [] };
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    const result = session.feed({ source, line: i + 1, segment: 0, text, context: {} });
    if (!result.ok) {
      out.failures.push({ line: i + 1, reason: result.reason, text });
      return;
    }
    for (const record of result.records as TcpdumpRecord[]) {
      out.records.push(record);
      if (record.kind === 'tcpdump-packet') out.packets.push(record);
      else if (record.kind === 'tcpdump-detail') {
        let d = out.details.get(record.packetLine);
        if (!d) out.details.set(record.packetLine, (d = { httpHeaders: [], ndOptions: [], hex: [], ascii: [] }));
        if (record.detail === 'http-header') d.httpHeaders.push([record.name!, record.value!]);
        if (record.detail === 'nd-option' && record.value) d.ndOptions.push(record.value);
        if (record.detail === 'hex') d.hex.push({ offset: record.offset!, bytes: record.bytes!, ...(record.ascii !== undefined ? { ascii: record.ascii } : {}) });
        if (record.detail === 'ascii') d.ascii.push(record.ascii!);
      }
    }
  });
  return out;
}

export function parseFile(url: URL): ParsedCapture {
  return parseLines(readFileSync(url, 'utf8').split('\n'), url.pathname);
}
