import { rule } from '../../src/rules/catalog/ipam-exhausted.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.15 `cilium status` with the given IPAM line. */
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
    { name: 'half the pool', inputs: { 'status.txt': status('IPv4: 127/254 allocated from 10.42.3.0/24, ') } },
    { name: 'a pool printed without its size', inputs: { 'status.txt': status('IPv4: 12 allocated') } },
    { name: 'an empty pool of size 0', inputs: { 'status.txt': status('IPv4: 0/0 allocated from 10.42.3.0/24, ') } },
    { name: 'IPAM not running', inputs: { 'status.txt': status('Not running') } },
    {
      name: 'a log without status says nothing of the pool',
      inputs: { 'agent.log': lines('level=info msg="  --ipam=\'cluster-pool\'" subsys=daemon', 'level=info msg="  --cluster-pool-ipv4-mask-size=\'24\'" subsys=daemon') },
    },
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
      name: 'one address left of 62 (98 %): a warning',
      inputs: { 'status.txt': status('IPv4: 61/62 allocated from 10.42.3.0/26, ') },
      findings: [{ messageId: 'exhausted', severity: 'warning', lines: ['status.txt:4'], includes: ['61/62'] }],
    },
    {
      name: 'one pool per family',
      inputs: { 'status.txt': status('IPv4: 62/62 allocated from 10.42.3.0/26, IPv6: 62/62 allocated from fd00:42:3::/122') },
      findings: [
        { messageId: 'exhausted', severity: 'error', lines: ['status.txt:4'], includes: ['IPv4 addresses'] },
        { messageId: 'exhausted', severity: 'error', lines: ['status.txt:4'], includes: ['IPv6 addresses'] },
      ],
    },
    {
      name: 'an ENI pool printed without its range',
      inputs: { 'status.txt': status('IPv4: 8/8 allocated,') },
      findings: [{ messageId: 'exhausted', severity: 'error', lines: ['status.txt:4'], includes: ['IPAM has 8/8 allocated. '] }],
    },
    {
      name: 'the node of a pod exec paste comes from the localhost row of cluster health',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system exec cilium-q7wzt -c cilium-agent -- cilium-dbg status --verbose',
          'KVStore:                Ok   Disabled',
          'Cilium:                 Ok   1.16.3 (v1.16.3-2a4b8c10)',
          'IPAM:                   IPv4: 30/30 allocated from 10.12.7.0/27, ',
          'Cluster health:         2/2 reachable   (2024-11-04T17:20:01Z)',
          '  Name                   IP         Node        Endpoints',
          '  blade-07 (localhost)   10.1.0.7   reachable   reachable',
          '  blade-02               10.1.0.2   reachable   reachable',
        ),
      },
      findings: [{ messageId: 'exhausted', severity: 'error', lines: ['paste.txt:4'], node: 'blade-07' }],
    },
  ],
});
