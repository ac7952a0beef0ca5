/** PKT-05, PKT-06: source addresses where the model says masquerading must not / must happen. */
import { rule as podToPod } from '../../src/rules/catalog/unexpected-snat-pod-to-pod.js';
import { rule as toWorld } from '../../src/rules/catalog/missing-masquerade-to-world.js';
import { agentLog, endpointList, NATIVE_BPF, NODE_A, NODE_B, nodeList } from '../helpers/cluster-inputs.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const cluster = (flags = NATIVE_BPF) => ({
  'agent-a.log': agentLog(NODE_A, '1.16.4', flags),
  'agent-b.log': agentLog(NODE_B, '1.16.4', flags),
  'lists.txt': nodeList(NODE_A, NODE_B) + endpointList(NODE_A, [[612, 30211, '10.42.1.15', 'api']]) + endpointList(NODE_B, [[1840, 45107, '10.42.2.40', 'db']]),
});

/** The SYN leaving edge-a, then arriving at edge-b with `arrivingFrom` as source (same ISN). */
const crossing = (arrivingFrom: string) => ({
  'eth0-a.txt': lines(
    `root@${NODE_A.name}:~# tcpdump -nn -i eth0`,
    '15:02:11.104411 IP 10.42.1.15.40412 > 10.42.2.40.5432: Flags [S], seq 3301442217, win 64860, options [mss 1460], length 0',
  ),
  'eth0-b.txt': lines(
    `root@${NODE_B.name}:~# tcpdump -nn -i eth0`,
    `15:02:11.104533 IP ${arrivingFrom}.40412 > 10.42.2.40.5432: Flags [S], seq 3301442217, win 64860, options [mss 1460], length 0`,
  ),
});

ruleTester(podToPod, {
  valid: [{ name: 'the server sees the client pod', inputs: { ...cluster(), ...crossing('10.42.1.15') } }],
  invalid: [
    {
      name: 'the server\'s node receives the request from the client\'s node address',
      inputs: { ...cluster(), ...crossing(NODE_A.ip) },
      findings: [{ messageId: 'snat', severity: 'error', lines: ['eth0-b.txt:2'], node: 'edge-b', includes: [`from ${NODE_A.ip}`] }],
    },
  ],
});

const leaving = (src: string) => ({
  'eth0-a.txt': lines(
    `root@${NODE_A.name}:~# tcpdump -nn -i eth0 port 443`,
    `15:10:40.200117 IP ${src}.40412 > 151.101.2.133.443: Flags [S], seq 11, win 64860, options [mss 1460], length 0`,
  ),
});

ruleTester(toWorld, {
  valid: [
    { name: 'masqueraded to the node address', inputs: { ...cluster(), ...leaving(NODE_A.ip) } },
    { name: 'masquerading off: the pod address is expected', inputs: { ...cluster({ ...NATIVE_BPF, 'enable-ipv4-masquerade': 'false' }), ...leaving('10.42.1.15') } },
  ],
  invalid: [
    {
      name: 'masquerading on, the pod address leaves for the world',
      inputs: { ...cluster(), ...leaving('10.42.1.15') },
      findings: [{ messageId: 'unmasqueraded', severity: 'warning', lines: ['agent-a.log:5', 'agent-a.log:6', 'agent-a.log:13', 'eth0-a.txt:2'], includes: ['pod address 10.42.1.15'] }],
    },
  ],
});
