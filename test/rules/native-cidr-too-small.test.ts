import { rule } from '../../src/rules/catalog/native-cidr-too-small.js';
import { banner, flagDump, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.14.11 agent on node `kw-a`: banner, the flags from line 2, node name. */
const agentLog = (flags: Record<string, string>) => lines(banner('1.14.11'), ...flagDump(flags), nodeName('kw-a'));

const native = (cidr: string, extra: Record<string, string> = {}) => ({
  'routing-mode': 'native',
  'enable-ipv4-masquerade': 'true',
  'enable-bpf-masquerade': 'true',
  'ipv4-native-routing-cidr': cidr,
  ...extra,
});

/** `cilium node list` of kw-a (10.60.0.0/24) and kw-b with `cidrB`; rows on lines 2 and 3. */
const nodeList = (cidrB: string, cidrC?: string) =>
  lines(
    'Name   IPv4 Address   Endpoint CIDR   IPv6 Address   Endpoint CIDR   Source',
    'kw-a   172.20.0.11    10.60.0.0/24                                   local',
    `kw-b   172.20.0.12    ${cidrB}                                   custom-resource`,
    ...(cidrC ? [`kw-c   172.20.0.13    ${cidrC}                                   custom-resource`] : []),
  );

ruleTester(rule, {
  valid: [
    { name: 'every PodCIDR inside', inputs: { 'a.log': agentLog(native('10.60.0.0/15')), 'nodes.txt': nodeList('10.61.0.0/24') } },
    { name: 'tunnel routing does not masquerade pod traffic', inputs: { 'a.log': agentLog({ ...native('10.60.0.0/16'), 'routing-mode': 'tunnel' }), 'nodes.txt': nodeList('10.61.0.0/24') } },
    {
      name: 'masquerading off',
      inputs: { 'a.log': agentLog(native('10.60.0.0/16', { 'enable-ipv4-masquerade': 'false', 'enable-ipv6-masquerade': 'false' })), 'nodes.txt': nodeList('10.61.0.0/24') },
    },
    { name: 'ip-masq-agent decides instead', inputs: { 'a.log': agentLog(native('10.60.0.0/16', { 'enable-ip-masq-agent': 'true' })), 'nodes.txt': nodeList('10.61.0.0/24') } },
    { name: 'no CIDR configured (native-cidr-missing reports it)', inputs: { 'a.log': agentLog(native('')), 'nodes.txt': nodeList('10.61.0.0/24') } },
    {
      name: 'IPv6 PodCIDRs are not IPv4 masquerading',
      inputs: {
        'a.log': agentLog(native('10.60.0.0/16')),
        'nodes.txt': lines('Name   IPv4 Address   Endpoint CIDR   IPv6 Address   Endpoint CIDR   Source', 'kw-b   172.20.0.12   10.60.4.0/24   fd00:20::12   fd00:61::/96   custom-resource'),
      },
    },
  ],
  invalid: [
    {
      name: 'one node outside',
      inputs: { 'a.log': agentLog(native('10.60.0.0/16')), 'nodes.txt': nodeList('10.61.0.0/24') },
      findings: [{ messageId: 'outside', severity: 'error', lines: ['a.log:2', 'a.log:5', 'nodes.txt:3'], node: 'kw-a', includes: ['10.61.0.0/24 of kw-b lies outside'] }],
    },
    {
      name: 'a PodCIDR wider than the native CIDR is not inside it',
      inputs: { 'a.log': agentLog(native('10.60.0.0/24')), 'nodes.txt': nodeList('10.60.0.0/23') },
      findings: [{ messageId: 'outside', severity: 'error', lines: ['a.log:2', 'a.log:5', 'nodes.txt:3'] }],
    },
    {
      name: 'two nodes outside',
      inputs: { 'a.log': agentLog(native('10.60.0.0/16')), 'nodes.txt': nodeList('10.61.0.0/24', '192.168.77.0/24') },
      findings: [{ messageId: 'outside', severity: 'error', lines: ['a.log:2', 'a.log:5', 'nodes.txt:3', 'nodes.txt:4'], includes: ['lie outside', 'those nodes'] }],
    },
    {
      name: 'from cilium status alone: routing and the masquerading exclusion CIDR',
      inputs: {
        'status.txt': lines(
          'Cilium:                  Ok   1.16.5 (v1.16.5-ad688277)',
          'Routing:                 Network: Native   Host: BPF',
          'Masquerading:            BPF   [ens5]   10.60.0.0/16 [IPv4: Enabled, IPv6: Disabled]',
        ),
        'nodes.txt': nodeList('10.61.0.0/24'),
      },
      findings: [{ messageId: 'outside', severity: 'error', lines: ['nodes.txt:3', 'status.txt:2', 'status.txt:3'] }],
    },
  ],
});
