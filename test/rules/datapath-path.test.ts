/** PKT-11, PKT-12, PKT-13, PKT-17, PKT-18: what the monitor and captures show of the path taken. */
import { rule as bypassed } from '../../src/rules/catalog/seen-on-bypassed-device.js';
import { rule as sequence } from '../../src/rules/catalog/trace-sequence-mismatch.js';
import { rule as delivery } from '../../src/rules/catalog/local-delivery-without-endpoint-trace.js';
import { rule as noRoute } from '../../src/rules/catalog/cross-node-without-route.js';
import { rule as ambiguous } from '../../src/rules/catalog/model-ambiguous.js';
import { agentLog, endpointList, NATIVE_BPF, NODE_A, NODE_B, nodeList, TUNNEL_VXLAN } from '../helpers/cluster-inputs.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const cluster = (flags: Record<string, string>, version = '1.15.6') => ({
  'agent-a.log': agentLog(NODE_A, version, flags),
  'agent-b.log': agentLog(NODE_B, version, flags),
  'lists.txt': nodeList(NODE_A, NODE_B) + endpointList(NODE_A, [[612, 30211, '10.42.1.15', 'api']]) + endpointList(NODE_B, [[1840, 45107, '10.42.2.40', 'db']]),
});
const LEGACY = { ...NATIVE_BPF, 'enable-host-legacy-routing': 'true' };

/** edge-b's monitor names the server's lxc, then a capture on that lxc shows the request leaving it towards the pod. */
const onServerLxc = {
  'monitor-b.txt': lines(
    `$ kubectl -n kube-system exec ${NODE_B.agent} -- cilium monitor`,
    '-> endpoint 1840 flow 0x0 , identity 30211->45107 state new ifindex lxc7f31a0c2e9d4 orig-ip 10.42.1.15: 10.42.1.15:40412 -> 10.42.2.40:5432 tcp SYN',
  ),
  'lxc-b.txt': lines(
    `root@${NODE_B.name}:~# tcpdump -nn -i lxc7f31a0c2e9d4`,
    '15:02:11.104601 IP 10.42.1.15.40412 > 10.42.2.40.5432: Flags [S], seq 3301442217, win 64860, options [mss 1460], length 0',
  ),
};

ruleTester(bypassed, {
  valid: [{ name: 'legacy host routing delivers through the lxc', inputs: { ...cluster(LEGACY), ...onServerLxc } }],
  invalid: [
    {
      name: 'BPF host routing, yet the remote pod\'s request passes the server\'s lxc',
      inputs: { ...cluster(NATIVE_BPF), ...onServerLxc },
      findings: [{ messageId: 'bypassed', severity: 'warning', lines: ['agent-b.log:4', 'agent-b.log:7', 'agent-b.log:13', 'lxc-b.txt:2'], node: 'edge-b', includes: ['lxc7f31a0c2e9d4 TX on edge-b'] }],
    },
  ],
});

/** edge-a's monitor (aggregation none) for a SYN to the remote pod: `<- endpoint`, then `then`. */
const clientTraces = (then: string) => ({
  'monitor-a.txt': lines(
    `$ kubectl -n kube-system exec ${NODE_A.agent} -- cilium monitor`,
    '<- endpoint 612 flow 0x0 , identity 30211->unknown state unknown ifindex 0 orig-ip 0.0.0.0: 10.42.1.15:40412 -> 10.42.2.40:5432 tcp SYN',
    `${then} flow 0x0 , identity 30211->45107 state new ifindex 0 orig-ip 0.0.0.0: 10.42.1.15:40412 -> 10.42.2.40:5432 tcp SYN`,
  ),
});

ruleTester(sequence, {
  valid: [
    { name: 'tunnel mode: `-> overlay` as predicted', inputs: { ...cluster(TUNNEL_VXLAN), ...clientTraces('-> overlay') } },
    { name: 'native routing with BPF host routing: `-> network`', inputs: { ...cluster(NATIVE_BPF), ...clientTraces('-> network') } },
  ],
  invalid: [
    {
      name: 'tunnel mode, yet `-> stack`',
      inputs: { ...cluster(TUNNEL_VXLAN), ...clientTraces('-> stack') },
      findings: [{ messageId: 'unexpected', severity: 'warning', lines: ['monitor-a.txt:3'], node: 'edge-a', includes: ['-> overlay', 'shows <- endpoint, -> stack'] }],
    },
  ],
});

/** edge-a's debug output: the policy program of endpoint 1840 is never traced after the delivery attempt. */
const localDelivery = (...after: string[]) => ({
  'monitor-a.txt': lines(
    `$ kubectl -n kube-system exec ${NODE_A.agent} -- cilium monitor -t debug -t trace`,
    'CPU 03: MARK 0x0 FROM 612 DEBUG: Conntrack lookup 1/2: src=10.42.1.15:40412 dst=10.42.1.77:6379',
    'CPU 03: MARK 0x0 FROM 612 DEBUG: Conntrack lookup 2/2: nexthdr=6 flags=1 dir=0 scope=2',
    'CPU 03: MARK 0x0 FROM 612 DEBUG: CT verdict: New, revnat=0',
    'CPU 03: MARK 0x0 FROM 612 DEBUG: Attempting local delivery for container id 733 from seclabel 30211',
    ...after,
  ),
});

ruleTester(delivery, {
  valid: [
    {
      name: 'followed by `-> endpoint 733`',
      inputs: { ...cluster(NATIVE_BPF), ...localDelivery('-> endpoint 733 flow 0x0 , identity 30211->45107 state new ifindex lxc91c0d2e4f7a1 orig-ip 10.42.1.15: 10.42.1.15:40412 -> 10.42.1.77:6379 tcp SYN') },
    },
    {
      name: 'followed by a drop',
      inputs: { ...cluster(NATIVE_BPF), ...localDelivery('xx drop (Policy denied) flow 0x0 to endpoint 733, ifindex 31, file bpf_lxc.c:2011, , identity 30211->45107: 10.42.1.15:40412 -> 10.42.1.77:6379 tcp SYN') },
    },
  ],
  invalid: [
    {
      name: 'a new connection delivered to endpoint 733 without its trace',
      inputs: { ...cluster(NATIVE_BPF), ...localDelivery() },
      findings: [{ messageId: 'noTrace', severity: 'warning', lines: ['monitor-a.txt:5'], includes: ['-> endpoint 733'] }],
    },
  ],
});

const fibDrop = lines(
  `$ kubectl -n kube-system exec ${NODE_A.agent} -- cilium monitor -t drop`,
  'xx drop (FIB lookup failed, 4) flow 0x0 to endpoint 0, ifindex 2, file bpf_lxc.c:1301, , identity 30211->45107: 10.42.1.15:40412 -> 10.42.2.40:5432 tcp SYN',
);

ruleTester(noRoute, {
  valid: [{ name: 'tunnel mode: not a routing-table problem', inputs: { ...cluster(TUNNEL_VXLAN), 'drops.txt': fibDrop } }],
  invalid: [
    {
      name: 'native routing: FIB lookup failed towards a pod on the other node',
      inputs: { ...cluster(NATIVE_BPF), 'drops.txt': fibDrop },
      findings: [{ messageId: 'noRoute', severity: 'error', lines: ['agent-a.log:2', 'drops.txt:2'], node: 'edge-a' }],
    },
  ],
});

ruleTester(ambiguous, {
  valid: [{ name: 'configuration known', inputs: { ...cluster(NATIVE_BPF), ...onServerLxc } }],
  invalid: [
    {
      name: 'routing and host routing unknown: the lxc sighting means different things',
      inputs: { 'lists.txt': cluster(NATIVE_BPF)['lists.txt'], ...onServerLxc },
      findings: [{ messageId: 'ambiguous', severity: 'info', lines: ['monitor-b.txt:2'], includes: ['host routing mode'] }],
    },
  ],
});
