/**
 * MACs in the model (datapath-model.md §2.3): where the host dumps name a pod's and its lxc's
 * MACs and the nodes' devices', each expected hop carries the Ethernet header the datapath
 * writes there, beside what a capture printed (`tcpdump -e`). The spec has no rule comparing
 * MACs (§6), so a different MAC is shown in `replay`, not reported as a divergence.
 */
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { agentLog, endpointList, NATIVE_BPF, NODE_A, NODE_B, nodeList, TUNNEL_VXLAN } from '../helpers/cluster-inputs.js';
import { analyze, runCli, tempFile } from '../helpers/analyze.js';
import { lines } from '../helpers/rule-tester.js';

const MAC = {
  clientPod: '5a:e3:91:2c:40:0f',
  clientLxc: '9e:21:b4:07:3c:a1',
  serverPod: 'c6:08:5d:7e:22:91',
  serverLxc: '2e:b1:60:f4:0d:38',
  nodeA: '02:4a:7c:10:04:21',
  nodeB: '02:4a:7c:10:04:22',
};
const CLIENT = '10.42.1.15';
const SERVER = '10.42.2.40';

/** `ip addr` of one device, as iproute2 prints it. */
const device = (index: number, name: string, mac: string, address: string | null): string[] => [
  `${index}: ${name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000`,
  `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff`,
  ...(address ? [`    inet ${address} scope global ${name.split('@')[0]}`, '       valid_lft forever preferred_lft forever'] : []),
];

const CLUSTER = {
  'agent-a.log': agentLog(NODE_A, '1.15.6', NATIVE_BPF),
  'agent-b.log': agentLog(NODE_B, '1.15.6', NATIVE_BPF),
  'lists.txt': nodeList(NODE_A, NODE_B) + endpointList(NODE_A, [[612, 30211, CLIENT, 'api']]) + endpointList(NODE_B, [[1840, 45107, SERVER, 'db']]),
  'host-a.txt': lines(`root@${NODE_A.name}:~# ip addr`, ...device(2, 'eth0', MAC.nodeA, `${NODE_A.ip}/24`), ...device(14, 'lxc5e1c07a9b2f3@if13', MAC.clientLxc, null)),
  'host-b.txt': lines(`root@${NODE_B.name}:~# ip addr`, ...device(2, 'ens5', MAC.nodeB, `${NODE_B.ip}/24`), ...device(31, 'lxcb7d2e90f14aa@if30', MAC.serverLxc, null)),
  'pods.txt': lines(
    '$ kubectl get pods -o wide',
    'NAME              READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES',
    `api-7d9c4-x2b8q   1/1     Running   0          3d    ${CLIENT}   ${NODE_A.name}   <none>           <none>`,
    `db-0              1/1     Running   0          3d    ${SERVER}   ${NODE_B.name}   <none>           <none>`,
    '$ kubectl exec api-7d9c4-x2b8q -- ip addr',
    ...device(13, 'eth0@if14', MAC.clientPod, `${CLIENT}/32`),
    '$ kubectl exec db-0 -- ip addr',
    ...device(30, 'eth0@if31', MAC.serverPod, `${SERVER}/32`),
  ),
  // Which lxc serves which pod: the traces of delivery name it.
  'monitor.txt': lines(
    `$ kubectl -n kube-system exec ${NODE_B.agent} -- cilium-dbg monitor`,
    `-> endpoint 1840 flow 0x0 , identity 30211->45107 state new ifindex lxcb7d2e90f14aa orig-ip ${CLIENT}: ${CLIENT}:40120 -> ${SERVER}:5432 tcp SYN`,
    `$ kubectl -n kube-system exec ${NODE_A.agent} -- cilium-dbg monitor`,
    `-> endpoint 612 flow 0x0 , identity 45107->30211 state reply ifindex lxc5e1c07a9b2f3 orig-ip ${SERVER}: ${SERVER}:5432 -> ${CLIENT}:40120 tcp SYN, ACK`,
  ),
};

/** The SYN as the client pod sent it and as the server pod received it, captured with `-e`. */
function captures(serverSourceMac: string): Record<string, string> {
  return {
    'client-eth0.txt': lines(
      '$ kubectl exec api-7d9c4-x2b8q -- tcpdump -nn -e -v -i eth0',
      `10:02:11.400120 ${MAC.clientPod} > ${MAC.clientLxc}, ethertype IPv4 (0x0800), length 74: (tos 0x0, ttl 64, id 3101, offset 0, flags [DF], proto TCP (6), length 60)`,
      `    ${CLIENT}.40120 > ${SERVER}.5432: Flags [S], cksum 0x1d2e (incorrect -> 0x7b1c), seq 90113, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0`,
    ),
    'server-eth0.txt': lines(
      '$ kubectl exec db-0 -- tcpdump -nn -e -v -i eth0',
      `10:02:11.400530 ${serverSourceMac} > ${MAC.serverPod}, ethertype IPv4 (0x0800), length 74: (tos 0x0, ttl 62, id 3101, offset 0, flags [DF], proto TCP (6), length 60)`,
      `    ${CLIENT}.40120 > ${SERVER}.5432: Flags [S], cksum 0x7b1c (correct), seq 90113, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0`,
    ),
  };
}

function files(extra: Record<string, string>): string[] {
  return Object.entries({ ...CLUSTER, ...extra }).map(([name, text]) => tempFile(name, text));
}

function synFlow(report: JsonReport): JsonReport['flows'][number] {
  const flow = report.flows.find((f) => f.tuple.src === CLIENT && f.tuple.dst === SERVER);
  expect(flow).toBeDefined();
  return flow!;
}

describe('MACs of a pod → pod flow across nodes (native routing, BPF host routing)', () => {
  it('predicts the Ethernet header where the datapath writes it, and matches what the captures printed', async () => {
    const report = await analyze(files(captures(MAC.serverLxc)));
    const flow = synFlow(report);
    expect(flow.class).toBe('F3');
    const at = (side: string, device: string, direction: string) =>
      flow.expected.find((e) => e.leg === 'request' && e.side === side && e.kind === 'capture' && e.device === device && e.direction === direction)!;
    // The pod sends to its gateway: the lxc's MAC (ARP responder).
    expect(at('client', 'pod-eth0', 'tx')).toMatchObject({ srcMac: MAC.clientPod, dstMac: MAC.clientLxc });
    // FIB redirect: from the node's device to a next hop the inputs do not name.
    expect(at('client', 'native', 'tx')).toMatchObject({ srcMac: MAC.nodeA, dstMac: null });
    // Received by the other node's device (here ens5, the one holding its address).
    expect(at('server', 'native', 'rx')).toMatchObject({ srcMac: null, dstMac: MAC.nodeB });
    // Local delivery: from the destination's lxc to the destination pod.
    expect(at('server', 'pod-eth0', 'rx')).toMatchObject({ srcMac: MAC.serverLxc, dstMac: MAC.serverPod });

    const observed = flow.observed.filter((o) => o.tool === 'tcpdump');
    expect(observed.map((o) => [o.srcMac, o.dstMac])).toEqual([
      [MAC.clientPod, MAC.clientLxc],
      [MAC.serverLxc, MAC.serverPod],
    ]);
    for (const o of observed) {
      const e = flow.expected[o.expected!]!;
      expect([e.srcMac, e.dstMac]).toEqual([o.srcMac, o.dstMac]);
    }
    expect(flow.divergences).toEqual([]);
  });

  it('knows no MAC the inputs do not name: without the host dumps every hop says null', async () => {
    const { 'host-a.txt': _a, 'host-b.txt': _b, 'pods.txt': _p, ...rest } = CLUSTER;
    const report = await analyze(Object.entries({ ...rest, ...captures(MAC.serverLxc) }).map(([name, text]) => tempFile(name, text)));
    const flow = synFlow(report);
    expect(flow.expected.every((e) => e.srcMac === null && e.dstMac === null)).toBe(true);
    expect(flow.observed.filter((o) => o.tool === 'tcpdump').every((o) => o.srcMac !== null)).toBe(true);
  });

  it('shows a MAC other than the predicted one beside the hop in replay, and reports no finding for it', async () => {
    const stranger = '66:77:88:99:aa:bb';
    const inputs = files(captures(stranger));
    const report = await analyze(inputs);
    const flow = synFlow(report);
    expect(flow.divergences).toEqual([]);
    expect(report.findings.filter((f) => f.flow?.id === flow.id)).toEqual([]);
    const replay = await runCli(['replay', '--flow', String(flow.id), '--no-color', ...inputs]);
    const row = replay.stdout.split('\n').find((l) => l.includes(stranger))!;
    expect(row).toContain(`pod-eth0 rx ttl 62 ${MAC.serverLxc} > ${MAC.serverPod}`);
    expect(row).toContain(`${stranger} > ${MAC.serverPod} (source MAC not as predicted)`);
    expect(replay.stdout).not.toContain('destination MAC not as predicted');
    expect(replay.stdout).toContain(`pod-eth0 tx ttl 64 ${MAC.clientPod} > ${MAC.clientLxc}`);
  });
});

describe('MACs of a pod → pod flow across nodes in a VXLAN tunnel', () => {
  it('keeps the inner header as the pod sent it inside the tunnel; local delivery rewrites it on the other node', async () => {
    const tunnel = { 'agent-a.log': agentLog(NODE_A, '1.15.6', TUNNEL_VXLAN), 'agent-b.log': agentLog(NODE_B, '1.15.6', TUNNEL_VXLAN) };
    const report = await analyze(files({ ...tunnel, ...captures(MAC.serverLxc) }));
    const flow = synFlow(report);
    expect(flow.class).toBe('F2');
    const request = flow.expected.filter((e) => e.leg === 'request' && e.kind === 'capture');
    expect(request.map((e) => `${e.side} ${e.device} ${e.direction} ${e.srcMac} > ${e.dstMac}`)).toEqual([
      `client pod-eth0 tx ${MAC.clientPod} > ${MAC.clientLxc}`,
      `client lxc rx ${MAC.clientPod} > ${MAC.clientLxc}`,
      `client overlay tx ${MAC.clientPod} > ${MAC.clientLxc}`,
      `client native tx ${MAC.clientPod} > ${MAC.clientLxc}`,
      `server native rx ${MAC.clientPod} > ${MAC.clientLxc}`,
      `server overlay rx ${MAC.clientPod} > ${MAC.clientLxc}`,
      `server lxc tx ${MAC.serverLxc} > ${MAC.serverPod}`,
      `server pod-eth0 rx ${MAC.serverLxc} > ${MAC.serverPod}`,
    ]);
  });
});
