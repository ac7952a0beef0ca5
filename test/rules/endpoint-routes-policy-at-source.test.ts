import { rule } from '../../src/rules/catalog/endpoint-routes-policy-at-source.js';
import { banner, flagDump, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** An agent of `version` on node `ep-5`: flags from line 2, then the node name. */
const agentLog = (version: string, flags: Record<string, string>) => lines(banner(version), ...flagDump(flags), nodeName('ep-5'));

/** `cilium status` excerpt printing the host routing mode (≤1.15 form) on its line 2. */
const status = (version: string, host: 'BPF' | 'Legacy') => lines(`Cilium:                  Ok   ${version} (v${version}-1c2d3e4f)`, `Host Routing:            ${host}`);

/** One paste: the agent log (7 lines) followed by its status. */
const paste = (log: string, st: string) => ({ 'case.txt': log + st });

const routed = { 'routing-mode': 'native', 'kube-proxy-replacement': 'true', 'enable-bpf-masquerade': 'true', 'enable-endpoint-routes': 'true' };

ruleTester(rule, {
  valid: [
    { name: 'endpoint routes with legacy host routing', inputs: paste(agentLog('1.15.1', routed), status('1.15.1', 'Legacy')) },
    { name: 'BPF host routing without endpoint routes', inputs: paste(agentLog('1.15.1', { ...routed, 'enable-endpoint-routes': 'false' }), status('1.15.1', 'BPF')) },
    { name: 'before 1.14 the combination cannot exist', inputs: paste(agentLog('1.13.3', routed), status('1.13.3', 'BPF')) },
  ],
  invalid: [
    {
      name: 'both on, host routing from status',
      inputs: paste(agentLog('1.15.1', routed), status('1.15.1', 'BPF')),
      findings: [{ messageId: 'policyAtSource', severity: 'info', lines: ['case.txt:5', 'case.txt:8'], node: 'ep-5', includes: ['on ep-5'] }],
    },
    {
      name: 'the 1.16 Routing line',
      inputs: paste(agentLog('1.16.8', routed), lines('Cilium:                  Ok   1.16.8 (v1.16.8-0a1b2c3d)', 'Routing:                 Network: Native   Host: BPF')),
      findings: [{ messageId: 'policyAtSource', severity: 'info', lines: ['case.txt:5', 'case.txt:8'] }],
    },
  ],
});
