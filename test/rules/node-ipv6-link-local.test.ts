import { rule } from '../../src/rules/catalog/node-ipv6-link-local.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const healthBind = (address: string, error = 'bind: invalid argument') =>
  `level=error msg="Failed to serve cilium-health API" error="listen tcp ${address}:4240: ${error}" subsys=health-server`;

/** A 1.8 agent exiting on the NodePort device's IPv6, and the node's `ip -6 addr` of that device. */
const nodePort = (...addresses: string[]) => ({
  'agent.log': lines(
    '$ kubectl -n kube-system logs cilium-m2x8q',
    'level=info msg="Cilium 1.8.2 a9d1f5e 2020-07-23T14:11:17+02:00 go version go1.14.6 linux/amd64" subsys=daemon',
    'level=fatal msg="Failed to initialize NodePort addrs" error="Failed to determine IPv6 of enp2s0 for NodePort" subsys=daemon',
  ),
  'addr.txt': lines(
    '$ ip -6 addr show dev enp2s0',
    '2: enp2s0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP qlen 1000',
    ...addresses.flatMap((a) => [`    inet6 ${a}/64 scope ${a.startsWith('fe80') ? 'link' : 'global'}`, '       valid_lft forever preferred_lft forever']),
  ),
});

ruleTester(rule, {
  valid: [
    { name: 'a bind refused on a global address is not link-local', inputs: { 'agent.log': lines(healthBind('[2001:db8:4::12]', 'bind: cannot assign requested address')) } },
    { name: 'a link-local bind logged at info is no failure', inputs: { 'agent.log': lines(healthBind('[fe80::1c2:3ff:fe44:5566]').replace('level=error', 'level=info')) } },
    { name: 'the device also has a global address', inputs: nodePort('fe80::5054:ff:fe12:3456', '2001:db8:8::21') },
    { name: 'without the device\'s addresses the cause stays open', inputs: { 'agent.log': nodePort()['agent.log'] } },
  ],
  invalid: [
    {
      name: 'the health API on the node\'s fe80:: address',
      inputs: { 'agent.log': lines('level=info msg="Starting health endpoint" subsys=daemon', healthBind('[fe80::4c1a:2bff:fe3d:7e61]')) },
      findings: [
        {
          messageId: 'bind',
          severity: 'error',
          lines: ['agent.log:2'],
          includes: ['could not listen on the link-local address fe80::4c1a:2bff:fe3d:7e61 (port 4240)', '`--node-ip`'],
        },
      ],
    },
    {
      name: 'NodePort finds only link-local IPv6 on its device',
      inputs: nodePort('fe80::5054:ff:fe12:3456'),
      findings: [
        {
          messageId: 'device',
          severity: 'error',
          lines: ['addr.txt:2', 'agent.log:3'],
          includes: ['only link-local IPv6 on enp2s0 (fe80::5054:ff:fe12:3456/64)'],
        },
      ],
    },
  ],
});
