import { rule } from '../../src/rules/catalog/ct-table-full.js';
import { nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const BANNER = ['Listening for events on 8 CPUs with 64x4096 of shared memory', 'Press Ctrl-C to quit'];
const ctFull = (port: number) =>
  `xx drop (CT: Map insertion failed) flow 0x0 to endpoint 0, ifindex 2, file bpf_host.c:1570, , identity world->host: 203.0.113.50:${port} -> 192.168.4.10:30080 tcp SYN`;

/** `hubble observe` (1.16 CLI, compact) of a NodePort's SYNs from outside. */
const hubble = (verdict: string, ...ports: number[]) =>
  lines('$ hubble observe --to-port 30080', ...ports.map((p, i) => `Mar  4 14:02:1${i}.501: 198.51.100.23:${p} (world) -> 192.168.4.10:30080 (host) ${verdict}`));

ruleTester(rule, {
  valid: [
    { name: 'hubble: the same SYNs forwarded', inputs: { 'hubble.txt': hubble('to-stack FORWARDED (TCP Flags: SYN)', 51812, 51813) } },
    { name: 'hubble: dropped for another reason', inputs: { 'hubble.txt': hubble('Policy denied DROPPED (TCP Flags: SYN)', 51812) } },
    {
      name: 'traces and an allowed verdict',
      inputs: {
        'monitor.txt': lines(
          ...BANNER,
          '-> endpoint 1450 flow 0x1a2b3c4d , identity 38211->52114 state new ifindex lxc9a8b7c6d5e4f orig-ip 10.16.2.40: 10.16.2.40:51022 -> 10.16.2.77:8443 tcp SYN',
          'Policy verdict log: flow 0x1a2b3c4d local EP ID 1450, remote ID 38211, proto 6, ingress, action allow, auth: disabled, match L3-L4, 10.16.2.40:51022 -> 10.16.2.77:8443 tcp SYN',
        ),
      },
    },
    {
      name: 'drops of other reasons',
      inputs: { 'monitor.txt': lines(...BANNER, 'xx drop (CT: Unknown L4 protocol) flow 0x0 to endpoint 0, ifindex 2, file bpf_host.c:1570, , identity world->host: 203.0.113.50 -> 192.168.4.10 ipv6-icmp') },
    },
  ],
  invalid: [
    {
      name: 'hubble observe: SYNs dropped with CT: Map insertion failed',
      inputs: { 'hubble.txt': hubble('CT: Map insertion failed DROPPED (TCP Flags: SYN)', 51812, 51813, 51814, 51815) },
      findings: [{ messageId: 'full', severity: 'error', lines: ['hubble.txt:2', 'hubble.txt:3', 'hubble.txt:4'], includes: ['4 packets dropped with "CT: Map insertion failed"'] }],
    },
    {
      name: 'four insertion failures in an unattributed paste: one finding citing the first three',
      inputs: { 'monitor.txt': lines(...BANNER, ctFull(40100), ctFull(40102), ctFull(40104), ctFull(40106)) },
      findings: [
        {
          messageId: 'full',
          severity: 'error',
          lines: ['monitor.txt:3', 'monitor.txt:4', 'monitor.txt:5'],
          node: null,
          includes: ['4 packets dropped with "CT: Map insertion failed" in monitor.txt. Every new connection'],
        },
      ],
    },
    {
      name: '-vv drop headers with their dissection',
      inputs: {
        'monitor.txt': lines(
          '------------------------------------------------------------------------------',
          'CPU 02: MARK 0x0 FROM 2954 DROP: 74 bytes, reason CT: Map insertion failed, identity 31205->17602, to endpoint 2954',
          'Ethernet\t{Contents=[..14..] Payload=[..60..] SrcMAC=0a:58:0a:f4:01:0e DstMAC=0a:58:0a:f4:01:57 EthernetType=IPv4 Length=0}',
          'IPv4\t{Contents=[..20..] Payload=[..40..] Version=4 IHL=5 TOS=0 Length=60 Id=5161 Flags=DF FragOffset=0 TTL=64 Protocol=TCP Checksum=0 SrcIP=10.244.1.14 DstIP=10.244.1.87 Options=[] Padding=[]}',
          '------------------------------------------------------------------------------',
          'CPU 05: MARK 0x0 FROM 2954 DROP: 74 bytes, reason CT: Map insertion failed, identity 31205->17602, to endpoint 2954',
        ),
      },
      findings: [{ messageId: 'full', severity: 'error', lines: ['monitor.txt:2', 'monitor.txt:6'], includes: ['2 packets dropped'] }],
    },
    {
      name: 'one finding per agent of a two-pod paste, the node from the pod log',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system logs cilium-ct01a | grep nodeName',
          nodeName('lb-node-1'),
          '$ kubectl -n kube-system exec cilium-ct01a -- cilium-dbg monitor --type drop',
          ...BANNER,
          ctFull(51001),
          '$ kubectl -n kube-system exec cilium-ct02b -- cilium-dbg monitor --type drop',
          ...BANNER,
          ctFull(52001),
          ctFull(52003),
        ),
      },
      findings: [
        { messageId: 'full', severity: 'error', lines: ['paste.txt:6'], node: 'lb-node-1', includes: ['1 packet dropped with "CT: Map insertion failed" on cilium-ct01a.'] },
        { messageId: 'full', severity: 'error', lines: ['paste.txt:10', 'paste.txt:11'], node: null, includes: ['2 packets dropped', 'on cilium-ct02b.'] },
      ],
    },
  ],
});
