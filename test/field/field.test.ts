/**
 * Pastes in the shapes people put into public Cilium issues (test/fixtures/field, composed for
 * this repository in the layout of real issue pastes, releases 1.0 → 1.19): every line that holds a
 * record is read into the right fields, what holds none is prose or unparsed with its reason, and
 * the findings are the ones the paste demonstrates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeWithDb, fixture, type Analysis } from '../helpers/analyze.js';

type Db = Analysis['db'];

const loaded = new Map<string, Analysis>();

/** The agent of lines that name no pod: the input itself. */
const sourceAgent = (name: string): string => `source:${fixture('field', name)}`;
const LISTS = sourceAgent('lists.txt');

async function load(name: string): Promise<Analysis> {
  let a = loaded.get(name);
  if (!a) {
    a = await analyzeWithDb([fixture('field', name)]);
    loaded.set(name, a);
  }
  return a;
}

afterAll(() => {
  for (const a of loaded.values()) a.db.close();
});

function all<T = Record<string, unknown>>(db: Db, sql: string): T[] {
  return db.prepare(sql).all() as T[];
}

function unparsed(db: Db): { line: number; reason: string }[] {
  return all(db, 'SELECT line, reason FROM unparsed ORDER BY line, segment');
}

function formats(db: Db): Record<string, number> {
  return Object.fromEntries(all<{ format: string; lines: number }>(db, 'SELECT format, lines FROM source_formats').map((r) => [r.format, r.lines]));
}

function rules(a: Analysis): string[] {
  return [...new Set(a.report.findings.map((f) => f.rule))].sort();
}

/** The input's lines, parsed and unparsed, as the report counts them. */
function share(a: Analysis): { lines: number; parsed: number } {
  const input = a.report.inputs[0]!;
  return { lines: input.lines, parsed: input.parsed };
}

describe('cilium status of every release as pasted', () => {
  let a: Analysis;
  beforeAll(async () => {
    a = await load('status-releases.md');
  });

  it('reads every line: fenced, indented by four spaces, inside <details><pre>, after a quoted binary', () => {
    expect(unparsed(a.db)).toEqual([]);
    expect(share(a)).toEqual({ lines: 200, parsed: 200 });
    // Captions, fences, the HTML around a block and a value's terminal wrap are prose, not records.
    expect(formats(a.db)).toMatchObject({ 'cilium-status': 152, prose: 32, shell: 4 });
  });

  it('reads the 1.7 block indented as markdown code with its own labels and the features of its replacement', () => {
    const fields = all<{ line: number; label: string; value: string }>(a.db, 'SELECT line, label, value FROM status_fields WHERE line BETWEEN 74 AND 84 ORDER BY line');
    expect(fields.map((f) => [f.line, f.label])).toEqual([
      [74, 'KVStore'], [75, 'Kubernetes'], [76, 'Kubernetes APIs'], [77, 'KubeProxyReplacement'], [78, 'Cilium'], [79, 'NodeMonitor'],
      [80, 'Cilium health daemon'], [81, 'IPAM'], [82, 'Controller Status'], [83, 'Proxy Status'], [84, 'Cluster health'],
    ]);
    const kpr = all<{ detail: string }>(a.db, 'SELECT detail FROM status_fields WHERE line = 77')[0]!;
    expect(JSON.parse(kpr.detail)).toEqual({
      type: 'kpr', mode: 'Probe', devices: [], features: ['NodePort (SNAT, 30000-32767)', 'ExternalIPs', 'HostReachableServices (TCP, UDP)'],
    });
    expect(all(a.db, "SELECT command FROM shell_commands WHERE line = 73")).toEqual([{ command: 'cilium status' }]);
  });

  it('reads the cluster health tables of 1.2, 1.4, 1.7, 1.15 and 1.17 (words, booleans, two addresses)', () => {
    expect(all(a.db, 'SELECT line, name, localhost, ips, node_status, endpoints_status FROM status_health_nodes ORDER BY line')).toEqual([
      { line: 18, name: 'lab3/ip-10-31-7-21.eu-central-1.compute.internal', localhost: 1, ips: '["10.31.7.21"]', node_status: 'unreachable', endpoints_status: 'unreachable' },
      { line: 19, name: 'lab3/ip-10-31-9-140.eu-central-1.compute.internal', localhost: 0, ips: '["10.31.9.140"]', node_status: 'unreachable', endpoints_status: 'unreachable' },
      { line: 51, name: 'k8s-a', localhost: 0, ips: '["192.168.60.11"]', node_status: 'reachable', endpoints_status: 'reachable' },
      { line: 52, name: 'k8s-b', localhost: 0, ips: '["192.168.60.12"]', node_status: 'reachable', endpoints_status: 'reachable' },
      { line: 86, name: 'brick', localhost: 1, ips: '["10.77.3.9"]', node_status: 'reachable', endpoints_status: 'reachable' },
      { line: 125, name: 'pve-w2', localhost: 0, ips: '["172.20.8.15"]', node_status: 'unreachable', endpoints_status: 'reachable' },
      { line: 126, name: 'pve-w3', localhost: 0, ips: '["172.20.8.16"]', node_status: 'unreachable', endpoints_status: 'reachable' },
      { line: 182, name: 'mesh-east/mesh-east-worker', localhost: 1, ips: '["172.21.0.4","fd00:aa11::4"]', node_status: 'reachable', endpoints_status: 'reachable' },
      { line: 183, name: 'mesh-west/mesh-west-control-plane', localhost: 0, ips: '["172.21.0.7","fd00:aa11::7"]', node_status: 'unreachable', endpoints_status: 'unreachable' },
      { line: 184, name: 'mesh-west/mesh-west-worker', localhost: 0, ips: '["172.21.0.6","fd00:aa11::6"]', node_status: 'unreachable', endpoints_status: 'unreachable' },
      { line: 185, name: 'mesh-east/mesh-east-control-plane', localhost: 0, ips: '["172.21.0.5","fd00:aa11::5"]', node_status: 'reachable', endpoints_status: 'reachable' },
    ]);
  });

  it('reads the 1.4 address pools and controllers and the 1.17 allocated addresses with their owners', () => {
    const addresses = all<{ line: number; ip: string; owner: string }>(a.db, 'SELECT line, ip, owner FROM status_addresses ORDER BY line');
    expect(addresses.slice(0, 7).map((r) => [r.ip, r.owner])).toEqual([
      ['10.22.0.7', ''], ['10.22.0.19', ''], ['10.22.0.101', ''], ['10.22.0.230', ''], ['fd01::b16:0:0:11', ''], ['fd01::b16:0:0:4a2', ''], ['fd01::b16:0:0:c0e1', ''],
    ]);
    expect(addresses.slice(7).map((r) => [r.line, r.ip, r.owner])).toEqual([
      [144, '10.0.3.12', 'kube-system/hubble-relay-6d9c8f7b4-qq2lz'],
      [145, '10.0.3.40', 'default/echo-7f6c9d-8kw2n'],
      [146, '10.0.3.77', 'kube-system/coredns-5c7b9d-x2x9q [restored]'],
      [147, '10.0.3.101', 'health'],
      [148, '10.0.3.254', 'router'],
    ]);
    expect(all(a.db, "SELECT name, last_success, last_error, count, message FROM status_controllers WHERE name LIKE 'sync-to-k8s%'")).toEqual([
      { name: 'sync-to-k8s-ciliumendpoint (2901)', last_success: '6s ago', last_error: '2m1s ago', count: 0, message: 'no error' },
    ]);
  });

  it('attributes the output of a `kubectl exec … -- "cilium-dbg" status` to its pod', () => {
    expect(all(a.db, "SELECT DISTINCT agent FROM status_fields WHERE line BETWEEN 102 AND 123")).toEqual([{ agent: 'cilium-7hx2c' }]);
  });

  it('reports what the pastes show and nothing else', () => {
    expect(rules(a)).toEqual([
      'cluster-health-partial', 'health-daemon-missing', 'health-node-unreachable', 'health-self-unreachable', 'hubble-ring-full', 'known-issues',
    ]);
  });
});

describe('cilium-health status as pasted', () => {
  it('reads the long form, the --succinct rows under Nodes: and a hand-aligned health table', async () => {
    const a = await load('health.txt');
    expect(unparsed(a.db)).toEqual([]);
    expect(share(a)).toEqual({ lines: 51, parsed: 51 });
    expect(all(a.db, 'SELECT line, name, localhost, ips, node_status, endpoints_status FROM status_health_nodes WHERE ips <> \'[]\' ORDER BY line')).toEqual([
      { line: 24, name: 'blue-n1', localhost: 1, ips: '["10.70.0.11"]', node_status: 'reachable', endpoints_status: 'reachable' },
      { line: 25, name: 'blue-n2', localhost: 0, ips: '["10.70.0.12"]', node_status: 'reachable', endpoints_status: 'reachable' },
      { line: 26, name: 'blue-n3', localhost: 0, ips: '["10.70.0.13"]', node_status: 'reachable', endpoints_status: 'unreachable' },
      { line: 50, name: 'cp-europe-west4-a-k2lq', localhost: 1, ips: '["10.164.0.4"]', node_status: 'unreachable', endpoints_status: 'reachable' },
      { line: 51, name: 'nodes-europe-west4-a-7tzd', localhost: 0, ips: '["10.164.0.5"]', node_status: 'reachable', endpoints_status: 'unreachable' },
    ]);
    const probes = all<{ node: string; path: string; ip: string; protocol: string; ok: number; rtt: string | null }>(
      a.db,
      'SELECT node, path, ip, protocol, ok, rtt FROM status_health_probes ORDER BY line',
    );
    expect(probes).toHaveLength(16);
    expect(probes.filter((p) => !p.ok).map((p) => [p.node, p.path, p.protocol])).toEqual([
      ['lab3/ip-10-31-9-140.eu-central-1.compute.internal', 'host', 'icmp'],
      ['lab3/ip-10-31-9-140.eu-central-1.compute.internal', 'host', 'http'],
      ['lab3/ip-10-31-9-140.eu-central-1.compute.internal', 'endpoint', 'icmp'],
      ['lab3/ip-10-31-9-140.eu-central-1.compute.internal', 'endpoint', 'http'],
      ['k3s-edge-1', 'endpoint', 'icmp'],
      ['k3s-edge-1', 'endpoint', 'http'],
    ]);
    expect(probes.find((p) => p.node === 'k3s-edge-1' && p.protocol === 'http' && p.path === 'host')).toMatchObject({ ip: '192.168.88.11', rtt: '1.4114ms' });
    // A Cilium subcommand alone on a line is the paste's command, not prose.
    expect(all(a.db, 'SELECT line, command, pod FROM shell_commands ORDER BY line')).toEqual([
      { line: 3, command: 'cilium-health status', pod: null },
      { line: 21, command: 'kubectl -n kube-system exec cilium-v7bq2 -- cilium-health status --probe --succinct', pod: 'cilium-v7bq2' },
      { line: 28, command: 'kubectl -n kube-system exec ds/cilium -- cilium-health status --probe', pod: null },
    ]);
    expect(rules(a)).toEqual(['cluster-health-partial', 'health-endpoint-unreachable-only', 'health-node-unreachable']);
  });
});

describe('list commands as pasted: wide tables, CI frames, every release of bpf lb list', () => {
  let a: Analysis;
  beforeAll(async () => {
    a = await load('lists.txt');
  });

  it('reads every line', () => {
    expect(unparsed(a.db)).toEqual([]);
    expect(share(a)).toEqual({ lines: 115, parsed: 115 });
  });

  it('reads endpoints of a plain table, of a Ginkgo frame with its tab margin, of a Jenkins slice without header', () => {
    expect(all(a.db, 'SELECT line, agent, endpoint_id, policy_ingress, policy_egress, identity, ipv6, ipv4, status FROM list_endpoints ORDER BY line')).toEqual([
      { line: 7, agent: LISTS, endpoint_id: 1721, policy_ingress: 'Enabled', policy_egress: 'Disabled', identity: 5210, ipv6: 'f00d::a0b:0:0:6b9', ipv4: '10.11.0.41', status: 'regenerating' },
      { line: 11, agent: LISTS, endpoint_id: 3307, policy_ingress: 'Disabled', policy_egress: 'Disabled', identity: 4, ipv6: 'f00d::a0b:0:0:cec', ipv4: '10.11.0.200', status: 'ready' },
      { line: 18, agent: 'cilium-t2l9x', endpoint_id: 812, policy_ingress: 'Disabled', policy_egress: 'Disabled', identity: 4, ipv6: 'f00d::a0c:100:0:32c', ipv4: '10.12.1.44', status: 'ready' },
      { line: 19, agent: 'cilium-t2l9x', endpoint_id: 1930, policy_ingress: 'Disabled', policy_egress: 'Disabled', identity: 13577, ipv6: 'f00d::a0c:100:0:78a', ipv4: '10.12.1.150', status: 'ready' },
      { line: 43, agent: LISTS, endpoint_id: 2044, policy_ingress: 'Disabled', policy_egress: 'Disabled', identity: 3912, ipv6: 'f00d::a0d:0:0:7fc', ipv4: '10.13.0.52', status: 'ready' },
      { line: 51, agent: LISTS, endpoint_id: 644, policy_ingress: 'Disabled', policy_egress: 'Disabled', identity: 1, ipv6: null, ipv4: null, status: 'ready' },
      { line: 54, agent: LISTS, endpoint_id: 3171, policy_ingress: 'Disabled', policy_egress: 'Disabled', identity: 4, ipv6: null, ipv4: '10.0.7.211', status: 'ready' },
    ]);
    const labels = all<{ owner: string; label: string }>(a.db, "SELECT owner, label FROM list_labels WHERE list = 'endpoint' ORDER BY line");
    expect(labels.filter((l) => l.owner === '2044').map((l) => l.label)).toEqual([
      'k8s:app=kafka-broker', 'k8s:io.cilium.k8s.policy.cluster=default', 'k8s:io.kubernetes.pod.namespace=default',
    ]);
    expect(labels.filter((l) => l.owner === '1930')).toHaveLength(4);
  });

  it('reads services of 1.6 (no states, /i scope), 1.14 (states), 1.16 (protocols) and IPv6 frontends', () => {
    expect(all(a.db, 'SELECT line, service_id, frontend, type FROM list_services WHERE line IN (31, 37, 58, 68, 72) ORDER BY line')).toEqual([
      { line: 31, service_id: 1, frontend: '10.104.12.77:3000', type: 'ClusterIP' },
      { line: 37, service_id: 6, frontend: '0.0.0.0:31712/i', type: 'NodePort' },
      { line: 58, service_id: 2871, frontend: '10.44.18.3:6379', type: 'NodePort' },
      { line: 68, service_id: 21, frontend: '172.20.0.3:31440/TCP', type: 'NodePort' },
      { line: 72, service_id: 1, frontend: '[fd10:6a::2:11]:80', type: 'ClusterIP' },
    ]);
    expect(all(a.db, 'SELECT line, service_id, backend_index, address, state FROM list_service_backends WHERE line IN (34, 59, 68, 73) ORDER BY line')).toEqual([
      { line: 34, service_id: 3, backend_index: 2, address: '10.12.0.88:53', state: null },
      { line: 59, service_id: 2871, backend_index: 2, address: '10.246.9.4:6379', state: 'maintenance' },
      { line: 68, service_id: 21, backend_index: 1, address: '10.244.2.90:8080/TCP', state: 'terminating' },
      { line: 73, service_id: 1, backend_index: 2, address: '[fd10:6b::7:2e1]:80', state: 'active' },
    ]);
    expect(all(a.db, "SELECT DISTINCT agent FROM list_services WHERE line BETWEEN 31 AND 37")).toEqual([{ agent: 'cilium-t2l9x' }]);
  });

  it('reads bpf lb list before 1.10 (no slots) and from 1.15 (slot per value, flags, L7 proxy port)', () => {
    expect(all(a.db, 'SELECT line, frontend, slot, backend, rev_nat, flags FROM list_lb ORDER BY line')).toEqual([
      { line: 78, frontend: '10.96.0.1:443', slot: 0, backend: null, rev_nat: 0, flags: '[]' },
      { line: 79, frontend: '10.96.0.1:443', slot: null, backend: '192.168.56.11:6443', rev_nat: 1, flags: '[]' },
      { line: 80, frontend: '10.108.7.91:80', slot: null, backend: '10.12.1.129:80', rev_nat: 20, flags: '[]' },
      { line: 81, frontend: '10.108.7.91:80', slot: 0, backend: null, rev_nat: 0, flags: '[]' },
      { line: 85, frontend: '10.96.0.1:443', slot: 1, backend: '172.20.0.3:6443', rev_nat: 1, flags: '[]' },
      { line: 86, frontend: '10.96.0.1:443', slot: 0, backend: null, rev_nat: 1, flags: '["ClusterIP","non-routable"]' },
      { line: 87, frontend: '10.96.88.10:443', slot: 1, backend: '172.20.0.4:4244', rev_nat: 22, flags: '[]' },
      { line: 88, frontend: '10.96.88.10:443', slot: 0, backend: null, rev_nat: 22, flags: '["ClusterIP","InternalLocal","non-routable"]' },
      { line: 89, frontend: '172.20.0.4:30871', slot: 0, backend: null, rev_nat: 33, flags: '["NodePort","l7-load-balancer"]' },
    ]);
  });

  it('reads the 1.15 node list with its Source column and ct entries of 1.12 and 1.18', () => {
    expect(all(a.db, 'SELECT name, ipv4, ipv4_cidr, node_source FROM list_nodes ORDER BY line')).toEqual([
      { name: 'east/ip-10-4-0-17.eu-north-1.compute.internal', ipv4: '10.4.0.17', ipv4_cidr: '10.204.2.0/24', node_source: 'kvstore' },
      { name: 'east/ip-10-4-1-201.eu-north-1.compute.internal', ipv4: '10.4.1.201', ipv4_cidr: '10.204.0.0/24', node_source: 'local' },
    ]);
    expect(all(a.db, 'SELECT agent, proto, dir, entries, service_entries FROM ct_summary ORDER BY line')).toEqual([
      { agent: 'cilium-8mfq4', proto: 'TCP', dir: 'IN', entries: 2, service_entries: 0 },
      { agent: 'cilium-8mfq4', proto: 'TCP', dir: 'OUT', entries: 1, service_entries: 1 },
      { agent: 'cilium-8mfq4', proto: 'TCP', dir: 'SVC', entries: 1, service_entries: 1 },
    ]);
  });

  it('reads bpf policy get of 1.14+ (verdict, auth type, prefix) and of 1.4 (allow entries only), labels under their entry', () => {
    // The endpoint is the pasted command's argument, for the table that follows it only.
    expect(all(a.db, 'SELECT line, endpoint_id FROM list_policy ORDER BY line').map((r) => r['endpoint_id'])).toEqual([2290, 2290, 2290, null, null]);
    expect(all(a.db, 'SELECT line, agent, verdict, direction, peer, port, proxy_port, auth_type, bytes, packets, prefix_length FROM list_policy ORDER BY line')).toEqual([
      { line: 104, agent: 'cilium-8mfq4', verdict: 'Allow', direction: 'Ingress', peer: 'reserved:host', port: 'ANY', proxy_port: null, auth_type: 'disabled', bytes: 73420, packets: 801, prefix_length: 0 },
      { line: 106, agent: 'cilium-8mfq4', verdict: 'Allow', direction: 'Ingress', peer: 'k8s:app=frontend', port: '8080/TCP', proxy_port: null, auth_type: 'disabled', bytes: 2210094, packets: 18330, prefix_length: 24 },
      { line: 109, agent: 'cilium-8mfq4', verdict: 'Deny', direction: 'Egress', peer: 'reserved:world', port: 'ANY', proxy_port: null, auth_type: 'disabled', bytes: 0, packets: 0, prefix_length: 0 },
      { line: 113, agent: LISTS, verdict: null, direction: 'Ingress', peer: 'reserved:host', port: 'ANY', proxy_port: null, auth_type: null, bytes: 1802, packets: 21, prefix_length: null },
      { line: 114, agent: LISTS, verdict: null, direction: 'Ingress', peer: 'k8s:app=ledger', port: '5432/TCP', proxy_port: null, auth_type: null, bytes: 0, packets: 0, prefix_length: null },
    ]);
    expect(all(a.db, "SELECT line, owner, label FROM list_labels WHERE list = 'policy' ORDER BY line")).toEqual([
      { line: 105, owner: 'Ingress reserved:host ANY', label: 'reserved:kube-apiserver' },
      { line: 107, owner: 'Ingress k8s:app=frontend 8080/TCP', label: 'k8s:io.cilium.k8s.policy.cluster=default' },
      { line: 108, owner: 'Ingress k8s:app=frontend 8080/TCP', label: 'k8s:io.kubernetes.pod.namespace=shop' },
      { line: 115, owner: 'Ingress k8s:app=ledger 5432/TCP', label: 'k8s:io.kubernetes.pod.namespace=shop' },
    ]);
  });

  it('reports nothing: the lists show no fault', () => {
    expect(rules(a)).toEqual([]);
  });
});

describe('cilium monitor as pasted', () => {
  it('reads a line in inline code, a timestamped 1.2 -v capture, policy verdicts of 1.7 and 1.8+, and 1.14 events', async () => {
    const a = await load('monitor.txt');
    expect(unparsed(a.db)).toEqual([]);
    expect(share(a)).toEqual({ lines: 36, parsed: 36 });
    const events = all<Record<string, unknown>>(
      a.db,
      'SELECT line, runtime_time, type, obs_point, src_identity, dst_identity, drop_reason, bpf_file, bpf_line, direction, policy_action, policy_match, debug_name, src_mac, ttl FROM monitor_events ORDER BY line',
    );
    expect(events.map((e) => [e['line'], e['type']])).toEqual([
      [3, 'drop'], [7, 'trace'], [11, 'debug'], [12, 'debug'], [17, 'policy-verdict'], [18, 'policy-verdict'], [21, 'policy-verdict'], [22, 'policy-verdict'],
      [23, 'policy-verdict'], [24, 'policy-verdict'], [25, 'policy-verdict'], [32, 'drop'], [33, 'drop'], [34, 'drop'], [35, 'trace'], [36, 'trace'],
    ]);
    const at = (line: number): Record<string, unknown> => events.find((e) => e['line'] === line)!;
    expect(at(3)).toMatchObject({ drop_reason: 'Policy denied (L3)', src_identity: '21604', dst_identity: '5133' });
    // The wrapper's timestamp is the events' time; the -v dissection belongs to the trace.
    expect(at(7)).toMatchObject({ runtime_time: '2018-10-03 09:12:41', obs_point: 'from-host', src_identity: '1', dst_identity: '0', src_mac: '6a:1f:02:9c:44:e1', ttl: 64 });
    expect(at(12)).toMatchObject({ runtime_time: '2018-10-03 09:12:41', debug_name: 'DBG_LOCAL_DELIVERY' });
    // 1.7 `ingress true` with the remote as source; 1.8+ `egress` with the remote as destination.
    expect(at(17)).toMatchObject({ direction: 'ingress', policy_action: 'allow', policy_match: 'L3-L4', src_identity: '18840' });
    expect(at(24)).toMatchObject({ direction: 'egress', policy_action: 'deny', policy_match: 'none', dst_identity: 'remote-node' });
    expect(at(25)).toMatchObject({ direction: 'ingress', policy_action: 'audit', src_identity: '6' });
    expect(at(34)).toMatchObject({ drop_reason: 'CT: Map insertion failed', bpf_file: 'conntrack.h', bpf_line: 987 });
    expect(at(36)).toMatchObject({ obs_point: 'to-stack', src_identity: '12744', dst_identity: 'host' });
  });

  it('reports the drops the paste shows, and no trace mismatch for the host reaching its own pod', async () => {
    const a = await load('monitor.txt');
    expect(rules(a)).toEqual(['ct-table-full', 'datapath-drops', 'model-ambiguous', 'policy-drop']);
    const host = a.report.flows.find((f) => f.tuple?.src === '10.52.0.116');
    expect(host).toMatchObject({ class: 'F8' });
    expect(host!.divergences).not.toContain('trace-sequence-mismatch');
  });
});

describe('hubble as pasted', () => {
  it('reads 0.5 and 1.x compact flows, `hubble status` and a flow piped through jq', async () => {
    const a = await load('hubble.txt');
    expect(unparsed(a.db)).toEqual([]);
    expect(share(a)).toEqual({ lines: 85, parsed: 85 });
    expect(all(a.db, 'SELECT line, component, version FROM cli_versions')).toEqual([{ line: 28, component: 'hubble', version: '0.13.0' }]);
    expect(
      all(a.db, 'SELECT line, node, verdict, drop_reason, obs_point, src_namespace, src_name, dst_name, dst_ip, dst_port, dst_identity, policy_action, traffic_direction FROM hubble_flows WHERE line IN (5, 13, 16, 17, 33) ORDER BY line'),
    ).toEqual([
      { line: 5, node: 'tern-1', verdict: 'FORWARDED', drop_reason: null, obs_point: 'to-proxy', src_namespace: 'shop', src_name: 'frontend-6b9c7', dst_name: 'coredns-6955765f44-8xk2d', dst_ip: null, dst_port: 53, dst_identity: null, policy_action: null, traffic_direction: null },
      { line: 13, node: null, verdict: null, drop_reason: null, obs_point: null, src_namespace: 'probe', src_name: 'curl-client', dst_name: 'coredns-7db6d8ff4d-m2v7k', dst_ip: null, dst_port: 53, dst_identity: 3342, policy_action: 'ALLOWED', traffic_direction: 'ingress' },
      { line: 16, node: null, verdict: 'DROPPED', drop_reason: null, obs_point: null, src_namespace: 'probe', src_name: 'curl-client', dst_name: null, dst_ip: '192.168.7.20', dst_port: 6443, dst_identity: 7, policy_action: 'DENIED', traffic_direction: 'egress' },
      { line: 17, node: null, verdict: 'DROPPED', drop_reason: 'Policy denied', obs_point: null, src_namespace: 'probe', src_name: 'curl-client', dst_name: null, dst_ip: '192.168.7.20', dst_port: 6443, dst_identity: 7, policy_action: null, traffic_direction: null },
      { line: 33, node: 'kind-worker2', verdict: 'DROPPED', drop_reason: 'Policy denied', obs_point: null, src_namespace: 'shop', src_name: 'frontend-6b9c7', dst_name: 'catalog-5c8d9-xk2zp', dst_ip: '10.244.1.88', dst_port: 8080, dst_identity: 17760, policy_action: null, traffic_direction: 'ingress' },
    ]);
    expect(all(a.db, 'SELECT line, name, node, count, nodes, message FROM hubble_notices ORDER BY line')).toEqual([
      { line: 21, name: 'Healthcheck', node: 'localhost:4245', count: null, nodes: null, message: 'Ok' },
      { line: 22, name: 'Current/Max Flows', node: null, count: 8190, nodes: null, message: '8,190/8,190 (100.00%)' },
      { line: 23, name: 'Flows/s', node: null, count: null, nodes: null, message: '41.08' },
      { line: 24, name: 'Connected Nodes', node: null, count: 2, nodes: null, message: '2/3' },
      { line: 25, name: 'Unavailable Nodes', node: null, count: 1, nodes: null, message: '1' },
      { line: 26, name: 'Unavailable Nodes', node: null, count: null, nodes: '["pool-b-7xk2"]', message: null },
    ]);
    // The denying policy verdict is no drop notification: only the two drops are policy drops.
    expect(rules(a)).toEqual(['model-ambiguous', 'policy-drop']);
  });
});

describe('agent logs as pasted', () => {
  it('takes off the viewers\' prefixes and keeps what they say, leaves a describe fragment without its pod unparsed', async () => {
    const a = await load('agent-logs.txt');
    expect(unparsed(a.db)).toEqual([34, 35, 36, 37, 38].map((line) => ({ line, reason: 'unrecognised: matches no known format' })));
    expect(share(a)).toEqual({ lines: 39, parsed: 34 });
    const events = all<Record<string, unknown>>(a.db, 'SELECT line, segment, container, runtime_time, time, level, subsys, module, msg FROM log_events ORDER BY line');
    // docker compose `cilium-agent  | `, journald, a viewer's bare container name: the record is the whole line after it.
    expect(events.every((e) => e['segment'] === 0)).toBe(true);
    const at = (line: number): Record<string, unknown> => events.find((e) => e['line'] === line)!;
    expect(at(6)).toMatchObject({ container: 'cilium-agent', level: 'warning', subsys: 'nodediscovery', msg: 'Unable to update CiliumNode resource, will retry' });
    expect(at(9)).toMatchObject({ container: 'cilium-agent', level: 'warning', subsys: 'daemon' });
    expect(at(11)).toMatchObject({ runtime_time: '2020-11-02T08:41:17.1181925Z', subsys: 'k8s' });
    expect(at(15)).toMatchObject({ container: 'cilium-agent', runtime_time: '2024-09-18T06:20:41.209114512Z', subsys: 'ipcache' });
    expect(at(18)).toMatchObject({ container: 'cilium-agent', subsys: 'labels-filter' });
    expect(at(20)).toMatchObject({ container: 'cilium-agent', time: '2025-03-04T03:15:42Z', module: 'agent.datapath.datapath-xdp-config', msg: 'Determined final XDP mode' });
    expect(at(27)).toMatchObject({ time: '2025-08-14T09:02:12.118Z', level: 'error', module: 'agent.datapath.loader', msg: 'Failed to load datapath' });
    expect(events).toHaveLength(17);
    expect(rules(a)).toEqual(['agent-init-killed', 'agent-log-errors', 'node-pod-cidr-missing']);
  });
});

describe('cilium-cli status and tcpdump as pasted', () => {
  it('reads the logo form of 1.11 and reports the agents that are not ready', async () => {
    const a = await load('cli-status.txt');
    expect(unparsed(a.db)).toEqual([]);
    expect(all(a.db, 'SELECT workload, name, desired, ready, unavailable FROM cli_workloads ORDER BY line')).toEqual([
      { workload: 'DaemonSet', name: 'cilium', desired: 12, ready: 8, unavailable: 4 },
      { workload: 'Deployment', name: 'cilium-operator', desired: 2, ready: 2, unavailable: null },
    ]);
    expect(rules(a)).toEqual(['agents-not-ready']);
  });

  it('reads the Geneve inner packet whose tab the paste expanded to spaces', async () => {
    const a = await load('tcpdump.txt');
    expect(unparsed(a.db)).toEqual([]);
    expect(all(a.db, 'SELECT line, outer_id IS NOT NULL AS inside, iface, direction, src, sport, dst, dport, ttl, encap, vni FROM packets ORDER BY id')).toEqual([
      { line: 5, inside: 0, iface: 'ens5', direction: 'Out', src: '10.40.12.7', sport: 51402, dst: '10.40.12.9', dport: 6081, ttl: 64, encap: 'Geneve', vni: 4 },
      { line: 5, inside: 1, iface: null, direction: null, src: '10.40.12.7', sport: 40321, dst: '172.31.9.2', dport: 53, ttl: 63, encap: null, vni: null },
      { line: 13, inside: 0, iface: 'ens5', direction: 'In', src: '172.31.9.2', sport: 53, dst: '10.40.12.7', dport: 40321, ttl: 62, encap: null, vni: null },
      { line: 21, inside: 0, iface: null, direction: null, src: '192.168.10.21', sport: 41222, dst: '192.168.10.22', dport: 8472, ttl: null, encap: 'OTV', vni: 11922 },
      { line: 21, inside: 1, iface: null, direction: null, src: '10.0.1.77', sport: 52110, dst: '10.0.2.14', dport: 8080, ttl: null, encap: null, vni: null },
      { line: 23, inside: 0, iface: null, direction: null, src: '192.168.10.22', sport: 38015, dst: '192.168.10.21', dport: 8472, ttl: null, encap: 'OTV', vni: 2411 },
      { line: 23, inside: 1, iface: null, direction: null, src: '10.0.2.14', sport: 8080, dst: '10.0.1.77', dport: 52110, ttl: null, encap: null, vni: null },
    ]);
    expect(rules(a)).toEqual([]);
  });
});

describe('second round: outputs of 1.9 → 1.18 the first round did not cover', () => {
  it('reads bpf nat list of both layouts, map list, encrypt status with WireGuard, and the version lines of every client', async () => {
    const a = await load('dbg-lists.txt');
    expect(unparsed(a.db)).toEqual([]);
    expect(share(a)).toEqual({ lines: 45, parsed: 45 });
    expect(all(a.db, 'SELECT line, proto, dir, xlate, to_addr, created_sec_ago, host_local, needs_ct FROM list_nat WHERE line IN (6, 11, 14) ORDER BY line')).toEqual([
      { line: 6, proto: 'TCP', dir: 'OUT', xlate: 'SRC', to_addr: '192.168.5.20:8099', created_sec_ago: 6126215, host_local: null, needs_ct: 0 },
      { line: 11, proto: 'UDP', dir: 'OUT', xlate: 'SRC', to_addr: '10.11.81.43:53122', created_sec_ago: 311, host_local: 1, needs_ct: null },
      { line: 14, proto: 'TCP', dir: 'OUT', xlate: 'SRC', to_addr: '[2001:db8:9::20]:44120', created_sec_ago: 12, host_local: null, needs_ct: 1 },
    ]);
    expect(all(a.db, 'SELECT count(*) AS n FROM list_nat')).toEqual([{ n: 7 }]);
    expect(all(a.db, "SELECT agent, name, entries, errors, cache FROM list_maps WHERE errors > 0 OR name = 'cilium_ipcache' ORDER BY line")).toEqual([
      { agent: 'cilium-z8v4n', name: 'cilium_ipcache', entries: 0, errors: 0, cache: 0 },
      { agent: 'cilium-z8v4n', name: 'cilium_lxc', entries: 14, errors: 2, cache: 1 },
    ]);
    expect(all(a.db, "SELECT label, value FROM status_fields WHERE section = 'encrypt' ORDER BY line")).toEqual([
      { label: 'Encryption', value: 'Wireguard' },
      { label: 'Interface', value: 'cilium_wg0' },
      { label: 'Public key', value: '8mJkQ7eX3Vr0u1Y2a5dLh3nQf0pZsW9cB6tK4gR2aE0=' },
      { label: 'Number of peers', value: '4' },
    ]);
    expect(all(a.db, 'SELECT component, version, revision FROM cli_versions ORDER BY line')).toEqual([
      { component: 'Client', version: '1.17.0', revision: 'c2bbf787' },
      { component: 'Daemon', version: '1.17.0', revision: 'c2bbf787' },
      { component: 'hubble', version: '1.16.5', revision: '8b0f4ad' },
      { component: 'cilium-cli', version: '0.16.22', revision: null },
      { component: 'cilium image (default)', version: '1.16.5', revision: null },
      { component: 'cilium image (stable)', version: '1.16.6', revision: null },
      { component: 'cilium image (running)', version: '1.17.0', revision: null },
    ]);
    // The daemon's version comes from `cilium-dbg version` of its pod.
    expect(a.report.agents.find((g) => g.pod === 'cilium-z8v4n')?.version).toBe('1.17.0');
    expect(rules(a)).toEqual([]);
  });

  it('reads the 1.17 verbose status: routing, attach and device mode, a value the terminal wrapped, the module tree', async () => {
    const a = await load('dbg-status-verbose.txt');
    expect(unparsed(a.db)).toEqual([]);
    expect(share(a)).toEqual({ lines: 100, parsed: 100 });
    expect(all(a.db, "SELECT line, label, value FROM status_fields WHERE label IN ('Routing', 'Attach Mode', 'Device Mode') ORDER BY line")).toEqual([
      { line: 25, label: 'Routing', value: 'Network: Native Host: BPF' },
      { line: 26, label: 'Attach Mode', value: 'TCX' },
      { line: 27, label: 'Device Mode', value: 'netkit' },
    ]);
    const encryption = all<{ line: number; detail: string; note: string | null }>(a.db, "SELECT line, detail, note FROM status_fields WHERE label = 'Encryption' ORDER BY line");
    expect(encryption.map((e) => [e.line, e.note])).toEqual([[78, null], [79, 'value wrapped onto this line']]);
    expect(JSON.parse(encryption[1]!.detail)).toMatchObject({ mode: 'Wireguard', nodeEncryption: false, wireguard: [{ iface: 'cilium_wg0', port: 51871, peers: 2 }] });
    expect(all(a.db, 'SELECT depth, name, level FROM status_modules WHERE level IS NOT NULL ORDER BY line')).toEqual([
      { depth: 3, name: 'observer-job-auth-gc-identity-events', level: 'OK' },
      { depth: 3, name: 'timer-job-auth-gc-cleanup', level: 'OK' },
      { depth: 4, name: 'datapath-regenerate', level: 'OK' },
      { depth: 3, name: 'job-node-address-update', level: 'OK' },
    ]);
    expect(rules(a)).toEqual(['hubble-ring-full', 'known-issues']);
  });

  it('reads the operator (logrus and slog), hubble-relay, cilium-envoy in Envoy\'s own format, and the 1.3 agent relaying Envoy', async () => {
    const a = await load('components.txt');
    expect(unparsed(a.db)).toEqual([]);
    expect(share(a)).toEqual({ lines: 33, parsed: 33 });
    expect(all(a.db, 'SELECT line, level FROM raw_lines WHERE category = \'envoy\' AND level <> \'info\' ORDER BY line')).toEqual([
      { line: 24, level: 'warning' }, { line: 27, level: 'error' }, { line: 28, level: 'error' }, { line: 29, level: 'error' },
    ]);
    expect(all(a.db, "SELECT line, level, subsys, module FROM log_events WHERE line IN (10, 15, 18) ORDER BY line")).toEqual([
      { line: 10, level: 'fatal', subsys: 'cilium-operator', module: null },
      { line: 15, level: 'warning', subsys: null, module: 'operator.operator-controlplane.leader-lifecycle.ipam-cluster-pool' },
      { line: 18, level: 'warning', subsys: 'hubble-relay', module: null },
    ]);
    // The operator's fatal exit is the one error the paste shows.
    expect(rules(a)).toEqual(['agent-log-errors']);
  });

  it('reads cilium connectivity test: features, the test tree, results and the report', async () => {
    const a = await load('connectivity-test.txt');
    expect(unparsed(a.db)).toEqual([]);
    expect(share(a)).toEqual({ lines: 40, parsed: 40 });
    expect(all(a.db, "SELECT row, count(*) AS n FROM cli_connectivity GROUP BY row ORDER BY row")).toEqual([
      { row: 'action', n: 1 }, { row: 'failed-action', n: 3 }, { row: 'failure', n: 1 }, { row: 'feature', n: 5 }, { row: 'note', n: 15 },
      { row: 'result', n: 4 }, { row: 'scenario', n: 1 }, { row: 'summary', n: 1 }, { row: 'test', n: 3 },
    ]);
    expect(all(a.db, "SELECT line, ok, counts FROM cli_connectivity WHERE row = 'summary'")).toEqual([
      { line: 34, ok: 0, counts: '{"failedTests":2,"tests":11,"failedActions":4,"actions":112}' },
    ]);
    expect(all(a.db, "SELECT name FROM cli_connectivity WHERE row = 'failed-action' ORDER BY line").map((r) => r['name'])).toEqual([
      'no-policies/pod-to-cidr/cloudflare-1001-0', 'no-policies/pod-to-cidr/cloudflare-1111-0', 'to-entities-world/pod-to-world/http-to-one-one-one-one-0',
    ]);
    expect(rules(a)).toEqual([]);
  });

  it('reads the 1.0 endpoint log (rows whose time ingest took for a wrapper\'s) and init.sh output relayed by the agent', async () => {
    const a = await load('old-releases.txt');
    expect(unparsed(a.db)).toEqual([]);
    expect(share(a)).toEqual({ lines: 11, parsed: 11 });
    expect(all(a.db, 'SELECT line, time, status, state FROM list_endpoint_log ORDER BY line')).toEqual([
      { line: 5, time: '2018-01-17T15:31:30Z', status: 'OK', state: 'ready' },
      { line: 6, time: '2018-01-17T15:31:31Z', status: 'Failure', state: 'ready' },
    ]);
    expect(rules(a)).toEqual(['agent-log-errors']);
  });
});
