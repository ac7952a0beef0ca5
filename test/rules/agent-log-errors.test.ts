import { rule } from '../../src/rules/catalog/agent-log-errors.js';
import { rule as nativeCidrMissing } from '../../src/rules/catalog/native-cidr-missing.js';
import { banner, logLine, nodeName, prefixed } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const API_DOWN = (reason: string) =>
  logLine('logrus', 'error', 'Unable to contact k8s api-server', { error: `Get "https://10.96.0.1:443/api/v1/namespaces/kube-system": dial tcp 10.96.0.1:443: ${reason}`, ipAddr: 'https://10.96.0.1:443', subsys: 'k8s-client' });
const LB_FULL = logLine('logrus', 'error', 'Error while inserting service in LB map', { error: 'Unable to update element for cilium_lb4_services_v2 map with file descriptor 14: the map is full, please consider resizing it. argument list too long', subsys: 'service' });
const NATIVE_CIDR =
  'daemon creation failed: invalid daemon configuration: native routing cidr must be configured with option --ipv4-native-routing-cidr in combination with --enable-ipv4-masquerade --routing-mode=native --ipam=kubernetes --enable-ipv4=true';
const hookFailed = (error: string) => logLine('logrus', 'error', 'Start hook failed', { error, function: 'cmd.newDaemonPromise.func1 (daemon_main.go:1687)', subsys: 'hive' });
const PANIC = [
  'panic: runtime error: invalid memory address or nil pointer dereference',
  '[signal SIGSEGV: segmentation violation code=0x1 addr=0x30 pc=0x2a5b3c1]',
  '',
  'goroutine 412 [running]:',
  'github.com/cilium/cilium/pkg/datapath/linux.(*linuxNodeHandler).NodeAdd(0xc000a1e000)',
  '\t/go/src/github.com/cilium/cilium/pkg/datapath/linux/node.go:1021 +0x1c4',
];

ruleTester(rule, {
  before: [nativeCidrMissing],
  valid: [
    {
      name: 'info, warning and debug lines, and klog info',
      inputs: {
        'agent.log': lines(
          banner('1.14.5'),
          logLine('logrus', 'warning', 'Unable to fetch kubernetes labels', { endpointID: '1187', error: 'pod.core "web-1" not found', subsys: 'resolve-labels' }),
          logLine('logrus', 'info', 'Waiting for error budget', { subsys: 'daemon' }),
          logLine('logrus', 'debug', 'Controller func execution time: 1.512µs', { name: 'endpoint-gc', subsys: 'controller' }),
          'I0830 08:12:44.000001       1 leaderelection.go:248] attempting to acquire leader lease kube-system/cilium-operator-resource-lock...',
        ),
      },
    },
    {
      name: 'a fatal start a specific rule explains (native-routing CIDR): left to it',
      inputs: { 'agent.log': lines(hookFailed(NATIVE_CIDR), logLine('logrus', 'fatal', `failed to start: ${NATIVE_CIDR}`, { subsys: 'daemon' })) },
    },
  ],
  invalid: [
    {
      name: 'errors of one shape form one finding',
      inputs: { 'agent.log': lines(nodeName('worker-c1'), API_DOWN('i/o timeout'), API_DOWN('connect: connection refused')) },
      findings: [
        {
          messageId: 'errors',
          severity: 'warning',
          lines: ['agent.log:2', 'agent.log:3'],
          node: 'worker-c1',
          title: 'Agent logged errors',
          includes: ['2 error line(s) "Unable to contact k8s api-server". Check what the error names.'],
        },
      ],
    },
    {
      name: 'a fatal line is critical; other shapes are their own findings',
      inputs: {
        'agent.log': lines(
          API_DOWN('i/o timeout'),
          LB_FULL,
          logLine('logrus-ts', 'fatal', 'Unable to initialize local node. Retrying...', { error: 'etcdserver: request timed out', subsys: 'nodediscovery' }),
        ),
      },
      findings: [
        { messageId: 'fatal', severity: 'critical', lines: ['agent.log:3'], title: 'Agent stopped with a fatal error', includes: ['1 fatal line(s) "Unable to initialize local node. Retrying..."'] },
        { messageId: 'errors', severity: 'warning', lines: ['agent.log:1'] },
        { messageId: 'errors', severity: 'warning', lines: ['agent.log:2'], includes: ['"Error while inserting service in LB map"'] },
      ],
    },
    {
      name: 'a Go panic and a klog error of another pod',
      inputs: {
        'pods.log': lines(
          ...prefixed('cilium-r9t2m', nodeName('worker-c1'), API_DOWN('i/o timeout')),
          ...prefixed('cilium-k4w8z', ...PANIC, 'E0830 08:12:43.551554       1 leaderelection.go:330] error retrieving resource lock kube-system/cilium-operator-resource-lock: context deadline exceeded'),
        ),
      },
      findings: [
        { messageId: 'fatal', severity: 'critical', lines: ['pods.log:3'], node: null, includes: ['runtime error: invalid memory address'] },
        { messageId: 'errors', severity: 'warning', lines: ['pods.log:2'], node: 'worker-c1' },
        { messageId: 'errors', severity: 'warning', lines: ['pods.log:9'], node: null, includes: ['leaderelection.go'] },
      ],
    },
    {
      name: 'five lines of one shape: all quoted',
      inputs: { 'agent.log': lines(...Array.from({ length: 5 }, () => LB_FULL)) },
      findings: [{ messageId: 'errors', severity: 'warning', lines: [1, 2, 3, 4, 5].map((n) => `agent.log:${n}`), includes: ['5 error line(s) "Error while inserting service in LB map". Check'] }],
    },
    {
      name: 'six lines of one shape: the first five quoted',
      inputs: { 'agent.log': lines(...Array.from({ length: 6 }, () => LB_FULL)) },
      findings: [{ messageId: 'errors', severity: 'warning', lines: [1, 2, 3, 4, 5].map((n) => `agent.log:${n}`), includes: ['6 error line(s) "Error while inserting service in LB map" (first 5 quoted). Check'] }],
    },
    {
      name: 'a start-hook failure the specific rule does not explain is still reported, without the explained one',
      inputs: {
        'agent.log': lines(
          hookFailed(NATIVE_CIDR),
          logLine('logrus', 'fatal', `failed to start: ${NATIVE_CIDR}`, { subsys: 'daemon' }),
          hookFailed('unable to determine direct routing device. Use --direct-routing-device to specify it'),
        ),
      },
      findings: [{ messageId: 'errors', severity: 'warning', lines: ['agent.log:3'], includes: ['1 error line(s) "Start hook failed"'] }],
    },
    {
      name: '1.18 slog error lines',
      inputs: {
        'agent.log': lines(
          logLine('slog', 'error', 'Failed to update lock', { subsys: 'klog', error: 'Put "https://10.96.0.1:443/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/cilium-operator-resource-lock": context deadline exceeded' }),
          logLine('slog', 'warning', 'Failed to acquire lease', { module: 'agent.infra.k8s-client' }),
        ),
      },
      findings: [{ messageId: 'errors', severity: 'warning', lines: ['agent.log:1'], includes: ['"Failed to update lock"'] }],
    },
  ],
});
