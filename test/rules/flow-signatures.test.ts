/** ct-entries-lost, identity-world-for-cluster-ip: what the monitor's drops and verdicts say of state the datapath lost. */
import { rule as ctLost } from '../../src/rules/catalog/ct-entries-lost.js';
import { rule as worldIdentity } from '../../src/rules/catalog/identity-world-for-cluster-ip.js';
import { agentLog, endpointList, NATIVE_BPF, NODE_A, NODE_B, nodeList } from '../helpers/cluster-inputs.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url).pathname;

const cluster = (version = '1.14.9') => ({
  'agent-a.log': agentLog(NODE_A, version, NATIVE_BPF),
  'agent-b.log': agentLog(NODE_B, version, NATIVE_BPF),
  'lists.txt': nodeList(NODE_A, NODE_B) + endpointList(NODE_A, [[612, 30211, '10.42.1.15', 'api']]) + endpointList(NODE_B, [[1840, 45107, '10.42.2.40', 'db']]),
});
const monitorB = (...events: string[]) => ({ 'monitor-b.txt': lines(`$ kubectl -n kube-system exec ${NODE_B.agent} -- cilium monitor`, ...events) });

ruleTester(ctLost, {
  valid: [
    { name: 'a policy drop of the SYN is policy', inputs: { ...cluster(), ...monitorB('xx drop (Policy denied) flow 0x0 to endpoint 1840, ifindex 29, file bpf_lxc.c:1953, , identity 30211->45107: 10.42.1.15:40412 -> 10.42.2.40:5432 tcp SYN') } },
    {
      name: 'a policy drop of a mid-stream request segment is a policy change, not lost state',
      inputs: { ...cluster(), ...monitorB('xx drop (Policy denied) flow 0x0 to endpoint 1840, ifindex 29, file bpf_lxc.c:1953, , identity 30211->45107: 10.42.1.15:40412 -> 10.42.2.40:5432 tcp ACK') },
    },
    { name: '1.14: code 136 is `Fragmentation needed`, not conntrack', inputs: { ...cluster(), ...monitorB('xx drop (Fragmentation needed) flow 0x0 to endpoint 0, ifindex 2, file bpf_host.c:742, , identity 45107->world: 10.42.2.40:5432 -> 10.42.1.15:40412 tcp ACK') } },
    { name: 'seeds: no drops of lost state', files: [`${SEEDS}001_d647f92d2552e660.txt`, `${SEEDS}002_f5e8de9a5d2f12da.txt`] },
  ],
  invalid: [
    {
      name: '1.1-era: `CT: Can\'t create entry from packet` on ACKs',
      inputs: {
        ...cluster('1.1.2'),
        ...monitorB(
          "xx drop (CT: Can't create entry from packet) flow 0x8a3e to endpoint 1840, identity 1->45107: 10.42.2.1:8443 -> 10.42.2.40:55930 tcp ACK",
          "xx drop (CT: Can't create entry from packet) flow 0x8a3e to endpoint 1840, identity 1->45107: 10.42.2.1:8443 -> 10.42.2.40:55930 tcp ACK, FIN",
        ),
      },
      findings: [{ messageId: 'lost', severity: 'error', lines: ['monitor-b.txt:2', 'monitor-b.txt:3'], node: 'edge-b', includes: ["CT: Can't create entry from packet", '2 segments'] }],
    },
    {
      name: '1.11: `CT: Missing TCP ACK flag`',
      inputs: { ...cluster('1.11.4'), ...monitorB('xx drop (CT: Missing TCP ACK flag) flow 0x0 to endpoint 1840, file bpf_lxc.c:1377, , identity 30211->45107: 10.42.1.15:40412 -> 10.42.2.40:5432 tcp RST') },
      findings: [{ messageId: 'lost', severity: 'error', lines: ['monitor-b.txt:2'], includes: ['CT: Missing TCP ACK flag'] }],
    },
    {
      name: '1.14: the server\'s reply denied by policy after a restart',
      inputs: {
        ...cluster(),
        ...monitorB(
          'xx drop (Policy denied) flow 0x0 to endpoint 612, ifindex 29, file bpf_lxc.c:1953, , identity 45107->30211: 10.42.2.40:5432 -> 10.42.1.15:40412 tcp ACK',
          'xx drop (Policy denied) flow 0x0 to endpoint 612, ifindex 29, file bpf_lxc.c:1953, , identity 45107->30211: 10.42.2.40:5432 -> 10.42.1.15:40412 tcp ACK, PSH',
        ),
      },
      findings: [{ messageId: 'lost', severity: 'error', lines: ['monitor-b.txt:2', 'monitor-b.txt:3'], node: 'edge-b', includes: ['Policy denied on a reply', '10.42.2.40:5432'] }],
    },
    {
      name: 'the same drops also printed by hubble count once, citing both forms; hubble\'s drop of another segment is one more',
      inputs: {
        ...cluster(),
        ...monitorB(
          'xx drop (Policy denied) flow 0x0 to endpoint 612, ifindex 29, file bpf_lxc.c:1953, , identity 45107->30211: 10.42.2.40:5432 -> 10.42.1.15:40412 tcp ACK',
          'xx drop (Policy denied) flow 0x0 to endpoint 612, ifindex 29, file bpf_lxc.c:1953, , identity 45107->30211: 10.42.2.40:5432 -> 10.42.1.15:40412 tcp ACK, PSH',
        ),
        'hubble-b.txt': lines(
          '$ hubble observe --verdict DROPPED --print-node-name',
          'Mar  4 11:20:07.331 [edge-b]: 10.42.2.40:5432 (ID:45107) <> 10.42.1.15:40412 (ID:30211) Policy denied DROPPED (TCP Flags: ACK)',
          'Mar  4 11:20:07.540 [edge-b]: 10.42.2.40:5432 (ID:45107) <> 10.42.1.15:40412 (ID:30211) Policy denied DROPPED (TCP Flags: ACK, PSH)',
          'Mar  4 11:20:09.102 [edge-b]: 10.42.2.40:5432 (ID:45107) <> 10.42.1.15:40412 (ID:30211) Policy denied DROPPED (TCP Flags: ACK, FIN)',
        ),
      },
      findings: [
        {
          messageId: 'lost',
          severity: 'error',
          lines: ['hubble-b.txt:2', 'hubble-b.txt:3', 'hubble-b.txt:4', 'monitor-b.txt:2', 'monitor-b.txt:3'],
          node: 'edge-b',
          includes: ['3 segments', 'Policy denied on a reply'],
        },
      ],
    },
  ],
});

ruleTester(worldIdentity, {
  valid: [
    { name: 'world for an address outside the cluster', inputs: { ...cluster(), ...monitorB('xx drop (Policy denied) flow 0x0 to endpoint 1840, identity world->45107: 192.168.77.7:40412 -> 10.42.2.40:5432 tcp SYN') } },
    { name: 'the pod with its own identity', inputs: { ...cluster(), ...monitorB('xx drop (Policy denied) flow 0x0 to endpoint 1840, identity 30211->45107: 10.42.1.15:40412 -> 10.42.2.40:5432 tcp SYN') } },
    { name: 'seed: an ipcache look-up of an outside address to world', files: [`${SEEDS}001_d647f92d2552e660.txt`] },
  ],
  invalid: [
    {
      name: '1.14 hubble observe of an unnamed node: a pod\'s address dropped as world',
      inputs: {
        'paste.txt': lines(
          '$ kubectl get pods -o wide -n shop',
          'NAME                        READY   STATUS    RESTARTS   AGE   IP            NODE     NOMINATED NODE   READINESS GATES',
          'cart-7b9d6c5f4-2mzqp        1/1     Running   0          2d    10.244.2.17   wk-2     <none>           <none>',
          'orders-5d8f7c9b6-xk2lp      1/1     Running   0          2d    10.244.1.40   wk-1     <none>           <none>',
          '$ hubble observe --namespace shop --verdict DROPPED',
          'Jan 16 09:41:02.118: 10.244.2.17:43210 (world) <> shop/orders-5d8f7c9b6-xk2lp:8080 (ID:18231) Policy denied DROPPED (TCP Flags: SYN)',
        ),
      },
      findings: [{ messageId: 'world', severity: 'error', lines: ['paste.txt:3', 'paste.txt:6'], includes: ["The node that observed these flows resolved 10.244.2.17", "it is pod cart-7b9d6c5f4-2mzqp's", 'on the node that observed these flows'] }],
    },
    {
      name: '1.10: a drop from an address in edge-a\'s PodCIDR with identity world',
      inputs: { ...cluster('1.10.20'), ...monitorB('xx drop (Policy denied) flow 0x0 to endpoint 1840, identity world->45107: 10.42.1.99:40412 -> 10.42.2.40:5432 tcp SYN') },
      findings: [{ messageId: 'world', severity: 'error', lines: ['agent-a.log:12', 'monitor-b.txt:2'], node: 'edge-b', includes: ["10.42.1.99: it is inside edge-a's PodCIDR 10.42.1.0/24", 'cilium bpf ipcache get 10.42.1.99'] }],
    },
    {
      name: '1.15: a verdict and an ipcache look-up give a known endpoint world',
      inputs: {
        ...cluster('1.15.8'),
        ...monitorB(
          'Policy verdict log: flow 0x0 local EP ID 1840, remote ID world, proto 6, ingress, action deny, auth: disabled, match none, 10.42.1.15:40412 -> 10.42.2.40:5432 tcp SYN',
          'CPU 02: MARK 0x0 FROM 1840 DEBUG: Conntrack lookup 1/2: src=10.42.1.15:40412 dst=10.42.2.40:5432',
          'CPU 02: MARK 0x0 FROM 1840 DEBUG: Conntrack lookup 2/2: nexthdr=6 flags=0',
          'CPU 02: MARK 0x0 FROM 1840 DEBUG: Successfully mapped addr=10.42.1.15 to identity=2',
        ),
      },
      findings: [{ messageId: 'world', severity: 'error', lines: ['lists.txt:8', 'monitor-b.txt:2', 'monitor-b.txt:5'], node: 'edge-b', includes: ["10.42.1.15: it is endpoint 612's"] }],
    },
  ],
});
