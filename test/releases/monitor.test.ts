/**
 * `cilium monitor` as releases before 1.9 printed it (pkg/monitor at the 1.0–1.8 release commits):
 * trace lines without `orig-ip` or `(N captured)`, verbose drops naming `to ifindex`, the policy
 * reason texts split by stage, the master/slave and `daddr` debug texts, 1.0's debug line without
 * its newline, DNS records without query types, the `-j` objects of 1.1–1.4, and the Ctrl-C echo.
 */
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/analyze.js';
import { loadFiles, unparsed } from '../status/helpers.js';

type Db = Awaited<ReturnType<typeof loadFiles>>;

function events(db: Db, columns: string): Record<string, unknown>[] {
  return db.prepare(`SELECT ${columns} FROM monitor_events ORDER BY line, segment`).all() as Record<string, unknown>[];
}

function lineTypes(db: Db): { line: number; type: string }[] {
  return db.prepare('SELECT line, type FROM monitor_lines ORDER BY line').all() as { line: number; type: string }[];
}

describe('cilium monitor -v of 1.0', () => {
  it('reads headers without captured length, drops naming their interface, glued and renamed debug texts', async () => {
    const db = await loadFiles(fixture('releases', 'monitor-1.0.txt'));
    expect(unparsed(db)).toEqual([]);
    expect(events(db, 'line, segment, type, form, obs_point, trace_state, ifname, length, captured_length, orig_ip, drop_reason, drop_code, dest_ep, debug_name')).toEqual([
      { line: 5, segment: 0, type: 'trace', form: 'verbose', obs_point: 'to-endpoint', trace_state: 'new', ifname: 'lxc9a1b2c3d', length: 74, captured_length: null, orig_ip: null, drop_reason: null, drop_code: null, dest_ep: 3101, debug_name: null },
      { line: 10, segment: 0, type: 'drop', form: 'verbose', obs_point: null, trace_state: null, ifname: 'eth0', length: 74, captured_length: null, orig_ip: null, drop_reason: 'Policy denied (L3)', drop_code: 133, dest_ep: 2211, debug_name: null },
      { line: 11, segment: 0, type: 'debug', form: 'text', obs_point: null, trace_state: null, ifname: null, length: null, captured_length: null, orig_ip: null, drop_reason: null, drop_code: null, dest_ep: null, debug_name: 'DBG_SKIP_PROXY' },
      { line: 11, segment: 1, type: 'debug', form: 'text', obs_point: null, trace_state: null, ifname: null, length: null, captured_length: null, orig_ip: null, drop_reason: null, drop_code: null, dest_ep: null, debug_name: 'DBG_IP_ID_MAP_SUCCEED4' },
      { line: 12, segment: 0, type: 'debug', form: 'text', obs_point: null, trace_state: null, ifname: null, length: null, captured_length: null, orig_ip: null, drop_reason: null, drop_code: null, dest_ep: null, debug_name: 'DBG_RR_SLAVE_SEL' },
      { line: 13, segment: 0, type: 'trace', form: 'summary', obs_point: 'to-endpoint', trace_state: 'new', ifname: 'lxc9a1b2c3d', length: null, captured_length: null, orig_ip: null, drop_reason: null, drop_code: null, dest_ep: 3101, debug_name: null },
      { line: 14, segment: 0, type: 'trace', form: 'summary', obs_point: 'to-overlay', trace_state: 'established', ifname: 'cilium_vxlan', length: null, captured_length: null, orig_ip: null, drop_reason: null, drop_code: null, dest_ep: null, debug_name: null },
      { line: 15, segment: 0, type: 'drop', form: 'summary', obs_point: null, trace_state: null, ifname: null, length: null, captured_length: null, orig_ip: null, drop_reason: 'Policy denied (CIDR)', drop_code: 133, dest_ep: 0, debug_name: null },
      { line: 16, segment: 0, type: 'l7', form: 'text', obs_point: null, trace_state: null, ifname: null, length: null, captured_length: null, orig_ip: null, drop_reason: null, drop_code: null, dest_ep: 2211, debug_name: null },
      { line: 17, segment: 0, type: 'agent', form: 'text', obs_point: null, trace_state: null, ifname: null, length: null, captured_length: null, orig_ip: null, drop_reason: null, drop_code: null, dest_ep: null, debug_name: null },
    ]);
    // 1.0 prints the header first: the dissection after it is the header's packet.
    expect(events(db, 'src_ip, dst_ip, dst_port, tcp_flags, ttl').at(0)).toEqual({ src_ip: '10.12.3.44', dst_ip: '10.12.7.19', dst_port: 8080, tcp_flags: 'SYN', ttl: 63 });
    expect(
      db.prepare("SELECT count(*) AS n FROM monitor_lines l JOIN monitor_events e ON e.id = l.event_id WHERE l.type = 'layer' AND e.line = 5").get(),
    ).toEqual({ n: 3 });
    expect(events(db, 'src_ip, dst_ip, dst_port, tcp_flags').at(5)).toEqual({ src_ip: '10.12.3.44', dst_ip: '10.12.7.19', dst_port: 8080, tcp_flags: 'SYN' });
    expect(lineTypes(db).filter((l) => l.type === 'interrupt')).toEqual([{ line: 18, type: 'interrupt' }, { line: 19, type: 'interrupt' }]);
  });
});

describe('cilium monitor -v and -j of 1.4', () => {
  it('reads captured lengths, old DNS records and the JSON objects of 1.1–1.4', async () => {
    const db = await loadFiles(fixture('releases', 'monitor-1.4.txt'));
    expect(unparsed(db)).toEqual([]);
    expect(events(db, 'type, form, obs_point, ifname, ifindex, captured_length, drop_code, src_identity_num, dst_identity_num, l7_protocol')).toEqual([
      { type: 'drop', form: 'verbose', obs_point: null, ifname: null, ifindex: 0, captured_length: null, drop_code: 133, src_identity_num: 54012, dst_identity_num: 9961, l7_protocol: null },
      { type: 'trace', form: 'verbose', obs_point: 'from-endpoint', ifname: 'lxc4f0e1d2c3b4a', ifindex: null, captured_length: 98, drop_code: null, src_identity_num: 9961, dst_identity_num: 2, l7_protocol: null },
      { type: 'trace', form: 'verbose', obs_point: 'from-stack', ifname: null, ifindex: null, captured_length: 70, drop_code: null, src_identity_num: 1, dst_identity_num: 9961, l7_protocol: null },
      { type: 'l7', form: 'text', obs_point: null, ifname: null, ifindex: null, captured_length: null, drop_code: null, src_identity_num: 9961, dst_identity_num: 38812, l7_protocol: 'dns' },
      { type: 'l7', form: 'text', obs_point: null, ifname: null, ifindex: null, captured_length: null, drop_code: null, src_identity_num: 9961, dst_identity_num: 38812, l7_protocol: 'dns' },
      { type: 'drop', form: 'json', obs_point: null, ifname: 'lxc4f0e1d2c3b4a', ifindex: null, captured_length: null, drop_code: 133, src_identity_num: 54012, dst_identity_num: 9961, l7_protocol: null },
      { type: 'trace', form: 'json', obs_point: 'to-overlay', ifname: 'cilium_vxlan', ifindex: null, captured_length: null, drop_code: null, src_identity_num: 9961, dst_identity_num: 54012, l7_protocol: null },
    ]);
    const dns = events(db, 'details').slice(3, 5).map((r) => (JSON.parse(r['details'] as string) as { dns: unknown }).dns);
    expect(dns).toEqual([
      { source: 'Query', query: 'api.vendor.example.', ttl: '60', ips: '203.0.113.40,203.0.113.41' },
      { source: 'Query', query: 'api.vendor.example.' },
    ]);
  });
});

describe('cilium monitor of 1.7 and 1.8', () => {
  it('reads orig-ip, the encrypted mark, the 1.8 policy verdict and the interrupt', async () => {
    const db = await loadFiles(fixture('releases', 'monitor-1.7.txt'));
    expect(unparsed(db)).toEqual([]);
    expect(events(db, 'type, obs_point, encrypted, orig_ip, ifname, direction, policy_action, dst_identity')).toEqual([
      { type: 'trace', obs_point: 'to-stack', encrypted: 1, orig_ip: '0.0.0.0', ifname: null, direction: null, policy_action: null, dst_identity: 'remote-node' },
      { type: 'trace', obs_point: 'from-endpoint', encrypted: 0, orig_ip: '0.0.0.0', ifname: null, direction: null, policy_action: null, dst_identity: '21840' },
      { type: 'trace', obs_point: 'to-endpoint', encrypted: 0, orig_ip: '10.3.64.12', ifname: 'lxc2b7c8d9e0f11', direction: null, policy_action: null, dst_identity: '21840' },
      { type: 'policy-verdict', obs_point: null, encrypted: 0, orig_ip: null, ifname: null, direction: 'ingress', policy_action: 'allow', dst_identity: null },
      { type: 'drop', obs_point: null, encrypted: 0, orig_ip: null, ifname: null, direction: null, policy_action: null, dst_identity: '0' },
    ]);
    expect(lineTypes(db).filter((l) => l.type === 'interrupt').map((l) => l.line)).toEqual([10, 11]);
  });
});
