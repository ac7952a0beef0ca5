/** PKT-07, PKT-09, PKT-10, PKT-16: external clients reaching a NodePort. */
import { rule as snatLocal } from '../../src/rules/catalog/unexpected-snat-nodeport-local.js';
import { rule as dsrNotEffective } from '../../src/rules/catalog/dsr-not-effective.js';
import { rule as dsrDropped } from '../../src/rules/catalog/dsr-option-dropped.js';
import { rule as xdpInvisible } from '../../src/rules/catalog/xdp-invisible-traffic.js';
import { agentLog, endpointList, NATIVE_BPF, NODE_A, NODE_B, nodeList } from '../helpers/cluster-inputs.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** NodePort 30080 on every node address, to a backend on edge-a (`local`) or edge-b. */
const services = (backend: string) =>
  lines(
    `$ kubectl -n kube-system exec ${NODE_A.agent} -- cilium service list`,
    'ID   Frontend          Service Type   Backend',
    `21   0.0.0.0:30080     NodePort       1 => ${backend}:8080 (active)`,
  );
const cluster = (flags: Record<string, string>, backend: string) => ({
  'agent-a.log': agentLog(NODE_A, '1.16.4', flags),
  'agent-b.log': agentLog(NODE_B, '1.16.4', flags),
  'lists.txt':
    nodeList(NODE_A, NODE_B) + endpointList(NODE_A, [[612, 30211, '10.42.1.15', 'web']]) + endpointList(NODE_B, [[1840, 45107, '10.42.2.40', 'web']]) + services(backend),
});
const CLIENT = '198.51.100.9';

/** edge-a receives the client's SYN on its NodePort and forwards it (or not) to `backend` with `src` as source. */
const ingress = (backend: string, src: string | null) => ({
  'eth0-a.txt': lines(
    `root@${NODE_A.name}:~# tcpdump -nn -i eth0 tcp`,
    `16:00:00.000010 IP ${CLIENT}.51000 > ${NODE_A.ip}.30080: Flags [S], seq 70011, win 65535, options [mss 1460], length 0`,
    ...(src && backend !== '10.42.1.15' ? [`16:00:00.000071 IP ${src}.51000 > ${backend}.8080: Flags [S], seq 70011, win 65535, options [mss 1460], length 0`] : []),
  ),
});
/** What the backend's node sees arrive. */
const atBackendNode = (node: typeof NODE_A, backend: string, src: string) => ({
  [`at-${node.name}.txt`]: lines(
    `root@${node.name}:~# tcpdump -nn -i lxc5a1c9e0d2b47`,
    `16:00:00.000390 IP ${src}.51000 > ${backend}.8080: Flags [S], seq 70011, win 65535, options [mss 1460], length 0`,
  ),
});

ruleTester(snatLocal, {
  valid: [
    { name: 'local backend reached by DNAT only: the client address kept', inputs: { ...cluster(NATIVE_BPF, '10.42.1.15'), ...ingress('10.42.1.15', null), ...atBackendNode(NODE_A, '10.42.1.15', CLIENT) } },
    { name: 'remote backend: SNAT is SNAT mode\'s job', inputs: { ...cluster(NATIVE_BPF, '10.42.2.40'), ...ingress('10.42.2.40', NODE_A.ip), ...atBackendNode(NODE_B, '10.42.2.40', NODE_A.ip) } },
  ],
  invalid: [
    {
      name: 'local backend, yet it sees the node address',
      inputs: { ...cluster(NATIVE_BPF, '10.42.1.15'), ...ingress('10.42.1.15', null), ...atBackendNode(NODE_A, '10.42.1.15', NODE_A.ip) },
      findings: [{ messageId: 'snat', severity: 'warning', lines: ['at-edge-a.txt:2'], includes: [CLIENT, NODE_A.ip] }],
    },
  ],
});

const DSR = { ...NATIVE_BPF, 'bpf-lb-mode': 'dsr' };

ruleTester(dsrNotEffective, {
  valid: [
    { name: 'DSR keeps the client address at the remote backend', inputs: { ...cluster(DSR, '10.42.2.40'), ...ingress('10.42.2.40', CLIENT), ...atBackendNode(NODE_B, '10.42.2.40', CLIENT) } },
    { name: 'SNAT mode: the node address is expected', inputs: { ...cluster(NATIVE_BPF, '10.42.2.40'), ...ingress('10.42.2.40', NODE_A.ip), ...atBackendNode(NODE_B, '10.42.2.40', NODE_A.ip) } },
  ],
  invalid: [
    {
      name: 'DSR configured, yet the backend sees the ingress node\'s address',
      inputs: { ...cluster(DSR, '10.42.2.40'), ...ingress('10.42.2.40', NODE_A.ip), ...atBackendNode(NODE_B, '10.42.2.40', NODE_A.ip) },
      findings: [{ messageId: 'snat', severity: 'warning', lines: ['at-edge-b.txt:2'], node: 'edge-b' }],
    },
  ],
});

ruleTester(dsrDropped, {
  valid: [
    { name: 'the DSR SYN arrives on the backend\'s node', inputs: { ...cluster(DSR, '10.42.2.40'), ...ingress('10.42.2.40', CLIENT), ...atBackendNode(NODE_B, '10.42.2.40', CLIENT) } },
    { name: 'no capture on the backend\'s node: its absence proves nothing', inputs: { ...cluster(DSR, '10.42.2.40'), ...ingress('10.42.2.40', CLIENT) } },
  ],
  invalid: [
    {
      name: 'the DSR SYN leaves edge-a; edge-b\'s capture (which saw other traffic) never shows it',
      inputs: {
        ...cluster(DSR, '10.42.2.40'),
        ...ingress('10.42.2.40', CLIENT),
        'eth0-b.txt': lines(`root@${NODE_B.name}:~# tcpdump -nn -i eth0`, '16:00:01.500000 IP 10.42.2.40.8080 > 10.42.1.15.33102: Flags [P.], seq 1:10, ack 1, win 502, length 9'),
      },
      findings: [{ messageId: 'dropped', severity: 'error', lines: ['eth0-a.txt:3'], node: 'edge-a' }],
    },
  ],
});

ruleTester(xdpInvisible, {
  valid: [
    {
      name: 'without XDP acceleration the request is visible on the ingress node',
      inputs: { ...cluster(NATIVE_BPF, '10.42.2.40'), ...ingress('10.42.2.40', NODE_A.ip), ...atBackendNode(NODE_B, '10.42.2.40', NODE_A.ip) },
    },
  ],
  invalid: [
    {
      name: 'XDP native: edge-a\'s capture shows none of the flow that reached the backend',
      inputs: {
        ...cluster({ ...NATIVE_BPF, 'bpf-lb-acceleration': 'native' }, '10.42.2.40'),
        'eth0-a.txt': lines(`root@${NODE_A.name}:~# tcpdump -nn -i eth0 tcp`, '16:00:02.000000 IP 10.42.1.15.33102 > 10.42.2.40.8080: Flags [S], seq 5, win 64860, length 0'),
        ...atBackendNode(NODE_B, '10.42.2.40', NODE_A.ip),
      },
      findings: [{ messageId: 'invisible', severity: 'info', lines: ['at-edge-b.txt:2'], node: 'edge-a' }],
    },
  ],
});
