import { rule } from '../../src/rules/catalog/kpr-subfeature-missing.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** `cilium status --verbose` of a 1.14 agent with its KPR details. */
const status = (mode: string, socketLB: string, nodePort: string) =>
  lines(
    'KVStore:                Ok   Disabled',
    `KubeProxyReplacement:   ${mode}   [bond0 172.31.7.40 (Direct Routing)]`,
    'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)',
    'KubeProxyReplacement Details:',
    `  Status:                 ${mode}`,
    `  Socket LB:              ${socketLB}`,
    '  Socket LB Tracing:      Enabled',
    '  Socket LB Coverage:     Full',
    '  Devices:                bond0 172.31.7.40 (Direct Routing)',
    '  Session Affinity:       Enabled',
    '  Services:',
    '  - ClusterIP:      Enabled',
    `  - NodePort:       ${nodePort} `,
    '  - LoadBalancer:   Enabled ',
    '  - externalIPs:    Enabled ',
    '  - HostPort:       Enabled',
  );

const NODEPORT_ON = 'Enabled (Range: 30000-32767)';

ruleTester(rule, {
  valid: [
    { name: 'True with socket LB and NodePort', inputs: { 'status.txt': status('True', 'Enabled', NODEPORT_ON) } },
    { name: 'False: nothing is forced on', inputs: { 'status.txt': status('False', 'Disabled', 'Disabled') } },
    { name: '1.13 Partial may leave socket LB off', inputs: { 'status.txt': status('Partial', 'Disabled', NODEPORT_ON) } },
    {
      name: '1.10 Strict prints socket LB as its protocols',
      inputs: {
        'status.txt': lines(
          'KubeProxyReplacement:   Strict   [eth0 10.0.0.4 (Direct Routing)]',
          'Cilium:                 Ok   1.10.20 (v1.10.20-1f6c3b2a)',
          'KubeProxyReplacement Details:',
          '  Status:                 Strict',
          '  Socket LB Protocols:    TCP, UDP',
          '  Devices:                eth0 10.0.0.4 (Direct Routing)',
          '  Mode:                   SNAT',
          '  Services:',
          '  - ClusterIP:      Enabled',
          '  - NodePort:       Enabled (Range: 30000-32767) ',
        ),
      },
    },
    {
      name: 'a status excerpt without the KPR line',
      inputs: { 'status.txt': lines('Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)', 'KubeProxyReplacement Details:', '  Socket LB:              Disabled') },
    },
    { name: 'no details (status without --verbose)', inputs: { 'status.txt': lines('KubeProxyReplacement:   True   [bond0 172.31.7.40 (Direct Routing)]', 'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)') } },
  ],
  invalid: [
    {
      name: 'True without socket LB',
      inputs: { 'status.txt': status('True', 'Disabled', NODEPORT_ON) },
      findings: [
        {
          messageId: 'missing',
          severity: 'error',
          lines: ['status.txt:2', 'status.txt:6'],
          includes: ['Expected KubeProxyReplacement true to enable socket LB and NodePort; the details show socket LB disabled.'],
        },
      ],
    },
    {
      name: 'Strict without NodePort',
      inputs: { 'status.txt': status('Strict', 'Enabled', 'Disabled') },
      findings: [{ messageId: 'missing', severity: 'error', lines: ['status.txt:2', 'status.txt:13'], includes: ['KubeProxyReplacement strict', 'show NodePort disabled.'] }],
    },
    {
      name: 'True without either, on the node of the prompt',
      inputs: { 'status.txt': 'root@bm-07:/home/cilium# cilium status --verbose\n' + status('True', 'Disabled', 'Disabled') },
      findings: [{ messageId: 'missing', severity: 'error', lines: ['status.txt:3', 'status.txt:7', 'status.txt:14'], node: 'bm-07', includes: ['show socket LB and NodePort disabled.'] }],
    },
  ],
});
