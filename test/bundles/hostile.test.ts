/**
 * Hostile and broken archives (issue 12 item 8), each built here: refused with one line and exit 2
 * (path traversal, absolute paths, a decompression bomb, too many members, nesting without end, a
 * zip without its directory, a member over --max-member-size), or read up to where they break with
 * a warning (a corrupt member, a truncated tar.gz); links and devices are listed, never followed.
 * Nothing is written outside the process, and the worker's peak RSS stays under 300 MB.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { runCli, tempDir } from '../helpers/analyze.js';
import { ZipWriter } from '../helpers/zip-writer.js';

const LOG = Array.from(
  { length: 400 },
  (_, i) => `2024-09-17T08:20:${String(i % 60).padStart(2, '0')}.000000000Z level=info msg="Rewrote endpoint BPF program" endpointID=${1000 + i} identity=${30000 + (i % 17)} subsys=endpoint`,
).join('\n');

interface TarEntry {
  name: string;
  body?: string | Buffer;
  type?: 'file' | 'symlink' | 'link' | 'character-device' | 'fifo' | 'directory';
  linkname?: string;
}

async function tarOf(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  })();
  for (const e of entries) {
    const body = e.body === undefined ? undefined : Buffer.from(e.body);
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, size: body?.length ?? 0, mode: 0o644 }, body ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve())),
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function zipOf(file: string, add: (zip: ZipWriter) => Promise<void>): Promise<string> {
  const zip = new ZipWriter(createWriteStream(file));
  await add(zip);
  await zip.finish();
  return file;
}

function expectRefused(run: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd()).toMatch(message);
  expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
}

/** Every file below `dir`, to check that reading an archive created none. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe('archives that would write outside the process are refused', () => {
  it('a zip member climbing out with ../ (exit 2, nothing written)', async () => {
    const dir = tempDir();
    const zip = await zipOf(join(dir, 'bundle.zip'), async (z) => {
      await z.add('cilium-sysdump-20240917-083012/logs-cilium-q7d2x-cilium-agent-20240917-083012.log', LOG);
      await z.add('../../escaped.log', 'level=info msg=owned\n');
    });
    const before = filesBelow(dirname(dir));
    expectRefused(await runCli([zip]), /^cilium-analyze: .*bundle\.zip: refusing the archive: member "\.\.\/\.\.\/escaped\.log" has a path that climbs out of the archive \(`\.\.`\)$/);
    expect(filesBelow(dirname(dir))).toEqual(before);
    expect(existsSync(join(dir, '..', '..', 'escaped.log'))).toBe(false);
  });

  it('a tar member with an absolute path (exit 2)', async () => {
    const file = join(tempDir(), 'bugtool.tar');
    writeFileSync(file, await tarOf([{ name: 'cmd/ip-rule.md', body: '0: from all lookup local\n' }, { name: '/etc/cron.d/cilium', body: '* * * * * root true\n' }]));
    expectRefused(await runCli([file]), /bugtool\.tar: refusing the archive: member "\/etc\/cron\.d\/cilium" has an absolute path$/);
  });

  it('a tar.gz member climbing out with ../ (exit 2)', async () => {
    const file = join(tempDir(), 'bugtool.tar.gz');
    writeFileSync(file, gzipSync(await tarOf([{ name: 'cilium-bugtool-x/../../../../tmp/x.md', body: 'hello\n' }])));
    expectRefused(await runCli([file]), /refusing the archive: member "cilium-bugtool-x\/\.\.\/\.\.\/\.\.\/\.\.\/tmp\/x\.md" has a path that climbs out/);
  });

  it('links and devices are listed with what they are, never followed; the rest is read', async () => {
    const file = join(tempDir(), 'odd.tar.gz');
    writeFileSync(
      file,
      gzipSync(
        await tarOf([
          { name: 'd/', type: 'directory' },
          { name: 'd/shadow.md', type: 'symlink', linkname: '/etc/shadow' },
          { name: 'd/hard.md', type: 'link', linkname: 'd/agent.log' },
          { name: 'd/tty', type: 'character-device' },
          { name: 'd/pipe', type: 'fifo' },
          { name: 'd/agent.log', body: `${LOG}\n` },
        ]),
      ),
    );
    const run = await runCli([file, '--format', 'json']);
    expect(run.code).toBe(0);
    const inputs = (JSON.parse(run.stdout) as { inputs: { source: string; coverage: string; skipped?: string; lines: number }[] }).inputs;
    const by = new Map(inputs.map((i) => [i.source.slice(file.length + 2), i]));
    expect(by.get('d/shadow.md')).toMatchObject({ coverage: 'skipped', skipped: 'a symbolic link to /etc/shadow: not followed' });
    expect(by.get('d/hard.md')).toMatchObject({ coverage: 'skipped', skipped: 'a hard link to d/agent.log: not followed' });
    expect(by.get('d/tty')).toMatchObject({ coverage: 'skipped', skipped: 'a device file: not followed' });
    expect(by.get('d/pipe')).toMatchObject({ coverage: 'skipped', skipped: 'a named pipe: not followed' });
    expect(by.get('d/agent.log')).toMatchObject({ coverage: 'parsed', lines: 400 });
    expect(run.stderr).toContain(`cilium-analyze: skipped ${file}!/d/shadow.md: a symbolic link to /etc/shadow: not followed\n`);
  });

  it('a symbolic link in a zip (Unix mode in the directory) is listed, not read', async () => {
    const zip = await zipOf(join(tempDir(), 'link.zip'), async (z) => {
      await z.add('agent.log', `${LOG}\n`);
      await z.add('passwd.log', '/etc/passwd', { mode: 0o120777 });
    });
    const run = await runCli([zip, '--format', 'json']);
    const inputs = (JSON.parse(run.stdout) as { inputs: { source: string; skipped?: string }[] }).inputs;
    expect(inputs.find((i) => i.source.endsWith('!/passwd.log'))?.skipped).toBe('a symbolic link: not followed');
  });
});

describe('archives that would exhaust memory or time are refused', () => {
  it('a decompression bomb: a small .gz of gigabytes of log text (exit 2)', async () => {
    // Zeros would stop at the binary check of the first bytes: a line of one letter, repeated, is text.
    const block = gzipSync(Buffer.from(`${'x'.repeat(1023)}\n`.repeat(8 * 1024)));
    const file = join(tempDir(), 'agent.log.gz');
    const out = createWriteStream(file);
    // Concatenated gzip members are one gzip stream: 300 × 8 MiB expand to 2.4 GiB.
    for (let i = 0; i < 300; i++) if (!out.write(block)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    expectRefused(await runCli([file]), /agent\.log\.gz: expands \d+ times its compressed size \(over --max-ratio 200\); refusing it as a decompression bomb$/);
  });

  it('a zip member whose directory entry declares a bomb is refused before it is read (exit 2)', async () => {
    const zip = await zipOf(join(tempDir(), 'bomb.zip'), async (z) => {
      await z.add('logs-cilium-q7d2x-cilium-agent-20240917-083012.log', Buffer.alloc(24 << 20, 'A'));
    });
    expectRefused(await runCli([zip]), /bomb\.zip!\/logs-cilium-q7d2x-cilium-agent-20240917-083012\.log: expands \d+ times its compressed size \(over --max-ratio 200\)/);
  });

  it('gigabytes of zeros in a zip member stop at its first bytes: binary data, listed', async () => {
    const zip = await zipOf(join(tempDir(), 'zeros.zip'), async (z) => {
      await z.add('zeros.log', Buffer.alloc(8 << 20));
      await z.add('agent.log', `${LOG}\n`);
    });
    const run = await runCli([zip, '--max-ratio', '2000', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`cilium-analyze: skipped ${zip}!/zeros.log: binary data (NUL bytes)\n`);
  });

  it('a member over --max-member-size (exit 2)', async () => {
    const zip = await zipOf(join(tempDir(), 'big.zip'), async (z) => {
      await z.add('agent.log', `${LOG}\n`.repeat(20), { method: 0 });
    });
    expectRefused(await runCli([zip, '--max-member-size', '200k']), /big\.zip!\/agent\.log: expands past 200 KiB; refusing to read it \(raise --max-member-size\)$/);
  });

  it('a million tiny members in a zip: refused from its directory alone (exit 2)', async () => {
    const file = join(tempDir(), 'million.zip');
    await writeManyMemberZip(file, 1_000_000);
    const started = Date.now();
    expectRefused(await runCli([file]), /million\.zip: refusing the archive: more than 200000 members \(raise --max-members to read it\)$/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a tar.gz of many tiny members is cut off at --max-members (exit 2)', async () => {
    const entries: TarEntry[] = Array.from({ length: 3000 }, (_, i) => ({ name: `m/${i}.log`, body: `level=info msg=m${i}\n` }));
    const file = join(tempDir(), 'many.tar.gz');
    writeFileSync(file, gzipSync(await tarOf(entries)));
    expectRefused(await runCli([file, '--max-members', '2500']), /many\.tar\.gz: refusing the archive: more than 2500 members/);
  });

  it('archives nested deeper than --max-depth (a gzip inside a gzip … five times) are refused (exit 2)', async () => {
    let data = Buffer.from(`${LOG}\n`);
    for (let i = 0; i < 5; i++) data = gzipSync(data);
    const file = join(tempDir(), 'deep.log.gz');
    writeFileSync(file, data);
    expectRefused(await runCli([file]), /deep\.log\.gz: refusing the archive: archives nested more than 4 deep \(raise --max-depth to read it\)$/);
    const run = await runCli([file, '--max-depth', '5', '--format', 'json']);
    expect(run.code).toBe(0);
  });
});

describe('a zip inside a compressed archive is held in memory to be read, within --max-nested-zip-size', () => {
  it('reads it when small enough; lists it with the option to raise when not', async () => {
    const dir = tempDir();
    const inner = await zipOf(join(dir, 'inner.zip'), async (z) => {
      await z.add('logs-cilium-q7d2x-cilium-agent-20240917-083012.log', `${LOG}\n`);
    });
    const file = join(dir, 'outer.tar.gz');
    writeFileSync(file, gzipSync(await tarOf([{ name: 'tickets/4711/sysdump.zip', body: readFileSync(inner) }])));
    const read = await runCli([file, '--format', 'json']);
    const inputs = (JSON.parse(read.stdout) as { inputs: { source: string; lines: number; member?: string }[] }).inputs;
    expect(inputs).toEqual([
      expect.objectContaining({ source: `${file}!/tickets/4711/sysdump.zip!/logs-cilium-q7d2x-cilium-agent-20240917-083012.log`, lines: 400, member: 'agent-log' }),
    ]);
    const listed = await runCli([file, '--max-nested-zip-size', '1k', '--format', 'json']);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toMatch(/skipped .*outer\.tar\.gz!\/tickets\/4711\/sysdump\.zip: a zip inside a compressed archive member larger than 1 KiB is not read \(raise --max-nested-zip-size, or extract it\)/);
  });
});

describe('broken archives are refused when nothing can be read, read up to the break otherwise', () => {
  it('a truncated zip (no central directory) is refused (exit 2)', async () => {
    const zip = await zipOf(join(tempDir(), 'cut.zip'), async (z) => {
      await z.add('agent.log', `${LOG}\n`);
      await z.add('other.log', `${LOG}\n`);
    });
    const whole = readFileSync(zip);
    writeFileSync(zip, whole.subarray(0, whole.length - 40));
    expectRefused(await runCli([zip]), /cut\.zip: refusing the archive: not a readable zip \(truncated or corrupt: /);
  });

  it('a corrupt member in a sound zip: its lines up to the damage, a warning, the other members read', async () => {
    const file = join(tempDir(), 'corrupt.zip');
    await zipOf(file, async (z) => {
      await z.add('a/agent.log', `${LOG}\n`.repeat(30));
      await z.add('b/agent.log', `${LOG}\n`);
    });
    const bytes = readFileSync(file);
    const second = bytes.indexOf(Buffer.from('PK\x03\x04'), 4);
    bytes.fill(0xff, Math.floor(second * 0.6), Math.floor(second * 0.6) + 64);
    writeFileSync(file, bytes);
    const run = await runCli([file, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^cilium-analyze: warning: ${file}!/a/agent\\.log: cut short: corrupt compressed data \\(.+\\)\\n$`));
    const inputs = (JSON.parse(run.stdout) as { inputs: { source: string; lines: number; note?: string }[] }).inputs;
    expect(inputs.find((i) => i.source.endsWith('!/a/agent.log'))!.lines).toBeLessThan(12000);
    expect(inputs.find((i) => i.source.endsWith('!/b/agent.log'))).toMatchObject({ lines: 400 });
  });

  it('a truncated tar.gz: the members before the cut are read, the cut is listed with a warning', async () => {
    const file = join(tempDir(), 'cut.tar.gz');
    const whole = gzipSync(
      await tarOf([
        { name: 'one/agent.log', body: `${LOG}\n` },
        { name: 'two/agent.log', body: `${LOG}\n`.repeat(50) },
        { name: 'three/agent.log', body: `${LOG}\n` },
      ]),
    );
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.5)));
    const run = await runCli([file, '--format', 'json']);
    expect(run.code).toBe(0);
    const inputs = (JSON.parse(run.stdout) as { inputs: { source: string; lines: number; coverage: string; skipped?: string; note?: string }[] }).inputs;
    expect(inputs.find((i) => i.source.endsWith('!/one/agent.log'))).toMatchObject({ lines: 400, coverage: 'parsed' });
    expect(inputs.find((i) => i.source.endsWith('!/two/agent.log'))).toMatchObject({ note: 'cut short: the compressed data ends early (truncated)' });
    expect(inputs.find((i) => i.source === file)).toMatchObject({
      coverage: 'skipped',
      skipped: 'archive cut short: the compressed data ends early (truncated); the members before it are read',
    });
    expect(inputs.some((i) => i.source.endsWith('!/three/agent.log'))).toBe(false);
    expect(run.stderr).toBe(
      `cilium-analyze: skipped ${file}: archive cut short: the compressed data ends early (truncated); the members before it are read\n` +
        `cilium-analyze: warning: ${file}!/two/agent.log: cut short: the compressed data ends early (truncated)\n`,
    );
  });
});

afterAll(() => {
  // The worker's high-water mark: building these archives and reading them all stayed bounded.
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  expect(peakMiB).toBeLessThan(300);
});

/** A zip of `count` empty stored members, written in batches (zip64 end records past 65,535). */
async function writeManyMemberZip(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  const name = (i: number) => Buffer.from(`m/${String(i).padStart(7, '0')}`);
  const local = (i: number) => {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(10, 4);
    h.writeUInt16LE(9, 26);
    return Buffer.concat([h, name(i)]);
  };
  const write = async (b: Buffer) => {
    if (!out.write(b)) await once(out, 'drain');
  };
  const BATCH = 10_000;
  for (let i = 0; i < count; i += BATCH) await write(Buffer.concat(Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => local(i + j))));
  const cdStart = count * 39;
  for (let i = 0; i < count; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE((3 << 8) | 10, 4);
      h.writeUInt16LE(10, 6);
      h.writeUInt16LE(9, 28);
      h.writeUInt32LE((0o100644 << 16) >>> 0, 38);
      h.writeUInt32LE((i + j) * 39, 42);
      return Buffer.concat([h, name(i + j)]);
    });
    await write(Buffer.concat(batch));
  }
  const cdSize = count * 55;
  const zip64 = Buffer.alloc(76);
  zip64.writeUInt32LE(0x06064b50, 0);
  zip64.writeBigUInt64LE(44n, 4);
  zip64.writeUInt16LE(45, 12);
  zip64.writeUInt16LE(45, 14);
  zip64.writeBigUInt64LE(BigInt(count), 24);
  zip64.writeBigUInt64LE(BigInt(count), 32);
  zip64.writeBigUInt64LE(BigInt(cdSize), 40);
  zip64.writeBigUInt64LE(BigInt(cdStart), 48);
  zip64.writeUInt32LE(0x07064b50, 56);
  zip64.writeBigUInt64LE(BigInt(cdStart + cdSize), 64);
  zip64.writeUInt32LE(1, 72);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(cdStart, 16);
  await write(Buffer.concat([zip64, end]));
  out.end();
  await once(out, 'finish');
}
