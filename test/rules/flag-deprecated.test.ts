import { rule } from '../../src/rules/catalog/flag-deprecated.js';
import { banner, flag, nodeName, prefixed } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A flag dump of release `version` (banner last, as agents print it after the dump). */
const agent = (version: string, ...flags: [string, string][]) => lines(...flags.map(([n, v]) => flag(n, v)), banner(version));

ruleTester(rule, {
  valid: [
    { name: '1.13: tunnel and KPR strict are not deprecated yet', inputs: { 'agent.log': agent('1.13.12', ['kube-proxy-replacement', 'strict'], ['tunnel', 'vxlan']) } },
    { name: 'the masquerade flag at its default is dump noise', inputs: { 'agent.log': agent('1.14.9', ['masquerade', 'true']) } },
    { name: 'an unset deprecated flag is dump noise', inputs: { 'agent.log': agent('1.14.9', ['tunnel', '']) } },
    { name: 'without a known release nothing is judged', inputs: { 'agent.log': lines(flag('tunnel', 'vxlan'), flag('kube-proxy-replacement', 'strict')) } },
    { name: '1.15: tunnel is gone, which is not deprecated but invalid', inputs: { 'agent.log': agent('1.15.11', ['tunnel', 'vxlan']) } },
    { name: '1.16: KPR strict is gone (invalid, not deprecated)', inputs: { 'agent.log': agent('1.16.3', ['kube-proxy-replacement', 'strict']) } },
    { name: '1.18: enable-node-port at its default', inputs: { 'agent.log': agent('1.18.2', ['enable-node-port', 'false']) } },
    { name: 'a 2.0 agent is not judged by the 1.x tables', inputs: { 'agent.log': agent('2.0.0', ['tunnel', 'vxlan'], ['kube-proxy-replacement', 'strict']) } },
  ],
  invalid: [
    {
      name: '1.14: the tunnel flag and the strict KPR value, each citing its flag and the banner',
      inputs: { 'agent.log': agent('1.14.9', ['kube-proxy-replacement', 'strict'], ['masquerade', 'true'], ['tofqdns-pre-cache', ''], ['tunnel', 'vxlan']) },
      findings: [
        {
          messageId: 'deprecated',
          severity: 'info',
          lines: ['agent.log:1', 'agent.log:5'],
          includes: ["--kube-proxy-replacement='strict' is deprecated since 1.14 (agent runs 1.14.9) and will break on upgrade. Use \"true\" or \"false\"."],
        },
        {
          messageId: 'deprecated',
          severity: 'info',
          lines: ['agent.log:4', 'agent.log:5'],
          includes: ["--tunnel='vxlan' is deprecated since 1.14 (agent runs 1.14.9) and will break on upgrade. Use --routing-mode and --tunnel-protocol."],
        },
      ],
    },
    {
      name: '1.15: a value deprecated but not yet removed',
      inputs: { 'agent.log': agent('1.15.11', ['kube-proxy-replacement', 'partial'], ['tunnel-protocol', 'geneve']) },
      findings: [{ messageId: 'deprecated', severity: 'info', lines: ['agent.log:1', 'agent.log:3'], includes: ["--kube-proxy-replacement='partial'"] }],
    },
    {
      name: '1.11: the old native-routing-cidr name',
      inputs: { 'agent.log': agent('1.11.20', ['native-routing-cidr', '10.244.0.0/16']) },
      findings: [{ messageId: 'deprecated', severity: 'info', lines: ['agent.log:1', 'agent.log:2'], includes: ['Use --ipv4-native-routing-cidr.'] }],
    },
    {
      name: '1.10: masquerade set away from its default',
      inputs: { 'agent.log': agent('1.10.20', ['masquerade', 'false']) },
      findings: [{ messageId: 'deprecated', severity: 'info', lines: ['agent.log:1', 'agent.log:2'], includes: ["--masquerade='false' is deprecated since 1.10"] }],
    },
    {
      name: '1.18: enable-node-port set',
      inputs: { 'agent.log': agent('1.18.2', ['enable-node-port', 'true']) },
      findings: [{ messageId: 'deprecated', severity: 'info', lines: ['agent.log:1', 'agent.log:2'], includes: ['Use --kube-proxy-replacement.'] }],
    },
    {
      name: 'a deprecation without a replacement names none',
      inputs: { 'agent.log': agent('1.16.3', ['enable-runtime-device-detection', 'true']) },
      findings: [
        {
          messageId: 'deprecated',
          severity: 'info',
          lines: ['agent.log:1', 'agent.log:2'],
          message: "--enable-runtime-device-detection='true' is deprecated since 1.16 (agent runs 1.16.3) and will break on upgrade.",
        },
      ],
    },
    {
      name: 'two agents of different releases in one prefixed paste',
      inputs: {
        'pods.log': lines(
          ...prefixed('cilium-old13', flag('tunnel', 'vxlan'), banner('1.13.12'), nodeName('blue-1')),
          ...prefixed('cilium-new14', flag('tunnel', 'vxlan'), banner('1.14.9'), nodeName('green-1')),
        ),
      },
      findings: [{ messageId: 'deprecated', severity: 'info', lines: ['pods.log:4', 'pods.log:5'], node: 'green-1' }],
    },
  ],
});
