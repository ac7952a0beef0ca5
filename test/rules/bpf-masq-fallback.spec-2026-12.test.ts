/** CFG-12 as revised in datapath-model.md 2026-12 (R04, R47): only ≤1.14 falls back; the reason per release. */
import { rule } from '../../src/rules/catalog/bpf-masq-fallback.js';
import { banner, flagDump, daemonLine, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** An agent of `version` (no banner when null) on node `mq-3`: BPF masquerade requested; `more` from line 5 (4 without banner). */
const agentLog = (version: string | null, ...more: string[]) =>
  lines(...(version ? [banner(version)] : []), ...flagDump({ 'enable-bpf-masquerade': 'true', 'enable-ipv4-masquerade': 'true' }), nodeName('mq-3'), ...more);

const hostRoutingLine = daemonLine('info', 'BPF masquerade could not be enabled. Falling back to legacy host routing (--enable-host-legacy-routing="true").');

ruleTester(rule, {
  valid: [
    { name: 'BPF masquerading came up', inputs: { 'a.log': agentLog('1.14.4') } },
    {
      name: 'from 1.15 the conditions are fatal: a fallback line there is not CFG-12',
      inputs: { 'a.log': agentLog('1.15.3', 'level=warning msg="Falling back to iptables-based masquerading." error="BPF masquerade requires NodePort (--enable-node-port=\\"true\\")" subsys=daemon') },
    },
  ],
  invalid: [
    {
      name: '1.12: the reason is in the message',
      inputs: { 'a.log': agentLog('1.12.10', daemonLine('warning', 'BPF masquerade requires NodePort (--enable-node-port="true"). Falling back to iptables-based masquerading.'), hostRoutingLine) },
      findings: [{ messageId: 'fallback', severity: 'warning', lines: ['a.log:5'], node: 'mq-3', includes: ['iptables-based masquerading: BPF masquerade requires NodePort (--enable-node-port="true").'] }],
    },
    {
      name: '1.11: the empty reason of tunnel routing without full socket-LB',
      inputs: { 'a.log': agentLog('1.11.16', daemonLine('warning', ' Falling back to iptables-based masquerading.')) },
      findings: [{ messageId: 'fallback', severity: 'warning', lines: ['a.log:5'], includes: ['no reason printed (1.11–1.12: tunnel routing without full socket-LB)'] }],
    },
    {
      name: '1.14: the reason in error=',
      inputs: {
        'a.log': agentLog('1.14.4', 'level=warning msg="Falling back to iptables-based masquerading." error="BPF masquerade requires socket-LB (--bpf-lb-sock=\\"false\\")" subsys=daemon', hostRoutingLine),
      },
      findings: [{ messageId: 'fallback', severity: 'warning', lines: ['a.log:5'], includes: ['BPF masquerade requires socket-LB (--bpf-lb-sock="false")'] }],
    },
    {
      name: 'an unknown release: the line itself says ≤1.14',
      inputs: { 'a.log': agentLog(null, daemonLine('warning', 'BPF masquerade does not allow to specify devices via --egress-masquerade-interfaces (use --devices instead). Falling back to iptables-based masquerading.')) },
      findings: [{ messageId: 'fallback', severity: 'warning', lines: ['a.log:4'], includes: ['egress-masquerade-interfaces'] }],
    },
  ],
});
