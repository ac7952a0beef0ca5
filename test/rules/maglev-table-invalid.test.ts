import { rule } from '../../src/rules/catalog/maglev-table-invalid.js';
import { banner, flagDump, daemonLine, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.15.4 agent on node `gw-7` with BPF NodePort (KPR true) and the given flags from line 3. */
const agentLog = (flags: Record<string, string>, ...more: string[]) =>
  lines(banner('1.15.4'), ...flagDump({ 'kube-proxy-replacement': 'true', ...flags }), nodeName('gw-7'), ...more);

ruleTester(rule, {
  valid: [
    { name: 'Maglev with the default size', inputs: { 'a.log': agentLog({ 'bpf-lb-algorithm': 'maglev', 'bpf-lb-maglev-table-size': '16381' }) } },
    { name: 'Maglev with the smallest listed prime', inputs: { 'a.log': agentLog({ 'bpf-lb-algorithm': 'maglev', 'bpf-lb-maglev-table-size': '251' }) } },
    { name: 'Maglev with the largest listed prime', inputs: { 'a.log': agentLog({ 'bpf-lb-algorithm': 'maglev', 'bpf-lb-maglev-table-size': '131071' }) } },
    { name: 'random selection ignores the table size', inputs: { 'a.log': agentLog({ 'bpf-lb-algorithm': 'random', 'bpf-lb-maglev-table-size': '20000' }) } },
    {
      name: 'BPF NodePort off: the load balancer is not validated',
      inputs: { 'a.log': agentLog({ 'kube-proxy-replacement': 'false', 'enable-node-port': 'false', 'bpf-lb-algorithm': 'maglev', 'bpf-lb-maglev-table-size': '1000' }) },
    },
  ],
  invalid: [
    {
      name: 'a prime that is not listed',
      inputs: { 'a.log': agentLog({ 'bpf-lb-algorithm': 'maglev', 'bpf-lb-maglev-table-size': '65537' }) },
      findings: [{ messageId: 'configured', severity: 'error', lines: ['a.log:3', 'a.log:4'], node: 'gw-7', includes: ['it is 65537'] }],
    },
    {
      name: 'a round number',
      inputs: { 'a.log': agentLog({ 'bpf-lb-algorithm': 'Maglev', 'bpf-lb-maglev-table-size': '32768' }) },
      findings: [{ messageId: 'configured', severity: 'error', lines: ['a.log:3', 'a.log:4'] }],
    },
    {
      name: 'the fatal line with the configuration',
      inputs: {
        'a.log': agentLog(
          { 'bpf-lb-algorithm': 'maglev', 'bpf-lb-maglev-table-size': '4096' },
          'level=error msg="unable to initialize kube-proxy replacement options" error="Invalid value for --bpf-lb-maglev-table-size: 4096, supported values are: [251 509 1021 2039 4093 8191 16381 32749 65521 131071]" subsys=daemon',
        ),
      },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['a.log:3', 'a.log:4', 'a.log:6'], includes: ['4096, supported values'] }],
    },
    {
      name: 'the fatal line alone',
      inputs: { 'a.log': lines(daemonLine('fatal', 'Invalid value for --bpf-lb-maglev-table-size: 70000, supported values are: [251 509 1021 2039 4093 8191 16381 32749 65521 131071]')) },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['a.log:1'] }],
    },
  ],
});
