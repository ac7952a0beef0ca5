/**
 * Every live capture — the shared tcpdump-live corpus and this repository's own
 * (test/captures/corpus, made by test/captures/make-captures.sh): each packet of the text is
 * compared with the packet decoded from the pcap bytes on every field the capture's options
 * print. 100 % must match.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { captureOptions, comparePacket } from './expect-compare.js';
import { matchCapture, scenarioNames } from './match-capture.js';
import { parseFile, SHARED } from './read-capture.js';

const CORPORA = [
  new URL('conformance/tcpdump-live/', SHARED),
  new URL('../captures/corpus/', import.meta.url),
];

const captures = CORPORA.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.expect.json'))
    .sort()
    .map((f) => ({ dir, name: f.slice(0, -'.expect.json'.length) })),
);

describe('live captures match their pcap ground truth', () => {
  test('the corpora are there', () => {
    expect(captures.filter((c) => c.dir === CORPORA[0]).length).toBeGreaterThanOrEqual(31);
    expect(captures.filter((c) => c.dir === CORPORA[1]).length).toBeGreaterThanOrEqual(90);
  });

  test('a wrong field is reported', () => {
    const live = CORPORA[0]!;
    const expected = JSON.parse(readFileSync(new URL('underlay-nn-vv-e.expect.json', live), 'utf8'));
    const parsed = parseFile(new URL('underlay-nn-vv-e.txt', live));
    const options = captureOptions(expected.tcpdump_options);
    const exp = structuredClone(expected.packets[18]);
    exp.ipv4.ttl = 63;
    exp.tcp.ack += 1;
    exp.eth.src = '02:42:ac:12:00:09';
    const result = comparePacket(exp, parsed.packets[18]!, options, undefined);
    expect(result.list.map((l) => l.split(':')[0])).toEqual(['eth.src', 'ipv4.ttl', 'tcp.ack']);
  });

  test('a wrong name or packet number is reported', () => {
    const own = CORPORA[1]!;
    const expected = JSON.parse(readFileSync(new URL('names-eth0-num.expect.json', own), 'utf8'));
    const parsed = parseFile(new URL('names-eth0-num.txt', own));
    const options = captureOptions(expected.tcpdump_options);
    const names = scenarioNames(own, 'names')!;
    const syn = expected.packets.findIndex((p: { tcp?: { flags: string }; dport?: number }) => p.tcp?.flags === 'S' && p.dport === 6443);
    expect(comparePacket(expected.packets[syn], parsed.packets[syn]!, options, undefined, { first: expected.packets[0], previous: null, names }).list).toEqual([]);
    const renamed = { hosts: new Map([...names.hosts].map(([a, n]) => [a, `x-${n}`])), services: new Map([...names.services, ['6443/tcp', 'k8s-api']]) };
    const exp = { ...structuredClone(expected.packets[syn]), n: expected.packets[syn].n + 1 };
    const result = comparePacket(exp, parsed.packets[syn]!, options, undefined, { first: expected.packets[0], previous: null, names: renamed });
    expect(result.list.map((l) => l.split(':')[0])).toEqual(['number', 'srcName', 'dstName', 'dportName']);
  });

  test.each(captures)('$name', ({ dir, name }) => {
    const { matching, total, problems, fields } = matchCapture(dir, name);
    console.log(`${name.padEnd(28)} ${matching}/${total} packets match (${fields} fields compared)`);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(matching).toBe(total);
  });
});
