import { rule } from '../../src/rules/catalog/hubble-ring-full.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.16 `cilium-dbg status` with the given Hubble line. */
const status = (hubble: string) =>
  lines(
    'KVStore:                 Ok   Disabled',
    'Cilium:                  Ok   1.16.5 (v1.16.5-ad688277)',
    'Controller Status:       37/37 healthy',
    'Proxy Status:            OK, ip 10.50.2.18, 0 redirects active on ports 10000-20000, Envoy: external',
    'Global Identity Range:   min 256, max 65535',
    `Hubble:                  ${hubble}`,
  );

ruleTester(rule, {
  valid: [
    { name: 'a buffer with room', inputs: { 'status.txt': status('Ok   Current/Max Flows: 1200/4095 (29.30%), Flows/s: 6.42   Metrics: Disabled') } },
    { name: 'one flow short of full', inputs: { 'status.txt': status('Ok   Current/Max Flows: 4094/4095 (99.98%), Flows/s: 48.10   Metrics: Ok') } },
    { name: 'a buffer of capacity 0', inputs: { 'status.txt': status('Ok   Current/Max Flows: 0/0 (0.00%), Flows/s: 0.00   Metrics: Disabled') } },
    { name: 'Hubble disabled: no counts', inputs: { 'status.txt': status('Disabled') } },
  ],
  invalid: [
    {
      name: 'a full ring buffer: info, with the rate',
      inputs: { 'status.txt': status('Ok   Current/Max Flows: 4095/4095 (100.00%), Flows/s: 31.87   Metrics: Disabled') },
      findings: [{ messageId: 'full', severity: 'info', lines: ['status.txt:6'], node: null, includes: ['Hubble holds 4095/4095 flows (31.87 flows/s)'] }],
    },
    {
      name: 'a larger configured capacity, and the agent of a pod exec paste',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system exec cilium-hq6fz -- cilium-dbg status',
          'Cilium:                  Ok   1.16.5 (v1.16.5-ad688277)',
          'Hubble:                  Ok   Current/Max Flows: 16383/16383 (100.00%), Flows/s: 211.09   Metrics: Ok',
          'Cluster health:          3/3 reachable   (2025-01-09T10:40:00Z)',
          '  Name                   IP           Node        Endpoints',
          '  pool-a-1 (localhost)   10.50.0.11   reachable   reachable',
        ),
      },
      findings: [{ messageId: 'full', severity: 'info', lines: ['paste.txt:3'], node: 'pool-a-1', includes: ['16383/16383 flows (211.09 flows/s)'] }],
    },
  ],
});
