/** ENC-01 … ENC-05: what a capture on a node's native device shows of pod traffic between nodes. */
import { rule as missing } from '../../src/rules/catalog/missing-encapsulation.js';
import { rule as unexpected } from '../../src/rules/catalog/unexpected-encapsulation.js';
import { rule as wrongPort } from '../../src/rules/catalog/wrong-tunnel-port.js';
import { rule as vni } from '../../src/rules/catalog/vni-identity-mismatch.js';
import { rule as outerTtl } from '../../src/rules/catalog/outer-ttl-unexpected.js';
import { agentLog, endpointList, NATIVE_BPF, NODE_A, NODE_B, nodeList, TUNNEL_VXLAN } from '../helpers/cluster-inputs.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const SYN = '10.42.1.15.40100 > 10.42.2.40.5432: Flags [S], seq 2711098113, win 64860, options [mss 1410,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0';

const cluster = (flags: Record<string, string>) => ({
  'agent-a.log': agentLog(NODE_A, '1.16.4', flags),
  'agent-b.log': agentLog(NODE_B, '1.16.4', flags),
  'lists.txt': nodeList(NODE_A, NODE_B) + endpointList(NODE_A, [[612, 30211, '10.42.1.15', 'api']]) + endpointList(NODE_B, [[1840, 45107, '10.42.2.40', 'db']]),
});

/** `tcpdump -nn -v -i eth0` on edge-a. */
const onEdgeA = (...packet: string[]) => lines(`root@${NODE_A.name}:~# tcpdump -nn -v -i eth0`, ...packet);
const plain = `09:14:02.331201 IP ${SYN}`;
const encapsulated = (header: string, outerTtl = 64) => [
  `09:14:02.331201 IP (tos 0x0, ttl ${outerTtl}, id 40771, offset 0, flags [none], proto UDP (17), length 110)`,
  `    ${NODE_A.ip}.52113 > ${NODE_B.ip}.${header}`,
  `IP (tos 0x0, ttl 64, id 22015, offset 0, flags [DF], proto TCP (6), length 60)`,
  `    ${SYN}`,
];
const otv = (instance: number, ttl?: number) => encapsulated(`8472: OTV, flags [I] (0x08), overlay 0, instance ${instance}`, ttl);

ruleTester(missing, {
  valid: [
    { name: 'tunnel mode, the pod packet inside VXLAN', inputs: { ...cluster(TUNNEL_VXLAN), 'eth0.txt': onEdgeA(...otv(30211)) } },
    { name: 'native routing carries pod packets plainly', inputs: { ...cluster(NATIVE_BPF), 'eth0.txt': onEdgeA(plain) } },
    { name: 'routing mode unknown', inputs: { 'lists.txt': cluster(TUNNEL_VXLAN)['lists.txt'], 'eth0.txt': onEdgeA(plain) } },
  ],
  invalid: [
    {
      name: 'tunnel mode, the pod packet on eth0 without a tunnel header',
      inputs: { ...cluster(TUNNEL_VXLAN), 'eth0.txt': onEdgeA(plain) },
      findings: [{ messageId: 'plain', severity: 'error', lines: ['agent-a.log:2', 'eth0.txt:2'], node: 'edge-a', includes: ['inside vxlan', '10.42.1.15 → 10.42.2.40'] }],
    },
  ],
});

ruleTester(unexpected, {
  valid: [
    { name: 'native routing, plain pod packet', inputs: { ...cluster(NATIVE_BPF), 'eth0.txt': onEdgeA(plain) } },
    { name: 'tunnel mode, VXLAN expected', inputs: { ...cluster(TUNNEL_VXLAN), 'eth0.txt': onEdgeA(...otv(30211)) } },
  ],
  invalid: [
    {
      name: 'native routing, yet VXLAN between the nodes',
      inputs: { ...cluster(NATIVE_BPF), 'eth0.txt': onEdgeA(...otv(30211)) },
      findings: [{ messageId: 'encapsulated', severity: 'error', lines: ['agent-a.log:2', 'eth0.txt:2'], includes: ['VXLAN', 'UDP 8472'] }],
    },
  ],
});

ruleTester(wrongPort, {
  valid: [
    { name: 'VXLAN on 8472, the default', inputs: { ...cluster(TUNNEL_VXLAN), 'eth0.txt': onEdgeA(...otv(30211)) } },
    {
      name: 'VXLAN on 4789 where tunnel-port says so',
      inputs: { ...cluster({ ...TUNNEL_VXLAN, 'tunnel-port': '4789' }), 'eth0.txt': onEdgeA(...encapsulated('4789: VXLAN, flags [I] (0x08), vni 30211')) },
    },
  ],
  invalid: [
    {
      name: 'VXLAN on 4789 while the nodes expect 8472',
      inputs: { ...cluster(TUNNEL_VXLAN), 'eth0.txt': onEdgeA(...encapsulated('4789: VXLAN, flags [I] (0x08), vni 30211')) },
      findings: [{ messageId: 'port', severity: 'error', lines: ['agent-a.log:2', 'agent-a.log:3', 'eth0.txt:2'], includes: ['UDP 8472', 'UDP 4789'] }],
    },
  ],
});

ruleTester(vni, {
  valid: [{ name: 'VNI = the client\'s identity', inputs: { ...cluster(TUNNEL_VXLAN), 'eth0.txt': onEdgeA(...otv(30211)) } }],
  invalid: [
    {
      name: 'VNI of another identity',
      inputs: { ...cluster(TUNNEL_VXLAN), 'eth0.txt': onEdgeA(...otv(30299)) },
      findings: [{ messageId: 'pod', severity: 'warning', lines: ['eth0.txt:2', 'lists.txt:8'], includes: ['VNI 30211', 'VNI 30299'] }],
    },
  ],
});

ruleTester(outerTtl, {
  valid: [{ name: 'outer TTL 64 leaving the node', inputs: { ...cluster(TUNNEL_VXLAN), 'eth0.txt': onEdgeA(...otv(30211)) } }],
  invalid: [
    {
      name: 'outer TTL 63 on the sending node itself',
      inputs: { ...cluster(TUNNEL_VXLAN), 'eth0.txt': onEdgeA(...otv(30211, 63)) },
      findings: [{ messageId: 'ttl', severity: 'info', lines: ['eth0.txt:2'], node: 'edge-a' }],
    },
  ],
});
