/** health-daemon-missing, health-self-unreachable, health-ip-stale: what the health reports themselves get wrong. */
import { rule as daemonMissing } from '../../src/rules/catalog/health-daemon-missing.js';
import { rule as selfUnreachable } from '../../src/rules/catalog/health-self-unreachable.js';
import { rule as ipStale } from '../../src/rules/catalog/health-ip-stale.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url).pathname;
const AGENT = 'cilium-b3x7q';
const exec = (command: string) => `$ kubectl -n kube-system exec ${AGENT} -- ${command}`;

/** `cilium status` of a 1.13 agent (colon-aligned); `health` is the health-daemon line or nothing. */
const status113 = (health: string[], tail: string[] = []) =>
  lines(
    exec('cilium status'),
    'KVStore:                 Ok   Disabled',
    'Kubernetes:              Ok   1.26 (v1.26.9) [linux/amd64]',
    'KubeProxyReplacement:    Strict   [ens192 10.61.0.13 (Direct Routing)]',
    'Cilium:                  Ok   1.13.10 (v1.13.10-5c4d2b1e)',
    'NodeMonitor:             Listening for events on 8 CPUs with 64x4096 of shared memory',
    ...health,
    'IPAM:                    IPv4: 11/254 allocated from 10.61.5.0/24,',
    'Controller Status:       38/38 healthy',
    'Proxy Status:            OK, ip 10.61.5.1, 0 redirects active on ports 10000-20000',
    ...tail,
  );

/** A 1.10 agent whose NodeMonitor line is followed by its lost-events line. */
const status110 = (health: string[]) =>
  lines(
    exec('cilium status'),
    'KVStore:                Ok   Disabled',
    'Kubernetes:             Ok   1.21 (v1.21.14) [linux/amd64]',
    'KubeProxyReplacement:   Probe   [eth0 10.61.0.13 (Direct Routing)]',
    'Cilium:                 Ok   1.10.20 (v1.10.20-82c2d4b)',
    'NodeMonitor:            Listening for events on 2 CPUs with 64x4096 of shared memory',
    '\t7 events lost, 0 unknown notifications',
    ...health,
    'IPAM:                   IPv4: 4/254 allocated from 10.61.5.0/24,',
    'Controller Status:      19/19 healthy',
  );

ruleTester(daemonMissing, {
  valid: [
    { name: '1.13 with `Cilium health daemon: Ok`', inputs: { 'status.txt': status113(['Cilium health daemon:    Ok']) } },
    {
      name: 'health checking turned off: the line is rightly absent',
      inputs: {
        'agent.log': lines(`$ kubectl -n kube-system logs ${AGENT}`, 'level=info msg="  --enable-health-checking=\'false\'" subsys=daemon', 'level=info msg="Cilium 1.13.10 5c4d2b1e 2023-12-18T09:11:40+00:00 go version go1.20.12 linux/amd64" subsys=daemon'),
        'status.txt': status113([]),
      },
    },
    {
      name: 'a truncated paste: IPAM is not printed, nothing to say the line is missing',
      inputs: { 'status.txt': lines(exec('cilium status'), 'Cilium:                  Ok   1.13.10 (v1.13.10-5c4d2b1e)', 'NodeMonitor:             Listening for events on 8 CPUs with 64x4096 of shared memory') },
    },
    { name: 'seed: 1.10 status with the line', files: [`${SEEDS}001_d647f92d2552e660.txt`] },
    { name: 'seed: 1.12 statuses with the line', files: [`${SEEDS}003_af8170551708106c.txt`] },
  ],
  invalid: [
    {
      name: '1.13: NodeMonitor goes straight to IPAM, and cluster health cannot reach the daemon',
      inputs: { 'status.txt': status113([], ['Cluster health:          Warning   cilium-health daemon unreachable']) },
      findings: [{ messageId: 'missing', severity: 'error', lines: ['status.txt:6', 'status.txt:7', 'status.txt:10'], includes: ['never started', '(the default)'] }],
    },
    {
      name: '1.10: NodeMonitor, its lost-events line, then IPAM',
      inputs: { 'status.txt': status110([]) },
      findings: [{ messageId: 'missing', severity: 'error', lines: ['status.txt:6', 'status.txt:8'] }],
    },
    {
      name: 'the daemon printed failing',
      inputs: { 'status.txt': status110(['Cilium health daemon:   Failure   cilium-health daemon not running']) },
      findings: [{ messageId: 'failing', severity: 'error', lines: ['status.txt:8'], includes: ['Failure'] }],
    },
  ],
});

/** `cilium status --verbose` of a 1.14 agent with the ≤1.16 health table. */
const verbose114 = (cilium: string, controllers: string, rows: string[]) =>
  lines(
    exec('cilium status --verbose'),
    'KVStore:                Ok   Disabled',
    `Cilium:                 ${cilium}`,
    'NodeMonitor:            Listening for events on 4 CPUs with 64x4096 of shared memory',
    'Cilium health daemon:   Ok',
    'IPAM:                   IPv4: 6/254 allocated from 10.61.5.0/24,',
    `Controller Status:      ${controllers}`,
    'Proxy Status:           OK, ip 10.61.5.1, 0 redirects active on ports 10000-20000',
    `Cluster health:         ${rows.filter((r) => /reachable\s+reachable\s*$/.test(r)).length}/3 reachable   (2024-03-11T09:12:40Z)`,
    '  Name                IP            Node          Endpoints',
    ...rows,
  );
const up = (name: string, ip: string) => `  ${name.padEnd(20)}${ip.padEnd(14)}reachable     reachable`;

/** 1.18 status: `r/t` counts, the header not indented. */
const status118 = (rows: string[]) =>
  lines(
    exec('cilium-dbg status --all-health'),
    'KVStore:                 Disabled   ',
    'Cilium:                  Ok   1.18.1 (v1.18.1-7c2e44f1)',
    'NodeMonitor:             Listening for events on 16 CPUs with 64x4096 of shared memory',
    'Cilium health daemon:    Ok   ',
    'IPAM:                    IPv4: 9/254 allocated from 10.61.5.0/24, ',
    'Controller Status:       52/52 healthy',
    'Proxy Status:            OK, ip 10.61.5.1, 0 redirects active on ports 10000-20000, Envoy: external',
    `Cluster health:          ${rows.filter((r) => / 1\/1\s+1\/1$/.test(r)).length}/3 reachable   (2025-04-02T16:20:05Z)   (Probe interval: 1m52s)`,
    'Name                     IP             Node   Endpoints',
    ...rows,
  );

ruleTester(selfUnreachable, {
  valid: [
    { name: 'a peer unreachable is the other rules\' business', inputs: { 'status.txt': verbose114('Ok   1.14.6 (v1.14.6-a2ef1a8c)', '31/31 healthy', [up('bm-03 (localhost)', '10.61.0.13'), '  bm-04               10.61.0.14    unreachable   unreachable', up('bm-05', '10.61.0.15')]) } },
    {
      name: 'the agent itself is degraded: its own row may well be right',
      inputs: { 'status.txt': verbose114('Ok   1.14.6 (v1.14.6-a2ef1a8c)', '30/31 healthy', ['  bm-03 (localhost)   10.61.0.13    reachable     unreachable', up('bm-04', '10.61.0.14'), up('bm-05', '10.61.0.15')]) },
    },
    { name: 'seed: healthy verbose status and cilium-health status', files: [`${SEEDS}003_af8170551708106c.txt`] },
  ],
  invalid: [
    {
      name: '1.14: the localhost row\'s endpoints unreachable while Cilium, controllers and proxy are Ok',
      inputs: { 'status.txt': verbose114('Ok   1.14.6 (v1.14.6-a2ef1a8c)', '31/31 healthy', ['  bm-03 (localhost)   10.61.0.13    reachable     unreachable', up('bm-04', '10.61.0.14'), up('bm-05', '10.61.0.15')]) },
      findings: [{ messageId: 'self', severity: 'warning', lines: ['status.txt:3', 'status.txt:7', 'status.txt:8', 'status.txt:9', 'status.txt:11'], node: 'bm-03', includes: ['endpoints unreachable'] }],
    },
    {
      name: '1.18: every node 0/1, itself included',
      inputs: {
        'status.txt': status118(['  bm-03 (localhost)      10.61.0.13     0/1    0/1', '  bm-04                  10.61.0.14     0/1    0/1', '  bm-05                  10.61.0.15     0/1    0/1']),
      },
      findings: [{ messageId: 'all', severity: 'warning', lines: ['status.txt:3', 'status.txt:7', 'status.txt:8', 'status.txt:9', 'status.txt:11'], node: 'bm-03', includes: ['node 0/1, endpoints 0/1'] }],
    },
  ],
});

/** `cilium-health status` (≤1.16 long form) of `reporter`, probing each `[node, hostIp, endpointIp, ok]`. */
const healthOf = (pod: string, reporter: string, nodes: [string, string, string, boolean][]) =>
  lines(
    `$ kubectl -n kube-system exec ${pod} -- cilium-health status`,
    'Probe time:   2023-10-05T08:00:12Z',
    'Nodes:',
    ...nodes.flatMap(([name, host, ep, ok]) => [
      `  ${name}${name === reporter ? ' (localhost)' : ''}:`,
      `    Host connectivity to ${host}:`,
      '      ICMP to stack:   OK, RTT=301.2µs',
      '      HTTP to agent:   OK, RTT=412.9µs',
      `    Endpoint connectivity to ${ep}:`,
      ok ? '      ICMP to stack:   OK, RTT=288.1µs' : '      ICMP to stack:   Connection timed out',
      ok ? '      HTTP to agent:   OK, RTT=501.3µs' : `      HTTP to agent:   Get "http://${ep}:4240/hello": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    ]),
  );

/** The same reporter in the 1.17+ verbose form (`Cluster health:` header, `(Last probed: …)` suffixes). */
const health117Of = (pod: string, reporter: string, nodes: [string, string, string][]) =>
  lines(
    `$ kubectl -n kube-system exec ${pod} -- cilium-health status --verbose`,
    `Cluster health:   ${nodes.length}/${nodes.length} reachable   (2025-03-10T12:00:00Z)   (Probe interval: 1m14s)`,
    'Name   IP   Node   Endpoints',
    ...nodes.flatMap(([name, host, ep]) => [
      `  ${name}${name === reporter ? ' (localhost)' : ''}:`,
      `    Host connectivity to ${host}:`,
      '      ICMP to stack:   OK, RTT=702.4µs   (Last probed: 2025-03-10T11:59:41Z)',
      '      HTTP to agent:   OK, RTT=811.0µs   (Last probed: 2025-03-10T11:59:41Z)',
      `    Endpoint connectivity to ${ep}:`,
      '      ICMP to stack:   OK, RTT=288.1µs   (Last probed: 2025-03-10T11:59:41Z)',
      '      HTTP to agent:   OK, RTT=501.3µs   (Last probed: 2025-03-10T11:59:41Z)',
    ]),
  );

const ciliumNode = (name: string, health: string) =>
  lines(
    `$ kubectl get ciliumnode ${name} -o yaml`,
    'apiVersion: cilium.io/v2',
    'kind: CiliumNode',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  addresses:',
    '  - ip: 10.61.0.15',
    '    type: InternalIP',
    '  health:',
    `    ipv4: ${health}`,
    '  ipam:',
    '    podCIDRs:',
    '    - 10.61.7.0/24',
  );

ruleTester(ipStale, {
  valid: [
    {
      name: 'every reporter probes the IP the node has',
      inputs: {
        'a.txt': healthOf('cilium-a1b2c', 'bm-03', [['bm-03', '10.61.0.13', '10.61.5.77', true], ['bm-05', '10.61.0.15', '10.61.7.19', true]]),
        'b.txt': healthOf('cilium-f9g8h', 'bm-05', [['bm-05', '10.61.0.15', '10.61.7.19', true], ['bm-03', '10.61.0.13', '10.61.5.77', true]]),
      },
    },
    {
      name: 'one reporter printing twice: it picked up the new IP',
      inputs: {
        'a.txt':
          healthOf('cilium-a1b2c', 'bm-03', [['bm-03', '10.61.0.13', '10.61.5.77', true], ['bm-05', '10.61.0.15', '10.61.7.210', false]]) +
          healthOf('cilium-a1b2c', 'bm-03', [['bm-03', '10.61.0.13', '10.61.5.77', true], ['bm-05', '10.61.0.15', '10.61.7.19', true]]),
        'cn.yaml': ciliumNode('bm-05', '10.61.7.19'),
      },
    },
    {
      name: 'a stale-IP drop to an application port is not a health probe',
      inputs: { 'drops.txt': lines(exec('cilium monitor -t drop'), 'xx drop (Stale or unroutable IP) flow 0x0 to endpoint 0, ifindex 4, file bpf_host.c:1102, , identity world->unknown: 10.61.0.13:50122 -> 10.61.7.210:8080 tcp SYN') },
    },
    { name: 'seed: one reporter, consistent', files: [`${SEEDS}003_af8170551708106c.txt`] },
  ],
  invalid: [
    {
      name: '≤1.16: bm-03 probes bm-05 at an IP bm-05 itself does not have',
      inputs: {
        'a.txt': healthOf('cilium-a1b2c', 'bm-03', [['bm-03', '10.61.0.13', '10.61.5.77', true], ['bm-05', '10.61.0.15', '10.61.7.210', false]]),
        'b.txt': healthOf('cilium-f9g8h', 'bm-05', [['bm-05', '10.61.0.15', '10.61.7.19', true], ['bm-03', '10.61.0.13', '10.61.5.77', true]]),
      },
      findings: [{ messageId: 'differs', severity: 'warning', lines: ['a.txt:16', 'b.txt:9'], node: 'bm-05', includes: ['bm-03 probes the health endpoint of bm-05 at 10.61.7.210', 'own health IP is 10.61.7.19'] }],
    },
    {
      name: '1.17+ verbose form against the CiliumNode',
      inputs: {
        'a.txt': health117Of('cilium-a1b2c', 'bm-03', [['bm-03', '10.61.0.13', '10.61.5.77'], ['bm-05', '10.61.0.15', '10.61.7.210']]),
        'cn.yaml': ciliumNode('bm-05', '10.61.7.19'),
      },
      findings: [{ messageId: 'differs', severity: 'warning', lines: ['a.txt:16', 'cn.yaml:5'], node: 'bm-05', includes: ['at 10.61.7.210', 'own health IP is 10.61.7.19'] }],
    },
    {
      name: 'two reporters disagree and the node\'s own IP is unknown',
      inputs: {
        'a.txt': healthOf('cilium-a1b2c', 'bm-03', [['bm-03', '10.61.0.13', '10.61.5.77', true], ['bm-05', '10.61.0.15', '10.61.7.210', false]]),
        'c.txt': healthOf('cilium-k3l4m', 'bm-04', [['bm-04', '10.61.0.14', '10.61.6.40', true], ['bm-05', '10.61.0.15', '10.61.7.19', true]]),
      },
      findings: [{ messageId: 'disagree', severity: 'warning', lines: ['a.txt:16', 'c.txt:16'], node: 'bm-05', includes: ['bm-03: 10.61.7.210, bm-04: 10.61.7.19'] }],
    },
    {
      name: 'drops of health probes: `Not a local target address` (≤1.x) and `Stale or unroutable IP`',
      inputs: {
        'nodes.txt': lines(exec('cilium node list'), 'Name     IPv4 Address    Endpoint CIDR   IPv6 Address   Endpoint CIDR', 'bm-03    10.61.0.13      10.61.5.0/24', 'bm-05    10.61.0.15      10.61.7.0/24'),
        'drops.txt': lines(
          '$ kubectl -n kube-system exec cilium-f9g8h -- cilium monitor -t drop',
          'xx drop (Not a local target address) flow 0x5a1c to endpoint 0, identity 0->0: 10.61.5.1:41220 -> 10.61.7.210:4240 tcp SYN',
          'xx drop (Stale or unroutable IP) flow 0x0 to endpoint 0, ifindex 4, file bpf_host.c:1102, , identity remote-node->unknown: 10.61.0.13 -> 10.61.7.210 EchoRequest',
        ),
      },
      findings: [{ messageId: 'drops', severity: 'warning', lines: ['drops.txt:2', 'drops.txt:3'], includes: ['2 health probes to 10.61.7.210'] }],
    },
  ],
});
