import { rule } from '../../src/rules/catalog/map-pressure-dynamic-sizing.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.14 `cilium status --verbose` BPF map table with the CT/NAT sizes given. */
const status = (sizing: string, nonTcp: number, tcp: number, nat: number) =>
  lines(
    'KVStore:                Ok   Disabled',
    'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)',
    `BPF Maps:   dynamic sizing: ${sizing}`,
    '  Name                          Size',
    '  Auth                          524288',
    `  Non-TCP connection tracking   ${nonTcp}`,
    `  TCP connection tracking       ${tcp}`,
    '  Endpoint policy               65535',
    '  IPv4 fragmentation            8192',
    `  NAT                           ${nat}`,
    '  Tunnel                        65536',
    'Encryption:             Disabled   ',
  );

ruleTester(rule, {
  valid: [
    { name: 'large CT and NAT maps', inputs: { 'status.txt': status('on (ratio: 0.002500)', 262144, 524288, 524288) } },
    { name: 'exactly 131072 entries is enough', inputs: { 'status.txt': status('on (ratio: 0.002500)', 131072, 262144, 262144) } },
    { name: 'small maps sized explicitly (dynamic sizing off)', inputs: { 'status.txt': status('off', 65536, 65536, 65536) } },
    {
      name: 'a small map that is neither CT nor NAT',
      inputs: { 'status.txt': lines('BPF Maps:   dynamic sizing: on (ratio: 0.002500)', '  Name                          Size', '  IPv4 fragmentation            8192', '  Neighbor table                65536') },
    },
    { name: 'no BPF map table (status without --verbose)', inputs: { 'status.txt': lines('Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)', 'Encryption:             Disabled   ') } },
  ],
  invalid: [
    {
      name: 'a small-memory node: the non-TCP CT map is below the threshold',
      inputs: { 'status.txt': 'root@edge-vm-3:/home/cilium# cilium status --verbose\n' + status('on (ratio: 0.002500)', 73507, 147014, 147014) },
      findings: [
        {
          messageId: 'small',
          severity: 'warning',
          lines: ['status.txt:4', 'status.txt:7'],
          node: 'edge-vm-3',
          includes: ['Dynamic map sizing is on (ratio 0.0025) and Non-TCP connection tracking has 73507 entries (below 131072).'],
        },
      ],
    },
    {
      name: 'one entry below the threshold, every CT and NAT map',
      inputs: { 'status.txt': status('on (ratio: 0.001000)', 65535, 131071, 131071) },
      findings: [
        {
          messageId: 'small',
          severity: 'warning',
          lines: ['status.txt:3', 'status.txt:6', 'status.txt:7', 'status.txt:10'],
          includes: ['Non-TCP connection tracking has 65535 entries, TCP connection tracking has 131071 entries, NAT has 131071 entries'],
        },
      ],
    },
    {
      name: 'the last table of the agent counts',
      inputs: { 'status.txt': status('on (ratio: 0.002500)', 262144, 524288, 524288) + status('on (ratio: 0.002500)', 65536, 131072, 131072) },
      findings: [{ messageId: 'small', severity: 'warning', lines: ['status.txt:15', 'status.txt:18'] }],
    },
  ],
});
