import { rule } from '../../src/rules/catalog/ttl-not-decremented.js';
import { rule as extraDecrement } from '../../src/rules/catalog/ttl-extra-decrement.js';
import { agentLog, endpointList, NATIVE_BPF, NODE_A, NODE_B, nodeList } from '../helpers/cluster-inputs.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** `cilium monitor -vv` on edge-b: the request of 10.42.1.15 → 10.42.2.40 delivered to endpoint 1840 with this TTL (1.15 prints the dissection first). */
const delivered = (ttl: number) =>
  lines(
    `$ kubectl -n kube-system exec ${NODE_B.agent} -- cilium monitor -vv`,
    '-'.repeat(78),
    'Ethernet\t{Contents=[..14..] Payload=[..86..] SrcMAC=be:11:20:3c:9a:01 DstMAC=9e:44:01:2b:7c:ff EthernetType=IPv4 Length=0}',
    `IPv4\t{Contents=[..20..] Payload=[..64..] Version=4 IHL=5 TOS=0 Length=84 Id=5521 Flags=DF FragOffset=0 TTL=${ttl} Protocol=ICMPv4 Checksum=1201 SrcIP=10.42.1.15 DstIP=10.42.2.40 Options=[] Padding=[]}`,
    'ICMPv4\t{Contents=[..8..] Payload=[..56..] TypeCode=EchoRequest Checksum=4410 Id=311 Seq=1}',
    'CPU 01: MARK 0x0 FROM 1840 to-endpoint: 98 bytes (98 captured), state new, interface lxc7f31a0c2e9d4, , identity 30211->45107, orig-ip 10.42.1.15, to endpoint 1840',
  );

const cluster = (version = '1.15.6') => ({
  'agent-a.log': agentLog(NODE_A, version, NATIVE_BPF),
  'agent-b.log': agentLog(NODE_B, version, NATIVE_BPF),
  'lists.txt': nodeList(NODE_A, NODE_B) + endpointList(NODE_A, [[612, 30211, '10.42.1.15', 'api']]) + endpointList(NODE_B, [[1840, 45107, '10.42.2.40', 'db']]),
});

ruleTester(rule, {
  valid: [
    { name: 'native routing, BPF host routing: the pod on the other node receives TTL 62', inputs: { ...cluster(), 'monitor-b.txt': delivered(62) } },
    { name: 'a lower TTL is the other rule\'s', inputs: { ...cluster(), 'monitor-b.txt': delivered(61) } },
    { name: 'configuration unknown: no prediction to contradict', inputs: { 'lists.txt': cluster()['lists.txt'], 'monitor-b.txt': delivered(63) } },
  ],
  invalid: [
    {
      name: 'one decrement missing: TTL 63 at the endpoint',
      inputs: { ...cluster(), 'monitor-b.txt': delivered(63) },
      findings: [{ messageId: 'high', severity: 'error', lines: ['monitor-b.txt:6'], node: 'edge-b', includes: ['Expected TTL 62', 'observed 63', 'F3'] }],
    },
  ],
});

ruleTester(extraDecrement, {
  valid: [
    { name: 'TTL 62 as predicted', inputs: { ...cluster(), 'monitor-b.txt': delivered(62) } },
    { name: 'a higher TTL is the other rule\'s', inputs: { ...cluster(), 'monitor-b.txt': delivered(63) } },
  ],
  invalid: [
    {
      name: 'one decrement too many: the packet crossed the host stack',
      inputs: { ...cluster(), 'monitor-b.txt': delivered(61) },
      findings: [{ messageId: 'low', severity: 'warning', lines: ['monitor-b.txt:6'], includes: ['Expected TTL 62', 'observed 61', 'one hop'] }],
    },
  ],
});
