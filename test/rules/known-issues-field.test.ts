/** The field regressions of the known-issues table (FIELD-xx): reported where their signature shows on an affected release. */
import { rule } from '../../src/rules/catalog/known-issues.js';
import { agentLog, endpointList, NODE_A, NODE_B, nodeList } from '../helpers/cluster-inputs.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** Flags that make none of the configuration-only issues apply. */
const PLAIN = { 'routing-mode': 'native', 'ipv4-native-routing-cidr': '10.42.0.0/16', 'kube-proxy-replacement': 'disabled', 'enable-bpf-masquerade': 'false' };

const cluster = (version: string, flags: Record<string, string> = PLAIN) => ({
  'agent-a.log': agentLog(NODE_A, version, flags),
  'agent-b.log': agentLog(NODE_B, version, flags),
  'lists.txt': nodeList(NODE_A, NODE_B) + endpointList(NODE_A, [[612, 30211, '10.42.1.15', 'api']]) + endpointList(NODE_B, [[1840, 45107, '10.42.2.40', 'db']]),
});
const monitorB = (...events: string[]) => ({ 'monitor-b.txt': lines(`$ kubectl -n kube-system exec ${NODE_B.agent} -- cilium monitor`, ...events) });

/** `cilium-health status` of edge-a probing edge-b's health endpoint at `ip`; edge-b's own status names its health IP. */
const staleHealth = {
  'health-a.txt': lines(
    `$ kubectl -n kube-system exec ${NODE_A.agent} -- cilium-health status`,
    'Probe time:   2022-05-11T10:02:40Z',
    'Nodes:',
    `  ${NODE_A.name} (localhost):`,
    `    Host connectivity to ${NODE_A.ip}:`,
    '      ICMP to stack:   OK, RTT=244.1µs',
    '      HTTP to agent:   OK, RTT=390.6µs',
    `  ${NODE_B.name}:`,
    `    Host connectivity to ${NODE_B.ip}:`,
    '      ICMP to stack:   OK, RTT=611.8µs',
    '      HTTP to agent:   OK, RTT=702.2µs',
    '    Endpoint connectivity to 10.42.2.201:',
    '      ICMP to stack:   Connection timed out',
    '      HTTP to agent:   Get "http://10.42.2.201:4240/hello": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
  ),
  'status-b.txt': lines(
    `$ kubectl -n kube-system exec ${NODE_B.agent} -- cilium status --all-addresses`,
    'IPAM:                   IPv4: 5/254 allocated from 10.42.2.0/24,',
    'Allocated addresses:',
    '  10.42.2.1 (router)',
    '  10.42.2.40 (default/db-0)',
    '  10.42.2.77 (health)',
  ),
};

const replyDenied = 'xx drop (Policy denied) flow 0x0 to endpoint 612, ifindex 29, file bpf_lxc.c:1953, , identity 45107->30211: 10.42.2.40:5432 -> 10.42.1.15:40412 tcp ACK';
const worldFromPodCidr = 'xx drop (Policy denied) flow 0x0 to endpoint 1840, identity world->45107: 10.42.1.99:40412 -> 10.42.2.40:5432 tcp SYN';

/** A 1.15 agent (logrus with `time=`) whose datapath set-up fails listing routing rules, as the hive and the fatal exit print it. */
const afUnsupported = (version: string, ...failure: string[]) => ({
  'agent.log': lines(
    `time="2024-05-02T11:20:14Z" level=info msg="Cilium ${version} 9b3f9a8c 2024-04-11T17:25:42-04:00 go version go1.21.9 linux/amd64" subsys=daemon`,
    ...failure,
  ),
});
const AF_ERROR = 'daemon creation failed: error while initializing daemon: failed while reinitializing datapath: listing routing rules: address family not supported by protocol';
const afHook = `time="2024-05-02T11:20:16Z" level=error msg="Start hook failed" error="${AF_ERROR}" function="cmd.newDaemonPromise.func1 (cmd/daemon_main.go:1686)" subsys=hive`;
const afFatal = `time="2024-05-02T11:20:16Z" level=fatal msg="failed to start: ${AF_ERROR}" subsys=daemon`;

/** A 1.10 agent in the given IPAM mode whose router IP allocation fails with the CRD allocator's ENI error. */
const eniError = (version: string, ipam: string) => ({
  'agent.log': lines(
    `level=info msg="  --ipam='${ipam}'" subsys=daemon`,
    `level=info msg="Cilium ${version} 0d7f7e3 2021-05-24T12:37:52-07:00 go version go1.16.4 linux/amd64" subsys=daemon`,
    'level=fatal msg="Error while creating daemon" error="Unable to allocate router IP for family ipv4: unable to find ENI " subsys=daemon',
  ),
});

ruleTester(rule, {
  valid: [
    { name: 'FIELD-05 is fixed in 1.10.1', inputs: eniError('1.10.1', 'crd') },
    { name: 'FIELD-05: in ENI mode the error is about a real ENI', inputs: eniError('1.10.0', 'eni') },
    { name: 'FIELD-04 is fixed in 1.15.5', inputs: afUnsupported('1.15.5', afHook, afFatal) },
    { name: 'FIELD-04 needs its observation', inputs: afUnsupported('1.15.4') },
    {
      name: 'FIELD-04 is not another address-family failure (ip6tables)',
      inputs: afUnsupported('1.15.4', 'time="2024-05-02T11:20:16Z" level=fatal msg="failed to start: failed to install iptables rules: can\'t initialize ip6tables table `nat\': Address family not supported by protocol" subsys=daemon'),
    },
    { name: 'FIELD-01 is fixed in 1.11.7', inputs: { ...cluster('1.11.7'), ...staleHealth } },
    { name: 'FIELD-01 needs its observation', inputs: cluster('1.11.4') },
    { name: 'FIELD-02 needs the host firewall', inputs: { ...cluster('1.11.4'), ...monitorB(replyDenied) } },
    { name: 'FIELD-03 is fixed in 1.11.3', inputs: { ...cluster('1.11.3'), ...monitorB(worldFromPodCidr) } },
  ],
  invalid: [
    {
      name: 'FIELD-05 on 1.10.0 in crd mode',
      inputs: eniError('1.10.0', 'crd'),
      findings: [{ messageId: 'observed', severity: 'warning', lines: ['agent.log:1', 'agent.log:2', 'agent.log:3'], includes: ['FIELD-05 observed on this agent (1.10.0)', 'Fixed in: 1.10.1'] }],
    },
    {
      name: 'FIELD-04 on 1.15.4: the start hook and the fatal exit',
      inputs: afUnsupported('1.15.4', afHook, afFatal),
      findings: [{ messageId: 'observed', severity: 'warning', lines: ['agent.log:1', 'agent.log:2', 'agent.log:3'], includes: ['FIELD-04 observed on this agent (1.15.4): start-up failed', 'Fixed in: 1.15.5'] }],
    },
    {
      name: 'FIELD-04 on 1.15.4: the fatal line alone',
      inputs: afUnsupported('1.15.4', afFatal),
      findings: [{ messageId: 'observed', severity: 'warning', lines: ['agent.log:1', 'agent.log:2'] }],
    },
    {
      name: 'FIELD-01 on 1.11.4: edge-a probes edge-b\'s old health IP',
      inputs: { ...cluster('1.11.4'), ...staleHealth },
      findings: [{ messageId: 'observed', severity: 'warning', lines: ['agent-a.log:6', 'health-a.txt:13'], node: 'edge-a', includes: ['FIELD-01 observed on edge-a (1.11.4', 'Fixed in: 1.11.7'] }],
    },
    {
      name: 'FIELD-02 on 1.11.4 with the host firewall: a reply dropped for lack of its conntrack entry',
      inputs: { ...cluster('1.11.4', { ...PLAIN, 'enable-host-firewall': 'true' }), ...monitorB(replyDenied) },
      findings: [{ messageId: 'observed', severity: 'warning', lines: ['agent-b.log:6', 'agent-b.log:7', 'monitor-b.txt:2'], node: 'edge-b', includes: ['FIELD-02', 'the host firewall', 'Fixed in: 1.11.6'] }],
    },
    {
      name: 'FIELD-03 on 1.11.2: a pod address resolved to world',
      inputs: { ...cluster('1.11.2'), ...monitorB(worldFromPodCidr) },
      findings: [{ messageId: 'observed', severity: 'warning', lines: ['agent-b.log:6', 'monitor-b.txt:2'], node: 'edge-b', includes: ['FIELD-03', 'Fixed in: 1.11.3'] }],
    },
  ],
});
