/** reply-missing and tcp-retransmissions: conversations as one capture point saw them, in two tcpdump generations. */
import { rule as replyMissing } from '../../src/rules/catalog/reply-missing.js';
import { rule as retransmissions } from '../../src/rules/catalog/tcp-retransmissions.js';
import { agentLog, endpointList, NATIVE_BPF, NODE_A, NODE_B, nodeList } from '../helpers/cluster-inputs.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url).pathname;
const CLIENT_POD = 'api-7f9c6d4b8-q2w5e';

const cluster = {
  'agent-a.log': agentLog(NODE_A, '1.15.6', NATIVE_BPF),
  'agent-b.log': agentLog(NODE_B, '1.15.6', NATIVE_BPF),
  'lists.txt':
    nodeList(NODE_A, NODE_B) +
    endpointList(NODE_A, [[612, 30211, '10.42.1.15', 'api'], [733, 30211, '10.42.1.77', 'api']]) +
    endpointList(NODE_B, [[1840, 45107, '10.42.2.40', 'db']]),
  'pods.txt': lines(
    '$ kubectl get pods -o wide',
    'NAME                    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES',
    `${CLIENT_POD}     1/1     Running   0          3d    10.42.1.15   edge-a   <none>           <none>`,
    'db-0                    1/1     Running   0          3d    10.42.2.40   edge-b   <none>           <none>',
  ),
};

/** tcpdump 4.99 in the client pod's network namespace (one device, no interface column). */
const inClientPod = (...packets: string[]) => ({ 'client.txt': lines(`$ kubectl exec -it ${CLIENT_POD} -- tcpdump -nn -i eth0`, ...packets) });
/** tcpdump -i any on edge-a's host (4.99: interface and direction columns). */
const onNodeA = (...packets: string[]) => ({ 'node-a.txt': lines(`root@${NODE_A.name}:~# tcpdump -nn -i any`, ...packets) });

const syn = (t: string) => `${t} IP 10.42.1.15.40412 > 10.42.2.40.5432: Flags [S], seq 3301442217, win 64860, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0`;
const synAck = (t: string) => `${t} IP 10.42.2.40.5432 > 10.42.1.15.40412: Flags [S.], seq 912337001, ack 3301442218, win 65160, options [mss 1460,sackOK,TS val 2 ecr 1,nop,wscale 7], length 0`;
const echo = (t: string, dev: string, seq: number) => `${t} ${dev} Out IP ${NODE_A.ip} > 10.42.2.40: ICMP echo request, id 4101, seq ${seq}, length 64`;
const query = (t: string, port: number) => `${t} IP 10.42.1.15.${port} > 10.96.0.10.53: 5810+ A? db.prod.svc.cluster.local. (43)`;
const arp = (t: string) => `${t} ARP, Request who-has 10.42.1.1 tell 10.42.1.15, length 28`;

ruleTester(replyMissing, {
  valid: [
    { name: 'two SYNs are not yet three attempts', inputs: { ...cluster, ...inClientPod(syn('09:00:00.100200'), syn('09:00:01.131800')) } },
    { name: 'the SYN-ACK came after three SYNs', inputs: { ...cluster, ...inClientPod(syn('09:00:00.100200'), syn('09:00:01.131800'), syn('09:00:03.147800'), synAck('09:00:03.148100')) } },
    {
      name: 'echo requests on a device that does not see the replies (lxc with BPF host routing)',
      inputs: {
        ...cluster,
        'lxc.txt': lines(
          `root@${NODE_A.name}:~# tcpdump -nn -i lxc91c0d2e4f7a1`,
          '09:10:00.000100 IP 10.42.1.15 > 10.42.1.77: ICMP echo request, id 77, seq 0, length 64',
          '09:10:01.000200 IP 10.42.1.15 > 10.42.1.77: ICMP echo request, id 77, seq 1, length 64',
          '09:10:02.000300 IP 10.42.1.15 > 10.42.1.77: ICMP echo request, id 77, seq 2, length 64',
        ),
      },
    },
    { name: 'ARP answered', inputs: { ...cluster, ...inClientPod(arp('09:20:00.000100'), arp('09:20:01.000100'), arp('09:20:02.000100'), '09:20:02.000300 ARP, Reply 10.42.1.1 is-at 5e:0c:1a:44:b2:01, length 28') } },
    { name: 'seeds: captures with replies, or too few requests', files: [`${SEEDS}001_d647f92d2552e660.txt`, `${SEEDS}002_f5e8de9a5d2f12da.txt`] },
  ],
  invalid: [
    {
      name: 'tcpdump 4.99 in the client pod: a SYN retransmitted four times, no SYN-ACK',
      inputs: { ...cluster, ...inClientPod(syn('09:00:00.100200'), syn('09:00:01.131800'), syn('09:00:03.147800'), syn('09:00:07.307900')) },
      findings: [{ messageId: 'dead', severity: 'warning', lines: ['client.txt:2', 'client.txt:3', 'client.txt:4', 'client.txt:5'], includes: ['4 attempts', 'no SYN-ACK seen there', 'over 7.2 s'] }],
    },
    {
      name: 'tcpdump -i any on the client node: echo requests seen on two devices, never answered',
      inputs: {
        ...cluster,
        ...onNodeA(
          echo('09:30:00.000100', 'eth0', 1), echo('09:30:00.000112', 'bond0', 1),
          echo('09:30:01.000100', 'eth0', 2), echo('09:30:01.000109', 'bond0', 2),
          echo('09:30:02.000100', 'eth0', 3), echo('09:30:02.000111', 'bond0', 3),
        ),
      },
      findings: [{ messageId: 'dead', severity: 'warning', lines: ['node-a.txt:2', 'node-a.txt:4', 'node-a.txt:6'], node: 'edge-a', includes: ['3 attempts', 'no echo reply', '3 copies of the same packets'] }],
    },
    {
      name: 'DNS queries from new source ports, no response',
      inputs: { ...cluster, ...inClientPod(query('09:40:00.000100', 51001), query('09:40:05.000300', 51002), query('09:40:10.000500', 51003)) },
      findings: [{ messageId: 'dead', severity: 'warning', lines: ['client.txt:2', 'client.txt:3', 'client.txt:4'], includes: ['DNS query', 'no DNS response'] }],
    },
    {
      name: 'ARP requests for the gateway never answered',
      inputs: { ...cluster, ...inClientPod(arp('09:20:00.000100'), arp('09:20:01.000100'), arp('09:20:02.000100')) },
      findings: [{ messageId: 'dead', severity: 'warning', lines: ['client.txt:2', 'client.txt:3', 'client.txt:4'], includes: ['ARP who-has 10.42.1.1 tell 10.42.1.15', 'no ARP reply'] }],
    },
  ],
});

const data = (t: string, dev = '') => `${t} ${dev}IP 10.42.1.15.40412 > 10.42.2.40.5432: Flags [P.], seq 3301442218:3301443666, ack 912337002, win 502, length 1448`;

ruleTester(retransmissions, {
  valid: [
    { name: 'every segment once', inputs: { ...cluster, ...inClientPod(syn('09:00:00.100200'), synAck('09:00:00.100900'), data('09:00:00.101100')) } },
    {
      name: 'tcpdump -i any: each packet on lxc and eth0 microseconds apart is one packet',
      inputs: { ...cluster, ...onNodeA(data('09:00:00.101100', 'lxc5d2e7713aa01 In  '), data('09:00:00.101131', 'eth0  Out ')) },
    },
    { name: 'SYNs of a dead conversation are reply-missing\'s', inputs: { ...cluster, ...inClientPod(syn('09:00:00.100200'), syn('09:00:01.131800'), syn('09:00:03.147800')) } },
    { name: 'seed: a complete HTTP exchange', files: [`${SEEDS}002_f5e8de9a5d2f12da.txt`] },
  ],
  invalid: [
    {
      name: 'tcpdump 4.99 in the pod: one data segment sent three times',
      inputs: { ...cluster, ...inClientPod(syn('09:00:00.100200'), synAck('09:00:00.100900'), data('09:00:00.101100'), data('09:00:00.321100'), data('09:00:00.761300')) },
      findings: [{ messageId: 'retransmitted', severity: 'warning', lines: ['client.txt:4', 'client.txt:5', 'client.txt:6'], includes: ['1 segment', '3× over 0.66 s'] }],
    },
    {
      name: 'tcpdump -i any: a retransmission, with the copies on the second device set aside',
      inputs: {
        ...cluster,
        ...onNodeA(data('09:00:00.101100', 'lxc5d2e7713aa01 In  '), data('09:00:00.101131', 'eth0  Out '), data('09:00:00.331100', 'lxc5d2e7713aa01 In  '), data('09:00:00.331126', 'eth0  Out ')),
      },
      findings: [{ messageId: 'retransmitted', severity: 'info', lines: ['node-a.txt:2', 'node-a.txt:4'], node: 'edge-a', includes: ['2 copies of the same packets', 'not retransmissions'] }],
    },
  ],
});
