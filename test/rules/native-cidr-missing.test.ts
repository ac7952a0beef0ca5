import { rule } from '../../src/rules/catalog/native-cidr-missing.js';
import { banner, flag, logLine, nodeName, prefixed } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.14 flag dump (sorted) for native routing with masquerading; `overrides` replace or drop (null) flags. */
const dump = (overrides: Record<string, string | null> = {}) => {
  const flags: Record<string, string | null> = {
    'enable-ip-masq-agent': 'false',
    'enable-ipv4-masquerade': 'true',
    ipam: 'cluster-pool',
    'ipv4-native-routing-cidr': '',
    'routing-mode': 'native',
    ...overrides,
  };
  return Object.keys(flags)
    .sort()
    .filter((k) => flags[k] !== null)
    .map((k) => flag(k, flags[k]!));
};

const DETAIL_115 =
  'native routing cidr must be configured with option --ipv4-native-routing-cidr in combination with --enable-ipv4=true --enable-ipv4-masquerade=true --enable-ip-masq-agent=false --routing-mode=native --ipam=cluster-pool';
const DETAIL_114 =
  'daemon creation failed: invalid daemon configuration: native routing cidr must be configured with option --ipv4-native-routing-cidr in combination with --enable-ipv4-masquerade --routing-mode=native --ipam=kubernetes --enable-ipv4=true';

ruleTester(rule, {
  valid: [
    { name: 'a native-routing CIDR is set', inputs: { 'agent.log': lines(...dump({ 'ipv4-native-routing-cidr': '10.0.0.0/8' }), banner('1.14.9')) } },
    { name: 'ENI IPAM routes pod addresses natively', inputs: { 'agent.log': lines(...dump({ ipam: 'eni' }), banner('1.14.9')) } },
    { name: 'Azure IPAM', inputs: { 'agent.log': lines(...dump({ ipam: 'azure' }), banner('1.14.9')) } },
    { name: 'ip-masq-agent decides what to masquerade', inputs: { 'agent.log': lines(...dump({ 'enable-ip-masq-agent': 'true' }), banner('1.15.11')) } },
    { name: 'tunnel routing', inputs: { 'agent.log': lines(...dump({ 'routing-mode': 'tunnel' }), banner('1.14.9')) } },
    { name: 'masquerading off', inputs: { 'agent.log': lines(...dump({ 'enable-ipv4-masquerade': 'false' }), banner('1.14.9')) } },
    { name: 'no IPAM flag in the paste: unknown', inputs: { 'agent.log': lines(...dump({ ipam: null }), banner('1.14.9')) } },
    { name: 'no CIDR flag in the paste: unknown', inputs: { 'agent.log': lines(...dump({ 'ipv4-native-routing-cidr': null }), banner('1.14.9')) } },
    {
      name: '1.11 prints the old and the new CIDR flag; the set one counts',
      inputs: {
        'agent.log': lines(
          flag('enable-ipv4-masquerade', 'true'),
          flag('ipam', 'kubernetes'),
          flag('ipv4-native-routing-cidr', ''),
          flag('native-routing-cidr', '10.244.0.0/16'),
          flag('tunnel', 'disabled'),
          banner('1.11.20'),
        ),
      },
    },
    {
      name: 'other agents of a multi-pod paste are judged on their own flags',
      inputs: {
        'pods.log': lines(
          ...prefixed('cilium-aaaa1', ...dump({ 'ipv4-native-routing-cidr': '10.0.0.0/8', ipam: 'kubernetes' })),
          ...prefixed('cilium-bbbb2', ...dump({ ipam: 'eni' })),
          ...prefixed('cilium-cccc3', ...dump({ 'enable-ip-masq-agent': 'true' })),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'from the configuration alone: native routing, masquerading, empty CIDR, cluster-pool IPAM',
      inputs: { 'agent.log': lines(...dump(), banner('1.14.9'), nodeName('rack2-n4')) },
      findings: [
        {
          messageId: 'configured',
          severity: 'error',
          lines: ['agent.log:2', 'agent.log:3', 'agent.log:4', 'agent.log:5'],
          node: 'rack2-n4',
        },
      ],
    },
    {
      name: '1.10 flag names: masquerade, native-routing-cidr, tunnel=disabled',
      inputs: { 'agent.log': lines(flag('ipam', 'cluster-pool'), flag('masquerade', 'true'), flag('native-routing-cidr', ''), flag('tunnel', 'disabled'), banner('1.10.20')) },
      findings: [{ messageId: 'configured', severity: 'error', lines: ['agent.log:1', 'agent.log:2', 'agent.log:3', 'agent.log:4'] }],
    },
    {
      name: '1.9–1.12 fatal start (Error while creating daemon): the fatal line alone is enough',
      inputs: {
        'agent.log': lines(
          flag('masquerade', 'true'),
          flag('native-routing-cidr', ''),
          flag('tunnel', 'disabled'),
          banner('1.9.18'),
          logLine('logrus', 'fatal', 'Error while creating daemon', {
            error: 'invalid daemon configuration: native routing cidr must be configured with option --native-routing-cidr in combination with --masquerade --tunnel=disabled --ipam=cluster-pool --enable-ipv4=true',
            subsys: 'daemon',
          }),
        ),
      },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['agent.log:5'], includes: ['The agent refused to start: native routing is on'] }],
    },
    {
      name: '1.13–1.14 hive wording: Start hook failed, then failed to start',
      inputs: {
        'agent.log': lines(
          `2024-02-01T10:00:00.000000001Z ${logLine('logrus', 'error', 'Start hook failed', { error: DETAIL_114, function: 'cmd.newDaemonPromise.func1 (daemon_main.go:1687)', subsys: 'hive' })}`,
          `2024-02-01T10:00:00.000000002Z ${logLine('logrus', 'fatal', `failed to start: ${DETAIL_114}`, { subsys: 'daemon' })}`,
        ),
      },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['agent.log:1', 'agent.log:2'], includes: ['refused to start'] }],
    },
    {
      name: 'only the error line pasted: an invalid configuration, not yet a refusal',
      inputs: { 'agent.log': lines(logLine('logrus', 'error', 'Start hook failed', { error: DETAIL_114, subsys: 'hive' })) },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['agent.log:1'], includes: ['The agent reported an invalid configuration: native'] }],
    },
    {
      name: '1.15+ its own fatal line, cited together with the flags that explain it',
      inputs: { 'agent.log': lines(...dump(), banner('1.16.3', 'logrus-ts'), logLine('logrus-ts', 'fatal', `invalid daemon configuration: ${DETAIL_115}`, { subsys: 'daemon' })) },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['agent.log:2', 'agent.log:3', 'agent.log:4', 'agent.log:5', 'agent.log:7'], includes: ['refused to start'] }],
    },
    {
      name: '1.18 slog JSON, IPv6 wording',
      inputs: {
        'agent.log': lines(
          logLine(
            'slog-json',
            'fatal',
            'invalid daemon configuration: native routing cidr must be configured with option --ipv6-native-routing-cidr in combination with --enable-ipv6=true --enable-ipv6-masquerade=true --enable-ip-masq-agent=false --routing-mode=native --ipam=kubernetes',
            { subsys: 'daemon' },
          ),
        ),
      },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['agent.log:1'], includes: ['refused to start'] }],
    },
  ],
});
