import { rule } from '../../src/rules/catalog/ipsec-with-bpf-nodeport.js';
import { banner, flagDump, daemonLine, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** An agent of `version` (no banner when null) on node `sec-2`; flags from line 2 (1 without banner). */
const agentLog = (version: string | null, flags: Record<string, string>, ...more: string[]) =>
  lines(...(version ? [banner(version)] : []), ...flagDump(flags), nodeName('sec-2'), ...more);

const ipsec = { 'enable-ipsec': 'true' };

ruleTester(rule, {
  valid: [
    { name: '1.16 supports IPsec with BPF NodePort', inputs: { 'a.log': agentLog('1.16.2', { ...ipsec, 'kube-proxy-replacement': 'true' }) } },
    { name: 'KPR false without NodePort', inputs: { 'a.log': agentLog('1.15.4', { ...ipsec, 'kube-proxy-replacement': 'false', 'enable-node-port': 'false' }) } },
    { name: 'KPR disabled', inputs: { 'a.log': agentLog('1.12.8', { ...ipsec, 'kube-proxy-replacement': 'disabled' }) } },
    { name: 'IPsec off', inputs: { 'a.log': agentLog('1.14.3', { 'enable-ipsec': 'false', 'kube-proxy-replacement': 'true' }) } },
  ],
  invalid: [
    {
      name: '1.15: KPR true with IPsec is fatal',
      inputs: { 'a.log': agentLog('1.15.4', { ...ipsec, 'kube-proxy-replacement': 'true' }) },
      findings: [{ messageId: 'fatal', severity: 'error', lines: ['a.log:1', 'a.log:2', 'a.log:3'], node: 'sec-2', includes: ['kube-proxy-replacement=true', '1.15.4 refuses'] }],
    },
    {
      name: '1.13: partial with enable-node-port',
      inputs: { 'a.log': agentLog('1.13.6', { ...ipsec, 'kube-proxy-replacement': 'partial', 'enable-node-port': 'true' }) },
      findings: [{ messageId: 'fatal', severity: 'error', lines: ['a.log:1', 'a.log:2', 'a.log:3', 'a.log:4'] }],
    },
    {
      name: '1.9 is the first release of the range',
      inputs: { 'a.log': agentLog('1.9.14', { ...ipsec, 'kube-proxy-replacement': 'partial', 'enable-node-port': 'true' }) },
      findings: [{ messageId: 'fatal', severity: 'error', lines: ['a.log:1', 'a.log:2', 'a.log:3', 'a.log:4'] }],
    },
    {
      name: '1.12: strict is fatal',
      inputs: { 'a.log': agentLog('1.12.8', { ...ipsec, 'kube-proxy-replacement': 'strict' }) },
      findings: [{ messageId: 'fatal', severity: 'error', lines: ['a.log:1', 'a.log:2', 'a.log:3'] }],
    },
    {
      name: '1.12: probe disables NodePort instead (warning)',
      inputs: { 'a.log': agentLog('1.12.8', { ...ipsec, 'kube-proxy-replacement': 'probe' }) },
      findings: [{ messageId: 'probe', severity: 'warning', lines: ['a.log:1', 'a.log:2', 'a.log:3'] }],
    },
    {
      name: 'unknown release: info naming both outcomes',
      inputs: { 'a.log': agentLog(null, { ...ipsec, 'kube-proxy-replacement': 'true' }) },
      findings: [{ messageId: 'unknownRelease', severity: 'info', lines: ['a.log:1', 'a.log:2'] }],
    },
    {
      name: 'the fatal start-up error in the log',
      inputs: {
        'a.log': agentLog('1.14.7', { ...ipsec }, 'level=fatal msg="Unable to initialize kube-proxy replacement options" error="IPSec cannot be used with BPF NodePort" subsys=daemon'),
      },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['a.log:4'] }],
    },
    {
      name: 'the probe warning in the log',
      inputs: { 'a.log': agentLog('1.11.9', { ...ipsec }, daemonLine('warning', 'IPSec cannot be used with BPF NodePort. Disabling BPF NodePort feature.')) },
      findings: [{ messageId: 'loggedProbe', severity: 'warning', lines: ['a.log:4'] }],
    },
  ],
});
