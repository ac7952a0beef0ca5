import { rule } from '../../src/rules/catalog/ipam-exhausted.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.15 `cilium status` of node `kw-3` with the given IPAM line. */
const status = (ipam: string) =>
  lines(
    'KVStore:                 Ok   Disabled',
    'Kubernetes:              Ok   1.29 (v1.29.4) [linux/amd64]',
    'Cilium:                  Ok   1.15.6 (v1.15.6-a09e05e6)',
    `IPAM:                    ${ipam}`,
    'Cluster health:          3/3 reachable   (2024-06-11T08:12:40Z)',
  );

ruleTester(rule, {
  valid: [
    { name: 'a pool with room', inputs: { 'status.txt': status('IPv4: 41/254 allocated from 10.42.3.0/24, ') } },
    { name: 'just below 95 %', inputs: { 'status.txt': status('IPv4: 60/64 allocated from 10.42.3.0/26, ') } },
    { name: 'a pool printed without its size', inputs: { 'status.txt': status('IPv4: 12 allocated') } },
  ],
  invalid: [
    {
      name: 'every address allocated',
      inputs: { 'status.txt': status('IPv4: 254/254 allocated from 10.42.3.0/24, ') },
      findings: [{ messageId: 'exhausted', severity: 'error', lines: ['status.txt:4'], includes: ['254/254 allocated from 10.42.3.0/24'] }],
    },
    {
      name: 'exactly 95 % is nearly full: a warning',
      inputs: { 'status.txt': status('IPv4: 19/20 allocated from 10.42.3.0/27, ') },
      findings: [{ messageId: 'exhausted', severity: 'warning', lines: ['status.txt:4'] }],
    },
    {
      name: 'one pool per family',
      inputs: { 'status.txt': status('IPv4: 62/62 allocated from 10.42.3.0/26, IPv6: 62/62 allocated from fd00:42:3::/122') },
      findings: [
        { messageId: 'exhausted', severity: 'error', lines: ['status.txt:4'], includes: ['IPv4 addresses'] },
        { messageId: 'exhausted', severity: 'error', lines: ['status.txt:4'], includes: ['IPv6 addresses'] },
      ],
    },
  ],
});
