/**
 * tcpdump's own expected-output files (conformance/tcpdump, MANIFEST.tsv): every packet line of
 * every file must parse into a packet whose outermost addresses and protocol agree with a crude,
 * independent reading of the same text (first `a > b:` of the packet, ARP who-has/is-at, the
 * keyword after the addresses), and whose decoded fields, printed back the way tcpdump prints
 * them, occur in the packet's text in order (stamp, TCP flags/seq/ack/win/length, ICMP id/seq,
 * VNI, DNS id). The files as tcpdump wrote them, with their `-#` numbers, parse to the same
 * packets, each numbered as printed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { PacketLayers, TcpdumpPacket } from '../../src/types/tcpdump.js';
import { parseLines, SHARED } from './read-capture.js';

const DIR = new URL('conformance/tcpdump/', SHARED);
const COVERED = /Ethernet|IPv4|IPv6|\bIP\b|TCP|UDP|ICMP|ARP|DNS|VXLAN|Geneve|SLL|cooked/i;
/** tcpdump's `-#` packet number: right-aligned in 5 columns, then two spaces. */
const NUMBER = /^ *(\d+) {2}/;
const MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

interface Oracle {
  src?: string;
  dst?: string;
  proto?: string;
}

/** What the text itself says: the first `src > dst:` of the packet and the word after it. */
function oracle(block: string): Oracle {
  const re = /(?:^|\s)(\S+) > (\S+?):(?: |$)/gm;
  let m = re.exec(block);
  while (m && MAC.test(m[1]!)) m = re.exec(block);
  const before = m ? block.slice(0, m.index) : block;
  const arpRequest = /\bARP\b.*Request who-has (\S+)(?: \(\S+\))? tell (\S+),/.exec(before);
  if (arpRequest) return { src: arpRequest[2]!, dst: arpRequest[1]!, proto: 'ARP' };
  const arpReply = /\bARP\b.*Reply (\S+) is-at /.exec(before);
  if (arpReply) return { src: arpReply[1]!, proto: 'ARP' };
  if (m) {
    const after = block.slice(m.index + m[0].length);
    let proto: string | undefined;
    if (/^(?:\[[^\]]*\] )?Flags \[|^tcp \d/.test(after)) proto = 'TCP';
    else if (/^(?:\[[^\]]*\] )?ICMP6,/.test(after)) proto = 'ICMPv6';
    else if (/^ICMP /.test(after)) proto = 'ICMP';
    else if (/^(?:\[[^\]]*\] )?UDP, length|^(?:\[[^\]]*\] )?(?:VXLAN|OTV|Geneve)\b/.test(after)) proto = 'UDP';
    return { src: m[1]!, dst: m[2]!, ...(proto ? { proto } : {}) };
  }
  return {};
}

function endpoint(addr: string | undefined, port: number | undefined, name: string | undefined): string | undefined {
  if (addr === undefined) return undefined;
  return port === undefined && name === undefined ? addr : `${addr}.${name ?? port}`;
}

/** The decoded fields as tcpdump prints them, in the order it prints them. */
function printedBack(packet: TcpdumpPacket): string[] {
  const out: string[] = [];
  if (packet.ts) out.push(packet.ts.printed);
  let layer: PacketLayers | undefined = packet;
  while (layer) {
    const t = layer.tcp;
    if (t?.flags) out.push(`Flags [${t.flags}]`);
    if (t?.seq !== undefined) out.push(t.seqEnd !== undefined ? `seq ${t.seq}:${t.seqEnd}` : `seq ${t.seq}`);
    if (t?.ack !== undefined) out.push(`ack ${t.ack}`);
    if (t?.win !== undefined) out.push(`win ${t.win}`);
    // -q prints `tcp N` and nothing else of the segment.
    if (t?.length !== undefined) out.push(t.flags ? `length ${t.length}` : `tcp ${t.length}`);
    const i = layer.icmp;
    if (i?.id !== undefined) out.push(`id ${i.id}`, `seq ${i.seq}`);
    if (layer.dns) out.push(String(layer.dns.id));
    if (layer.encap) out.push(layer.encap.vniHex ?? String(layer.encap.vni));
    layer = layer.encap?.inner;
  }
  return out;
}

/** The fragments not found in order in the text. */
function missingInOrder(text: string, fragments: string[]): string[] {
  let at = 0;
  const missing: string[] = [];
  for (const f of fragments) {
    const found = text.indexOf(f, at);
    if (found < 0) missing.push(f);
    else at = found + f.length;
  }
  return missing;
}

function outerAgrees(packet: TcpdumpPacket, want: Oracle): boolean {
  const p: PacketLayers = packet;
  if (want.proto === 'ARP') return p.l3 === 'ARP' && p.src === want.src && (want.dst === undefined || p.dst === want.dst);
  if (want.src !== undefined) {
    if (endpoint(p.src, p.sport, p.sportName) !== want.src) return false;
    if (endpoint(p.dst, p.dport, p.dportName) !== want.dst) return false;
  }
  return want.proto === undefined || p.l4 === want.proto;
}

const manifest = readFileSync(new URL('MANIFEST.tsv', DIR), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((row) => row.split('\t'))
  .filter((cols) => COVERED.test(cols[6] ?? ''))
  .map((cols) => cols[0]!);

describe('tcpdump test-suite outputs', () => {
  test('the selection is there', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(70);
  });

  test.each(manifest)('%s: every packet line parses and its fields print back', (file) => {
    const raw = readFileSync(new URL(file, DIR), 'utf8').split('\n');
    const packetLines = new Set<number>();
    const blocks = new Map<number, string[]>();
    let current: string[] | null = null;
    const text = raw.map((line, i) => {
      if (NUMBER.test(line)) {
        packetLines.add(i + 1);
        blocks.set(i + 1, (current = [line.replace(NUMBER, '')]));
        return line.replace(NUMBER, '');
      }
      current?.push(line);
      return line;
    });
    const parsed = parseLines(text, file);
    const byLine = new Map(parsed.packets.map((p) => [p.line, p]));
    const bad: string[] = [];
    for (const line of packetLines) {
      const packet = byLine.get(line);
      const block = blocks.get(line)!.join('\n');
      const want = oracle(block);
      if (!packet || packet.note === 'unrecognised packet text') bad.push(`line ${line} not parsed: ${raw[line - 1]!.slice(0, 160)}`);
      else if (!outerAgrees(packet, want)) bad.push(`line ${line}: ${JSON.stringify(want)} ← ${raw[line - 1]!.slice(0, 160)}`);
      else {
        const missing = missingInOrder(block, printedBack(packet));
        if (missing.length > 0) bad.push(`line ${line}: ${JSON.stringify(missing)} not printed in order`);
      }
    }
    expect(packetLines.size).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  test.each(manifest)('%s: numbered as tcpdump -# printed it, the same packets with their numbers', (file) => {
    const raw = readFileSync(new URL(file, DIR), 'utf8').split('\n');
    const stripped = parseLines(raw.map((line) => line.replace(NUMBER, '')), file);
    const numbered = parseLines(raw, file);
    const printed = new Map<number, number>();
    raw.forEach((line, i) => {
      const m = NUMBER.exec(line);
      if (m) printed.set(i + 1, Number(m[1]));
    });
    expect(numbered.failures).toEqual(stripped.failures);
    expect(numbered.packets.map((p) => [p.line, p.number])).toEqual(stripped.packets.map((p) => [p.line, printed.get(p.line)]));
    const withoutNumber = ({ number: _n, text: _t, ...rest }: TcpdumpPacket) => rest;
    expect(numbered.packets.map(withoutNumber)).toEqual(stripped.packets.map(withoutNumber));
    expect(numbered.packets.map((p) => p.text)).toEqual(stripped.packets.map((p) => raw[p.line - 1]!.slice(0, NUMBER.exec(raw[p.line - 1]!)![0].length) + p.text));
    expect(numbered.records.length).toBe(stripped.records.length);
  });
});
