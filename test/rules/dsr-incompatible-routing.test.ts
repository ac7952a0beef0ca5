import { rule } from '../../src/rules/catalog/dsr-incompatible-routing.js';
import { banner, flagDump, daemonLine, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** An agent log of `version` (no banner when null) on node `lb-east-1`: flags from line 2 (1 without banner). */
const agentLog = (version: string | null, flags: Record<string, string>, ...more: string[]) =>
  lines(...(version ? [banner(version)] : []), ...flagDump(flags), nodeName('lb-east-1'), ...more);

const kprTrue = { 'kube-proxy-replacement': 'true' };

ruleTester(rule, {
  valid: [
    { name: 'DSR with opt dispatch in native routing', inputs: { 'a.log': agentLog('1.15.6', { ...kprTrue, 'routing-mode': 'native', 'bpf-lb-mode': 'dsr', 'bpf-lb-dsr-dispatch': 'opt' }) } },
    {
      name: 'DSR with geneve dispatch in geneve tunnelling (1.14)',
      inputs: { 'a.log': agentLog('1.14.12', { ...kprTrue, 'routing-mode': 'tunnel', 'tunnel-protocol': 'geneve', 'bpf-lb-mode': 'dsr', 'bpf-lb-dsr-dispatch': 'geneve' }) },
    },
    {
      name: 'geneve dispatch in native routing with the geneve tunnel protocol',
      inputs: { 'a.log': agentLog('1.16.4', { ...kprTrue, 'routing-mode': 'native', 'tunnel-protocol': 'geneve', 'bpf-lb-mode': 'dsr', 'bpf-lb-dsr-dispatch': 'geneve' }) },
    },
    { name: 'SNAT in vxlan tunnelling', inputs: { 'a.log': agentLog('1.15.6', { ...kprTrue, 'routing-mode': 'tunnel', 'bpf-lb-mode': 'snat' }) } },
    {
      name: 'DSR requested while BPF NodePort is off: never validated',
      inputs: { 'a.log': agentLog('1.15.3', { 'kube-proxy-replacement': 'false', 'enable-node-port': 'false', 'routing-mode': 'tunnel', 'bpf-lb-mode': 'dsr' }) },
    },
    {
      name: 'ipip dispatch under XDP',
      inputs: { 'a.log': agentLog('1.14.3', { ...kprTrue, 'routing-mode': 'native', 'bpf-lb-mode': 'dsr', 'bpf-lb-dsr-dispatch': 'ipip', 'bpf-lb-acceleration': 'native' }) },
    },
  ],
  invalid: [
    {
      name: '1.12: DSR in vxlan tunnelling falls back to SNAT (warning)',
      inputs: { 'a.log': agentLog('1.12.9', { 'kube-proxy-replacement': 'strict', tunnel: 'vxlan', 'bpf-lb-mode': 'dsr' }) },
      findings: [{ messageId: 'snatFallback', severity: 'warning', lines: ['a.log:1', 'a.log:3', 'a.log:4'], includes: ['1.12.9', 'SNAT'] }],
    },
    {
      name: '1.13: any tunnel protocol is fatal',
      inputs: { 'a.log': agentLog('1.13.4', { 'kube-proxy-replacement': 'strict', tunnel: 'geneve', 'bpf-lb-mode': 'dsr', 'bpf-lb-dsr-dispatch': 'opt' }) },
      findings: [{ messageId: 'tunnelFatal', severity: 'error', lines: ['a.log:1', 'a.log:3', 'a.log:4'] }],
    },
    {
      name: '1.14: hybrid in vxlan tunnelling is fatal',
      inputs: { 'a.log': agentLog('1.14.6', { ...kprTrue, 'routing-mode': 'tunnel', 'tunnel-protocol': 'vxlan', 'bpf-lb-mode': 'hybrid' }) },
      findings: [{ messageId: 'vxlanFatal', severity: 'error', lines: ['a.log:1', 'a.log:3', 'a.log:4', 'a.log:5'], includes: ['"hybrid"'] }],
    },
    {
      name: '1.15: geneve tunnelling with opt dispatch is fatal',
      inputs: {
        'a.log': agentLog('1.15.2', { ...kprTrue, 'routing-mode': 'tunnel', 'tunnel-protocol': 'geneve', 'bpf-lb-mode': 'dsr', 'bpf-lb-dsr-dispatch': 'opt' }),
      },
      findings: [{ messageId: 'dispatchFatal', severity: 'error', lines: ['a.log:1', 'a.log:3', 'a.log:4', 'a.log:5', 'a.log:6'] }],
    },
    {
      name: 'geneve dispatch in native routing with the default vxlan protocol',
      inputs: {
        'a.log': agentLog('1.16.1', { ...kprTrue, 'routing-mode': 'native', 'tunnel-protocol': 'vxlan', 'bpf-lb-mode': 'dsr', 'bpf-lb-dsr-dispatch': 'geneve' }),
      },
      findings: [{ messageId: 'geneveDispatch', severity: 'error', lines: ['a.log:4', 'a.log:5', 'a.log:6'] }],
    },
    {
      name: 'ipip dispatch without XDP',
      inputs: {
        'a.log': agentLog('1.14.3', { ...kprTrue, 'routing-mode': 'native', 'bpf-lb-mode': 'dsr', 'bpf-lb-dsr-dispatch': 'ipip', 'bpf-lb-acceleration': 'disabled' }),
      },
      findings: [{ messageId: 'ipipNeedsXdp', severity: 'error', lines: ['a.log:4', 'a.log:5', 'a.log:6'] }],
    },
    {
      name: 'unknown release, vxlan: wrong in every release, a warning naming both outcomes',
      inputs: { 'a.log': agentLog(null, { ...kprTrue, 'routing-mode': 'tunnel', 'bpf-lb-mode': 'dsr' }) },
      findings: [{ messageId: 'unknownRelease', severity: 'warning', lines: ['a.log:2', 'a.log:3'] }],
    },
    {
      name: 'unknown release, geneve with geneve dispatch: valid only from 1.14, so only info',
      inputs: { 'a.log': agentLog(null, { ...kprTrue, 'routing-mode': 'tunnel', 'tunnel-protocol': 'geneve', 'bpf-lb-mode': 'dsr', 'bpf-lb-dsr-dispatch': 'geneve' }) },
      findings: [{ messageId: 'unknownReleaseGeneve', severity: 'info', lines: ['a.log:2', 'a.log:3', 'a.log:4', 'a.log:5'] }],
    },
    {
      name: 'the ≤1.12 warning in the log',
      inputs: { 'a.log': agentLog('1.11.16', { tunnel: 'vxlan' }, daemonLine('warning', 'Disabling NodePort\'s "hybrid" mode feature due to tunneling mode being enabled')) },
      findings: [{ messageId: 'logged', severity: 'warning', lines: ['a.log:4'], includes: ['"hybrid" mode feature'] }],
    },
    {
      name: 'the fatal start-up error in the log',
      inputs: {
        'a.log': agentLog(
          '1.15.9',
          { 'routing-mode': 'tunnel' },
          'level=error msg="unable to initialize kube-proxy replacement options" error="Node Port \\"dsr\\" mode cannot be used with vxlan tunneling." subsys=daemon',
        ),
      },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['a.log:4'], includes: ['cannot be used with vxlan tunneling'] }],
    },
  ],
});
