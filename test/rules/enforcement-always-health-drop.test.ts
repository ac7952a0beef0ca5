import { rule } from '../../src/rules/catalog/enforcement-always-health-drop.js';
import { flag, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const HEALTH_PROBE = (port: number) =>
  `xx drop (Policy denied) flow 0x0 to endpoint 388, ifindex 12, file bpf_lxc.c:2011, , identity remote-node->health: 192.168.4.12:${port} -> 10.16.2.9:4240 tcp SYN`;
const KUBELET_PROBE = 'xx drop (Policy denied) flow 0x0 to endpoint 1450, ifindex 31, file bpf_lxc.c:2011, , identity host->52114: 10.16.2.1:36100 -> 10.16.2.77:8080 tcp SYN';
const APP = 'xx drop (Policy denied) flow 0x1a2b3c4d to endpoint 1450, ifindex 31, file bpf_lxc.c:2011, , identity 38211->52114: 10.16.2.40:51022 -> 10.16.2.77:8443 tcp SYN';
const MONITOR = ['Listening for events on 2 CPUs with 64x4096 of shared memory', 'Press Ctrl-C to quit'];

/** Flags and monitor output of one agent in one file (no pod named). */
const agent = (enforcement: string | null, ...events: string[]) =>
  lines(...(enforcement === null ? [] : [flag('enable-policy', enforcement)]), flag('enable-ipv4', 'true'), ...MONITOR, ...events);

ruleTester(rule, {
  valid: [
    { name: 'default enforcement', inputs: { 'monitor.txt': agent('default', HEALTH_PROBE(48810), KUBELET_PROBE) } },
    { name: 'enforcement never', inputs: { 'monitor.txt': agent('never', HEALTH_PROBE(48810)) } },
    { name: 'enforcement mode unknown', inputs: { 'monitor.txt': agent(null, HEALTH_PROBE(48810), KUBELET_PROBE) } },
    { name: 'always, but only application traffic denied', inputs: { 'monitor.txt': agent('always', APP) } },
    {
      name: 'always, health traffic allowed by a policy',
      inputs: {
        'monitor.txt': agent(
          'always',
          'Policy verdict log: flow 0x0 local EP ID 388, remote ID remote-node, proto 6, ingress, action allow, auth: disabled, match L3-L4, 192.168.4.12:48810 -> 10.16.2.9:4240 tcp SYN',
        ),
      },
    },
    {
      name: 'always, host traffic dropped for another reason',
      inputs: { 'monitor.txt': agent('always', 'xx drop (Stale or unroutable IP) flow 0x0 to endpoint 0, ifindex 12, file bpf_host.c:1402, , identity host->world: 10.16.2.1:36100 -> 10.16.7.3:8080 tcp SYN') },
    },
    {
      name: 'an unattributed capture when agents disagree on the mode',
      inputs: {
        'pods.log': lines('[pod/cilium-ea01/cilium-agent] ' + flag('enable-policy', 'always'), '[pod/cilium-ea02/cilium-agent] ' + flag('enable-policy', 'default')),
        'monitor.txt': lines(...MONITOR, HEALTH_PROBE(48810)),
      },
    },
    {
      name: 'flags say always, the running agent prints default',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system logs cilium-ea06',
          flag('enable-policy', 'always'),
          '$ kubectl -n kube-system exec cilium-ea06 -- cilium config',
          'PolicyEnforcement                 : default',
          '$ kubectl -n kube-system exec cilium-ea06 -- cilium monitor --type drop',
          HEALTH_PROBE(50114),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'always: health and host drops, each citing the flag',
      inputs: { 'monitor.txt': agent('always', HEALTH_PROBE(48810), HEALTH_PROBE(48812), KUBELET_PROBE, APP) },
      findings: [
        {
          messageId: 'dropped',
          severity: 'warning',
          lines: ['monitor.txt:1', 'monitor.txt:5', 'monitor.txt:6'],
          includes: ['enable-policy=always and 2 policy drops of host/health traffic in monitor.txt: identity remote-node -> health. Expected'],
        },
        { messageId: 'dropped', severity: 'warning', lines: ['monitor.txt:1', 'monitor.txt:7'], includes: ['enable-policy=always and 1 policy drop of host/health traffic in monitor.txt: identity host -> 52114.'] },
      ],
    },
    {
      name: 'deny verdicts of health traffic count too',
      inputs: {
        'monitor.txt': agent(
          'always',
          'Policy verdict log: flow 0x0 local EP ID 388, remote ID remote-node, proto 6, ingress, action deny, auth: disabled, match none, 192.168.4.12:48810 -> 10.16.2.9:4240 tcp SYN',
          'Policy verdict log: flow 0x0 local EP ID 388, remote ID health, proto 1, egress, action deny, auth: disabled, match none, 10.16.2.9 -> 192.168.4.12 EchoReply',
        ),
      },
      findings: [{ messageId: 'dropped', severity: 'warning', lines: ['monitor.txt:1', 'monitor.txt:6'], includes: ['1 deny verdict of host/health traffic', 'identity ? -> health.'] }],
    },
    {
      name: 'a capture of no named agent inherits always when every agent says so',
      inputs: {
        'pods.log': lines(
          '[pod/cilium-ea01/cilium-agent] ' + flag('enable-policy', 'always'),
          '[pod/cilium-ea01/cilium-agent] ' + nodeName('edge-a'),
          '[pod/cilium-ea02/cilium-agent] ' + flag('enable-policy', 'always'),
        ),
        'monitor.txt': lines(...MONITOR, HEALTH_PROBE(48810)),
      },
      findings: [{ messageId: 'dropped', severity: 'warning', lines: ['monitor.txt:3', 'pods.log:1'], node: null, includes: ['enable-policy=always (configured for cilium-ea01) and 1 policy drop'] }],
    },
    {
      name: 'per pod: the agent configured always, on its node',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system logs cilium-ea03',
          flag('enable-policy', 'always'),
          nodeName('edge-c'),
          '$ kubectl -n kube-system exec cilium-ea03 -- cilium-dbg monitor --type drop',
          ...MONITOR,
          KUBELET_PROBE,
          '$ kubectl -n kube-system logs cilium-ea04',
          flag('enable-policy', 'default'),
          '$ kubectl -n kube-system exec cilium-ea04 -- cilium-dbg monitor --type drop',
          KUBELET_PROBE,
        ),
      },
      findings: [{ messageId: 'dropped', severity: 'warning', lines: ['paste.txt:2', 'paste.txt:7'], node: 'edge-c', includes: ['enable-policy=always and 1 policy drop of host/health traffic on cilium-ea03'] }],
    },
    {
      name: 'the running agent set to always at runtime (`cilium config PolicyEnforcement=always`) though its flags say default',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system logs cilium-ea05',
          flag('enable-policy', 'default'),
          '$ kubectl -n kube-system exec cilium-ea05 -- cilium-dbg config',
          '##### Read-write configurations #####',
          'Debug                             : Disabled',
          'PolicyEnforcement                 : always',
          '$ kubectl -n kube-system exec cilium-ea05 -- cilium-dbg monitor --type drop',
          HEALTH_PROBE(50112),
        ),
      },
      findings: [{ messageId: 'dropped', severity: 'warning', lines: ['paste.txt:6', 'paste.txt:8'], includes: ['enable-policy=always and 1 policy drop of host/health traffic on cilium-ea05'] }],
    },
  ],
});
