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

/** `kubectl exec` of `cmd` in agent pod `pod`. */
const exec = (pod: string, cmd: string) => `$ kubectl -n kube-system exec ${pod} -c cilium-agent -- cilium ${cmd}`;
/** A 1.14 drop of a full CT map on egress from a pod. */
const ctInsertDrop = (src: string) =>
  `xx drop (CT: Map insertion failed) flow 0x7d21c0e4 to endpoint 0, ifindex 9, file bpf_lxc.c:1307, , identity 27816->2: ${src}:38022 -> 104.18.32.7:443 tcp SYN`;

ruleTester(rule, {
  valid: [
    { name: 'large CT and NAT maps', inputs: { 'status.txt': status('on (ratio: 0.002500)', 262144, 524288, 524288) } },
    { name: 'every map exactly at its own auto-minimum (the non-TCP one is 65536)', inputs: { 'status.txt': status('on (ratio: 0.002500)', 65536, 131072, 131072) } },
    {
      name: 'a small-memory node: memory-derived sizes above the auto-minimums, no insert drops',
      inputs: { 'status.txt': 'root@edge-vm-3:/home/cilium# cilium status --verbose\n' + status('on (ratio: 0.002500)', 73507, 147014, 147014) },
    },
    { name: 'small maps sized explicitly (dynamic sizing off)', inputs: { 'status.txt': status('off', 32768, 65536, 65536) } },
    {
      name: 'a small map that is neither CT nor NAT',
      inputs: { 'status.txt': lines('BPF Maps:   dynamic sizing: on (ratio: 0.002500)', '  Name                          Size', '  IPv4 fragmentation            8192', '  Neighbor table                65536') },
    },
    { name: 'no BPF map table (status without --verbose)', inputs: { 'status.txt': lines('Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)', 'Encryption:             Disabled   ') } },
    { name: 'an earlier table below the minimums does not count', inputs: { 'status.txt': status('on (ratio: 0.002500)', 65535, 131071, 131071) + status('on (ratio: 0.002500)', 65536, 131072, 131072) } },
    {
      name: 'insert drops another agent printed are not this agent’s',
      inputs: {
        'paste.txt': lines(
          exec('cilium-r8v2k', 'status --verbose'),
          ...status('on (ratio: 0.002500)', 65536, 131072, 131072).trimEnd().split('\n'),
          exec('cilium-w5n7c', 'monitor -t drop'),
          ctInsertDrop('10.52.3.18'),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a map below its own auto-minimum, on the node the prompt names',
      inputs: { 'status.txt': 'root@edge-vm-3:/home/cilium# cilium status --verbose\n' + status('on (ratio: 0.002500)', 32768, 147014, 147014) },
      findings: [
        {
          messageId: 'belowMinimum',
          severity: 'warning',
          lines: ['status.txt:4', 'status.txt:7'],
          node: 'edge-vm-3',
          includes: ['Dynamic map sizing is on (ratio 0.0025) and Non-TCP connection tracking has 32768 entries (minimum 65536), below the auto-minimum'],
        },
      ],
    },
    {
      name: 'one entry below the auto-minimum, every CT and NAT map',
      inputs: { 'status.txt': status('on (ratio: 0.001000)', 65535, 131071, 131071) },
      findings: [
        {
          messageId: 'belowMinimum',
          severity: 'warning',
          lines: ['status.txt:3', 'status.txt:6', 'status.txt:7', 'status.txt:10'],
          message:
            'Dynamic map sizing is on (ratio 0.001) and Non-TCP connection tracking has 65535 entries (minimum 65536), TCP connection ' +
            'tracking has 131071 entries (minimum 131072), NAT has 131071 entries (minimum 131072), below the auto-minimum dynamic ' +
            'sizing keeps. Set explicit CT/NAT map sizes.',
        },
      ],
    },
    {
      name: 'the last table of the agent counts',
      inputs: { 'status.txt': status('on (ratio: 0.002500)', 262144, 524288, 524288) + status('on (ratio: 0.002500)', 65535, 131072, 131072) },
      findings: [{ messageId: 'belowMinimum', severity: 'warning', lines: ['status.txt:15', 'status.txt:18'] }],
    },
    {
      name: 'insert drops the same agent printed: maps at the minimums are too small for this workload',
      inputs: {
        'paste.txt': lines(
          exec('cilium-r8v2k', 'status --verbose'),
          ...status('on (ratio: 0.002500)', 65536, 131072, 131072).trimEnd().split('\n'),
          exec('cilium-r8v2k', 'monitor -t drop'),
          ctInsertDrop('10.52.3.18'),
          ctInsertDrop('10.52.3.18'),
          exec('cilium-w5n7c', 'monitor -t drop'),
          ctInsertDrop('10.52.7.40'),
        ),
      },
      findings: [
        {
          messageId: 'insertDrops',
          severity: 'warning',
          lines: ['paste.txt:4', 'paste.txt:7', 'paste.txt:8', 'paste.txt:11', 'paste.txt:15', 'paste.txt:16'],
          includes: [
            '(ratio 0.0025; Non-TCP connection tracking 65536, TCP connection tracking 131072, NAT 131072) and the datapath dropped ' +
              '2 packets with "CT: Map insertion failed": the memory-derived CT/NAT maps are too small',
          ],
        },
      ],
    },
  ],
});
