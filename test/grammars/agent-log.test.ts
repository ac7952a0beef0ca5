import { describe, expect, it } from 'vitest';
import { agentLogGrammar } from '../../grammars/agent-log.js';
import type { FeedResult } from '../../src/types/grammar.js';
import type { AgentLogEvent, AgentRawLine, FormatRecord } from '../../src/types/records.js';

/** Feeds lines to one session (block state carries over) and returns each line's result. */
function feed(...lines: string[]): FeedResult[] {
  const session = agentLogGrammar.open();
  return lines.map((text, i) => session.feed({ source: 't', line: i + 1, segment: 0, text, context: {} }));
}

function records(...lines: string[]): FormatRecord[] {
  return feed(...lines).map((r, i) => {
    if (!r.ok) throw new Error(`line ${i + 1} not parsed (${r.reason}): ${lines[i]}`);
    expect(r.records).toHaveLength(1);
    return r.records[0]!;
  });
}

function event(line: string): AgentLogEvent {
  const rec = records(line)[0]!;
  expect(rec.kind).toBe('agent-log');
  return rec as AgentLogEvent;
}

describe('logging generations (agent-log.md §3, §4)', () => {
  it('logrus text without time', () => {
    const e = event('level=info msg="Inheriting MTU from external network interface" device=ens5 ipAddr=192.168.10.12 mtu=9001 subsys=mtu');
    expect(e).toMatchObject({ generation: 'logrus-text', time: null, level: 'info', subsys: 'mtu', module: null });
    expect(e.msg).toBe('Inheriting MTU from external network interface');
    expect(e.fields).toEqual({ device: 'ens5', ipAddr: '192.168.10.12', mtu: '9001', subsys: 'mtu' });
  });

  it('logrus text-ts: quoted time, µ durations, function with a space', () => {
    const e = event(
      'time="2024-07-02T11:05:41Z" level=info msg=Invoked duration="31.662µs" function="cmd.unlockAfterAPIServer (cmd/deletion_queue.go:113)" subsys=hive',
    );
    expect(e).toMatchObject({ generation: 'logrus-text', time: '2024-07-02T11:05:41Z', msg: 'Invoked', subsys: 'hive' });
    expect(e.fields['duration']).toBe('31.662µs');
    expect(e.fields['function']).toBe('cmd.unlockAfterAPIServer (cmd/deletion_queue.go:113)');
  });

  it('logrus text: escaped quotes and empty bare values', () => {
    const e = event(
      'level=warning msg="Unable to fetch kubernetes labels" ciliumEndpointName=default/web-7d9f8 containerID=3f1c9e5d2a containerInterface=eth0 datapathPolicyRevision=0 desiredPolicyRevision=0 endpointID=1187 error="pod.core \\"web-7d9f8\\" not found" ipv4=10.0.1.24 ipv6= k8sPodName=default/web-7d9f8 subsys=resolve-labels',
    );
    expect(e.level).toBe('warning');
    expect(e.fields['error']).toBe('pod.core "web-7d9f8" not found');
    expect(e.fields['ipv6']).toBe('');
    expect(e.fields['endpointID']).toBe('1187');
    expect(e.fields['k8sPodName']).toBe('default/web-7d9f8');
    expect(e.subsys).toBe('resolve-labels');
  });

  it('slog text: bare time, warn level, module scope, unquoted brackets', () => {
    const e = event('time=2024-08-12T07:41:03Z level=warn msg="Devices changed" module=agent.datapath.devices-controller devices=[ens5 ens6]');
    expect(e).toMatchObject({ generation: 'slog-text', time: '2024-08-12T07:41:03Z', level: 'warning', subsys: null });
    expect(e.module).toBe('agent.datapath.devices-controller');
    // slog quotes a value only when it has a space; this one has, so it is one value
    expect(e.fields).toEqual({ module: 'agent.datapath.devices-controller', devices: '[ens5' });
    expect(e.trailing).toBe('ens6]');
  });

  it('slog text: nanosecond time, ms duration, `*` in a bare value', () => {
    const e = event('time=2025-07-29T10:11:12.3456789Z level=info msg="Start hook executed" function="*linux.devicesController.Start" duration=1.204117ms');
    expect(e.time).toBe('2025-07-29T10:11:12.3456789Z');
    expect(e.fields).toEqual({ function: '*linux.devicesController.Start', duration: '1.204117ms' });
  });

  it('slog text without time is told apart by `warn` or `key=""`', () => {
    expect(event('level=warn msg="Slow" module=agent.infra').generation).toBe('slog-text');
    expect(event('level=info msg="" module=agent.infra').generation).toBe('slog-text');
    expect(event('level=warning msg=Slow subsys=daemon').generation).toBe('logrus-text');
  });

  it('logrus JSON: sorted keys, typed values, HTML-escaped <nil>', () => {
    const e = event('{"ipAddr":"192.168.10.12","ipv6":"\\u003cnil\\u003e","level":"info","msg":"Inheriting MTU from external network interface","mtu":9001,"subsys":"mtu"}');
    expect(e).toMatchObject({ generation: 'logrus-json', level: 'info', time: null, subsys: 'mtu' });
    expect(e.fields).toEqual({ ipAddr: '192.168.10.12', ipv6: '<nil>', mtu: 9001, subsys: 'mtu' });
  });

  it('logrus JSON with json-ts (time key sorted in place)', () => {
    const e = event('{"bootstrapTime":6873526187,"level":"info","msg":"Daemon initialization completed","subsys":"daemon","time":"2023-11-20T09:14:02.118730512Z"}');
    expect(e.generation).toBe('logrus-json');
    expect(e.time).toBe('2023-11-20T09:14:02.118730512Z');
    expect(e.fields['bootstrapTime']).toBe(6873526187);
  });

  it('slog JSON: emission order, source object', () => {
    const e = event(
      '{"time":"2025-07-29T10:11:12.3456789Z","level":"debug","source":{"function":"k8s.newClient","file":"client.go","line":210},"msg":"Connected to apiserver","module":"agent.infra.k8s-client"}',
    );
    expect(e).toMatchObject({ generation: 'slog-json', level: 'debug', module: 'agent.infra.k8s-client', msg: 'Connected to apiserver' });
    expect(e.fields['source']).toEqual({ function: 'k8s.newClient', file: 'client.go', line: 210 });
  });

  it('slog 1.18 fatal/panic levels and upper-case levels', () => {
    expect(event('time=2025-07-29T10:11:12Z level=fatal msg="invalid daemon configuration: x" subsys=daemon').level).toBe('fatal');
    expect(event('level=ERROR msg=boom').level).toBe('error');
  });
});

describe('fields from the spec examples, checked by hand', () => {
  it('Received own node information (1.14): dotted keys, <nil>, Go map rendering', () => {
    const e = event(
      'level=info msg="Received own node information from API server" ipAddr.ipv4=192.168.10.12 ipAddr.ipv6="<nil>" k8sNodeIP=192.168.10.12 labels="map[kubernetes.io/arch:amd64 kubernetes.io/hostname:k8s-worker-01]" nodeName=k8s-worker-01 subsys=k8s v4Prefix=10.0.1.0/24 v6Prefix="<nil>"',
    );
    expect(e.fields['ipAddr.ipv4']).toBe('192.168.10.12');
    expect(e.fields['ipAddr.ipv6']).toBe('<nil>');
    expect(e.fields['labels']).toBe('map[kubernetes.io/arch:amd64 kubernetes.io/hostname:k8s-worker-01]');
    expect(e.fields['nodeName']).toBe('k8s-worker-01');
    expect(e.fields['v4Prefix']).toBe('10.0.1.0/24');
    expect(e.subsys).toBe('k8s');
  });

  it('Regeneration of endpoint failed: timing keys after subsys', () => {
    const e = event(
      'level=warning msg="Regeneration of endpoint failed" bpfCompilation=0s bpfLoadProg=37.60112ms bpfWaitForELF="4.902µs" endpointID=3310 error="loading eBPF collection into the kernel: program cil_from_container: load program: permission denied: R2 invalid mem access \'scalar\' (1249 line(s) omitted)" identity=41722 reason="policy rules added" subsys=endpoint total=45.20988ms',
    );
    expect(e.fields['bpfLoadProg']).toBe('37.60112ms');
    expect(e.fields['bpfWaitForELF']).toBe('4.902µs');
    expect(e.fields['identity']).toBe('41722');
    expect(e.fields['reason']).toBe('policy rules added');
    expect(e.fields['total']).toBe('45.20988ms');
    expect(String(e.fields['error'])).toContain("R2 invalid mem access 'scalar' (1249 line(s) omitted)");
  });

  it('Create endpoint request: runs of spaces inside a quoted value are kept', () => {
    const e = event(
      'level=info msg="Create endpoint request" addressing="&{10.0.1.41 1c3d5e7f-2a4b-4c6d-8e0f-1a2b3c4d5e6f default   }" containerID=6a0f2e9c47 interface=lxc6a0f2e9c47b1 k8sPodName=default/web-7d9f8c6b5-q8ztn labels="[]" subsys=daemon sync-build=true',
    );
    expect(e.fields['addressing']).toBe('&{10.0.1.41 1c3d5e7f-2a4b-4c6d-8e0f-1a2b3c4d5e6f default   }');
    expect(e.fields['labels']).toBe('[]');
    expect(e.fields['sync-build']).toBe('true');
  });

  it('Identity of endpoint changed: quoted value with a space', () => {
    const e = event(
      'level=info msg="Identity of endpoint changed" endpointID=2911 identity=52344 identityLabels="k8s:app=web,k8s:io.kubernetes.pod.namespace=default" oldIdentity="no identity" subsys=endpoint',
    );
    expect(e.fields['identity']).toBe('52344');
    expect(e.fields['identityLabels']).toBe('k8s:app=web,k8s:io.kubernetes.pod.namespace=default');
    expect(e.fields['oldIdentity']).toBe('no identity');
  });

  it('Conntrack GC interval: decimal ratio and Go duration', () => {
    const e = event('level=info msg="Conntrack garbage collector interval recalculated" deleteRatio=0.8821734619140625 newInterval=1m24.375s subsys=map-ct');
    expect(e.fields).toEqual({ deleteRatio: '0.8821734619140625', newInterval: '1m24.375s', subsys: 'map-ct' });
  });

  it('label prefixes: `\\\\` in the logfmt value is one backslash in the message', () => {
    expect(event('level=info msg=" - :io\\\\.kubernetes\\\\.pod\\\\.namespace" subsys=labels-filter').msg).toBe(' - :io\\.kubernetes\\.pod\\.namespace');
  });

  it('Go escapes: \\n, \\t, \\x and \\u in a quoted value', () => {
    expect(event('level=warning msg="line1\\nline2\\ttab \\x41 \\u00e9" subsys=x').msg).toBe('line1\nline2\ttab A é');
  });
});

describe('structured details of well-known messages', () => {
  it('flag dump line: name and value (two leading spaces, 1.14)', () => {
    expect(event(`level=info msg="  --tunnel-protocol='vxlan'" subsys=daemon`).detail).toEqual({ type: 'flag', name: 'tunnel-protocol', value: 'vxlan' });
  });

  it('flag dump line with one leading space (a paste that collapsed spaces), empty and quoted values', () => {
    expect(event(`level=info msg=" --tunnel='vxlan'" subsys=daemon`).detail).toEqual({ type: 'flag', name: 'tunnel', value: 'vxlan' });
    expect(event(`level=info msg="  --read-cni-conf=''" subsys=daemon`).detail).toEqual({ type: 'flag', name: 'read-cni-conf', value: '' });
    expect(event(`level=info msg="  --api-rate-limit='map[]'" subsys=daemon`).detail).toMatchObject({ value: 'map[]' });
    // the value may itself contain `'` and `"`
    expect(event(`level=info msg="  --http-403-msg='it\\'s \\"denied\\"'" subsys=daemon`).detail).toEqual({
      type: 'flag',
      name: 'http-403-msg',
      value: `it's "denied"`,
    });
  });

  it('a flag dump line in slog text (1.18) and JSON', () => {
    expect(event(`time=2025-07-29T10:11:12Z level=info msg="  --routing-mode='native'" subsys=daemon`).detail).toMatchObject({ name: 'routing-mode', value: 'native' });
    expect(event(`{"level":"info","msg":"  --mtu='9001'","subsys":"daemon"}`).detail).toMatchObject({ name: 'mtu', value: '9001' });
  });

  it('version banner, 1.9 form', () => {
    expect(event('level=info msg="Cilium 1.9.9 5bcf83c 2021-07-19T16:45:00-07:00 go version go1.15.14 linux/amd64" subsys=daemon').detail).toEqual({
      type: 'banner',
      component: 'agent',
      version: '1.9.9',
      revision: '5bcf83c',
      date: '2021-07-19T16:45:00-07:00',
      goVersion: 'go1.15.14',
      platform: 'linux/amd64',
    });
  });

  it('version banner, 1.14 form', () => {
    expect(event('level=info msg="Cilium 1.14.4 87dd2b64 2023-11-14T10:12:36+01:00 go version go1.20.11 linux/amd64" subsys=daemon').detail).toMatchObject({
      component: 'agent',
      version: '1.14.4',
      revision: '87dd2b64',
      goVersion: 'go1.20.11',
    });
  });

  it('version banner with a pre-release and a Go version holding a GOEXPERIMENT token', () => {
    expect(event('time=2026-01-05T12:00:00Z level=info msg="Cilium 1.20.0-dev 0a1b2c3d4e 2026-01-05T12:00:00+00:00 go version go1.24.11 X:jsonv2 linux/arm64" subsys=daemon').detail).toMatchObject({
      version: '1.20.0-dev',
      revision: '0a1b2c3d4e',
      goVersion: 'go1.24.11 X:jsonv2',
      platform: 'linux/arm64',
    });
    expect(event('level=info msg="Cilium 1.16.0-rc.2 4f2e1d0 2024-06-20T08:00:00+00:00 go version go1.22.4 linux/amd64" subsys=daemon').detail).toMatchObject({ version: '1.16.0-rc.2' });
  });

  it('operator banner (≤1.17) is the operator, not an agent version', () => {
    expect(event('level=info msg="Cilium Operator 1.14.4 87dd2b64 2023-11-14T10:12:36+01:00 go version go1.20.11 linux/amd64" subsys=cilium-operator-generic').detail).toMatchObject({
      type: 'banner',
      component: 'operator',
      version: '1.14.4',
    });
  });

  it('the ASCII logo lines and other `Cilium …` messages carry no detail', () => {
    expect(event('level=info msg="     _ _ _" subsys=daemon').detail).toBeUndefined();
    expect(event('level=info msg="|___|_|_|_|___|_|_|_|" subsys=daemon').detail).toBeUndefined();
    expect(event('level=info msg="Cilium health daemon started" subsys=daemon').detail).toBeUndefined();
  });

  it('the Addressing information block: one detail per line, list items under their heading', () => {
    const block = [
      'Addressing information:',
      '  Cluster-Name: default',
      '  Cluster-ID: 0',
      '  Local node-name: k8s-worker-01',
      '  Node-IPv6: <nil>',
      '  External-Node IPv4: 192.168.10.12',
      '  Internal-Node IPv4: 10.0.1.73',
      '  IPv4 allocation prefix: 10.0.1.0/24',
      '  Loopback IPv4: 169.254.42.1',
      '  Local IPv4 addresses:',
      '  - 192.168.10.12',
      '  - 10.0.1.73',
    ].map((m) => `level=info msg="${m}" subsys=daemon`);
    const after = 'level=info msg="Adding local node to cluster" node=k8s-worker-01 subsys=nodediscovery';
    const lonely = 'level=info msg="  Cluster-Name: other" subsys=daemon';
    const evs = records(...block, after, lonely) as AgentLogEvent[];
    expect(evs[0]!.detail).toBeUndefined();
    expect(evs.slice(1, 12).map((e) => e.detail)).toEqual([
      { type: 'addressing', key: 'Cluster-Name', value: 'default' },
      { type: 'addressing', key: 'Cluster-ID', value: '0' },
      { type: 'addressing', key: 'Local node-name', value: 'k8s-worker-01' },
      { type: 'addressing', key: 'Node-IPv6', value: '<nil>' },
      { type: 'addressing', key: 'External-Node IPv4', value: '192.168.10.12' },
      { type: 'addressing', key: 'Internal-Node IPv4', value: '10.0.1.73' },
      { type: 'addressing', key: 'IPv4 allocation prefix', value: '10.0.1.0/24' },
      { type: 'addressing', key: 'Loopback IPv4', value: '169.254.42.1' },
      { type: 'addressing', key: 'Local IPv4 addresses', value: '' },
      { type: 'addressing', key: 'Local IPv4 addresses', value: '192.168.10.12' },
      { type: 'addressing', key: 'Local IPv4 addresses', value: '10.0.1.73' },
    ]);
    // the block ends at the first other message; an indented line outside a block is just a message
    expect(evs[12]!.detail).toBeUndefined();
    expect(evs[13]!.detail).toBeUndefined();
  });
});

describe('pasted text around and inside agent lines', () => {
  it('trailing prose after the last field is kept apart from the fields', () => {
    const e = event(`level=info msg=" --auto-direct-node-routes='false'" subsys=daemon DSR 模式关闭 (only native routing)`);
    expect(e.fields).toEqual({ subsys: 'daemon' });
    expect(e.trailing).toBe('DSR 模式关闭 (only native routing)');
    expect(e.detail).toEqual({ type: 'flag', name: 'auto-direct-node-routes', value: 'false' });
  });

  it('a key printed with spaces (`proxy port name=…`) stays one key', () => {
    const e = event('level=info msg="Adding new proxy port rules for cilium-dns-egress:37581" proxy port name=cilium-dns-egress subsys=proxy');
    expect(e.fields).toEqual({ 'proxy port name': 'cilium-dns-egress', subsys: 'proxy' });
    expect(e.trailing).toBeUndefined();
  });

  it('a value cut before its closing quote runs to the end of the line, with a note', () => {
    const e = event('level=info msg="Adding local node to cluster" node="{prod-fe-k8s-wn1 default [{InternalIP 10.1.16.221} {CiliumInternalIP 172.21.9.225}]');
    expect(e.msg).toBe('Adding local node to cluster');
    expect(e.fields['node']).toBe('{prod-fe-k8s-wn1 default [{InternalIP 10.1.16.221} {CiliumInternalIP 172.21.9.225}]');
    expect(e.note).toMatch(/truncated/);
  });

  it('a message cut before its closing quote', () => {
    const e = event('level=warning msg="Unable to update ipcache map entry on pod add');
    expect(e.msg).toBe('Unable to update ipcache map entry on pod add');
    expect(e.note).toBeDefined();
  });

  it('lines that only look like agent lines are refused with a reason', () => {
    const [noLevel, badLevel, badJson, notObject] = feed('time="2024-01-01T00:00:00Z" msg=hello', 'level=loud msg=x', '{"level":"info",', '{"level"}');
    expect(noLevel).toEqual({ ok: false, reason: 'not an agent log line' });
    expect(badLevel).toEqual({ ok: false, reason: 'unknown level "loud"' });
    expect(badJson!.ok).toBe(false);
    expect(notObject!.ok).toBe(false);
  });
});

describe('raw (non-logfmt) lines of agent output (§5)', () => {
  const raw = (...lines: string[]) => records(...lines) as AgentRawLine[];

  it('a Go panic with its signal line, goroutine header and stack', () => {
    const lines = [
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x30 pc=0x2a5b3c1]',
      'goroutine 412 [running]:',
      'github.com/cilium/cilium/pkg/datapath/linux.(*linuxNodeHandler).NodeAdd(0xc000a1e000, {0xc0004b2a80, 0x1})',
      '\t/go/src/github.com/cilium/cilium/pkg/datapath/linux/node.go:1021 +0x1c4',
      'created by github.com/cilium/cilium/pkg/node/manager.(*manager).Start',
      '\t/go/src/github.com/cilium/cilium/pkg/node/manager/manager.go:201 +0x85',
      'exit status 2',
    ];
    const recs = raw(...lines);
    expect(recs.map((r) => [r.category, r.level])).toEqual([
      ['panic', 'panic'],
      ['stack', null],
      ['goroutine', null],
      ['stack', null],
      ['stack', null],
      ['stack', null],
      ['stack', null],
      ['stack', null],
    ]);
    expect(recs.map((r) => r.text)).toEqual(lines);
  });

  it('fatal error: of the Go runtime', () => {
    expect(raw('fatal error: concurrent map writes')[0]).toMatchObject({ category: 'panic', level: 'fatal' });
  });

  it('an ebpf-go verifier dump: error, log and TAB-indented instructions', () => {
    const recs = raw(
      "Verifier error: program cil_from_container: load program: permission denied: R2 invalid mem access 'scalar' (1249 line(s) omitted)",
      'Verifier log: load program: permission denied:',
      '\t0: R1=ctx(off=0,imm=0) R10=fp0',
      '\t1248: (71) r1 = *(u8 *)(r2 +23)',
      "\tR2 invalid mem access 'scalar'",
      '\tprocessed 12345 insns (limit 1000000) max_states_per_insn 4 total_states 321 peak_states 300 mark_read 42',
      '4096-byte truncated verifier log after 3 attempts: no space left on device',
    );
    expect(recs.map((r) => [r.category, r.level])).toEqual([
      ['verifier', 'error'],
      ['verifier', 'error'],
      ['verifier', null],
      ['verifier', null],
      ['verifier', null],
      ['verifier', null],
      ['verifier', 'error'],
    ]);
  });

  it('a TAB-indented line without a block before it is not claimed', () => {
    expect(feed('\t1248: (71) r1 = *(u8 *)(r2 +23)')[0]).toEqual({ ok: false, reason: 'not an agent log line' });
    // a structured line ends the block
    const [, , after] = feed('Verifier log: x', 'level=info msg=ok', '\tR2 invalid mem access');
    expect(after!.ok).toBe(false);
  });

  it('klog lines, with their severity letter as level', () => {
    const [e, i] = raw(
      'E0830 08:12:43.551554       1 leaderelection.go:330] error retrieving resource lock kube-system/cilium-operator-resource-lock: context deadline exceeded',
      'I0830 08:12:44.000001       1 leaderelection.go:248] attempting to acquire leader lease kube-system/cilium-operator-resource-lock...',
    );
    expect(e).toMatchObject({ category: 'klog', level: 'error' });
    expect(i).toMatchObject({ category: 'klog', level: 'info' });
  });

  it("kubectl's own notices", () => {
    const recs = raw(
      'Found 3 pods, using pod/cilium-5kq2p',
      'Defaulted container "cilium-agent" out of: cilium-agent, config (init), mount-cgroup (init), apply-sysctl-overwrites (init), mount-bpf-fs (init), clean-cilium-state (init), install-cni-binaries (init)',
      'Error from server (BadRequest): container "cilium-agent" in pod "cilium-5kq2p" is waiting to start: PodInitializing',
      'unable to retrieve container logs for containerd://4f3a9e1b2c7d',
    );
    expect(recs.map((r) => [r.category, r.level])).toEqual([
      ['kubectl-notice', null],
      ['kubectl-notice', null],
      ['kubectl-notice', 'error'],
      ['kubectl-notice', 'error'],
    ]);
  });

  it('init-container shell output', () => {
    const recs = raw('+ mount -t bpf bpf /sys/fs/bpf', 'Mounting BPF filesystem at /sys/fs/bpf', 'Installing cilium-cni to /host/opt/cni/bin/ ...');
    expect(recs.every((r) => r.category === 'init')).toBe(true);
  });
});

describe('1.18+ operator banner', () => {
  it('msg="Cilium Operator" with a version field gives the banner detail', () => {
    const r = agentLogGrammar.open().feed({
      source: 't',
      line: 1,
      segment: 0,
      context: {},
      text: 'time=2025-07-29T10:11:12Z level=info msg="Cilium Operator" version="1.18.1 4d5c4a2e 2025-07-21T12:34:56+00:00 go version go1.24.5 linux/amd64"',
    });
    expect(r.ok && r.records[0]).toMatchObject({
      kind: 'agent-log',
      detail: { type: 'banner', component: 'operator', version: '1.18.1', revision: '4d5c4a2e', platform: 'linux/amd64' },
    });
  });
});
