/** CFG-02 as revised in datapath-model.md 2026-12 (R34): warning only with BPF-datapath intent, else info. */
import { rule } from '../../src/rules/catalog/host-routing-silent-legacy.js';
import { banner, flagDump, daemonLine, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/**
 * One paste: the agent log of `version` (banner on line 1, flags from line 2, node `lg-9`) and its
 * `cilium status` (KubeProxyReplacement, Cilium, Host Routing).
 */
function paste(version: string, flags: Record<string, string>, kpr: string, host: 'Legacy' | 'BPF', ...logMore: string[]): Record<string, string> {
  return {
    'case.txt':
      lines(banner(version), ...flagDump(flags), nodeName('lg-9'), ...logMore) +
      lines(
        `KubeProxyReplacement:    ${kpr}`,
        `Cilium:                  Ok   ${version} (v${version}-5e6f7a8b)`,
        `Host Routing:            ${host}`,
      ),
  };
}

/** S05's shape on other addresses: KPR partial without NodePort, iptables masquerading, vxlan (1.12). */
const partialNoNodePort = {
  'kube-proxy-replacement': 'partial',
  'enable-node-port': 'false',
  'bpf-lb-sock': 'true',
  'enable-bpf-masquerade': 'false',
  'enable-ipv4-masquerade': 'true',
  tunnel: 'vxlan',
};

ruleTester(rule, {
  valid: [
    { name: 'BPF host routing', inputs: paste('1.14.5', { 'kube-proxy-replacement': 'true', 'enable-bpf-masquerade': 'true' }, 'True   [eth1 10.30.0.9 (Direct Routing)]', 'BPF') },
    {
      name: 'legacy asked for explicitly',
      inputs: paste('1.14.5', { 'kube-proxy-replacement': 'false', 'enable-bpf-masquerade': 'true', 'enable-host-legacy-routing': 'true' }, 'False', 'Legacy'),
    },
    {
      name: 'a logged fallback is CFG-01’s',
      inputs: paste(
        '1.14.5',
        { 'kube-proxy-replacement': 'false', 'enable-bpf-masquerade': 'true' },
        'False',
        'Legacy',
        daemonLine('info', 'BPF host routing requires kube-proxy-replacement=true. Falling back to legacy host routing (enable-host-legacy-routing=true).'),
      ),
    },
    { name: '1.9.1–1.9.18 log the NodePort-off fallback', inputs: paste('1.9.7', { 'kube-proxy-replacement': 'partial', 'enable-node-port': 'false', 'enable-bpf-masquerade': 'true' }, 'Partial', 'Legacy') },
    { name: 'releases after 1.18 log KPR off', inputs: paste('1.19.1', { 'kube-proxy-replacement': 'false', 'enable-bpf-masquerade': 'true' }, 'False', 'Legacy') },
  ],
  invalid: [
    {
      name: 'S05: KPR partial without NodePort and no BPF intent is the expected result (info)',
      inputs: paste('1.12.7', partialNoNodePort, 'Partial   [eth1 10.30.0.9 (Direct Routing)]', 'Legacy'),
      findings: [{ messageId: 'expected', severity: 'info', lines: ['case.txt:2', 'case.txt:3', 'case.txt:11'], node: 'lg-9' }],
    },
    {
      name: 'BPF masquerading asked for: a silent downgrade (warning)',
      inputs: paste('1.14.5', { 'kube-proxy-replacement': 'false', 'enable-node-port': 'false', 'enable-bpf-masquerade': 'true' }, 'False', 'Legacy'),
      findings: [{ messageId: 'silent', severity: 'warning', lines: ['case.txt:2', 'case.txt:3', 'case.txt:4', 'case.txt:8'], includes: ['enable-bpf-masquerade=true'] }],
    },
    {
      name: 'KPR strict asked for but NodePort disabled (warning)',
      inputs: {
        'case.txt':
          paste('1.13.8', { 'kube-proxy-replacement': 'strict', 'enable-bpf-masquerade': 'false' }, 'Strict   [eth1 10.30.0.9 (Direct Routing)]', 'Legacy')['case.txt']! +
          lines('KubeProxyReplacement Details:', '  Services:', '  - NodePort:       Disabled'),
      },
      findings: [{ messageId: 'silent', severity: 'warning', lines: ['case.txt:2', 'case.txt:7', 'case.txt:10'], includes: ['kube-proxy-replacement=strict'] }],
    },
    {
      name: '1.9.0 falls back silently too',
      inputs: paste('1.9.0', { 'kube-proxy-replacement': 'partial', 'enable-node-port': 'false', 'enable-bpf-masquerade': 'false' }, 'Partial', 'Legacy'),
      findings: [{ messageId: 'expected', severity: 'info', lines: ['case.txt:2', 'case.txt:3', 'case.txt:8'] }],
    },
    {
      name: '1.18 is the last silent release',
      inputs: paste('1.18.3', { 'kube-proxy-replacement': 'false', 'enable-bpf-masquerade': 'true' }, 'False', 'Legacy'),
      findings: [{ messageId: 'silent', severity: 'warning', lines: ['case.txt:2', 'case.txt:3', 'case.txt:7'] }],
    },
  ],
});
