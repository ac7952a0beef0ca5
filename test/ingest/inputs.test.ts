import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  binaryKind,
  expandInputs,
  ingestSource,
  isSkipped,
  MAX_LINE_CHARS,
  readLines,
  type IngestedLine,
  type TextSource,
} from '../../src/ingest/index.js';
import { InputError } from '../../src/types/errors.js';
import { analyze, analyzeWithDb, countLines, runCli, stdinOf, tempDir, tempFile } from '../helpers/analyze.js';

const LOG = [
  'level=info msg="  --routing-mode=\'tunnel\'" subsys=daemon',
  'level=info msg="  --tunnel-protocol=\'geneve\'" subsys=daemon',
  'level=info msg="Cilium 1.14.5 a1b2c3d4 2023-12-14T09:01:22+00:00 go version go1.20.12 linux/amd64" subsys=daemon',
  'level=info msg="Inheriting MTU from external network interface" device=eth0 ipAddr=10.20.3.41 mtu=8951 subsys=mtu',
].join('\n');

const PCAP = Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex');
const ZIP = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(60, 0x41)]);
const ELF = Buffer.concat([Buffer.from('7f454c46', 'hex'), Buffer.alloc(60, 0)]);

function textSource(name: string, content: string): TextSource {
  return { name, kind: 'file', bytes: content.length, open: async () => Readable.from([Buffer.from(content)]) };
}

async function ingestAll(content: string): Promise<IngestedLine[]> {
  const out: IngestedLine[] = [];
  for await (const l of ingestSource(textSource('t.log', content))) out.push(l);
  return out;
}

describe('binaryKind: what the first bytes say', () => {
  it('recognises gzip, zip, pcap, pcapng, ELF, tar and NUL-laden data', () => {
    expect(binaryKind(gzipSync('hello'))).toBe('gzip');
    expect(binaryKind(ZIP)).toMatch(/zip archive/);
    expect(binaryKind(PCAP)).toMatch(/^pcap capture .*tcpdump -nn -r/);
    expect(binaryKind(Buffer.from('0a0d0d0a000000000000', 'hex'))).toMatch(/^pcapng capture/);
    expect(binaryKind(ELF)).toBe('ELF executable');
    const tar = Buffer.alloc(512, 0x20);
    tar.write('ustar', 257, 'latin1');
    expect(binaryKind(tar)).toBe('tar archive');
    expect(binaryKind(Buffer.from('abc\0def'))).toMatch(/NUL/);
  });

  it('text (UTF-8 prose, ANSI colour, tabs, CRLF) is not binary', () => {
    expect(binaryKind(Buffer.from('缺省模式 Cilium\r\n\x1b[31mlevel=error\x1b[0m msg=x\tsubsys=y\n'))).toBeNull();
  });
});

describe('inputs that are not text', () => {
  it('a named pcap file is an input error with a clear message', async () => {
    const path = tempFile('capture.pcap', PCAP);
    const gen = expandInputs([path], stdinOf(null));
    await expect(gen.next()).rejects.toThrow(InputError);
    await expect(expandInputs([path], stdinOf(null)).next()).rejects.toThrow(/pcap capture/);
  });

  it('named binary files exit 2 with one line naming the file and what it is', async () => {
    for (const [name, content, what] of [
      ['capture.pcap', PCAP, /pcap capture/],
      ['bundle.zip', ZIP, /refusing the archive: not a readable zip \(truncated or corrupt/],
      ['cilium-agent', ELF, /ELF executable/],
    ] as const) {
      const path = tempFile(name, content);
      const run = await runCli([path]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(what);
      expect(run.stderr).toContain(path);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('a binary file or a broken archive inside a directory is listed with its reason; the text files are read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'agent.log'), `${LOG}\n`);
    writeFileSync(join(dir, 'trace.pcap'), PCAP);
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'nested', 'bundle.tar.gz'), gzipSync(Buffer.concat([Buffer.alloc(257), Buffer.from('ustar'), Buffer.alloc(300)])));
    const report = await analyze([dir]);
    const byName = new Map(report.inputs.map((i) => [i.source.split(/[\\/]/).slice(-1)[0], i]));
    expect(byName.get('agent.log')).toMatchObject({ lines: 4, parsed: 4, unparsed: 0 });
    expect(byName.get('trace.pcap')?.skipped).toMatch(/pcap capture/);
    expect(byName.get('bundle.tar.gz')).toMatchObject({ coverage: 'skipped', skipped: 'archive cut short: a corrupt tar header; the members before it are read' });
    expect(report.agents).toHaveLength(1);
    expect(report.agents[0]!.effective.tunnelProtocol).toBe('geneve');
  });

  it('a gzip-compressed log is read transparently, with the same state as the plain one', async () => {
    const plain = tempFile('agent.log', `${LOG}\n`);
    const gz = tempFile('agent.log.gz', gzipSync(`${LOG}\n`));
    expect(countLines(gz)).toBe(4);
    const [a, b] = [await analyze([plain]), await analyze([gz])];
    expect(b.inputs[0]).toMatchObject({ lines: 4, parsed: 4, unparsed: 0 });
    expect(b.agents[0]!.effective).toEqual(a.agents[0]!.effective);
    expect(b.agents[0]!.version).toBe('1.14.5');
    expect(b.agents[0]!.effective.mtu).toBe(8951);
  });

  it('gzip on standard input is refused with a hint', async () => {
    const run = await runCli(['-'], { stdin: gzipSync(LOG) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/standard input is gzip-compressed.*zcat/);
  });

  it('binary data on standard input is refused', async () => {
    const run = await runCli(['-'], { stdin: Buffer.from([0x00, 0x01, 0x00, 0x02]) });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cilium-analyze: standard input is binary data (NUL bytes), not text output of Cilium or tcpdump\n');
  });

  it('a directory walk lists files in a stable order', async () => {
    const dir = tempDir();
    for (const n of ['b.log', 'a.log', 'c.log']) writeFileSync(join(dir, n), 'level=info msg=x\n');
    const names: string[] = [];
    for await (const s of expandInputs([dir], stdinOf(null))) if (!isSkipped(s)) names.push(s.name.split(/[\\/]/).pop()!);
    expect(names).toEqual(['a.log', 'b.log', 'c.log']);
  });

  it('a missing input is an input error naming it', async () => {
    await expect(expandInputs(['/nonexistent/cilium.log'], stdinOf(null)).next()).rejects.toThrow(
      '/nonexistent/cilium.log: no such file or directory',
    );
  });
});

describe('line accounting of awkward text', () => {
  it('a line longer than MAX_LINE_CHARS is kept as unparsed with its length; its neighbours parse', async () => {
    const huge = `level=info msg="${'x'.repeat(MAX_LINE_CHARS + 10)}" subsys=daemon`;
    const path = tempFile('huge.log', `${LOG.split('\n')[0]}\n${huge}\n${LOG.split('\n')[2]}\n`);
    const { report, db } = await analyzeWithDb([path]);
    try {
      expect(report.inputs[0]).toMatchObject({ lines: 3, parsed: 2, unparsed: 1 });
      const row = db.prepare('SELECT line, reason, length(text) AS len FROM unparsed').get() as {
        line: number;
        reason: string;
        len: number;
      };
      expect(row.line).toBe(2);
      expect(row.reason).toBe(`line too long (over ${MAX_LINE_CHARS} characters)`);
      expect(row.len).toBeLessThan(1000);
      expect(report.agents[0]!.version).toBe('1.14.5');
    } finally {
      db.close();
    }
  });

  it('a truncated final line (no newline, cut inside a quoted value) is still a parsed line', async () => {
    const cut = 'level=info msg="Adding local node to cluster" node="{ip-10-20-3-41 default [{InternalIP 10.20.3.41}';
    const path = tempFile('cut.log', `${LOG}\n${cut}`);
    expect(countLines(path)).toBe(5);
    const { report, db } = await analyzeWithDb([path]);
    try {
      expect(report.inputs[0]).toMatchObject({ lines: 5, parsed: 5, unparsed: 0 });
      const ev = db.prepare('SELECT line, msg, fields, note FROM log_events WHERE line = 5').get() as {
        msg: string;
        fields: string;
        note: string;
      };
      expect(ev.msg).toBe('Adding local node to cluster');
      expect(JSON.parse(ev.fields).node).toBe('{ip-10-20-3-41 default [{InternalIP 10.20.3.41}');
      expect(ev.note).toMatch(/truncated/);
    } finally {
      db.close();
    }
  });

  it('readLines yields a final line without newline and no phantom empty line', async () => {
    const lines: string[] = [];
    for await (const l of readLines(Readable.from([Buffer.from('a\nb\n\nc')]))) lines.push(l);
    expect(lines).toEqual(['a', 'b', '', 'c']);
    const ended: string[] = [];
    for await (const l of readLines(Readable.from([Buffer.from('a\n')]))) ended.push(l);
    expect(ended).toEqual(['a']);
  });

  it('readLines joins a line split across stream chunks, also inside a multi-byte character', async () => {
    const bytes = Buffer.from('level=info msg="封装 ok"\nsecond\n');
    const cut = bytes.indexOf(Buffer.from('封')) + 1;
    const lines: string[] = [];
    for await (const l of readLines(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]))) lines.push(l);
    expect(lines).toEqual(['level=info msg="封装 ok"', 'second']);
  });

  it('a lone carriage return (progress output) does not start a new line: numbers match `grep -n`', async () => {
    const text = 'Pulling image 10%\rPulling image 100%\nlevel=info msg=ready subsys=daemon\n';
    const path = tempFile('progress.log', text);
    expect(countLines(path)).toBe(2);
    const { report, db } = await analyzeWithDb([path]);
    try {
      expect(report.inputs[0]!.lines).toBe(2);
      expect(db.prepare('SELECT line FROM log_events').pluck().get()).toBe(2);
    } finally {
      db.close();
    }
  });

  it('CRI partial records (P … F) are joined into one record cited at its first line', async () => {
    const cri = [
      '2024-03-11T08:40:17.100Z stderr F level=info msg="Connected to apiserver" subsys=k8s-client',
      '2024-03-11T08:40:17.200Z stderr P level=info msg="Received own node information from API server" ipAddr.ipv4=10.20.3.41 ',
      '2024-03-11T08:40:17.200Z stderr P k8sNodeIP=10.20.3.41 nodeName=ip-10-20-3-41 ',
      '2024-03-11T08:40:17.200Z stderr F subsys=k8s v4Prefix=10.244.3.0/24',
      '2024-03-11T08:40:17.300Z stderr F level=info msg="Daemon initialization completed" subsys=daemon',
    ].join('\n');
    const lines = await ingestAll(`${cri}\n`);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
    expect(lines[1]!.joinedToNext).toBe(true);
    expect(lines[2]!.joinedToNext).toBe(true);
    const joined = lines[3]!.segments;
    expect(joined).toHaveLength(1);
    expect(joined[0]!.line).toBe(2);
    expect(joined[0]!.text).toBe(
      'level=info msg="Received own node information from API server" ipAddr.ipv4=10.20.3.41 k8sNodeIP=10.20.3.41 nodeName=ip-10-20-3-41 subsys=k8s v4Prefix=10.244.3.0/24',
    );
    expect(joined[0]!.context).toEqual({ time: '2024-03-11T08:40:17.200Z', stream: 'stderr' });

    const path = tempFile('cri.log', `${cri}\n`);
    const { report, db } = await analyzeWithDb([path]);
    try {
      expect(report.inputs[0]).toMatchObject({ lines: 5, parsed: 5, unparsed: 0 });
      expect(report.nodes[0]).toMatchObject({ name: 'ip-10-20-3-41', internalIPs: ['10.20.3.41'], podCIDRs: ['10.244.3.0/24'] });
      expect(report.nodes[0]!.evidence.map((e) => e.line)).toContain(2);
      expect(db.prepare('SELECT COUNT(*) FROM log_events').pluck().get()).toBe(3);
    } finally {
      db.close();
    }
  });

  it('a CRI log that ends inside a partial record still reads what was joined, at its first line', async () => {
    const cri = [
      '2025-02-03T10:00:01.000Z stdout F level=info msg="Start hook executed" subsys=hive',
      '2025-02-03T10:00:02.000Z stdout P level=warning msg="Unable to update CiliumNode" ',
      '2025-02-03T10:00:02.000Z stdout P error="conflict" subsys=nodediscovery',
    ].join('\n');
    const lines = await ingestAll(cri);
    expect(lines.map((l) => [l.line, l.joinedToNext ?? false])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(lines[2]!.segments.map((s) => [s.line, s.text])).toEqual([
      [2, 'level=warning msg="Unable to update CiliumNode" error="conflict" subsys=nodediscovery'],
    ]);
    const report = await analyze([tempFile('cut-cri.log', cri)]);
    expect(report.inputs[0]).toMatchObject({ lines: 3, parsed: 3, unparsed: 0 });
  });

  it('CRI partials joined past MAX_LINE_CHARS make one record refused as too long; memory stays bounded', async () => {
    const part = `2025-02-03T10:00:02.000Z stdout P ${'z'.repeat(1 << 20)}`;
    const cri = [...Array.from({ length: 6 }, () => part), '2025-02-03T10:00:02.000Z stdout F end', 'level=info msg=after subsys=daemon'].join('\n');
    const lines = await ingestAll(cri);
    expect(lines).toHaveLength(8);
    expect(lines[6]).toMatchObject({ line: 7, segments: [], skipReason: `line too long (over ${MAX_LINE_CHARS} characters)` });
    expect(lines[7]!.segments[0]!.text).toBe('level=info msg=after subsys=daemon');
  });

  it('tcpdump -# output is no markdown code block: its -v second lines keep their indentation', async () => {
    const first = '    3  2024-11-30 08:40:11.502113 IP (tos 0x0, ttl 63, id 4711, offset 0, flags [DF], proto UDP (17), length 71)';
    const second = '    172.20.3.9.41022 > 172.20.0.10.53: 4242+ A? api.internal. (43)';
    const lines = await ingestAll(`${first}\n${second}\n`);
    expect(lines.map((l) => l.text)).toEqual([first, second]);
    // Indented as markdown code by a chat tool, the block's own margin still comes off.
    const fenced = await ingestAll(`text\n\n        ${first.trimStart()}\n        ${second.trimStart()}\n`);
    expect(fenced.slice(2).map((l) => l.text)).toEqual([first.trimStart(), second.trimStart()]);
  });

  it('an empty input has no lines and no agent', async () => {
    const report = await analyze([tempFile('empty.log', '')]);
    expect(report.inputs[0]).toMatchObject({ lines: 0, parsed: 0, unparsed: 0 });
    expect(report.agents).toEqual([]);
  });
});

describe('bounded memory on a line without end', () => {
  it('a 40 MiB input with no newline is cut while reading and kept as one unparsed line', async () => {
    const { readLines } = await import('../../src/ingest/lines.js');
    const { Readable } = await import('node:stream');
    const chunk = 'y'.repeat(1 << 20);
    const stream = Readable.from((function* () {
      for (let i = 0; i < 40; i++) yield chunk;
    })());
    const lines: string[] = [];
    for await (const l of readLines(stream)) lines.push(l);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBe(MAX_LINE_CHARS + 1);
  });

  it('the rest of an over-long line is skipped while reading, in time linear in its length', async () => {
    const { readLines } = await import('../../src/ingest/lines.js');
    const { Readable } = await import('node:stream');
    const chunk = 'q'.repeat(1 << 16);
    // 128 MiB in 64 KiB chunks, then a short line: re-cutting the held 4 MiB per chunk would copy 8 GiB.
    const stream = Readable.from((function* () {
      for (let i = 0; i < 2048; i++) yield chunk;
      yield '\nnext\n';
    })());
    const started = Date.now();
    const lines: string[] = [];
    for await (const l of readLines(stream)) lines.push(l);
    expect(lines.map((l) => l.length)).toEqual([MAX_LINE_CHARS + 1, 4]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
