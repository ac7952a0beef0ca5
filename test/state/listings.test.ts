/** Endpoints, services, identities and nodes in the cluster state, from the agents' CLI listings and status. */
import { describe, expect, it } from 'vitest';
import { cite, stateOn } from '../helpers/case.js';
import { ciliumHealthStatus, ok } from '../helpers/health-status.js';
import { lines } from '../helpers/rule-tester.js';

const exec = (what: string) => `$ kubectl -n kube-system exec cilium-b7k2x -c cilium-agent -- cilium-dbg ${what}`;

/** One 1.15 agent on node pool-b-2: status, node, endpoint, service and identity lists. */
const AGENT = lines(
  exec('status --verbose'),
  'KVStore:                 Ok   Disabled',
  'Cilium:                  Ok   1.15.11 (v1.15.11-7e3bd4a2)',
  'IPAM:                    IPv4: 5/254 allocated from 10.44.2.0/24, IPv6: 5/254 allocated from fd00:44:2::/120',
  'Allocated addresses:',
  '  10.44.2.10 (router)',
  '  10.44.2.141 (health)',
  '  10.44.2.77 (default/web-7d9f8-x2kq4)',
  'Cluster health:          2/3 reachable   (2025-01-20T10:00:00Z)',
  '  Name                   IP            Node          Endpoints',
  '  pool-b-2 (localhost)   10.40.0.12    reachable     reachable',
  '  pool-b-1               10.40.0.11    reachable     reachable',
  '  pool-b-3               Unavailable   unreachable   unknown',
  exec('node list'),
  'Name       IPv4 Address   Endpoint CIDR   IPv6 Address   Endpoint CIDR     Source',
  'pool-b-1   10.40.0.11     10.44.1.0/24    fd00:40::11    fd00:44:1::/120   custom-resource',
  'pool-b-2   10.40.0.12     10.44.2.0/24    fd00:40::12    fd00:44:2::/120   local',
  exec('endpoint list'),
  'ENDPOINT   POLICY (ingress)   POLICY (egress)   IDENTITY   LABELS (source:key[=value])               IPv6            IPv4          STATUS   ',
  '           ENFORCEMENT        ENFORCEMENT                                                                                      ',
  '288        Disabled           Disabled          4          reserved:health                           fd00:44:2::8f   10.44.2.141   ready   ',
  '1623       Enabled            Disabled          40211      k8s:app=web                               fd00:44:2::4d   10.44.2.77    ready   ',
  '                                                           k8s:io.kubernetes.pod.namespace=default                                         ',
  exec('service list'),
  'ID   Frontend        Service Type   Backend                           ',
  '1    10.96.0.1:443   ClusterIP      1 => 10.40.0.5:6443 (active)      ',
  '7    10.96.0.10:53   ClusterIP      1 => 10.44.1.31:53 (active)       ',
  '                                    2 => 10.44.2.52:53 (terminating)   ',
  '9    10.96.44.8:80   ClusterIP                                        ',
  exec('identity list'),
  'ID      LABELS',
  '1       reserved:host',
  '        reserved:kube-apiserver',
  '4       reserved:health',
  '40211   k8s:app=web',
  '        k8s:io.kubernetes.pod.namespace=default',
);

const cited = <T extends { evidence: { source: string; line: number }[] }>(x: T) => ({ ...x, evidence: x.evidence.map(cite) });
/** The same with the lines in file and line order (the order sources are combined in is no contract). */
const citedSorted = <T extends { evidence: { source: string; line: number }[] }>(x: T) => ({
  ...x,
  evidence: [...x.evidence].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line)).map(cite),
});

describe('nodes from node list, cluster health and the agent status', () => {
  it('combines addresses, pod CIDRs and the own node’s router and health addresses, each with its lines', async () => {
    const { nodes } = await stateOn({ 'agent.txt': AGENT });
    expect(nodes.map(citedSorted)).toEqual([
      {
        name: 'pool-b-1', internalIPs: ['10.40.0.11', 'fd00:40::11'], ciliumInternalIP: null, healthIP: null,
        podCIDRs: ['10.44.1.0/24', 'fd00:44:1::/120'], evidence: ['agent.txt:12', 'agent.txt:16'],
      },
      {
        name: 'pool-b-2', internalIPs: ['10.40.0.12', 'fd00:40::12'], ciliumInternalIP: '10.44.2.10', healthIP: '10.44.2.141',
        // The node printed its own health address (its status), so no peer's probe can stand for it.
        healthIPBy: 'node', podCIDRs: ['10.44.2.0/24', 'fd00:44:2::/120'], kernelVersion: null, evidence: ['agent.txt:4', 'agent.txt:6', 'agent.txt:7', 'agent.txt:11', 'agent.txt:17'],
      },
      // `Unavailable` is printed in the IP column when the node has no address.
      { name: 'pool-b-3', internalIPs: [], ciliumInternalIP: null, healthIP: null, podCIDRs: [], evidence: ['agent.txt:13'] },
    ]);
  });

  it('health endpoint addresses from cilium-health probes; a pool of several pod CIDRs is no CIDR', async () => {
    const { nodes } = await stateOn({
      'health.txt': lines(
        ...ciliumHealthStatus(
          '2024-09-14T21:03:44Z',
          { name: 'ml-gpu-1', localhost: true, host: { ip: '10.30.8.11', icmp: ok('180.2µs'), http: ok('291.1µs') }, endpoint: { ip: '10.244.1.17', icmp: ok('201.5µs'), http: ok('388.9µs') } },
          { name: 'ml-gpu-2', host: { ip: '10.30.8.12', icmp: ok('512.0µs'), http: ok('870.1µs') } },
        ),
      ),
      'status.txt': lines(
        'root@ml-gpu-2:/home/cilium# cilium status',
        'Cilium:                 Ok   1.13.12 (v1.13.12-4e1b7a3c)',
        'IPAM:                   IPv4: 14/254 allocated from 3 pod CIDRs',
      ),
    });
    expect(nodes.map(citedSorted)).toEqual([
      {
        // ml-gpu-1 reports its own endpoint (localhost): the address is the node's word.
        name: 'ml-gpu-1', internalIPs: ['10.30.8.11'], ciliumInternalIP: null, healthIP: '10.244.1.17', healthIPBy: 'node', podCIDRs: [],
        kernelVersion: null, evidence: ['health.txt:3', 'health.txt:8', 'health.txt:9'],
      },
      // The prompt names the node the status ran on.
      {
        name: 'ml-gpu-2', internalIPs: ['10.30.8.12'], ciliumInternalIP: null, healthIP: null, healthIPBy: null, podCIDRs: [], kernelVersion: null,
        evidence: ['health.txt:10', 'status.txt:1'],
      },
    ]);
  });

  it('a health address only a peer probed is the peer’s word until the node prints its own', async () => {
    const health = lines(
      'root@db-a:/home/cilium# cilium-health status',
      ...ciliumHealthStatus(
        '2025-03-02T07:41:19Z',
        { name: 'db-a', localhost: true, host: { ip: '172.20.4.21', icmp: ok('95.4µs'), http: ok('240.7µs') } },
        { name: 'db-b', host: { ip: '172.20.4.22', icmp: ok('402.3µs'), http: ok('611.0µs') }, endpoint: { ip: '10.88.3.14', icmp: ok('455.9µs'), http: ok('702.2µs') } },
      ),
    );
    const probed = (await stateOn({ 'health.txt': health })).nodes.find((n) => n.name === 'db-b');
    expect(probed).toMatchObject({ healthIP: '10.88.3.14', healthIPBy: 'peer' });

    const own = lines(
      'root@db-b:/home/cilium# cilium status --verbose',
      'Cilium:                 Ok   1.14.12 (v1.14.12-9c1d7e30)',
      'Allocated addresses:',
      '  10.88.3.1 (router)',
      '  10.88.3.207 (health)',
    );
    const node = (await stateOn({ 'health.txt': health, 'status.txt': own })).nodes.find((n) => n.name === 'db-b')!;
    expect(citedSorted(node)).toMatchObject({
      healthIP: '10.88.3.207',
      healthIPBy: 'node',
      ciliumInternalIP: '10.88.3.1',
      // The peer's probe stays cited: the address it probed is what a stale health IP shows.
      evidence: ['health.txt:8', 'health.txt:13', 'health.txt:14', 'status.txt:1', 'status.txt:4', 'status.txt:5'],
    });
  });
});

describe('listings', () => {
  it('endpoints with their labels, on the agent’s node', async () => {
    const { endpoints } = await stateOn({ 'agent.txt': AGENT });
    expect(endpoints.map(cited)).toEqual([
      {
        id: 288, identity: 4, ipv4: '10.44.2.141', ipv6: 'fd00:44:2::8f', labels: ['reserved:health'], policyIngress: 'Disabled',
        policyEgress: 'Disabled', status: 'ready', agent: 'cilium-b7k2x', node: 'pool-b-2', evidence: ['agent.txt:21'],
      },
      {
        id: 1623, identity: 40211, ipv4: '10.44.2.77', ipv6: 'fd00:44:2::4d', labels: ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=default'],
        policyIngress: 'Enabled', policyEgress: 'Disabled', status: 'ready', agent: 'cilium-b7k2x', node: 'pool-b-2',
        evidence: ['agent.txt:22', 'agent.txt:23'],
      },
    ]);
  });

  it('services with their backends; a service without backends', async () => {
    const { services } = await stateOn({ 'agent.txt': AGENT });
    expect(services.map(cited)).toEqual([
      { id: 1, frontend: '10.96.0.1:443', type: 'ClusterIP', backends: [{ address: '10.40.0.5:6443', state: 'active' }], agent: 'cilium-b7k2x', node: 'pool-b-2', evidence: ['agent.txt:26'] },
      {
        id: 7, frontend: '10.96.0.10:53', type: 'ClusterIP', agent: 'cilium-b7k2x', node: 'pool-b-2',
        backends: [{ address: '10.44.1.31:53', state: 'active' }, { address: '10.44.2.52:53', state: 'terminating' }],
        evidence: ['agent.txt:27', 'agent.txt:28'],
      },
      { id: 9, frontend: '10.96.44.8:80', type: 'ClusterIP', backends: [], agent: 'cilium-b7k2x', node: 'pool-b-2', evidence: ['agent.txt:29'] },
    ]);
  });

  it('identities with every label; one printed by two agents keeps each label once and both lines', async () => {
    const other = lines(
      '$ kubectl -n kube-system exec cilium-q4m8n -- cilium identity list',
      'ID      LABELS',
      '40211   k8s:app=web',
      '        k8s:io.kubernetes.pod.namespace=default',
    );
    const { identities } = await stateOn({ 'agent.txt': AGENT, 'other.txt': other });
    expect(identities.map(cited)).toEqual([
      { id: 1, labels: ['reserved:host', 'reserved:kube-apiserver'], evidence: ['agent.txt:32', 'agent.txt:33'] },
      { id: 4, labels: ['reserved:health'], evidence: ['agent.txt:34'] },
      {
        id: 40211, labels: ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=default'],
        evidence: ['agent.txt:35', 'agent.txt:36', 'other.txt:3', 'other.txt:4'],
      },
    ]);
  });
});
