/** Temporary files and standard input for tests, without the rest of the pipeline. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll } from 'vitest';

let tempRoot: string | null = null;

// Registered while the importing test file is collected: its temporary files go when it is done.
afterAll(() => {
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
  tempRoot = null;
});

/** A fresh temporary directory for files a test writes; removed after the test file ran. */
export function tempDir(): string {
  tempRoot ??= mkdtempSync(join(tmpdir(), 'cilium-analyze-test-'));
  return mkdtempSync(join(tempRoot, 'case-'));
}

/** Writes `content` to a new temporary file and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/** Standard input with `content`, or an empty one that ends at once. */
export function stdinOf(content: string | Buffer | null): Readable {
  if (content === null) {
    const empty = new PassThrough();
    empty.end();
    return empty;
  }
  return Readable.from([typeof content === 'string' ? Buffer.from(content) : content]);
}
