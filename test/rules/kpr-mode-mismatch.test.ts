import { rule } from '../../src/rules/catalog/kpr-mode-mismatch.js';
import { banner, flag, podPaste } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** One agent of release `version`: the configured mode and the status line's mode. */
const agent = (version: string, requested: string, printed: string) =>
  lines(
    ...podPaste(
      'cilium-kx2lm',
      [flag('kube-proxy-replacement', requested), flag('kube-proxy-replacement-healthz-bind-address', ''), banner(version)],
      [
        'KVStore:                Ok   Disabled',
        'Kubernetes:             Ok   1.28 (v1.28.9) [linux/amd64]',
        `KubeProxyReplacement:   ${printed}`,
        `Cilium:                 Ok   ${version} (v${version}-0d9e3c11)`,
      ],
    ),
  );

ruleTester(rule, {
  valid: [
    { name: '1.14 true and True', inputs: { 'paste.txt': agent('1.14.9', 'true', 'True   [eth0 10.20.0.7 (Direct Routing)]') } },
    { name: '1.14 strict is True (strict became an alias)', inputs: { 'paste.txt': agent('1.14.9', 'strict', 'True   [eth0 10.20.0.7 (Direct Routing)]') } },
    { name: '1.15 disabled is False', inputs: { 'paste.txt': agent('1.15.4', 'disabled', 'False   [eth0 10.20.0.7 (Direct Routing)]') } },
    { name: '1.13 strict and Strict, in any case', inputs: { 'paste.txt': agent('1.13.12', 'Strict', 'Strict   [eth0 10.20.0.7 (Direct Routing)]') } },
    { name: '1.12 partial and Partial', inputs: { 'paste.txt': agent('1.12.19', 'partial', 'Partial   [eth0 10.20.0.7 (Direct Routing)]') } },
    { name: 'an unset flag (the default) says nothing', inputs: { 'paste.txt': agent('1.16.2', '', 'False') } },
    {
      name: 'unknown release: strict and True may be one mode',
      inputs: { 'paste.txt': lines(flag('kube-proxy-replacement', 'strict'), 'KubeProxyReplacement:   True   [ens192 10.9.8.7 (Direct Routing)]') },
    },
    { name: 'status alone', inputs: { 'status.txt': lines('Cilium:                 Ok   1.16.2 (v1.16.2-2a4b8c10)', 'KubeProxyReplacement:   False') } },
    { name: 'flags alone', inputs: { 'agent.log': lines(flag('kube-proxy-replacement', 'true'), banner('1.16.2')) } },
  ],
  invalid: [
    {
      name: 'configured true, running False (1.14)',
      inputs: { 'paste.txt': agent('1.14.9', 'true', 'False   [eth0 10.20.0.7 (Direct Routing)]') },
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          lines: ['paste.txt:2', 'paste.txt:8'],
          includes: ['Expected KubeProxyReplacement true as configured; cilium status reports false.'],
        },
      ],
    },
    {
      name: '1.13 has no aliases: partial is not Strict',
      inputs: { 'paste.txt': agent('1.13.12', 'partial', 'Strict   [eth0 10.20.0.7 (Direct Routing)]') },
      findings: [{ messageId: 'mismatch', severity: 'error', lines: ['paste.txt:2', 'paste.txt:8'], includes: ['Expected KubeProxyReplacement partial', 'reports strict.'] }],
    },
    {
      name: '1.16: the ConfigMap says false, the agent still runs True',
      inputs: { 'paste.txt': agent('1.16.2', 'false', 'True   [eth0 10.20.0.7 (Direct Routing)]') },
      findings: [{ messageId: 'mismatch', severity: 'error', lines: ['paste.txt:2', 'paste.txt:8'] }],
    },
    {
      name: 'the pod log and a status run on the node, matched by node name',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system logs cilium-w8k2d',
          flag('kube-proxy-replacement', 'true'),
          banner('1.14.5'),
          'level=info msg="Addressing information:" subsys=daemon',
          'level=info msg="  Local node-name: worker-7" subsys=daemon',
          'Then, on the node itself:',
          'root@worker-7:~# cilium status',
          'KVStore:                 Ok   Disabled',
          'KubeProxyReplacement:    False   [eth0 10.20.0.7 (Direct Routing)]',
          'Cilium:                  Ok   1.14.5 (v1.14.5-85db28be)',
        ),
      },
      findings: [{ messageId: 'mismatch', severity: 'error', lines: ['paste.txt:2', 'paste.txt:9'], node: 'worker-7' }],
    },
  ],
});
