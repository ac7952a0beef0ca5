/**
 * The live corpus (test/captures/corpus, printed by tcpdump 4.99.3) printed again by other
 * tcpdump releases (test/captures/releases/<release>/<name>.txt, made by
 * test/captures/tools/reprint.sh from the same pcaps): each packet of each release's text is
 * compared with the same pcap-derived ground truth on every field that release prints.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { matchCapture } from './match-capture.js';

const CORPUS = new URL('../captures/corpus/', import.meta.url);
const RELEASES = new URL('../captures/releases/', import.meta.url);

const prints = readdirSync(RELEASES)
  .sort()
  .flatMap((release) =>
    readdirSync(new URL(`${release}/`, RELEASES))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => ({ release, name: f.slice(0, -'.txt'.length) })),
  );

describe('other tcpdump releases print the corpus pcaps: every packet matches its ground truth', () => {
  test('each release has its texts, each of a corpus capture', () => {
    expect(new Set(prints.map((p) => p.release)).size).toBeGreaterThanOrEqual(4);
    for (const { name } of prints) expect(existsSync(new URL(`${name}.expect.json`, CORPUS)), name).toBe(true);
  });

  test('what a release prints is what is compared: the same text read as another release differs', () => {
    const as = (release: string, name: string, label: string): string[] =>
      matchCapture(CORPUS, name, new URL(`${release}/${name}.txt`, RELEASES), label).problems.map((p) => p.replace(/^#\d+ \(line \d+\): /, ''));
    // 4.9.x prints no ICMPv6 echo identifier; 4.99 does.
    expect(as('4.9.3', 'underlay-nn-v', '4.9.3')).toEqual([]);
    expect(as('4.9.3', 'underlay-nn-v', '4.99.3').filter((p) => p.startsWith('icmp6.id: expected')).length).toBeGreaterThan(0);
    // 4.99.5 printed UDP 8472 as OTV; 4.99.6 as VXLAN.
    expect(as('4.99.6', 'vxlan-eth0-nn-v', '4.99.5')).toContain('encap.printed_as: expected "OTV", got "VXLAN"');
  });

  test.each(prints)('$release $name', ({ release, name }) => {
    const { matching, total, problems, fields } = matchCapture(CORPUS, name, new URL(`${release}/${name}.txt`, RELEASES), release);
    console.log(`${release.padEnd(7)} ${name.padEnd(28)} ${matching}/${total} packets match (${fields} fields compared)`);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(matching).toBe(total);
  });
});
