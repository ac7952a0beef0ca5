/**
 * F8/F9: a node (or a host-network process) talking to a pod, and the pod's reply. The host's
 * traffic enters the datapath at `cil_from_host` and is not routed inside a pod, so the pod
 * receives it with the one decrement of `cil_from_host`'s local delivery; a remote pod's request is encapsulated with the
 * remote-node identity in tunnel mode.
 */
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { agentLog, endpointList, NODE_A, NODE_B, nodeList, TUNNEL_VXLAN } from '../helpers/cluster-inputs.js';
import { analyze, tempFile } from '../helpers/analyze.js';
import { lines } from '../helpers/rule-tester.js';

const CLUSTER = {
  'agent-a.log': agentLog(NODE_A, '1.15.6', TUNNEL_VXLAN, [
    'level=info msg="Addressing information:" subsys=daemon',
    'level=info msg="  Internal-Node IPv4: 10.42.1.113" subsys=daemon',
  ]),
  'agent-b.log': agentLog(NODE_B, '1.15.6', TUNNEL_VXLAN),
  'lists.txt': nodeList(NODE_A, NODE_B)
    + endpointList(NODE_A, [[612, 30211, '10.42.1.15', 'api']])
    + endpointList(NODE_B, [[1840, 45107, '10.42.2.40', 'db']]),
};

async function replay(inputs: Record<string, string>): Promise<JsonReport> {
  return analyze(Object.entries({ ...CLUSTER, ...inputs }).map(([name, text]) => tempFile(name, text)));
}

const onlyFlow = (report: JsonReport) => {
  expect(report.flows).toHaveLength(1);
  return report.flows[0]!;
};

describe('host → pod (F8/F9)', () => {
  it('a node reaching a local pod: traced from the host, decremented once on delivery, no divergence', async () => {
    const report = await replay({
      'lxc-a.txt': lines(
        `root@${NODE_A.name}:~# tcpdump -nn -v -i lxc5e1c07a9b2f3`,
        '09:14:02.311870 IP (tos 0x0, ttl 63, id 40021, offset 0, flags [DF], proto TCP (6), length 60)',
        `    ${NODE_A.ip}.51724 > 10.42.1.15.8080: Flags [S], cksum 0x3a5c (correct), seq 2011803344, win 64240, options [mss 1460,sackOK,TS val 3100 ecr 0,nop,wscale 7], length 0`,
        '09:14:02.311902 IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 60)',
        `    10.42.1.15.8080 > ${NODE_A.ip}.51724: Flags [S.], cksum 0x91aa (correct), seq 77102913, ack 2011803345, win 65160, options [mss 1410,sackOK,TS val 9 ecr 3100,nop,wscale 7], length 0`,
      ),
    });
    const flow = onlyFlow(report);
    expect(flow.class).toBe('F8');
    expect([flow.client.kind, flow.server.kind]).toEqual(['node', 'pod']);
    const request = flow.expected.filter((e) => e.leg === 'request').map((e) => e.point);
    expect(request).toContain('from-host');
    expect(flow.divergences).toEqual([]);
    expect(report.findings.filter((f) => f.rule.startsWith('ttl-'))).toEqual([]);
  });

  it('the same packet arriving with the TTL the host sent is a missing decrement', async () => {
    const report = await replay({
      'lxc-a.txt': lines(
        `root@${NODE_A.name}:~# tcpdump -nn -v -i lxc5e1c07a9b2f3`,
        '09:14:02.311870 IP (tos 0x0, ttl 64, id 40021, offset 0, flags [DF], proto TCP (6), length 60)',
        `    ${NODE_A.ip}.51724 > 10.42.1.15.8080: Flags [S], cksum 0x3a5c (correct), seq 2011803344, win 64240, options [mss 1460,sackOK,TS val 3100 ecr 0,nop,wscale 7], length 0`,
      ),
    });
    expect(report.findings.map((f) => f.rule)).toContain('ttl-not-decremented');
  });

  it('a node reaching a remote pod in tunnel mode: encapsulated, sent as the remote-node identity', async () => {
    const report = await replay({
      'eth0-a.txt': lines(
        `root@${NODE_A.name}:~# tcpdump -nn -v -i eth0 udp port 8472`,
        `10:01:44.502113 IP (tos 0x0, ttl 64, id 18322, offset 0, flags [none], proto UDP (17), length 110)`,
        `    ${NODE_A.ip}.47211 > ${NODE_B.ip}.8472: OTV, flags [I] (0x08), overlay 0, instance 6`,
        `IP (tos 0x0, ttl 64, id 5531, offset 0, flags [DF], proto TCP (6), length 60)`,
        `    10.42.1.113.34110 > 10.42.2.40.5432: Flags [S], cksum 0x1f0e (correct), seq 600311, win 64240, options [mss 1410,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0`,
      ),
    });
    const flow = onlyFlow(report);
    expect(flow.class).toBe('F8');
    const onWire = flow.expected.find((e) => e.leg === 'request' && e.encapsulation !== null);
    expect(onWire, 'an encapsulated hop is predicted').toBeDefined();
    expect(flow.divergences).toEqual([]);
    expect(report.findings.map((f) => f.rule)).not.toContain('vni-identity-mismatch');
  });
});
