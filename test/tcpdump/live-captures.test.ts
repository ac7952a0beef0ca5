/**
 * Every tcpdump-live capture: each packet of the text is compared with the packet decoded from the
 * pcap bytes on every field the capture's options print. 100 % must match.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { captureOptions, comparePacket } from './expect-compare.js';
import { parseFile, SHARED } from './read-capture.js';

const LIVE = new URL('conformance/tcpdump-live/', SHARED);
const captures = readdirSync(LIVE)
  .filter((f) => f.endsWith('.expect.json'))
  .map((f) => f.slice(0, -'.expect.json'.length))
  .sort();

describe('tcpdump-live captures match their pcap ground truth', () => {
  test('the corpus is there', () => {
    expect(captures.length).toBeGreaterThanOrEqual(31);
  });

  test('a wrong field is reported', () => {
    const expected = JSON.parse(readFileSync(new URL('underlay-nn-vv-e.expect.json', LIVE), 'utf8'));
    const parsed = parseFile(new URL('underlay-nn-vv-e.txt', LIVE));
    const options = captureOptions(expected.tcpdump_options);
    const exp = structuredClone(expected.packets[18]);
    exp.ipv4.ttl = 63;
    exp.tcp.ack += 1;
    exp.eth.src = '02:42:ac:12:00:09';
    const result = comparePacket(exp, parsed.packets[18]!, options, undefined);
    expect(result.list.map((l) => l.split(':')[0])).toEqual(['eth.src', 'ipv4.ttl', 'tcp.ack']);
  });

  test.each(captures)('%s', (name) => {
    const expected = JSON.parse(readFileSync(new URL(`${name}.expect.json`, LIVE), 'utf8'));
    const parsed = parseFile(new URL(`${name}.txt`, LIVE));
    const options = captureOptions(expected.tcpdump_options);
    const problems: string[] = parsed.failures.map((f) => `line ${f.line} unparsed (${f.reason}): ${f.text}`);
    let matching = 0;
    let fields = 0;
    expected.packets.forEach((exp: { n: number }, i: number) => {
      const got = parsed.packets[i];
      if (!got) return;
      const result = comparePacket(exp, got, options, parsed.details.get(got.line));
      fields += result.compared;
      if (result.list.length === 0) matching++;
      else problems.push(`#${exp.n} (line ${got.line}): ${result.list.join('; ')}`);
    });
    console.log(`${name.padEnd(26)} ${matching}/${expected.packet_count} packets match (${fields} fields compared)`);
    expect(parsed.packets.length).toBe(expected.packet_count);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(matching).toBe(expected.packet_count);
  });
});
