/**
 * Real pasted captures, loaded end to end: seed 002 (node and pod netns captures of an HTTP HEAD
 * through Cilium, with and without -e) and seed 001 (a `tcpdump -pne` session flattened into
 * one prose line).
 */
import { readdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { readPacketSummary } from '../../src/state/packets.js';
import { createCaseDb, type CaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import { SHARED } from './read-capture.js';

const SEEDS = new URL('seeds/', SHARED);

function seedPath(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(`${prefix}_`));
  if (!name) throw new Error(`no seed ${prefix}`);
  return fileURLToPath(new URL(name, SEEDS));
}

async function load(path: string): Promise<CaseDb> {
  const db = createCaseDb();
  const stdin = new PassThrough();
  stdin.end();
  await loadInputs(db, [path], stdin);
  return db;
}

interface PacketRow {
  line: number;
  capture_node: string | null;
  capture_iface: string | null;
  capture_netns: string | null;
  src_mac: string | null;
  dst_mac: string | null;
  src: string;
  dst: string;
  sport: number | null;
  dport: number | null;
  protocol: string;
  tcp_flags: string | null;
  seq_abs: number | null;
  ack_abs: number | null;
  mss: number | null;
  http: string | null;
  icmp: string | null;
  detail: string;
}

const HANDSHAKE_AND_CLOSE = ['S', 'S.', '.', 'P.', '.', 'P.', '.', 'F.', 'F.', '.'];

describe('seed 002: captures on the node and in the pod network namespace', () => {
  let db: CaseDb;
  let packets: PacketRow[];
  beforeAll(async () => {
    db = await load(seedPath('002'));
    packets = db.prepare('SELECT * FROM packets ORDER BY line').all() as PacketRow[];
  });

  const captures = (): Map<string, PacketRow[]> => {
    const by = new Map<string, PacketRow[]>();
    for (const p of packets) {
      const key = `${p.capture_netns ?? 'unknown'} ${p.capture_iface}`;
      by.set(key, [...(by.get(key) ?? []), p]);
    }
    return by;
  };

  test('every tcpdump line is parsed', () => {
    const unparsed = db.prepare(`SELECT line, text FROM unparsed WHERE format = 'tcpdump'`).all();
    expect(unparsed).toEqual([]);
    expect(packets).toHaveLength(42);
    expect(db.prepare('SELECT status, iface FROM capture_status ORDER BY line').all()).toEqual(
      ['eth0', 'lxc84a447e034a3', 'lxc493a9120593a', 'eth0'].flatMap((iface) => [
        { status: 'verbose-suppressed', iface: null },
        { status: 'listening', iface },
      ]),
    );
  });

  test('capture context comes from the pasted command', () => {
    expect([...captures().keys()]).toEqual([
      'container/061adb799d0c eth0',
      'unknown lxc84a447e034a3',
      'unknown lxc493a9120593a',
      'container/02f75de6e631 eth0',
    ]);
    const nodes = new Set(packets.map((p) => p.capture_node));
    expect(nodes).toEqual(new Set(['k8s-ig-m6f5hd49-fbso3h3g-ffcfq1uq', 'k8s-ig-m6f5hd49-2ie613z6-ffcfq1uq']));
  });

  test('each capture holds SYN / SYN-ACK / ACK … FIN with mss 1410', () => {
    for (const [key, rows] of captures()) {
      const tcp = rows.filter((r) => r.protocol === 'tcp');
      expect(tcp.map((r) => r.tcp_flags), key).toEqual(HANDSHAKE_AND_CLOSE);
      expect(tcp.slice(0, 2).map((r) => r.mss), key).toEqual([1410, 1410]);
      expect(tcp[3]!.http, key).toBe('HEAD / HTTP/1.1');
      expect(tcp[5]!.http, key).toBe('HTTP/1.1 200 OK');
      // The client's FIN: relative seq 78, and the absolute number is the ISN + 78.
      expect(JSON.parse(tcp[7]!.detail).tcp.seq, key).toBe(78);
      expect(tcp[7]!.seq_abs! - tcp[0]!.seq_abs!, key).toBe(78);
      expect(tcp[2]!.ack_abs, key).toBe(tcp[1]!.seq_abs! + 1);
      expect(new Set(tcp.map((r) => `${r.src}`)), key).toEqual(new Set(['10.0.0.250', '10.0.1.60']));
      expect(tcp[0]!.dport, key).toBe(80);
    }
  });

  test('the ARP exchange on lxc84a447e034a3', () => {
    const arp = packets.filter((p) => p.protocol === 'arp');
    expect(arp.map((p) => JSON.parse(p.detail).arp)).toEqual([
      { op: 'request', tpa: '10.0.0.175', spa: '10.0.0.250', length: 28 },
      { op: 'reply', spa: '10.0.0.175', sha: '66:94:e5:1d:37:df', length: 28 },
    ]);
    expect(arp.every((p) => p.capture_iface === 'lxc84a447e034a3')).toBe(true);
  });

  test('the MACs of the -e captures (with and without oui names, port names resolved)', () => {
    const withMacs = packets.filter((p) => p.src_mac !== null);
    expect(withMacs).toHaveLength(20);
    for (const p of withMacs) {
      const client = p.src === '10.0.0.250';
      expect(p.src_mac).toBe(client ? 'fa:fb:bb:ab:82:72' : '86:62:55:e0:8a:5e');
      expect(p.dst_mac).toBe(client ? '86:62:55:e0:8a:5e' : 'fa:fb:bb:ab:82:72');
      expect(client ? p.dport : p.sport).toBe(80);
    }
  });

  test('packet summary: per protocol and per capture point', () => {
    const summary = readPacketSummary(db);
    expect(summary.total).toBe(42);
    expect(summary.byProtocol).toEqual({ tcp: 40, arp: 2 });
    expect(summary.captures.map((c) => [c.iface, c.total])).toEqual(
      expect.arrayContaining([['eth0', 10], ['lxc84a447e034a3', 12], ['lxc493a9120593a', 10]]),
    );
  });
});

describe('seed 001: a `tcpdump -pne` session flattened into one line', () => {
  let db: CaseDb;
  beforeAll(async () => {
    db = await load(seedPath('001'));
  });

  test('both ICMP echo requests with their MACs', () => {
    const rows = db
      .prepare(`SELECT * FROM packets WHERE icmp IS NOT NULL ORDER BY line, segment`)
      .all() as PacketRow[];
    const echo = rows.filter((r) => r.src_mac === '1e:42:49:8a:4e:bb');
    expect(echo).toHaveLength(2);
    for (const [i, r] of echo.entries()) {
      expect(r).toMatchObject({
        dst_mac: 'd2:eb:8d:a6:d4:e7',
        src: '10.244.0.102',
        dst: '10.244.0.25',
        protocol: 'icmp',
        icmp: 'echo request',
        capture_iface: 'lxc89c8c94364d6',
      });
      expect(JSON.parse(r.detail).icmp).toMatchObject({ id: 7936, seq: i, length: 64 });
    }
  });

  test('tcpdump status lines are recognised, not unparsed', () => {
    const status = db.prepare('SELECT status, iface, count FROM capture_status ORDER BY line, segment').all();
    expect(status).toEqual(
      expect.arrayContaining([
        { status: 'verbose-suppressed', iface: null, count: null },
        { status: 'listening', iface: 'lxc89c8c94364d6', count: null },
        { status: 'packets-captured', iface: null, count: 2 },
        { status: 'packets-received', iface: null, count: 2 },
        { status: 'packets-dropped', iface: null, count: 0 },
      ]),
    );
    expect(db.prepare(`SELECT text FROM unparsed WHERE format = 'tcpdump'`).all()).toEqual([]);
  });
});
