import { rule } from '../../src/rules/catalog/policy-drop.js';
import { nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.14+ drop summary line (D4). */
const drop = (reason: string, endpoint: number, identities: string, summary: string) =>
  `xx drop (${reason}) flow 0x5c6d7e8f to endpoint ${endpoint}, ifindex 31, file bpf_lxc.c:2011, , identity ${identities}: ${summary}`;
/** A 1.14+ policy verdict (P3). */
const verdict = (endpoint: number, remote: string, proto: number, direction: string, action: string, summary: string) =>
  `Policy verdict log: flow 0x0 local EP ID ${endpoint}, remote ID ${remote}, proto ${proto}, ${direction}, action ${action}, auth: disabled, match none, ${summary}`;

/** What a drop's decision says when no verdict of its flow was printed. */
const NO_VERDICT = '(no policy verdict printed: `cilium monitor -t policy-verdict` shows the match type)';

const APP_DENIED = drop('Policy denied', 1450, '38211->52114', '10.16.2.40:51022 -> 10.16.2.77:8443 tcp SYN');

ruleTester(rule, {
  valid: [
    {
      name: 'allowed verdicts and forwarded traffic',
      inputs: {
        'monitor.txt': lines(
          verdict(1450, '38211', 6, 'ingress', 'allow', '10.16.2.40:51022 -> 10.16.2.77:8443 tcp SYN'),
          '-> endpoint 1450 flow 0x1a2b3c4d , identity 38211->52114 state new ifindex lxc9a8b7c6d5e4f orig-ip 10.16.2.40: 10.16.2.40:51022 -> 10.16.2.77:8443 tcp SYN',
          verdict(1893, '19247', 17, 'egress', 'redirect', '10.217.0.131:50733 -> 10.217.0.82:53 udp'),
        ),
      },
    },
    { name: 'drops of other reasons', inputs: { 'monitor.txt': lines(drop('Stale or unroutable IP', 0, '41002->world', '10.16.2.61:44310 -> 10.16.7.3:8080 tcp SYN')) } },
  ],
  invalid: [
    {
      name: 'drops of one flow: one finding, capped evidence',
      inputs: { 'monitor.txt': lines(...Array.from({ length: 4 }, () => APP_DENIED)) },
      findings: [
        {
          messageId: 'dropped',
          severity: 'info',
          lines: ['monitor.txt:1', 'monitor.txt:2', 'monitor.txt:3'],
          message:
            '4 packets dropped (Policy denied) in monitor.txt: identity 38211 -> 52114 tcp/8443 at endpoint 1450. Decided by: no rule ' +
            `allows it on ingress of endpoint 1450 ${NO_VERDICT}. Expected the policy to allow the flow if it is wanted; check which ` +
            'rule selects endpoint 1450 and whether it allows this peer identity and port: `cilium policy get`, `cilium bpf policy get 1450`, ' +
            '`cilium identity get 38211`.',
        },
      ],
    },
    {
      name: 'drops printed by the monitor and by hubble count once and cite both; a hubble drop of another port stays apart',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system exec cilium-r2d7w -- cilium-dbg monitor -t drop',
          drop('Policy denied', 733, '28871->41002', '10.61.0.14:47310 -> 10.61.2.9:6379 tcp SYN'),
          drop('Policy denied', 733, '28871->41002', '10.61.0.14:47316 -> 10.61.2.9:6379 tcp SYN'),
          '$ hubble observe --to-port 6379 --verdict DROPPED',
          'Nov 21 16:05:44.902: 10.61.0.14:47310 (ID:28871) <> 10.61.2.9:6379 (ID:41002) Policy denied DROPPED (TCP Flags: SYN)',
          'Nov 21 16:05:45.917: 10.61.0.14:47316 (ID:28871) <> 10.61.2.9:6379 (ID:41002) Policy denied DROPPED (TCP Flags: SYN)',
          'Nov 21 16:05:46.020: 10.61.0.14:47322 (ID:28871) <> 10.61.2.9:6380 (ID:41002) Policy denied DROPPED (TCP Flags: SYN)',
        ),
      },
      findings: [
        { messageId: 'dropped', severity: 'info', lines: ['paste.txt:2', 'paste.txt:3', 'paste.txt:5'], includes: ['2 packets dropped (Policy denied) on cilium-r2d7w', 'tcp/6379 at endpoint 733'] },
        { messageId: 'dropped', severity: 'info', lines: ['paste.txt:7'], includes: ['1 packet dropped (Policy denied) in paste.txt', 'tcp/6380'] },
      ],
    },
    {
      name: 'health probes denied are a warning (port 4240 and the health identity)',
      inputs: { 'monitor.txt': lines(drop('Policy denied', 388, 'remote-node->health', '192.168.4.12:48810 -> 10.16.2.9:4240 tcp SYN')) },
      findings: [{ messageId: 'dropped', severity: 'warning', lines: ['monitor.txt:1'], includes: ['identity remote-node -> health tcp/4240 at endpoint 388'] }],
    },
    {
      name: 'an ICMP probe to the health endpoint: a warning by the identity alone',
      inputs: { 'monitor.txt': lines(drop('Policy denied', 388, 'remote-node->health', '192.168.4.12 -> 10.16.2.9 EchoRequest')) },
      findings: [{ messageId: 'dropped', severity: 'warning', lines: ['monitor.txt:1'], includes: ['identity remote-node -> health icmp at endpoint 388'] }],
    },
    {
      name: 'the health endpoint denied on egress: a warning by the source identity',
      inputs: { 'monitor.txt': lines(drop('Policy denied', 0, 'health->remote-node', '10.16.2.9 -> 192.168.4.12 EchoReply')) },
      findings: [{ messageId: 'dropped', severity: 'warning', lines: ['monitor.txt:1'], includes: [
            `identity health -> remote-node icmp. Decided by: no rule allows it on egress of the sending endpoint ${NO_VERDICT}. Expected`,
            'selects endpoints and whether it allows this peer identity and port: `cilium policy get`.',
          ],
        },
      ],
    },
    {
      name: 'DNS denied is a warning by the port',
      inputs: { 'monitor.txt': lines(drop('Policy denied', 0, '41002->20311', '10.16.2.61:33012 -> 10.16.0.10:53 udp')) },
      findings: [{ messageId: 'dropped', severity: 'warning', lines: ['monitor.txt:1'], includes: ['identity 41002 -> 20311 udp/53.'] }],
    },
    {
      name: '1.9 numeric identities: 4 is the health identity',
      inputs: { 'monitor.txt': lines('xx drop (Policy denied) flow 0x0 to endpoint 388, identity 6->4: 192.168.4.12 -> 10.16.2.9 EchoRequest') },
      findings: [{ messageId: 'dropped', severity: 'warning', lines: ['monitor.txt:1'], includes: ['identity 6 -> 4 icmp'] }],
    },
    {
      name: 'a -j drop without packet summary names the identities only',
      inputs: {
        'monitor.json': lines('{"cpu":"CPU 01:","type":"drop","mark":"0x0","reason":"Policy denied","source":1450,"bytes":74,"srcLabel":38211,"dstLabel":52114,"dstID":1450,"Line":2011,"File":2,"ExtError":0,"Ifindex":31}'),
      },
      findings: [{ messageId: 'dropped', severity: 'info', lines: ['monitor.json:1'], includes: ['in monitor.json: identity 38211 -> 52114 at endpoint 1450. Decided by: no rule allows it on ingress of endpoint 1450 ('] }],
    },
    {
      name: 'identities named with the labels an identity list gives, policy labels left out, at most three',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system exec cilium-k3m9p -c cilium-agent -- cilium identity list',
          'ID      LABELS',
          '38211   k8s:app=checkout',
          '        k8s:io.cilium.k8s.policy.cluster=default',
          '        k8s:io.cilium.k8s.policy.serviceaccount=checkout',
          '        k8s:io.kubernetes.pod.namespace=shop',
          '        k8s:tier=backend',
          '        k8s:version=v2',
          '52114   k8s:app=payments',
          '        k8s:io.kubernetes.pod.namespace=shop',
          '$ kubectl -n kube-system exec cilium-k3m9p -c cilium-agent -- cilium monitor -t drop',
          APP_DENIED,
        ),
      },
      findings: [
        {
          messageId: 'dropped',
          severity: 'info',
          lines: ['paste.txt:12'],
          includes: [
            '1 packet dropped (Policy denied) on cilium-k3m9p: identity 38211 (k8s:app=checkout, k8s:io.kubernetes.pod.namespace=shop, ' +
              'k8s:tier=backend, …) -> 52114 (k8s:app=payments, k8s:io.kubernetes.pod.namespace=shop) tcp/8443 at endpoint 1450.',
          ],
        },
      ],
    },
    {
      name: 'deny-list drops are their own reason',
      inputs: { 'monitor.txt': lines(APP_DENIED, drop('Policy denied by denylist', 1450, '38211->52114', '10.16.2.40:51030 -> 10.16.2.77:8443 tcp SYN')) },
      findings: [
        { messageId: 'dropped', severity: 'info', lines: ['monitor.txt:1'], includes: ['1 packet dropped (Policy denied) in'] },
        {
          messageId: 'dropped',
          severity: 'info',
          lines: ['monitor.txt:2'],
          includes: ['1 packet dropped (Policy denied by denylist) in monitor.txt: identity 38211 -> 52114 tcp/8443 at endpoint 1450. Decided by: a deny rule matched the flow. Expected'],
        },
      ],
    },
    {
      name: 'a deny verdict of a dropped flow is covered by the drop; one without a drop is reported',
      inputs: {
        'monitor.txt': lines(
          APP_DENIED,
          verdict(1450, '38211', 6, 'ingress', 'deny', '10.16.2.40:51022 -> 10.16.2.77:8443 tcp SYN'),
          verdict(1450, '38211', 6, 'ingress', 'deny', '10.16.2.40:51044 -> 10.16.2.77:9090 tcp SYN'),
        ),
      },
      findings: [
        {
          messageId: 'dropped',
          severity: 'info',
          lines: ['monitor.txt:1'],
          includes: ['Decided by: no rule allows it on ingress of endpoint 1450: default deny (verdict match none). Expected'],
        },
        {
          messageId: 'denied',
          severity: 'info',
          lines: ['monitor.txt:3'],
          message:
            '1 policy verdict with action deny in monitor.txt: identity 38211 -> ? tcp/9090 (local endpoint 1450), ingress, verdict match none. ' +
            'Check which rule selects the local endpoint and whether it allows this peer identity and port: `cilium policy get`, ' +
            '`cilium bpf policy get 1450`, `cilium identity get 38211`.',
        },
      ],
    },
    {
      name: 'an egress deny verdict names the local endpoint as source; DNS makes it a warning',
      inputs: { 'monitor.txt': lines(verdict(902, 'world', 17, 'egress', 'deny', '10.16.2.51:40022 -> 8.8.8.8:53 udp'), verdict(902, 'world', 17, 'egress', 'deny', '10.16.2.51:40024 -> 8.8.8.8:53 udp')) },
      findings: [{ messageId: 'denied', severity: 'warning', lines: ['monitor.txt:1', 'monitor.txt:2'], includes: [
            '2 policy verdicts with action deny in monitor.txt: identity ? -> world udp/53 (local endpoint 902), egress, verdict match none. Check',
            'port: `cilium policy get`, `cilium bpf policy get 902`.',
          ],
        },
      ],
    },
    {
      name: 'a deny verdict of another peer on the same port is not covered',
      inputs: { 'monitor.txt': lines(APP_DENIED, verdict(1450, '40001', 6, 'ingress', 'deny', '10.16.2.90:40800 -> 10.16.2.77:8443 tcp SYN')) },
      findings: [
        { messageId: 'dropped', severity: 'info', lines: ['monitor.txt:1'] },
        { messageId: 'denied', severity: 'info', lines: ['monitor.txt:2'], includes: ['identity 40001 -> ? tcp/8443 (local endpoint 1450)'] },
      ],
    },
    {
      name: 'egress: a deny verdict towards another peer on the same port is not covered',
      inputs: {
        'monitor.txt': lines(
          drop('Policy denied', 0, '41002->world', '10.16.2.61:40022 -> 1.1.1.1:53 udp'),
          verdict(2207, '16777217', 17, 'egress', 'deny', '10.16.2.61:40026 -> 10.0.0.53:53 udp'),
        ),
      },
      findings: [
        { messageId: 'dropped', severity: 'warning', lines: ['monitor.txt:1'] },
        { messageId: 'denied', severity: 'warning', lines: ['monitor.txt:2'], includes: ['identity ? -> 16777217 udp/53'] },
      ],
    },
    {
      name: 'egress: a drop to world on udp/53 covers its verdict; the tcp/53 verdict is another flow',
      inputs: {
        'monitor.txt': lines(
          drop('Policy denied', 0, '41002->world', '10.16.2.61:40022 -> 1.1.1.1:53 udp'),
          verdict(2207, 'world', 17, 'egress', 'deny', '10.16.2.61:40022 -> 1.1.1.1:53 udp'),
          verdict(2207, 'world', 6, 'egress', 'deny', '10.16.2.61:40030 -> 1.1.1.1:53 tcp SYN'),
        ),
      },
      findings: [
        { messageId: 'dropped', severity: 'warning', lines: ['monitor.txt:1'], includes: ['identity 41002 -> world udp/53.'] },
        { messageId: 'denied', severity: 'warning', lines: ['monitor.txt:3'], includes: ['identity ? -> world tcp/53 (local endpoint 2207)'] },
      ],
    },
    {
      name: 'a verdict of another agent is not covered by this agent\'s drop',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system logs cilium-pd7s1 | head -1',
          nodeName('web-3'),
          '$ kubectl -n kube-system exec cilium-pd7s1 -- cilium-dbg monitor --type drop',
          APP_DENIED,
          '$ kubectl -n kube-system exec cilium-pd8t2 -- cilium-dbg monitor --type policy-verdict',
          verdict(1450, '38211', 6, 'ingress', 'deny', '10.16.2.40:51022 -> 10.16.2.77:8443 tcp SYN'),
        ),
      },
      findings: [
        { messageId: 'dropped', severity: 'info', lines: ['paste.txt:4'], node: 'web-3', includes: ['on cilium-pd7s1'] },
        { messageId: 'denied', severity: 'info', lines: ['paste.txt:6'], node: null, includes: ['on cilium-pd8t2'] },
      ],
    },
  ],
});
