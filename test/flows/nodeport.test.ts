/**
 * F6: an external client to a NodePort. The receiving node translates at its native device; the
 * captures of that device (the request in, the forwarded copy out) and of the backend match the
 * predicted hops in SNAT and DSR mode, and tunnel mode carries the forwarded request as world.
 */
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { analyze, tempFile } from '../helpers/analyze.js';
import { agentLog, endpointList, NATIVE_BPF, NODE_A, NODE_B, nodeList, TUNNEL_VXLAN } from '../helpers/cluster-inputs.js';
import { lines } from '../helpers/rule-tester.js';

const SERVICE = lines(
  '$ kubectl -n shop get svc storefront -o yaml',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: storefront',
  '  namespace: shop',
  'spec:',
  '  type: NodePort',
  '  clusterIP: 10.96.40.12',
  '  externalTrafficPolicy: Cluster',
  '  ports:',
  '  - port: 443',
  '    protocol: TCP',
  '    targetPort: 8443',
  '    nodePort: 30443',
  '$ kubectl -n shop get endpoints storefront -o yaml',
  'apiVersion: v1',
  'kind: Endpoints',
  'metadata:',
  '  name: storefront',
  '  namespace: shop',
  'subsets:',
  '- addresses:',
  '  - ip: 10.42.2.40',
  '  ports:',
  '  - port: 8443',
  '    protocol: TCP',
);

function cluster(flags: Record<string, string>): Record<string, string> {
  return {
    'agent-a.log': agentLog(NODE_A, '1.15.6', flags, ['level=info msg="Addressing information:" subsys=daemon', 'level=info msg="  Internal-Node IPv4: 10.42.1.113" subsys=daemon']),
    'agent-b.log': agentLog(NODE_B, '1.15.6', flags),
    'lists.txt': nodeList(NODE_A, NODE_B) + endpointList(NODE_B, [[1840, 45107, '10.42.2.40', 'storefront']]),
    'svc.yaml': SERVICE,
  };
}

async function flowOf(inputs: Record<string, string>): Promise<JsonReport['flows'][number]> {
  const report = await analyze(Object.entries(inputs).map(([name, text]) => tempFile(name, text)));
  expect(report.flows).toHaveLength(1);
  return report.flows[0]!;
}

const request = (ts: string, src: string, dst: string) =>
  `${ts} IP ${src} > ${dst}: Flags [S], seq 901122, win 64240, options [mss 1460,sackOK,TS val 5 ecr 0,nop,wscale 7], length 0`;

describe('external client → NodePort (F6)', () => {
  it('SNAT mode, native routing: the request in, the SNATed copy out and the backend\'s view all match their hops', async () => {
    const flow = await flowOf({
      ...cluster(NATIVE_BPF),
      'eth0-a.txt': lines(
        `root@${NODE_A.name}:~# tcpdump -nn -i eth0 port 30443 or host 10.42.2.40`,
        request('10:00:00.000100', '198.51.100.23.40110', `${NODE_A.ip}.30443`),
        request('10:00:00.000160', `${NODE_A.ip}.40110`, '10.42.2.40.8443'),
      ),
      'pod-b.txt': lines('$ kubectl -n shop exec storefront-6f7d -- tcpdump -nn -i eth0', request('10:00:00.000390', `${NODE_A.ip}.40110`, '10.42.2.40.8443')),
    });
    expect(flow.class).toBe('F6');
    expect(flow.observed.map((o) => o.expected)).not.toContain(null);
    const out = flow.expected[flow.observed[1]!.expected!]!;
    expect(out).toMatchObject({ node: NODE_A.name, device: 'native', direction: 'tx', nat: 'snat', src: NODE_A.ip, dst: '10.42.2.40' });
    expect(flow.divergences).toEqual([]);
  });

  it('DSR mode: the forwarded request keeps the client\'s address and the reply leaves the backend\'s node', async () => {
    const flow = await flowOf({
      ...cluster({ ...NATIVE_BPF, 'bpf-lb-mode': 'dsr' }),
      'eth0-a.txt': lines(
        `root@${NODE_A.name}:~# tcpdump -nn -i eth0 port 30443 or host 10.42.2.40`,
        request('10:00:00.000100', '198.51.100.23.40110', `${NODE_A.ip}.30443`),
        request('10:00:00.000160', '198.51.100.23.40110', '10.42.2.40.8443'),
      ),
    });
    const forwarded = flow.expected[flow.observed[1]!.expected!]!;
    expect(forwarded).toMatchObject({ device: 'native', direction: 'tx', nat: 'dnat', src: '198.51.100.23' });
    const reply = flow.expected.filter((e) => e.leg === 'reply');
    expect(reply.at(-1)).toMatchObject({ node: NODE_B.name, device: 'native', direction: 'tx', src: NODE_A.ip, dst: '198.51.100.23' });
  });

  it('tunnel mode: the request to the service\'s one backend is forwarded encapsulated as world (VNI 2) from the node\'s cilium_host address', async () => {
    const flow = await flowOf({
      ...cluster(TUNNEL_VXLAN),
      'eth0-a.txt': lines(`root@${NODE_A.name}:~# tcpdump -nn -i eth0 port 30443`, request('10:00:00.000100', '198.51.100.23.40110', `${NODE_A.ip}.30443`)),
    });
    const forwarded = flow.expected.find((e) => e.leg === 'request' && e.encapsulation !== null)!;
    expect(forwarded).toMatchObject({ node: NODE_A.name, src: '10.42.1.113', dst: '10.42.2.40', encapsulation: { vni: 2 } });
  });
});
