/**
 * tcpdump's own expected-output files (conformance/tcpdump, MANIFEST.tsv): ≥ 99 % of the packet
 * lines must parse into a packet whose outermost addresses and protocol agree with a crude,
 * independent reading of the same text (first `a > b:` of the packet, ARP who-has/is-at, the
 * keyword after the addresses).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { PacketLayers, TcpdumpPacket } from '../../src/types/tcpdump.js';
import { parseLines, SHARED } from './read-capture.js';

const DIR = new URL('conformance/tcpdump/', SHARED);
const COVERED = /Ethernet|IPv4|IPv6|\bIP\b|TCP|UDP|ICMP|ARP|DNS|VXLAN|Geneve|SLL|cooked/i;
/** tcpdump's `-#` packet number: right-aligned in 5 columns, then two spaces. */
const NUMBER = /^ *\d+ {2}/;
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
  let lines = 0;
  let good = 0;

  test.each(manifest)('%s', (file) => {
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
      const want = oracle(blocks.get(line)!.join('\n'));
      if (packet && packet.note !== 'unrecognised packet text' && outerAgrees(packet, want)) good++;
      else bad.push(`line ${line}: ${JSON.stringify(want)} ← ${raw[line - 1]!.slice(0, 160)}`);
    }
    lines += packetLines.size;
    const ok = packetLines.size - bad.length;
    console.log(`${file.padEnd(34)} ${ok}/${packetLines.size} packet lines (${((100 * ok) / packetLines.size).toFixed(1)} %)`);
    if (bad.length > 0) console.log(bad.slice(0, 3).join('\n'));
  });

  test('≥ 99 % of packet lines parse with the right addresses and protocol', () => {
    console.log(`all files: ${good}/${lines} packet lines (${((100 * good) / lines).toFixed(2)} %)`);
    expect(lines).toBeGreaterThan(500);
    expect(good / lines).toBeGreaterThanOrEqual(0.99);
  });
});
