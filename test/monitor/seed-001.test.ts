/**
 * Seed 001: a blog post with `cilium monitor -vv` output (Cilium 1.9 ordering and glued identity
 * fragments), partly flattened into prose lines. Acceptance of issue 4.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseDb, type CaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';
import { fileLine, seed, stdinOf } from '../helpers/analyze.js';

type Row = Record<string, unknown>;

describe('seed 001 monitor output', () => {
  let db: CaseDb;
  const file = seed('001');
  beforeAll(async () => {
    db = createCaseDb();
    await loadInputs(db, [file], stdinOf(null));
  });
  afterAll(() => db.close());

  const all = (sql: string, ...params: unknown[]): Row[] => db.prepare(sql).all(...params) as Row[];

  it('parses every monitor record of the pasted lines, including those joined into prose', () => {
    // Physical line 93 holds prose followed by nine debug records; 95 and 97 hold a dissection
    // block, its header and more debug records.
    expect(all('SELECT segment, type FROM monitor_events WHERE line = 93 ORDER BY segment').map((r) => r['type'])).toEqual(
      Array(9).fill('debug'),
    );
    expect(all('SELECT type, obs_point FROM monitor_events WHERE line = 95 ORDER BY segment').map((r) => r['obs_point'] ?? r['type'])).toEqual([
      'to-endpoint', 'debug', 'debug', 'debug', 'debug', 'debug', 'debug', 'debug', 'debug', 'debug',
    ]);
    const unparsedMonitor = all(`SELECT line, text FROM unparsed WHERE text LIKE '%CPU 0_: MARK%' OR text LIKE '%{Contents=%' OR format = 'monitor'`);
    expect(unparsedMonitor).toEqual([]);
  });

  it('has events from endpoints 2073, 149 and 472 and identities 22099, 11575, 17840', () => {
    const endpoints = all('SELECT DISTINCT source_ep FROM monitor_events ORDER BY source_ep').map((r) => r['source_ep']);
    expect(endpoints).toEqual([149, 472, 2073]);
    const identities = new Set(
      all('SELECT src_identity_num AS a, dst_identity_num AS b, mapped_identity AS c FROM monitor_events').flatMap((r) => [r['a'], r['b'], r['c']]),
    );
    for (const id of [22099, 11575, 17840]) expect(identities.has(id), `identity ${id}`).toBe(true);
  });

  it('reads the CT verdicts New and Reply', () => {
    expect(all(`SELECT DISTINCT ct_verdict FROM monitor_events WHERE ct_verdict IS NOT NULL ORDER BY 1`).map((r) => r['ct_verdict'])).toEqual(['New', 'Reply']);
  });

  it('reads the local delivery to container 149 from seclabel 22099', () => {
    const delivery = all(`SELECT * FROM monitor_events WHERE debug_name = 'DBG_LOCAL_DELIVERY' AND dest_ep = 149`);
    expect(delivery).toHaveLength(1);
    expect(delivery[0]).toMatchObject({ source_ep: 2073, src_identity_num: 22099, cpu: 3, mark: '0x0' });
    expect(delivery[0]!['text']).toBe('CPU 03: MARK 0x0 FROM 2073 DEBUG: Attempting local delivery for container id 149 from seclabel 22099');
    expect(fileLine(file, Number(delivery[0]!['line']))).toContain(String(delivery[0]!['text']));
  });

  it('reads the to-endpoint trace 22099->11575 (glued to its interface) with its dissection', () => {
    const trace = all(`SELECT * FROM monitor_events WHERE obs_point = 'to-endpoint' AND src_identity = '22099' AND dst_identity = '11575'`);
    expect(trace).toHaveLength(1);
    expect(trace[0]).toMatchObject({
      form: 'verbose', source_ep: 149, dest_ep: 149, trace_state: 'new', ifname: 'lxc1ddf0c103b7b', orig_ip: '10.244.0.102',
      length: 98, captured_length: 98,
      ttl: 63, protocol: 'icmp', icmp_type: 'EchoRequest', icmp_id: 12544, icmp_seq: 0,
      src_ip: '10.244.0.102', dst_ip: '10.244.0.25', src_mac: 'c6:dc:81:06:fc:cb', dst_mac: '1e:ea:b6:69:74:23', ip_id: 17761,
    });
    // Its three layer lines were printed before it on the same physical line and are linked to it.
    const layers = all('SELECT layer FROM monitor_lines WHERE event_id = ? ORDER BY segment', trace[0]!['id']);
    expect(layers.map((l) => l['layer'])).toEqual(['Ethernet', 'IPv4', 'ICMPv4']);
  });

  it('attaches the separator-delimited block of the cross-node reply to its header', () => {
    const reply = all(`SELECT * FROM monitor_events WHERE src_identity = '17840' AND obs_point = 'to-endpoint'`);
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatchObject({ ttl: 62, icmp_type: 'EchoReply', icmp_id: 22016, src_ip: '10.244.2.145', dst_ip: '10.244.0.102' });
  });
});
