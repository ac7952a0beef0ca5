/**
 * One capture's text matched, packet by packet, against the ground truth decoded from its pcap
 * (`<name>.expect.json`), the capture's names files when it ran without -n, and its pcap's bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { captureOptions, comparePacket, readCaptureNames, type CaptureNames } from './expect-compare.js';
import { readPcap } from './pcap-bytes.js';
import { parseFile } from './read-capture.js';

/** The hosts and services files a scenario's captures resolved names with (no -n), when it has them. */
export function scenarioNames(dir: URL, scenario: string): CaptureNames | undefined {
  const hosts = new URL(`${scenario}.hosts`, dir);
  const services = new URL(`${scenario}.services`, dir);
  if (!existsSync(hosts) || !existsSync(services)) return undefined;
  return readCaptureNames(readFileSync(hosts, 'utf8'), readFileSync(services, 'utf8'));
}

export interface CaptureMatch {
  matching: number;
  total: number;
  problems: string[];
  fields: number;
}

/**
 * The capture `name` of corpus `dir` matched against its ground truth: how many packets match on
 * every printed field, and what differs. `text` is the printed text (default: the capture's own
 * `<name>.txt`); `release` the tcpdump release that printed it, when not the corpus's own.
 */
export function matchCapture(dir: URL, name: string, text = new URL(`${name}.txt`, dir), release?: string): CaptureMatch {
  const expected = JSON.parse(readFileSync(new URL(`${name}.expect.json`, dir), 'utf8'));
  const parsed = parseFile(text);
  const pcap = readPcap(new URL(`${name}.pcap`, dir));
  const options = captureOptions(expected.tcpdump_options, release ?? expected.tcpdump_version);
  const names = scenarioNames(dir, expected.scenario);
  const problems: string[] = parsed.failures.map((f) => `line ${f.line} unparsed (${f.reason}): ${f.text}`);
  if (parsed.packets.length !== expected.packet_count) {
    problems.push(`${parsed.packets.length} packets parsed, ${expected.packet_count} captured`);
  }
  let matching = 0;
  let fields = 0;
  expected.packets.forEach((exp: { n: number }, i: number) => {
    const got = parsed.packets[i];
    if (!got) return;
    const context = {
      first: expected.packets[0],
      previous: expected.packets[i - 1] ?? null,
      ...(pcap ? { bytes: pcap.packets[i]?.data, linktype: pcap.linktype } : {}),
      ...(names ? { names } : {}),
    };
    const result = comparePacket(exp, got, options, parsed.details.get(got.line), context);
    fields += result.compared;
    if (result.list.length === 0) matching++;
    else problems.push(`#${exp.n} (line ${got.line}): ${result.list.join('; ')}`);
  });
  return { matching, total: expected.packet_count, problems, fields };
}
