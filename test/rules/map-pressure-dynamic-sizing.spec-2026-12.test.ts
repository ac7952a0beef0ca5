/** HLT-11 as revised in datapath-model.md 2026-12 (R44): per-map auto-minimums, or CT/NAT insert drops. */
import { rule } from '../../src/rules/catalog/map-pressure-dynamic-sizing.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** `cilium status --verbose` excerpt: BPF Maps on line 2, CT any / CT TCP / NAT sizes on lines 4–6. */
const status = (sizing: 'on' | 'off', ctAny: number, ctTcp: number, nat: number) =>
  lines(
    'Cilium:                  Ok   1.16.1 (v1.16.1-68579055)',
    `BPF Maps:   dynamic sizing: ${sizing} (ratio: 0.002500)`,
    '  Name                          Size',
    `  Non-TCP connection tracking   ${ctAny}`,
    `  TCP connection tracking       ${ctTcp}`,
    `  NAT                           ${nat}`,
    '  Endpoint policy               65535',
  );

const ctDrop = 'xx drop (CT: Map insertion failed) flow 0x3a9c1d20 to endpoint 0, ifindex 14, file bpf_lxc.c:1265, , identity 41877->2: 10.55.1.20:51234 -> 151.101.2.132:443 tcp SYN';
const natDrop = 'xx drop (No mapping for NAT masquerade) flow 0x0 to endpoint 0, ifindex 3, file nodeport.h:2730, , identity 41877->2: 10.55.1.21:40512 -> 151.101.2.132:443 tcp SYN';

ruleTester(rule, {
  valid: [
    { name: 'sizes at their auto-minimums are normal on a small node', inputs: { 'status.txt': status('on', 65536, 131072, 131072) } },
    { name: 'sizes above their minimums', inputs: { 'status.txt': status('on', 262144, 524288, 524288) } },
    { name: 'insert drops with explicit sizes are not a dynamic-sizing finding', inputs: { 'status.txt': status('off', 65536, 131072, 131072), 'drops.txt': lines(ctDrop) } },
  ],
  invalid: [
    {
      name: 'sizes at the minimums and CT insert drops (S11)',
      inputs: { 'status.txt': status('on', 65536, 131072, 131072), 'drops.txt': lines(ctDrop, ctDrop) },
      findings: [
        {
          messageId: 'insertDrops',
          severity: 'warning',
          lines: ['drops.txt:1', 'drops.txt:2', 'status.txt:2', 'status.txt:4', 'status.txt:5', 'status.txt:6'],
          includes: ['2 packets with "CT: Map insertion failed"', 'TCP connection tracking 131072'],
        },
      ],
    },
    {
      name: 'NAT insert drops',
      inputs: { 'status.txt': status('on', 65536, 131072, 131072), 'drops.txt': lines(natDrop) },
      findings: [{ messageId: 'insertDrops', severity: 'warning', lines: ['drops.txt:1', 'status.txt:2', 'status.txt:4', 'status.txt:5', 'status.txt:6'], includes: ['No mapping for NAT masquerade'] }],
    },
    {
      name: 'a map below its own minimum, one below the minimum of another map',
      inputs: { 'status.txt': status('on', 32768, 131072, 98304) },
      findings: [
        {
          messageId: 'belowMinimum',
          severity: 'warning',
          lines: ['status.txt:2', 'status.txt:4', 'status.txt:6'],
          includes: ['Non-TCP connection tracking has 32768 entries (minimum 65536)', 'NAT has 98304 entries (minimum 131072)'],
        },
      ],
    },
  ],
});
