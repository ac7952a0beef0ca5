/** MTU-01, MTU-03, MTU-04: MSS against the sender's route MTU, and path-MTU errors. */
import { rule as exceeds } from '../../src/rules/catalog/mss-exceeds-route-mtu.js';
import { rule as smaller } from '../../src/rules/catalog/mss-smaller-than-expected.js';
import { rule as fragNeeded } from '../../src/rules/catalog/frag-needed-seen.js';
import { agentLog, endpointList, NATIVE_BPF, NODE_A, NODE_B, nodeList, TUNNEL_VXLAN } from '../helpers/cluster-inputs.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const MTU_1500 = 'level=info msg="Inheriting MTU from external network interface" device=ens5 ipAddr=172.30.4.21 mtu=1500 subsys=mtu';

const cluster = (flags: Record<string, string>, mtuLine = true) => ({
  'agent-a.log': agentLog(NODE_A, '1.14.9', flags, mtuLine ? [MTU_1500] : []),
  'lists.txt': nodeList(NODE_A, NODE_B) + endpointList(NODE_A, [[612, 30211, '10.42.1.15', 'api']]),
});

/** The client's SYN on edge-a's lxc of the client. */
const syn = (mss: number) =>
  lines(
    `root@${NODE_A.name}:~# tcpdump -nn -i lxc2e8d41f0a7c9`,
    `11:40:12.017733 IP 10.42.1.15.46310 > 10.42.2.40.8443: Flags [S], seq 90210033, win 64240, options [mss ${mss},sackOK,TS val 7 ecr 0,nop,wscale 7], length 0`,
  );

ruleTester(exceeds, {
  valid: [
    { name: 'VXLAN over 1500: mss 1410 fits the route MTU 1450', inputs: { ...cluster(TUNNEL_VXLAN), 'lxc.txt': syn(1410) } },
    { name: 'native routing over 1500: mss 1460 fits exactly', inputs: { ...cluster(NATIVE_BPF), 'lxc.txt': syn(1460) } },
  ],
  invalid: [
    {
      name: 'VXLAN over 1500: mss 1460 needs 1500 bytes, the route MTU is 1450',
      inputs: { ...cluster(TUNNEL_VXLAN), 'lxc.txt': syn(1460) },
      findings: [{ messageId: 'exceeds', severity: 'error', lines: ['agent-a.log:2', 'agent-a.log:12', 'lxc.txt:2'], includes: ['at most 1410', 'route MTU is 1450', 'mss 1460'] }],
    },
    {
      name: 'the same without a stated device MTU (1500 assumed): a warning',
      inputs: { ...cluster(TUNNEL_VXLAN, false), 'lxc.txt': syn(1460) },
      findings: [{ messageId: 'exceeds', severity: 'warning', lines: ['agent-a.log:2', 'lxc.txt:2'] }],
    },
  ],
});

ruleTester(smaller, {
  valid: [{ name: 'mss as the route MTU gives', inputs: { ...cluster(TUNNEL_VXLAN), 'lxc.txt': syn(1410) } }],
  invalid: [
    {
      name: 'mss 1200 on a 1450 route: clamped somewhere',
      inputs: { ...cluster(TUNNEL_VXLAN), 'lxc.txt': syn(1200) },
      findings: [{ messageId: 'small', severity: 'info', lines: ['lxc.txt:2'], includes: ['about mss 1410', 'mss 1200'] }],
    },
  ],
});

ruleTester(fragNeeded, {
  valid: [{ name: 'no ICMP error', inputs: { ...cluster(NATIVE_BPF), 'lxc.txt': syn(1460) } }],
  invalid: [
    {
      name: 'a router reports need-to-frag for a datagram of the flow',
      inputs: {
        ...cluster(NATIVE_BPF),
        'eth0.txt': lines(
          `root@${NODE_A.name}:~# tcpdump -nn -v -i ens5 icmp`,
          '11:40:13.101744 IP (tos 0xc0, ttl 63, id 9311, offset 0, flags [none], proto ICMP (1), length 576)',
          '    172.30.4.1 > 10.42.1.15: ICMP 10.42.2.40 unreachable - need to frag (mtu 1400), length 556',
          '	IP (tos 0x0, ttl 63, id 22018, offset 0, flags [DF], proto TCP (6), length 1500)',
          '    10.42.1.15.46310 > 10.42.2.40.8443: Flags [.], seq 1:1449, ack 1, win 502, length 1448',
        ),
      },
      findings: [{ messageId: 'needFrag', severity: 'warning', lines: ['eth0.txt:2'], includes: ['mtu 1400'] }],
    },
    {
      name: 'the same router answering each retransmission (tcpdump without -v): one finding',
      inputs: {
        ...cluster(NATIVE_BPF),
        'eth0.txt': lines(
          `root@${NODE_A.name}:~# tcpdump -ni ens5 'icmp or tcp port 443'`,
          '11:40:13.101201 IP 10.42.1.15.51514 > 203.0.113.80.443: Flags [.], seq 1:1449, ack 1, win 502, length 1448',
          '11:40:13.101640 IP 172.30.4.1 > 10.42.1.15: ICMP 203.0.113.80 unreachable - need to frag (mtu 1400), length 556',
          '11:40:13.302020 IP 10.42.1.15.51514 > 203.0.113.80.443: Flags [.], seq 1:1449, ack 1, win 502, length 1448',
          '11:40:13.302377 IP 172.30.4.1 > 10.42.1.15: ICMP 203.0.113.80 unreachable - need to frag (mtu 1400), length 556',
          '11:40:13.703140 IP 172.30.4.1 > 10.42.1.15: ICMP 203.0.113.80 unreachable - need to frag (mtu 1380), length 556',
        ),
      },
      findings: [
        { messageId: 'needFrag', severity: 'warning', lines: ['eth0.txt:3', 'eth0.txt:5'], includes: ['(mtu 1400) 2 times'] },
        { messageId: 'needFrag', severity: 'warning', lines: ['eth0.txt:6'], includes: ['(mtu 1380) in'] },
      ],
    },
  ],
});
