/** PKT-03, PKT-04: a service frontend seen on the wire although it should have been translated. */
import { rule as onWire } from '../../src/rules/catalog/clusterip-on-wire-with-socketlb.js';
import { rule as beyond } from '../../src/rules/catalog/clusterip-beyond-lxc.js';
import { agentLog, endpointList, NODE_A, NODE_B, nodeList, TUNNEL_VXLAN } from '../helpers/cluster-inputs.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const services = lines(
  `$ kubectl -n kube-system exec ${NODE_A.agent} -- cilium service list`,
  'ID   Frontend             Service Type   Backend',
  '14   10.110.7.33:5432     ClusterIP      1 => 10.42.2.40:5432 (active)',
);
const cluster = (flags: Record<string, string>) => ({
  'agent-a.log': agentLog(NODE_A, '1.16.4', flags),
  'lists.txt': nodeList(NODE_A, NODE_B) + endpointList(NODE_A, [[612, 30211, '10.42.1.15', 'api']]) + services,
});
const KPR_FALSE = { ...TUNNEL_VXLAN, 'kube-proxy-replacement': 'false' };

/** The client's lxc on edge-a, and edge-a's eth0 with the VXLAN packet, carrying `inner` as destination. */
const toFrontend = lines(
  `root@${NODE_A.name}:~# tcpdump -nn -i lxc2e8d41f0a7c9`,
  '13:22:08.500113 IP 10.42.1.15.51870 > 10.110.7.33.5432: Flags [S], seq 4121, win 64860, options [mss 1410], length 0',
);
const onEth0 = (dst: string) =>
  lines(
    `root@${NODE_A.name}:~# tcpdump -nn -i eth0 udp port 8472`,
    `13:22:08.500201 IP ${NODE_A.ip}.52113 > ${NODE_B.ip}.8472: OTV, flags [I] (0x08), overlay 0, instance 30211`,
    `IP 10.42.1.15.51870 > ${dst}: Flags [S], seq 4121, win 64860, options [mss 1410], length 0`,
  );
const ping = lines(`root@${NODE_A.name}:~# tcpdump -nn -i lxc2e8d41f0a7c9`, '13:25:01.000100 IP 10.42.1.15 > 10.110.7.33: ICMP echo request, id 71, seq 1, length 64');

ruleTester(onWire, {
  valid: [
    { name: 'socket-LB translated at connect(): only the backend on the wire', inputs: { ...cluster(TUNNEL_VXLAN), 'eth0.txt': onEth0('10.42.2.40.5432') } },
    { name: 'without socket-LB the pod sends to the frontend', inputs: { ...cluster(KPR_FALSE), 'lxc.txt': toFrontend } },
    { name: 'ICMP to a frontend is never translated at connect()', inputs: { ...cluster(TUNNEL_VXLAN), 'lxc.txt': ping } },
  ],
  invalid: [
    {
      name: 'socket-LB on, the SYN to the frontend on the pod\'s lxc',
      inputs: { ...cluster(TUNNEL_VXLAN), 'lxc.txt': toFrontend, 'eth0.txt': onEth0('10.42.2.40.5432') },
      findings: [{ messageId: 'untranslated', severity: 'warning', lines: ['lxc.txt:2'], includes: ['10.110.7.33:5432'] }],
    },
  ],
});

ruleTester(beyond, {
  valid: [
    { name: 'per-packet LB translated it in the pod program', inputs: { ...cluster(KPR_FALSE), 'lxc.txt': toFrontend, 'eth0.txt': onEth0('10.42.2.40.5432') } },
    { name: 'socket-LB only (no per-packet LB): the other rule names the cause', inputs: { ...cluster(TUNNEL_VXLAN), 'eth0.txt': onEth0('10.110.7.33.5432') } },
  ],
  invalid: [
    {
      name: 'per-packet LB in the pod program, yet the frontend leaves the node',
      inputs: { ...cluster(KPR_FALSE), 'lxc.txt': toFrontend, 'eth0.txt': onEth0('10.110.7.33.5432') },
      findings: [{ messageId: 'beyond', severity: 'error', lines: ['eth0.txt:2'], includes: ['10.110.7.33:5432', 'eth0 on edge-a'] }],
    },
  ],
});
