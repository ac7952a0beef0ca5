import { rule } from '../../src/rules/catalog/host-routing-status-contradiction.js';
import { banner, flag, logLine, podPaste } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** Every flag BPF host routing depends on (datapath-model.md §1.4), set for BPF host routing. */
const BPF_READY: Readonly<Record<string, string>> = {
  'enable-bpf-masquerade': 'true',
  'enable-endpoint-routes': 'false',
  'enable-host-legacy-routing': 'false',
  'enable-ipsec': 'false',
  'enable-ipv4-masquerade': 'true',
  'enable-wireguard': 'false',
  'kube-proxy-replacement': 'true',
};

/**
 * One agent of release `version`: its sorted flag dump (lines 2–8 with BPF_READY), banner, and a
 * status whose KPR mode and host routing are given (NodePort follows the mode).
 */
const agent = (version: string, flags: Record<string, string>, kpr: string, hostRouting: string, extraLog: string[] = []) =>
  lines(
    ...podPaste(
      'cilium-c0ntra',
      [...Object.keys(flags).sort().map((k) => flag(k, flags[k]!)), banner(version), ...extraLog],
      [
        `KubeProxyReplacement:   ${kpr}   [eth0 10.14.2.5 (Direct Routing)]`,
        `Cilium:                 Ok   ${version} (v${version}-3c2d1e0f)`,
        `Host Routing:           ${hostRouting}`,
        'KubeProxyReplacement Details:',
        `  Status:                 ${kpr}`,
        '  Services:',
        '  - ClusterIP:      Enabled',
        `  - NodePort:       ${kpr === 'False' || kpr === 'Disabled' ? 'Disabled' : 'Enabled (Range: 30000-32767)'} `,
      ],
    ),
  );

const KERNEL_FALLBACK = 'BPF host routing requires kernel 5.10 or newer. Falling back to legacy host routing (enable-host-legacy-routing=true).';

ruleTester(rule, {
  valid: [
    { name: 'every prerequisite met and status shows BPF', inputs: { 'paste.txt': agent('1.14.9', BPF_READY, 'True', 'BPF') } },
    {
      name: 'a logged fallback explains Legacy (an old kernel)',
      inputs: { 'paste.txt': agent('1.14.9', BPF_READY, 'True', 'Legacy', [logLine('logrus', 'info', KERNEL_FALLBACK, { subsys: 'daemon' })]) },
    },
    { name: 'IPsec on: no BPF host routing to expect', inputs: { 'paste.txt': agent('1.14.9', { ...BPF_READY, 'enable-ipsec': 'true' }, 'True', 'Legacy') } },
    { name: 'endpoint routes on', inputs: { 'paste.txt': agent('1.14.9', { ...BPF_READY, 'enable-endpoint-routes': 'true' }, 'True', 'Legacy') } },
    { name: 'WireGuard on', inputs: { 'paste.txt': agent('1.14.9', { ...BPF_READY, 'enable-wireguard': 'true' }, 'True', 'Legacy') } },
    {
      name: 'a release without the WireGuard flag: the prerequisite is unknown',
      inputs: { 'paste.txt': agent('1.9.18', { 'enable-bpf-masquerade': 'true', 'enable-endpoint-routes': 'false', 'enable-host-legacy-routing': 'false', 'enable-ipsec': 'false', 'kube-proxy-replacement': 'strict', masquerade: 'true' }, 'Strict', 'Legacy') },
    },
    { name: 'iptables masquerading keeps host routing legacy', inputs: { 'paste.txt': agent('1.14.9', { ...BPF_READY, 'enable-bpf-masquerade': 'false' }, 'True', 'Legacy') } },
    {
      name: 'no masquerading flag in the dump: unknown',
      inputs: { 'paste.txt': agent('1.14.9', Object.fromEntries(Object.entries(BPF_READY).filter(([k]) => k !== 'enable-ipv4-masquerade')), 'True', 'Legacy') },
    },
    { name: 'NodePort off: legacy as expected', inputs: { 'paste.txt': agent('1.14.9', { ...BPF_READY, 'kube-proxy-replacement': 'false' }, 'False', 'Legacy') } },
    {
      name: '1.13 partial KPR with NodePort: BPF host routing needs strict there',
      inputs: { 'paste.txt': agent('1.13.12', { ...BPF_READY, 'kube-proxy-replacement': 'partial', 'enable-node-port': 'true' }, 'Partial', 'Legacy') },
    },
    {
      name: '1.14 from the status when the pasted log has no banner: partial KPR is not judged',
      inputs: {
        'paste.txt': lines(
          ...podPaste('cilium-c0ntra', Object.entries({ ...BPF_READY, 'kube-proxy-replacement': 'partial', 'enable-node-port': 'true' }).map(([k, v]) => flag(k, v)), [
            'KubeProxyReplacement:   Partial   [eth0 10.14.2.5 (Direct Routing)]',
            'Cilium:                 Ok   1.14.9 (v1.14.9-3c2d1e0f)',
            'Host Routing:           Legacy',
          ]),
        ),
      },
    },
    {
      name: 'KPR probe without enable-node-port and without KPR details: NodePort unknown',
      inputs: {
        'paste.txt': lines(
          ...podPaste('cilium-c0ntra', [...Object.entries({ ...BPF_READY, 'kube-proxy-replacement': 'probe' }).map(([k, v]) => flag(k, v)), banner('1.11.20')], [
            'KubeProxyReplacement:   Probe   [eth0 10.14.2.5 (Direct Routing)]',
            'Cilium:                 Ok   1.11.20 (v1.11.20-3c2d1e0f)',
            'Host Routing:           Legacy',
          ]),
        ),
      },
    },
    { name: '1.12 KPR disabled: NodePort off, legacy as expected', inputs: { 'paste.txt': agent('1.12.19', { ...BPF_READY, 'kube-proxy-replacement': 'disabled' }, 'Disabled', 'Legacy') } },
    {
      name: 'IPv4 masquerading on without a BPF masquerade flag: unknown',
      inputs: { 'paste.txt': agent('1.14.9', Object.fromEntries(Object.entries(BPF_READY).filter(([k]) => k !== 'enable-bpf-masquerade')), 'True', 'Legacy') },
    },
    { name: 'flags without a status', inputs: { 'agent.log': lines(...Object.entries(BPF_READY).map(([k, v]) => flag(k, v)), banner('1.12.19')) } },
    {
      name: 'status alone',
      inputs: { 'status.txt': lines('KubeProxyReplacement:   True   [eth0 10.14.2.5 (Direct Routing)]', 'Cilium:                 Ok   1.14.9 (v1.14.9-3c2d1e0f)', 'Host Routing:           Legacy') },
    },
  ],
  invalid: [
    {
      name: 'every prerequisite met but status shows Legacy',
      inputs: { 'paste.txt': agent('1.14.9', BPF_READY, 'True', 'Legacy') },
      findings: [
        {
          messageId: 'contradiction',
          severity: 'error',
          lines: ['paste.txt:2', 'paste.txt:6', 'paste.txt:13', 'paste.txt:18'],
          includes: ['Expected BPF host routing from the configuration', 'cilium status reports Legacy'],
        },
      ],
    },
    {
      name: 'legacy host routing requested but status shows BPF',
      inputs: { 'paste.txt': agent('1.14.9', { ...BPF_READY, 'enable-host-legacy-routing': 'true' }, 'True', 'BPF') },
      findings: [{ messageId: 'contradiction', severity: 'error', lines: ['paste.txt:4', 'paste.txt:13'], includes: ['Expected Legacy host routing', 'reports BPF'] }],
    },
    {
      name: '1.12 partial KPR with NodePort may route in BPF',
      inputs: { 'paste.txt': agent('1.12.19', { ...BPF_READY, 'kube-proxy-replacement': 'partial', 'enable-node-port': 'true' }, 'Partial', 'Legacy') },
      findings: [{ messageId: 'contradiction', severity: 'error', lines: ['paste.txt:2', 'paste.txt:6', 'paste.txt:14', 'paste.txt:19'] }],
    },
    {
      name: '1.13 strict KPR, on the node of the localhost row',
      inputs: {
        'paste.txt':
          agent('1.13.12', { ...BPF_READY, 'kube-proxy-replacement': 'strict' }, 'Strict', 'Legacy') +
          lines(
            'Cluster health:         1/1 reachable   (2024-03-02T10:00:00Z)',
            '  Name                  IP          Node        Endpoints',
            '  k8s-w13 (localhost)   10.14.2.5   reachable   reachable',
          ),
      },
      findings: [{ messageId: 'contradiction', severity: 'error', lines: ['paste.txt:2', 'paste.txt:6', 'paste.txt:13', 'paste.txt:18'], node: 'k8s-w13' }],
    },
    {
      name: 'no legacy-routing flag in the dump: its default (off) is assumed',
      inputs: { 'paste.txt': agent('1.14.9', Object.fromEntries(Object.entries(BPF_READY).filter(([k]) => k !== 'enable-host-legacy-routing')), 'True', 'Legacy') },
      findings: [{ messageId: 'contradiction', severity: 'error', lines: ['paste.txt:2', 'paste.txt:5', 'paste.txt:12', 'paste.txt:17'] }],
    },
    {
      name: 'release unknown (no banner, no Cilium line): judged as before 1.13, where partial KPR with NodePort routes in BPF',
      inputs: {
        'paste.txt': lines(
          ...podPaste('cilium-c0ntra', Object.entries({ ...BPF_READY, 'kube-proxy-replacement': 'partial', 'enable-node-port': 'true' }).map(([k, v]) => flag(k, v)), [
            'KubeProxyReplacement:   Partial   [eth0 10.14.2.5 (Direct Routing)]',
            'Host Routing:           Legacy',
          ]),
        ),
      },
      findings: [{ messageId: 'contradiction', severity: 'error', lines: ['paste.txt:2', 'paste.txt:6', 'paste.txt:8', 'paste.txt:9', 'paste.txt:12'] }],
    },
    {
      name: 'masquerading off needs no BPF masquerade',
      inputs: {
        'paste.txt': agent('1.15.11', { ...Object.fromEntries(Object.entries(BPF_READY).filter(([k]) => k !== 'enable-bpf-masquerade')), 'enable-ipv4-masquerade': 'false' }, 'True', 'Legacy'),
      },
      findings: [{ messageId: 'contradiction', severity: 'error', lines: ['paste.txt:5', 'paste.txt:12', 'paste.txt:17'] }],
    },
  ],
});
