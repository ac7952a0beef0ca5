import { rule as ctTableFull } from '../../src/rules/catalog/ct-table-full.js';
import { rule } from '../../src/rules/catalog/datapath-drops.js';
import { rule as missedTailCall } from '../../src/rules/catalog/missed-tail-call.js';
import { rule as natTableFull } from '../../src/rules/catalog/nat-table-full.js';
import { rule as policyDrop } from '../../src/rules/catalog/policy-drop.js';
import type { Rule } from '../../src/rules/index.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const drop = (reason: string, summary = '10.16.2.61:39818 -> 203.0.113.9:443 tcp SYN') =>
  `xx drop (${reason}) flow 0x0 to endpoint 0, ifindex 2, file bpf_host.c:1190, , identity 41002->world: ${summary}`;
const times = (n: number, line: string) => Array.from({ length: n }, () => line);

/** A stand-in for a specific rule that explains the monitor lines of one input line number. */
function explainsLine(line: number): Rule {
  return {
    meta: { name: 'explains-line', severity: 'info', title: 'Explained', meaning: 'Test stand-in.', checkNext: '-', reads: ['M'], messages: { explained: 'explained' } },
    check: ({ state }) =>
      state.monitor.groups.flatMap((g) => g.evidence.filter((e) => e.line === line).map((e) => ({ messageId: 'explained', node: null, evidence: [{ source: e.source, line: e.line }] }))),
  };
}

const SPECIFIC = [ctTableFull, missedTailCall, natTableFull, policyDrop];

ruleTester(rule, {
  before: SPECIFIC,
  valid: [
    {
      name: 'policy, tail-call, conntrack and NAT drops are left to their rules, also beyond the lines those cite',
      inputs: {
        'monitor.txt': lines(
          ...times(5, drop('Policy denied')),
          drop('Policy denied by denylist'),
          drop('Missed tail call'),
          drop('CT: Map insertion failed'),
          drop('No mapping for NAT masquerade', '198.51.100.7:443 -> 192.168.4.10:61022 tcp SYN, ACK'),
        ),
      },
    },
    { name: 'no drops', inputs: { 'monitor.txt': lines('-> stack flow 0x2b3c4d5e , identity 52114->host state reply ifindex 0 orig-ip 0.0.0.0: 10.16.2.77:8443 -> 10.16.2.1:51022 tcp SYN, ACK') } },
  ],
  invalid: [
    {
      name: 'related reasons form one finding per group, titled and rated by the group',
      inputs: {
        'monitor.txt': lines(
          drop('FIB lookup failed, 4'),
          drop('Service backend not found', '10.16.2.61:44320 -> 10.96.31.4:80 tcp SYN'),
          drop('Stale or unroutable IP', '10.16.2.61:44310 -> 10.16.7.3:8080 tcp SYN'),
          drop('Unsupported L3 protocol', 'fe80::b0a1:3cff:fe22:9d10 -> ff02::2 RouterSolicitation'),
          drop('Policy denied'),
        ),
      },
      findings: [
        {
          messageId: 'drops',
          severity: 'warning',
          lines: ['monitor.txt:1', 'monitor.txt:3'],
          title: 'Datapath drops: routing / forwarding drops',
          includes: ['2 packets dropped in monitor.txt: "Stale or unroutable IP" (151) ×1, "FIB lookup failed" (169) ×1. The datapath could not find', 'Check next: `ip route`'],
        },
        { messageId: 'drops', severity: 'warning', lines: ['monitor.txt:2'], title: 'Datapath drops: service load-balancing drops', includes: ['"Service backend not found" (158) ×1'] },
        { messageId: 'drops', severity: 'info', lines: ['monitor.txt:4'], title: 'Datapath drops: unsupported protocols' },
      ],
    },
    {
      name: 'at most three lines per reason and six per finding (reasons in code order)',
      inputs: {
        'monitor.txt': lines(...times(4, drop('FIB lookup failed')), ...times(4, drop('Stale or unroutable IP')), ...times(4, drop('Unknown L3 target address'))),
      },
      findings: [
        {
          messageId: 'drops',
          severity: 'warning',
          lines: ['monitor.txt:5', 'monitor.txt:6', 'monitor.txt:7', 'monitor.txt:9', 'monitor.txt:10', 'monitor.txt:11'],
          includes: ['12 packets dropped in monitor.txt: "Unknown L3 target address" (150) ×4, "Stale or unroutable IP" (151) ×4, "FIB lookup failed" (169) ×4.'],
        },
      ],
    },
    {
      name: 'reasons the CLI did not know: an unknown code and a reason without code',
      inputs: { 'monitor.txt': lines(drop('250, 0'), drop('Some future reason')) },
      findings: [{ messageId: 'drops', severity: 'warning', lines: ['monitor.txt:1', 'monitor.txt:2'], title: 'Datapath drops: unknown drop reasons', includes: ['"Some future reason" ×1, "250" (250) ×1.'] }],
    },
    {
      name: 'one finding per agent',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system exec cilium-dd1a -- cilium-dbg monitor --type drop',
          drop('FIB lookup failed'),
          '$ kubectl -n kube-system exec cilium-dd2b -- cilium-dbg monitor --type drop',
          drop('FIB lookup failed'),
        ),
      },
      findings: [
        { messageId: 'drops', severity: 'warning', lines: ['paste.txt:2'], includes: ['1 packet dropped on cilium-dd1a:'] },
        { messageId: 'drops', severity: 'warning', lines: ['paste.txt:4'], includes: ['1 packet dropped on cilium-dd2b:'] },
      ],
    },
  ],
});

// Lines another finding already cites are not repeated, even for reasons no rule declares.
ruleTester(rule, {
  before: [...SPECIFIC, explainsLine(2)],
  valid: [{ name: 'every line of the reason explained elsewhere', inputs: { 'monitor.txt': lines('Press Ctrl-C to quit', drop('FIB lookup failed')) } }],
  invalid: [
    {
      name: 'the lines left unexplained are cited',
      inputs: { 'monitor.txt': lines('Press Ctrl-C to quit', drop('FIB lookup failed'), drop('FIB lookup failed')) },
      findings: [{ messageId: 'drops', severity: 'warning', lines: ['monitor.txt:3'] }],
    },
  ],
});
