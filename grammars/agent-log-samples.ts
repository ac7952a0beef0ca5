/**
 * The agent-log family's documented samples: every logging generation, the structured details of
 * the start-up messages, and the non-logfmt lines agent output holds, each with the records it
 * parses into (checked by test/grammars).
 */
import type { GrammarSample } from '../src/types/grammar.js';

const daemon = (msg: string): string => `level=info msg="${msg}" subsys=daemon`;

export const samples: readonly GrammarSample[] = [
  // ---- logging generations (agent-log.md §3, §4) -------------------------------------------
  {
    lines: ['level=info msg="Inheriting MTU from external network interface" device=ens224 ipAddr=10.99.0.4 mtu=8950 subsys=mtu'],
    records: [
      {
        kind: 'agent-log', generation: 'logrus-text', time: null, level: 'info', msg: 'Inheriting MTU from external network interface',
        subsys: 'mtu', module: null, fields: { device: 'ens224', ipAddr: '10.99.0.4', mtu: '8950', subsys: 'mtu' },
      },
    ],
  },
  {
    lines: [
      'level=warning msg="Unable to fetch kubernetes labels" containerID=9b1f04d2c7 endpointID=2210 error="pod.core \\"broker-0\\" not found" ipv4=10.60.7.21 ipv6= k8sPodName=fin/broker-0 subsys=resolve-labels',
    ],
    records: [
      {
        kind: 'agent-log', generation: 'logrus-text', level: 'warning', subsys: 'resolve-labels',
        fields: { endpointID: '2210', error: 'pod.core "broker-0" not found', ipv6: '', k8sPodName: 'fin/broker-0' },
      },
    ],
  },
  {
    lines: ['time="2024-11-05T16:22:08Z" level=info msg=Invoked duration="412.07µs" function="pprof.glob..func1 (pkg/pprof/cell.go:50)" subsys=hive'],
    records: [
      {
        kind: 'agent-log', generation: 'logrus-text', time: '2024-11-05T16:22:08Z', msg: 'Invoked', subsys: 'hive',
        fields: { duration: '412.07µs', function: 'pprof.glob..func1 (pkg/pprof/cell.go:50)' },
      },
    ],
  },
  {
    lines: ['time=2025-02-17T09:31:44.120811Z level=warn msg="Detected unexpected endpoint BPF program removal" module=agent.datapath.loader endpointID=1021'],
    records: [
      {
        kind: 'agent-log', generation: 'slog-text', time: '2025-02-17T09:31:44.120811Z', level: 'warning', subsys: null,
        module: 'agent.datapath.loader', fields: { module: 'agent.datapath.loader', endpointID: '1021' },
      },
    ],
  },
  {
    lines: ['{"ipAddr":"10.99.0.4","level":"info","msg":"Inheriting MTU from external network interface","mtu":8950,"subsys":"mtu"}'],
    records: [{ kind: 'agent-log', generation: 'logrus-json', time: null, level: 'info', subsys: 'mtu', fields: { ipAddr: '10.99.0.4', mtu: 8950 } }],
  },
  {
    lines: ['{"time":"2025-02-17T09:31:45.88Z","level":"ERROR","msg":"Failed to compile BPF template","module":"agent.datapath.loader","error":"exit status 1"}'],
    records: [
      {
        kind: 'agent-log', generation: 'slog-json', time: '2025-02-17T09:31:45.88Z', level: 'error', msg: 'Failed to compile BPF template',
        module: 'agent.datapath.loader', fields: { error: 'exit status 1' },
      },
    ],
  },
  // Commentary pasted after a line, and a line cut inside a quoted value.
  {
    lines: ['level=info msg="Start hook executed" duration=2.1ms function="cmd.newDaemonPromise" subsys=hive   <-- this one is slow', 'level=error msg="Failed to compile bpf_lxc.o: clang exited'],
    records: [
      { kind: 'agent-log', msg: 'Start hook executed', trailing: '<-- this one is slow', fields: { duration: '2.1ms', subsys: 'hive' } },
      { kind: 'agent-log', level: 'error', msg: 'Failed to compile bpf_lxc.o: clang exited', note: 'truncated inside a quoted value' },
    ],
  },
  // ---- start-up details: the flag dump, the banners, the addressing block --------------------------
  {
    lines: [
      `level=info msg="  --routing-mode='native'" subsys=daemon`,
      daemon('Cilium 1.15.7 2b2a2f2c 2024-07-15T10:06:11+00:00 go version go1.22.5 linux/arm64'),
      'time=2025-06-02T12:00:03Z level=info msg="Cilium Operator" version="1.18.0 8c1e1d5a 2025-05-30T09:11:27+00:00 go version go1.24.3 linux/amd64"',
    ],
    records: [
      { kind: 'agent-log', detail: { type: 'flag', name: 'routing-mode', value: 'native' } },
      {
        kind: 'agent-log',
        detail: { type: 'banner', component: 'agent', version: '1.15.7', revision: '2b2a2f2c', date: '2024-07-15T10:06:11+00:00', goVersion: 'go1.22.5', platform: 'linux/arm64' },
      },
      { kind: 'agent-log', generation: 'slog-text', detail: { type: 'banner', component: 'operator', version: '1.18.0', revision: '8c1e1d5a', platform: 'linux/amd64' } },
    ],
  },
  {
    lines: [
      daemon('Addressing information:'),
      daemon('  Local node-name: worker-7'),
      daemon('  External-Node IPv4: 172.31.4.10'),
      daemon('  IPv4 allocation prefix: 10.60.3.0/24'),
      daemon('  Local IPv4 addresses:'),
      daemon('  - 172.31.4.10'),
      daemon('Initializing node addressing'),
    ],
    records: [
      { kind: 'agent-log', msg: 'Addressing information:' },
      { kind: 'agent-log', detail: { type: 'addressing', key: 'Local node-name', value: 'worker-7' } },
      { kind: 'agent-log', detail: { type: 'addressing', key: 'External-Node IPv4', value: '172.31.4.10' } },
      { kind: 'agent-log', detail: { type: 'addressing', key: 'IPv4 allocation prefix', value: '10.60.3.0/24' } },
      { kind: 'agent-log', detail: { type: 'addressing', key: 'Local IPv4 addresses', value: '' } },
      { kind: 'agent-log', detail: { type: 'addressing', key: 'Local IPv4 addresses', value: '172.31.4.10' } },
      { kind: 'agent-log', msg: 'Initializing node addressing' },
    ],
  },
  // ---- lines that are not logfmt (§5) ----------------------------------------------------------
  {
    lines: [
      'panic: runtime error: index out of range [3] with length 3',
      'goroutine 412 [running]:',
      'github.com/cilium/cilium/pkg/endpoint.(*Endpoint).regenerate(0xc0012a4000, 0xc00b8e2f30)',
      '\t/go/src/github.com/cilium/cilium/pkg/endpoint/policy.go:612 +0x3a4',
      'created by github.com/cilium/cilium/pkg/endpoint.(*Endpoint).startRegenerationFailureHandler in goroutine 388',
    ],
    records: [
      { kind: 'agent-raw', category: 'panic', level: 'panic' },
      { kind: 'agent-raw', category: 'goroutine', level: null },
      { kind: 'agent-raw', category: 'stack', text: 'github.com/cilium/cilium/pkg/endpoint.(*Endpoint).regenerate(0xc0012a4000, 0xc00b8e2f30)' },
      { kind: 'agent-raw', category: 'stack' },
      { kind: 'agent-raw', category: 'stack' },
    ],
  },
  {
    lines: [
      'Verifier error: program tail_handle_ipv4: load program: argument list too long: BPF program is too large. Processed 1000001 insn (4096 line(s) omitted)',
      'E0305 14:02:11.418223       1 leaderelection.go:332] error retrieving resource lock kube-system/cilium-operator-resource-lock: context deadline exceeded',
      'I0305 14:02:13.002114       1 leaderelection.go:258] successfully acquired lease kube-system/cilium-operator-resource-lock',
      '+ cp /usr/bin/cilium-mount /hostbin/cilium-mount',
      'Defaulted container "cilium-agent" out of: cilium-agent, config (init), mount-cgroup (init)',
      'Error from server (NotFound): pods "cilium-q8z2k" not found',
    ],
    records: [
      { kind: 'agent-raw', category: 'verifier', level: 'error' },
      { kind: 'agent-raw', category: 'klog', level: 'error' },
      { kind: 'agent-raw', category: 'klog', level: 'info' },
      { kind: 'agent-raw', category: 'init', level: null },
      { kind: 'agent-raw', category: 'kubectl-notice', level: null },
      { kind: 'agent-raw', category: 'kubectl-notice', level: 'error' },
    ],
  },
  {
    // The cilium-envoy DaemonSet (1.14 →) logs in Envoy's own format; the level is the third bracket.
    lines: [
      '[2025-02-11 09:14:03.207][1][info][main] [external/envoy/source/server/server.cc:978] starting main dispatch loop',
      '[2025-02-11 09:14:33.208][1][warning][config] [external/envoy/source/extensions/config_subscription/grpc/grpc_subscription_impl.cc:130] gRPC config: initial fetch timed out for type.googleapis.com/envoy.config.listener.v3.Listener',
      '[2025-02-11 09:20:41.019][24][error][envoy_bug] [cilium/network_policy.cc:612] envoy bug failure: !Thread::MainThread::isMainOrTestThread()',
      '[2025-02-11 09:20:41.020][24][critical][backtrace] [./source/server/backtrace.h:104] Caught Segmentation fault, suspect faulting address 0x0',
    ],
    records: [
      { kind: 'agent-raw', category: 'envoy', level: 'info' },
      { kind: 'agent-raw', category: 'envoy', level: 'warning' },
      { kind: 'agent-raw', category: 'envoy', level: 'error' },
      { kind: 'agent-raw', category: 'envoy', level: 'fatal' },
    ],
  },
];
