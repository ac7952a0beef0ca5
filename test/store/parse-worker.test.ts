/**
 * Parsing in the worker thread writes the same case as parsing on the main thread: every table,
 * row for row, ids included. The worker runs the built script (`npm test` builds first), so this
 * test loads the built store too.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

type Load = typeof import('../../src/store/load.js');
type Db = typeof import('../../src/store/db.js');
type Thread = typeof import('../../src/store/parse-thread.js');

const BUILT = new URL('../../dist/src/store/', import.meta.url);
const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'parse-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function built<T>(module: string): Promise<T> {
  const url = new URL(module, BUILT);
  expect(existsSync(fileURLToPath(url)), `${module} is built (npm test builds dist/ first)`).toBe(true);
  return (await import(url.href)) as T;
}

/**
 * Every table of a case, its rows in rowid order; source blocks by place (each is stored when its
 * compression in the thread pool ends, so their ids differ from run to run either way).
 */
function dump(db: import('../../src/store/db.js').CaseDb): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const rows = (t: string): unknown[] =>
    t === 'source_blocks'
      ? db.prepare('SELECT source_id, first_line, lines, bytes, data FROM source_blocks ORDER BY source_id, first_line').raw().all()
      : db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all();
  return Object.fromEntries(tables.map((t) => [t, rows(t)]));
}

async function caseOf(inputs: string[], parseWorker: 'always' | 'never'): Promise<Record<string, unknown[]>> {
  const { loadInputs } = await built<Load>('load.js');
  const { createCaseDb, abortCaseDb } = await built<Db>('db.js');
  const db = createCaseDb();
  try {
    const result = await loadInputs(db, inputs, Readable.from([]), { parseWorker });
    for (const s of result.sources) expect(s.parsed + s.unparsed).toBe(s.lines);
    return dump(db);
  } finally {
    abortCaseDb(db);
  }
}

const pods = ['cilium-7xk2q', 'cilium-operator-5d9c7b6f4-qz8wl'];

/**
 * An agent log as `kubectl logs --prefix --timestamps` prints it, with what does not take the
 * worker's fast path mixed in: the flag dump, the banner, the addressing block, a panic, CRI
 * partial records, two records joined on one line, prose, and more distinct messages than the
 * worker's string tables hold before they start over.
 */
function composedLog(lines: number): string {
  const out: string[] = [];
  const stamp = (i: number): string => `2025-11-04T17:${String(Math.floor(i / 3600) % 60).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}000000Z`;
  const at = (i: number, pod: string, text: string): string => `[pod/${pod}/cilium-agent] ${stamp(i)} ${text}`;
  out.push(at(0, pods[0]!, 'level=info msg="Cilium 1.16.3 a1b2c3d4 2024-10-22T10:11:12+00:00 go version go1.22.8 linux/arm64" subsys=daemon'));
  for (let f = 0; f < 40; f++) out.push(at(1, pods[0]!, `level=info msg="  --bpf-map-${f}='${f * 7}'" subsys=daemon`));
  out.push(at(2, pods[0]!, 'level=info msg="Addressing information:" subsys=daemon'));
  out.push(at(2, pods[0]!, 'level=info msg="  Cluster-Name: mesh-west" subsys=daemon'));
  out.push(at(2, pods[0]!, 'level=info msg="  IPv4 allocation prefix: 10.88.3.0/24" subsys=daemon'));
  for (let i = 3; out.length < lines; i++) {
    const pod = pods[i % 2]!;
    if (i % 997 === 0) out.push(`2025-11-04T17:00:00.000000000Z stdout P level=warning msg="Unable to update CiliumNode resou`, `2025-11-04T17:00:00.000000001Z stdout F rce" subsys=nodediscovery node=worker-${i}`);
    else if (i % 1499 === 0) out.push(at(i, pod, `level=info msg="Policy imported" subsys=daemon policyRevision=${i} level=info msg="Regenerated endpoint" subsys=endpoint endpointID=${i}`));
    else if (i % 2003 === 0) out.push(at(i, pod, 'panic: runtime error: invalid memory address or nil pointer dereference'), at(i, pod, 'goroutine 412 [running]:'));
    else if (i % 1777 === 0) out.push('the agent restarted here, see the ticket');
    else out.push(at(i, pod, `level=${i % 13 === 0 ? 'warning' : 'info'} msg="Processed endpoint ${i}" subsys=endpoint ipAddr=10.88.${i % 250}.${i % 200} containerID=c${i}`));
  }
  return `${out.join('\n')}\n`;
}

describe('parsing in the worker thread', () => {
  it('writes the same case as parsing here, for a log larger than a block with every kind of op', async () => {
    const file = join(dir, 'agent.log');
    writeFileSync(file, composedLog(30_000));
    const inline = await caseOf([file], 'never');
    const worker = await caseOf([file], 'always');
    expect((inline['log_lines'] ?? []).length).toBeGreaterThan(29_000);
    expect((inline['config_flags'] ?? []).length).toBe(40);
    expect(worker).toEqual(inline);
  });

  it('writes the same case for every seed and conformance capture, read in one run', async () => {
    const seeds = readdirSync(join(SHARED, 'seeds')).map((f) => join(SHARED, 'seeds', f));
    const captures = join(SHARED, 'conformance');
    const inline = await caseOf([...seeds, captures], 'never');
    expect(await caseOf([...seeds, captures], 'always')).toEqual(inline);
  });

  it('fails the request at hand and every later one when the worker fails', async () => {
    const { ParseThread } = await built<Thread>('parse-thread.js');
    const thread = new ParseThread();
    try {
      // A block before any source is opened: the worker cannot parse it.
      await expect(thread.block(Buffer.from('level=info msg="x"\n'))).rejects.toThrow(/open/);
      await expect(thread.end()).rejects.toThrow(/open/);
    } finally {
      await thread.close();
    }
  });

  it('is chosen for agent logs only: other records cost more to send to it than to parse here', async () => {
    const { mostlyAgentLog } = await import('../../src/store/load.js');
    expect(mostlyAgentLog(Buffer.from(composedLog(400)))).toBe(true);
    const monitor = Array.from({ length: 300 }, (_, i) =>
      `-> endpoint 2211 flow 0x${(0x5a1c0 + i).toString(16)} , identity 48213->7720 state new ifindex lxc91ab3c0f21d1 orig-ip 10.88.4.${i % 250}: 10.88.4.${i % 250}:${40000 + i} -> 10.88.7.12:8080 tcp SYN`,
    ).join('\n');
    expect(mostlyAgentLog(Buffer.from(monitor))).toBe(false);
    const halfAndHalf = composedLog(300).split('\n').slice(0, 150).join('\n') + '\n' + monitor.split('\n').slice(0, 150).join('\n');
    expect(mostlyAgentLog(Buffer.from(halfAndHalf))).toBe(false);
  });

  it('is not used where the built script is missing', async () => {
    const { parseWorkerAvailable } = await import('../../src/store/parse-thread.js');
    expect(parseWorkerAvailable()).toBe(false);
    expect((await built<Thread>('parse-thread.js')).parseWorkerAvailable()).toBe(true);
  });
});
