import { rule } from '../../src/rules/catalog/nat-table-full.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const natDrop = (summary: string) =>
  `xx drop (No mapping for NAT masquerade) flow 0x0 to endpoint 0, ifindex 2, file bpf_host.c:1301, , identity world->host: ${summary}`;

ruleTester(rule, {
  valid: [
    {
      name: 'replies that found their NAT entry',
      inputs: { 'monitor.txt': lines('-> stack flow 0x2b3c4d5e , identity world->host state reply ifindex 0 orig-ip 0.0.0.0: 198.51.100.7:443 -> 192.168.4.10:61022 tcp SYN, ACK') },
    },
  ],
  invalid: [
    {
      name: 'two reply ports of one peer are two destinations',
      inputs: { 'monitor.txt': lines(natDrop('198.51.100.7:443 -> 192.168.4.10:61022 tcp SYN, ACK'), natDrop('198.51.100.7:443 -> 192.168.4.10:61040 tcp SYN, ACK'), natDrop('198.51.100.7:443 -> 192.168.4.10:61040 tcp ACK')) },
      findings: [
        { messageId: 'exhausted', severity: 'error', lines: ['monitor.txt:1'], includes: ['1 packet dropped', 'towards 192.168.4.10 tcp/61022.'] },
        { messageId: 'exhausted', severity: 'error', lines: ['monitor.txt:2', 'monitor.txt:3'], includes: ['2 packets dropped with "No mapping for NAT masquerade" in monitor.txt towards 192.168.4.10 tcp/61040. Masqueraded'] },
      ],
    },
    {
      name: 'an ICMP reply has no port',
      inputs: { 'monitor.txt': lines(natDrop('198.51.100.7 -> 192.168.4.10 EchoReply')) },
      findings: [{ messageId: 'exhausted', severity: 'error', lines: ['monitor.txt:1'], includes: ['towards 192.168.4.10 icmp. Masqueraded'] }],
    },
    {
      name: 'a packet of a protocol the summary does not name (ESP): the destination address alone',
      inputs: { 'monitor.txt': lines(natDrop('198.51.100.7 -> 192.168.4.10')) },
      findings: [{ messageId: 'exhausted', severity: 'error', lines: ['monitor.txt:1'], includes: ['towards 192.168.4.10. Masqueraded'] }],
    },
    {
      name: 'a JSON drop without packet summary names no destination',
      inputs: {
        'monitor.json': lines('{"cpu":"CPU 03:","type":"drop","mark":"0x9d40e27b","reason":"No mapping for NAT masquerade","source":171,"bytes":74,"srcLabel":2,"dstLabel":1,"dstID":0,"Line":1301,"File":3,"ExtError":0,"Ifindex":2}'),
      },
      findings: [{ messageId: 'exhausted', severity: 'error', lines: ['monitor.json:1'], includes: ['1 packet dropped with "No mapping for NAT masquerade" in monitor.json. Masqueraded'] }],
    },
  ],
});
