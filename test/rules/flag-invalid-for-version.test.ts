import { rule } from '../../src/rules/catalog/flag-invalid-for-version.js';
import { banner, flag } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A flag dump of release `version` (banner last, as agents print it after the dump). */
const agent = (version: string, ...flags: [string, string][]) => lines(...flags.map(([n, v]) => flag(n, v)), banner(version));

ruleTester(rule, {
  valid: [
    { name: '1.14 still accepts tunnel and enable-k8s-event-handover', inputs: { 'agent.log': agent('1.14.9', ['enable-k8s-event-handover', 'false'], ['tunnel', 'vxlan']) } },
    { name: '1.15 still accepts KPR strict', inputs: { 'agent.log': agent('1.15.11', ['kube-proxy-replacement', 'strict']) } },
    { name: '1.12 KPR probe is only deprecated', inputs: { 'agent.log': agent('1.12.19', ['kube-proxy-replacement', 'probe']) } },
    { name: 'without a known release nothing is judged', inputs: { 'agent.log': lines(flag('tunnel', 'vxlan'), flag('enable-remote-node-identity', 'true')) } },
    {
      name: '1.12 prints the removed CIDR name unset next to the new one',
      inputs: { 'agent.log': agent('1.12.19', ['ipv4-native-routing-cidr', '10.244.0.0/16'], ['native-routing-cidr', '']) },
    },
    { name: 'current names on 1.16', inputs: { 'agent.log': agent('1.16.3', ['kube-proxy-replacement', 'true'], ['routing-mode', 'tunnel'], ['tunnel-protocol', 'vxlan']) } },
  ],
  invalid: [
    {
      name: '1.15: tunnel and enable-k8s-event-handover are gone, on node store-17',
      inputs: {
        'agent.log': lines(
          flag('enable-k8s-event-handover', 'false'),
          flag('tunnel', 'vxlan'),
          flag('tunnel-protocol', 'vxlan'),
          banner('1.15.3'),
          'level=info msg="Retrieved node information from kubernetes node" nodeName=store-17 subsys=k8s',
        ),
      },
      findings: [
        {
          messageId: 'invalid',
          severity: 'error',
          lines: ['agent.log:1', 'agent.log:4'],
          node: 'store-17',
          includes: ["--enable-k8s-event-handover='false' is configured, but Cilium 1.15.3 no longer accepts it (gone since 1.15): the agent ignores it or refuses to start."],
        },
        {
          messageId: 'invalid',
          severity: 'error',
          lines: ['agent.log:2', 'agent.log:4'],
          node: 'store-17',
          includes: ["--tunnel='vxlan' is configured", 'refuses to start. Use --routing-mode and --tunnel-protocol.'],
        },
      ],
    },
    {
      name: '1.16: KPR strict is gone',
      inputs: { 'agent.log': agent('1.16.3', ['kube-proxy-replacement', 'strict'], ['routing-mode', 'tunnel']) },
      findings: [{ messageId: 'invalid', severity: 'error', lines: ['agent.log:1', 'agent.log:3'], includes: ["--kube-proxy-replacement='strict'", 'Use "true" or "false".'] }],
    },
    {
      name: '1.16: remote-node identity can no longer be switched',
      inputs: { 'agent.log': agent('1.16.3', ['enable-remote-node-identity', 'true']) },
      findings: [{ messageId: 'invalid', severity: 'error', lines: ['agent.log:1', 'agent.log:2'], includes: ['Use nothing: remote-node identity is always on.'] }],
    },
    {
      name: '1.13: KPR probe is gone',
      inputs: { 'agent.log': agent('1.13.12', ['kube-proxy-replacement', 'probe']) },
      findings: [{ messageId: 'invalid', severity: 'error', lines: ['agent.log:1', 'agent.log:2'], includes: ['(gone since 1.13)'] }],
    },
    {
      name: '1.12: the old CIDR name set',
      inputs: { 'agent.log': agent('1.12.19', ['native-routing-cidr', '10.244.0.0/16']) },
      findings: [{ messageId: 'invalid', severity: 'error', lines: ['agent.log:1', 'agent.log:2'], includes: ['Use --ipv4-native-routing-cidr.'] }],
    },
    {
      name: 'the release from the status of the same pod when the log has no banner',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system logs cilium-nb7tq | grep -- "--"',
          flag('tunnel', 'geneve'),
          '$ kubectl -n kube-system exec cilium-nb7tq -- cilium-dbg status',
          'KVStore:                 Ok   Disabled',
          'Cilium:                  Ok   1.15.11 (v1.15.11-7e3bd4a2)',
        ),
      },
      findings: [{ messageId: 'invalid', severity: 'error', lines: ['paste.txt:2', 'paste.txt:5'], includes: ["--tunnel='geneve'", 'Cilium 1.15.11'] }],
    },
  ],
});
