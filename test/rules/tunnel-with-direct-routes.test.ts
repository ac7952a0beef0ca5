import { rule } from '../../src/rules/catalog/tunnel-with-direct-routes.js';
import { banner, flagDump, daemonLine, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** An agent log of `version` (no banner when null) on node `edge-b2` with the given flags. */
const agentLog = (version: string | null, flags: Record<string, string>, ...more: string[]) =>
  lines(...(version ? [banner(version)] : []), ...flagDump(flags), nodeName('edge-b2'), ...more);

ruleTester(rule, {
  valid: [
    { name: 'tunnel routing without direct routes', inputs: { 'a.log': agentLog('1.15.7', { 'routing-mode': 'tunnel', 'auto-direct-node-routes': 'false' }) } },
    { name: 'native routing with direct routes', inputs: { 'a.log': agentLog('1.14.9', { 'routing-mode': 'native', 'auto-direct-node-routes': 'true' }) } },
    { name: 'the legacy tunnel=disabled means native', inputs: { 'a.log': agentLog('1.12.11', { tunnel: 'disabled', 'auto-direct-node-routes': 'true' }) } },
    { name: 'direct routes with no routing mode known', inputs: { 'a.log': agentLog('1.13.2', { 'auto-direct-node-routes': 'true' }) } },
  ],
  invalid: [
    {
      name: 'both configured on a release that refuses them',
      inputs: { 'a.log': agentLog('1.16.2', { 'routing-mode': 'tunnel', 'tunnel-protocol': 'geneve', 'auto-direct-node-routes': 'true' }) },
      findings: [{ messageId: 'fatal', severity: 'error', lines: ['a.log:1', 'a.log:2', 'a.log:4'], node: 'edge-b2', includes: ['1.16.2 refuses'] }],
    },
    {
      name: '1.9.5 is the first release that refuses them',
      inputs: { 'a.log': agentLog('1.9.5', { tunnel: 'vxlan', 'auto-direct-node-routes': 'true' }) },
      findings: [{ messageId: 'fatal', severity: 'error', lines: ['a.log:1', 'a.log:2', 'a.log:3'] }],
    },
    {
      name: '1.9.4 still accepts them: traffic can bypass the tunnel',
      inputs: { 'a.log': agentLog('1.9.4', { tunnel: 'vxlan', 'auto-direct-node-routes': 'true' }) },
      findings: [{ messageId: 'bypass', severity: 'error', lines: ['a.log:1', 'a.log:2', 'a.log:3'], includes: ['1.9.4'] }],
    },
    {
      name: 'an unknown release: both outcomes named',
      inputs: { 'a.log': agentLog(null, { 'routing-mode': 'tunnel', 'auto-direct-node-routes': 'true' }) },
      findings: [{ messageId: 'unknownRelease', severity: 'error', lines: ['a.log:1', 'a.log:2'] }],
    },
    {
      name: 'the fatal start-up line, with the configuration that caused it',
      inputs: {
        'a.log': agentLog(
          '1.12.11',
          { tunnel: 'vxlan', 'auto-direct-node-routes': 'true' },
          daemonLine('fatal', 'auto-direct-node-routes cannot be used with tunneling. Packets must be routed through the tunnel device.'),
        ),
      },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['a.log:2', 'a.log:3', 'a.log:5'] }],
    },
    {
      name: 'the newest wording, wrapped in the start-up error, without a flag dump',
      inputs: {
        'a.log': lines(
          'time="2026-03-02T09:14:07Z" level=error msg="Start hook failed" error="auto-direct-node-routes requires native or hybrid routing mode." subsys=hive',
        ),
      },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['a.log:1'] }],
    },
  ],
});
