/** agent-init-killed, agent-terminated-externally, agents-not-ready: how agents stopped, in several releases' output. */
import { rule as initKilled } from '../../src/rules/catalog/agent-init-killed.js';
import { rule as terminated } from '../../src/rules/catalog/agent-terminated-externally.js';
import { rule as notReady } from '../../src/rules/catalog/agents-not-ready.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const POD = 'cilium-r2x8v';
const INIT_CMD = '[/var/lib/cilium/bpf/init.sh /var/lib/cilium/bpf /var/run/cilium/state 10.61.3.1 <nil> tunnel vxlan 8472 ens192 cilium_host cilium_net 1450 true]';

/** A 1.12 agent (logrus text, `kubectl logs -p`): banner, own node, then `extra`. */
const log112 = (...extra: string[]) =>
  lines(
    `$ kubectl -n kube-system logs ${POD} -p`,
    'level=info msg="Cilium 1.12.4 6eaecaf 2022-11-16T05:45:01+00:00 go version go1.18.8 linux/amd64" subsys=daemon',
    'level=info msg="Received own node information from API server" ipAddr.ipv4=10.61.0.17 ipAddr.ipv6="<nil>" k8sNodeIP=10.61.0.17 labels="map[]" nodeName=bm-07 subsys=k8s v4Prefix=10.61.3.0/24 v6Prefix="<nil>"',
    ...extra,
  );

const initShKilled = `level=error msg="Command execution failed" cmd="${INIT_CMD}" error="signal: killed" subsys=datapath-loader`;
const fatalCanceled = `level=fatal msg="Error while creating daemon" error="error while initializing daemon: failed while reinitializing datapath: Command execution failed for ${INIT_CMD}: context canceled" subsys=daemon`;
const completed = 'level=info msg="Daemon initialization completed" bootstrapTime=41.7s subsys=daemon';

/** A 1.15 agent logging logrus JSON. */
const log115 = (...extra: object[]) =>
  lines(
    '$ kubectl -n kube-system logs cilium-k5w2d',
    JSON.stringify({ level: 'info', msg: 'Cilium 1.15.7 4eb4b2b3 2024-07-11T14:18:21+00:00 go version go1.21.12 linux/arm64', subsys: 'daemon', time: '2024-08-02T07:41:10Z' }),
    ...extra.map((o) => JSON.stringify(o)),
  );

/** `kubectl describe pod` of an agent whose container last exited with `exit` (`reason`), with `events`. */
const describe = (exit: number, reason: string, ...events: string[]) =>
  lines(
    `$ kubectl -n kube-system describe pod ${POD}`,
    `Name:             ${POD}`,
    'Namespace:        kube-system',
    'Node:             bm-07/10.61.0.17',
    'Containers:',
    '  cilium-agent:',
    '    Image:          quay.io/cilium/cilium:v1.13.9',
    '    State:          Waiting',
    '      Reason:       CrashLoopBackOff',
    '    Last State:     Terminated',
    `      Reason:       ${reason}`,
    `      Exit Code:    ${exit}`,
    '    Ready:          False',
    '    Restart Count:  9',
    'Events:',
    '  Type     Reason     Age                 From     Message',
    '  ----     ------     ----                ----     -------',
    ...events,
  );
const startupProbeFailed = '  Warning  Unhealthy  4m (x40 over 31m)   kubelet  Startup probe failed: Get "http://127.0.0.1:9879/healthz": dial tcp 127.0.0.1:9879: connect: connection refused';
const killedByProbe = '  Normal   Killing    4m (x8 over 29m)    kubelet  Container cilium-agent failed startup probe, will be restarted';

ruleTester(initKilled, {
  valid: [
    { name: 'a healthy 1.12 start-up', inputs: { 'agent.log': log112(completed) } },
    {
      name: 'a compile killed after start-up completed (regeneration cut short at shutdown) is not an init kill',
      inputs: {
        'agent.log': log112(
          completed,
          'level=error msg="Failed to compile bpf_lxc.o: signal: killed" compiler-pid=7741 linker-pid=7744 subsys=datapath-loader',
        ),
      },
    },
    {
      name: 'the health responder killed during start-up is not the datapath',
      inputs: { 'agent.log': log115({ level: 'debug', msg: 'Health endpoint process exited', exitCode: 'signal: killed', cmd: '/usr/bin/cilium-health-responder --listen 4240', subsys: 'cilium-health-launcher' }) },
    },
    { name: 'exit 137 from the OOM killer is memory, not a probe', inputs: { 'pod.txt': describe(137, 'OOMKilled', startupProbeFailed) } },
    { name: 'exit 137 without probe failures', inputs: { 'pod.txt': describe(137, 'Error') } },
  ],
  invalid: [
    {
      name: '1.12: bpf/init.sh killed, then the fatal `context canceled`',
      inputs: { 'agent.log': log112(initShKilled, fatalCanceled) },
      findings: [{ messageId: 'log', severity: 'error', lines: ['agent.log:4', 'agent.log:5'], node: 'bm-07', includes: ['bpf/init.sh was killed'] }],
    },
    {
      name: '1.15 JSON: the compiler killed before start-up completed',
      inputs: {
        'agent.log': log115(
          { level: 'error', msg: 'Failed to compile bpf_host.o: signal: killed', 'compiler-pid': 912, subsys: 'datapath-loader', time: '2024-08-02T07:43:55Z' },
          { level: 'fatal', msg: 'Error while creating daemon', error: 'failed while reinitializing datapath: failed to compile bpf_host.o: context canceled', subsys: 'daemon', time: '2024-08-02T07:43:55Z' },
        ),
      },
      findings: [{ messageId: 'log', severity: 'error', lines: ['agent.log:3', 'agent.log:4'], includes: ['the BPF compiler was killed'] }],
    },
    {
      name: 'describe pod: exit 137 after startup probe failures',
      inputs: { 'pod.txt': describe(137, 'Error', startupProbeFailed, killedByProbe) },
      findings: [{ messageId: 'probe', severity: 'error', lines: ['pod.txt:2', 'pod.txt:18', 'pod.txt:19'], node: 'bm-07', includes: ['startup probe failures'] }],
    },
  ],
});

ruleTester(terminated, {
  valid: [
    { name: 'no signal line', inputs: { 'agent.log': log112(completed) } },
    {
      name: 'a fatal line before the signal is a crash',
      inputs: { 'agent.log': log112('level=fatal msg="Unable to initialize kube-proxy replacement options" error="Invalid value for --kube-proxy-replacement: strict" subsys=daemon', 'level=info msg="Exiting due to signal" signal=terminated subsys=daemon') },
    },
    { name: 'an init kill is the other rule\'s', inputs: { 'agent.log': log112(initShKilled, 'level=info msg="Exiting due to signal" signal=terminated subsys=daemon', fatalCanceled) } },
  ],
  invalid: [
    {
      name: '1.12: `Exiting due to signal` after start-up',
      inputs: { 'agent.log': log112(completed, 'level=info msg="Exiting due to signal" signal=terminated subsys=daemon', 'level=info msg="Waiting for all endpoints\' goroutines to be stopped." subsys=daemon') },
      findings: [{ messageId: 'signal', severity: 'warning', lines: ['agent.log:5'], node: 'bm-07', includes: ['`terminated`', 'after its start-up had completed', 'not a crash'] }],
    },
    {
      name: '1.17 slog-era text: `Signal received` with its time, before start-up completed',
      inputs: {
        'agent.log': lines(
          '$ kubectl -n kube-system logs cilium-m9q4t',
          'time="2025-06-03T11:02:14Z" level=info msg="Cilium 1.17.4 a0c1b5d2 2025-05-15T10:33:03+00:00 go version go1.23.9 linux/amd64" subsys=daemon',
          'time=2025-06-03T11:03:20Z level=info msg="Signal received" signal=terminated',
          'time=2025-06-03T11:03:20Z level=info msg="Stopping hive"',
        ),
      },
      findings: [{ messageId: 'signal', severity: 'warning', lines: ['agent.log:3'], includes: ['at 2025-06-03T11:03:20Z', 'before its start-up completed'] }],
    },
  ],
});

/** cilium-cli status: 0.15+ logo rows (with Envoy), the agent DaemonSet counts and error rows. */
const cli015 = (summary: string, ready: string, ...rows: string[]) =>
  lines(
    '$ cilium status',
    '    /¯¯\\',
    ` /¯¯\\__/¯¯\\    Cilium:             ${summary}`,
    ' \\__/¯¯\\__/    Operator:           OK',
    ' /¯¯\\__/¯¯\\    Envoy DaemonSet:    OK',
    ' \\__/¯¯\\__/    Hubble Relay:       disabled',
    '    \\__/       ClusterMesh:        disabled',
    '',
    `DaemonSet              cilium             Desired: 4, Ready: ${ready}, Available: ${ready}`,
    'DaemonSet              cilium-envoy       Desired: 4, Ready: 4/4, Available: 4/4',
    'Deployment             cilium-operator    Desired: 2, Ready: 2/2, Available: 2/2',
    'Containers:            cilium             Running: 4',
    'Cluster Pods:          31/31 managed by Cilium',
    ...rows,
  );

/** cilium-cli 0.12: no Envoy row, a sixth logo row. */
const cli012 = (summary: string, ready: string) =>
  lines(
    '$ cilium status',
    '    /¯¯\\',
    ` /¯¯\\__/¯¯\\    Cilium:         ${summary}`,
    ' \\__/¯¯\\__/    Operator:       OK',
    ' /¯¯\\__/¯¯\\    Hubble:         disabled',
    ' \\__/¯¯\\__/    ClusterMesh:    disabled',
    '    \\__/',
    '',
    `DaemonSet         cilium             Desired: 3, Ready: ${ready}, Available: ${ready}`,
    'Deployment        cilium-operator    Desired: 1, Ready: 1/1, Available: 1/1',
  );

const pods = (status: string) =>
  lines(
    '$ kubectl -n kube-system get pods -o wide',
    'NAME                               READY   STATUS             RESTARTS       AGE   IP            NODE    NOMINATED NODE   READINESS GATES',
    `cilium-t4k9n                       ${status === 'Running' ? '1/1' : '0/1'}     ${status.padEnd(16)}   6 (90s ago)    22m   10.61.0.21    bm-09   <none>           <none>`,
    'cilium-operator-5d7b9c6f8-qx2lz    0/1     CrashLoopBackOff   4 (20s ago)    22m   10.61.0.22    bm-10   <none>           <none>',
  );

ruleTester(notReady, {
  valid: [
    { name: 'every agent ready (cilium-cli 0.15)', inputs: { 'cli.txt': cli015('OK', '4/4') } },
    { name: 'warnings are not errors', inputs: { 'cli.txt': cli015('1 warnings', '4/4') } },
    { name: 'the operator crash-looping is not an agent', inputs: { 'pods.txt': pods('Running') } },
    { name: 'an earlier status with 3/4 ready, a later one with 4/4', inputs: { 'cli.txt': cli015('OK', '3/4') + cli015('OK', '4/4') } },
  ],
  invalid: [
    {
      name: 'cilium-cli 0.15: 3/4 ready, `Cilium: 1 errors` and its Errors row',
      inputs: { 'cli.txt': cli015('1 errors', '3/4', 'Errors:                cilium             cilium-h7v2c    unable to retrieve cilium status: container cilium-agent is in CrashLoopBackOff') },
      findings: [{ messageId: 'down', severity: 'error', lines: ['cli.txt:3', 'cli.txt:9', 'cli.txt:14'], includes: ['3/4 agents ready', 'Cilium: 1 errors'] }],
    },
    {
      name: 'cilium-cli 0.12: 2/3 ready',
      inputs: { 'cli.txt': cli012('OK', '2/3') },
      findings: [{ messageId: 'down', severity: 'error', lines: ['cli.txt:9'], includes: ['2/3 agents ready'] }],
    },
    {
      name: 'an agent pod in CrashLoopBackOff, with its log\'s last fatal line',
      inputs: {
        'pods.txt': pods('CrashLoopBackOff'),
        'agent.log': lines(
          '$ kubectl -n kube-system logs cilium-t4k9n -p',
          'level=info msg="Cilium 1.14.12 8b0d9c4e 2024-06-12T10:01:22+00:00 go version go1.21.11 linux/amd64" subsys=daemon',
          'level=fatal msg="Error while creating daemon" error="invalid daemon configuration: native routing cidr must be configured with option --ipv4-native-routing-cidr in combination with --enable-ipv4=true --enable-ipv4-masquerade=true --enable-ip-masq-agent=false --routing-mode=native --ipam=cluster-pool" subsys=daemon',
        ),
      },
      findings: [{ messageId: 'down', severity: 'error', lines: ['agent.log:3', 'pods.txt:3'], includes: ['cilium-t4k9n on bm-09 is in CrashLoopBackOff', 'last fatal line of cilium-t4k9n'] }],
    },
  ],
});
