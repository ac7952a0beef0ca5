import { rule } from '../../src/rules/catalog/host-routing-silent-legacy.js';
import { banner, flag, logLine, nodeName, podPaste } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.13 agent with KPR disabled: its flags (plus `extra` log lines) and status. */
const disabled113 = (extra: string[] = [], hostRouting = 'Legacy') =>
  lines(
    ...podPaste('cilium-hr13x', [flag('enable-host-legacy-routing', 'false'), flag('kube-proxy-replacement', 'disabled'), banner('1.13.12'), ...extra], [
      'KVStore:                Ok   Disabled',
      'KubeProxyReplacement:   Disabled',
      'Cilium:                 Ok   1.13.12 (v1.13.12-4e1b7a3c)',
      `Host Routing:           ${hostRouting}`,
      'Masquerading:           IPTables [IPv4: Enabled, IPv6: Disabled]',
    ]),
  );

/** A 1.14 agent with KPR partial: the NodePort line of its details decides. */
const partial114 = (legacyFlag: string, nodePort: string) =>
  lines(
    ...podPaste('cilium-hr14y', [flag('enable-host-legacy-routing', legacyFlag), flag('kube-proxy-replacement', 'partial'), banner('1.14.9')], [
      'KubeProxyReplacement:   Partial   [eth0 10.4.0.9 (Direct Routing)]',
      'Cilium:                 Ok   1.14.9 (v1.14.9-16a8c2ef)',
      'Host Routing:           Legacy',
      'KubeProxyReplacement Details:',
      '  Status:                 Partial',
      '  Socket LB:              Enabled',
      '  Services:',
      '  - ClusterIP:      Enabled',
      `  - NodePort:       ${nodePort} `,
    ]),
  );

const FALLBACK = 'BPF host routing requires enable-bpf-masquerade. Falling back to legacy host routing (enable-host-legacy-routing=true).';

ruleTester(rule, {
  valid: [
    { name: 'BPF host routing', inputs: { 'paste.txt': disabled113([], 'BPF') } },
    { name: 'legacy host routing requested explicitly', inputs: { 'paste.txt': partial114('true', 'Disabled') } },
    { name: 'NodePort on: legacy routing is not caused by it', inputs: { 'paste.txt': partial114('false', 'Enabled (Range: 30000-32767)') } },
    { name: 'a logged fallback explains it (another rule reports that)', inputs: { 'paste.txt': disabled113([logLine('logrus', 'info', FALLBACK, { subsys: 'daemon' })]) } },
    {
      name: 'status alone: without the configuration nothing says BPF host routing was wanted',
      inputs: { 'status.txt': lines('KubeProxyReplacement:   Disabled', 'Cilium:                 Ok   1.13.12 (v1.13.12-4e1b7a3c)', 'Host Routing:           Legacy') },
    },
    {
      name: 'KPR in probe mode without enable-node-port: NodePort unknown',
      inputs: { 'agent.txt': lines(flag('kube-proxy-replacement', 'probe'), 'Cilium:                 Ok   1.11.20 (v1.11.20-4d8c1f0e)', 'Host Routing:           Legacy') },
    },
  ],
  invalid: [
    {
      name: '1.13 KPR disabled and no BPF-datapath intent: the expected legacy routing (info), cited with the KPR status line',
      inputs: { 'paste.txt': disabled113() },
      findings: [
        {
          messageId: 'expected',
          severity: 'info',
          lines: ['paste.txt:7', 'paste.txt:9'],
          message:
            'Host Routing: Legacy with NodePort disabled and no fallback logged: the expected result of kube-proxy replacement ' +
            'without NodePort (every default install). Set kube-proxy-replacement to strict/true if BPF host routing is wanted.',
        },
      ],
    },
    {
      name: '1.13 KPR disabled with BPF masquerading requested: a silent downgrade (warning), cited with the flag',
      inputs: { 'paste.txt': disabled113([flag('enable-bpf-masquerade', 'true')]) },
      findings: [
        {
          messageId: 'silent',
          severity: 'warning',
          lines: ['paste.txt:5', 'paste.txt:8', 'paste.txt:10'],
          includes: ['the configuration asks for the BPF datapath (enable-bpf-masquerade=true), enable-host-legacy-routing is not set'],
        },
      ],
    },
    {
      name: '1.14 partial with NodePort disabled in the details, no BPF-datapath intent (info)',
      inputs: { 'paste.txt': partial114('false', 'Disabled') },
      findings: [{ messageId: 'expected', severity: 'info', lines: ['paste.txt:8', 'paste.txt:14'] }],
    },
    {
      name: 'a dump without the legacy-routing flag, on the node its log names (no BPF-datapath intent: info)',
      inputs: {
        'paste.txt': lines(
          ...podPaste('cilium-hr12w', [flag('kube-proxy-replacement', 'disabled'), banner('1.12.19'), nodeName('edge-9')], [
            'KubeProxyReplacement:   Disabled',
            'Cilium:                 Ok   1.12.19 (v1.12.19-0a9c4e1f)',
            'Host Routing:           Legacy',
          ]),
        ),
      },
      findings: [{ messageId: 'expected', severity: 'info', lines: ['paste.txt:6', 'paste.txt:8'], node: 'edge-9' }],
    },
    {
      name: '1.16 Routing line with KPR false: NodePort off by the flag (no BPF-datapath intent: info)',
      inputs: {
        'paste.txt': lines(
          ...podPaste('cilium-hr16z', [flag('enable-host-legacy-routing', 'false'), flag('kube-proxy-replacement', 'false'), banner('1.16.3')], [
            'KubeProxyReplacement:    False',
            'Cilium:                  Ok   1.16.3 (v1.16.3-2a4b8c10)',
            'Routing:                 Network: Tunnel [vxlan]   Host: Legacy',
          ], 'cilium-dbg'),
        ),
      },
      findings: [{ messageId: 'expected', severity: 'info', lines: ['paste.txt:3', 'paste.txt:8'] }],
    },
  ],
});
