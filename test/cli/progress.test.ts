import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProgressLine } from '../../src/cli/progress.js';

const MiB = 2 ** 20;

function terminal(): { out: Writable; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) });
  return { out, text: () => chunks.join('') };
}

describe('progress line', () => {
  it('stays silent for inputs under 20 MiB', () => {
    const t = terminal();
    let now = 0;
    const p = new ProgressLine(t.out, () => now);
    for (let i = 1; i <= 10; i++) {
      now += 1000;
      p.update({ source: 'small.log', bytesRead: i * MiB, totalBytes: 10 * MiB, lines: i * 4000 });
    }
    p.done();
    expect(t.text()).toBe('');
  });

  it('shows the input, bytes of its size and lines per second, at most every 250 ms, and clears itself', () => {
    const t = terminal();
    let now = 0;
    const p = new ProgressLine(t.out, () => now);
    p.update({ source: 'cilium-7f2bq.log', bytesRead: 0, totalBytes: 300 * MiB, lines: 0 });
    now = 2000;
    p.update({ source: 'cilium-7f2bq.log', bytesRead: 45 * MiB, totalBytes: 300 * MiB, lines: 180_000 });
    now = 2100;
    p.update({ source: 'cilium-7f2bq.log', bytesRead: 46 * MiB, totalBytes: 300 * MiB, lines: 184_000 });
    now = 4000;
    p.update({ source: 'cilium-7f2bq.log', bytesRead: 90 * MiB, totalBytes: 300 * MiB, lines: 360_000 });
    p.done();
    expect(t.text().split('\r\x1b[K').filter(Boolean)).toEqual([
      'cilium-analyze: reading cilium-7f2bq.log  0/300 MiB  0 lines/s',
      'cilium-analyze: reading cilium-7f2bq.log  45/300 MiB  90,000 lines/s',
      'cilium-analyze: reading cilium-7f2bq.log  90/300 MiB  90,000 lines/s',
    ]);
    expect(t.text().endsWith('\r\x1b[K')).toBe(true);
  });

  it('a pipe or gzip input has no known size: bytes read only; the rate restarts with each input', () => {
    const t = terminal();
    let now = 0;
    const p = new ProgressLine(t.out, () => now);
    p.update({ source: 'a.log', bytesRead: 30 * MiB, totalBytes: 30 * MiB, lines: 100_000 });
    now = 1000;
    p.update({ source: '-', bytesRead: 0, totalBytes: null, lines: 0 });
    now = 3000;
    p.update({ source: '-', bytesRead: 25 * MiB, totalBytes: null, lines: 50_000 });
    expect(t.text().split('\r\x1b[K').filter(Boolean).at(-1)).toBe('cilium-analyze: reading -  25 MiB  25,000 lines/s');
  });
});
