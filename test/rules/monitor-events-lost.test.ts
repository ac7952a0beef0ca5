import { rule } from '../../src/rules/catalog/monitor-events-lost.js';
import { logLine, prefixed } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.14 `cilium status` with NodeMonitor and, when given, its lost-events line. */
const status = (lost?: string) =>
  lines(
    'KVStore:                Ok   Disabled',
    'Cilium:                 Ok   1.14.6 (v1.14.6-5f2ba4d1)',
    'NodeMonitor:            Listening for events on 16 CPUs with 64x4096 of shared memory',
    ...(lost ? [`\t${lost}`] : []),
    'Cilium health daemon:   Ok   ',
  );

const QUEUE_FULL =
  'hubble events queue is full: dropping messages; consider increasing the queue size (hubble-event-queue-size) or provisioning more CPU';

ruleTester(rule, {
  valid: [
    { name: 'no lost-events line', inputs: { 'status.txt': status() } },
    { name: 'zero events lost', inputs: { 'status.txt': status('0 events lost, 2 unknown notifications') } },
    {
      name: 'a log with Hubble keeping up',
      inputs: { 'agent.log': lines(logLine('logrus', 'info', 'Starting Hubble server', { address: ':4244', subsys: 'hubble' })) },
    },
  ],
  invalid: [
    {
      name: 'NodeMonitor lost events',
      inputs: { 'status.txt': status('312 events lost, 0 unknown notifications') },
      findings: [{ messageId: 'statusLost', severity: 'warning', lines: ['status.txt:4'], includes: ['NodeMonitor reports 312 events lost.'] }],
    },
    {
      name: 'the Hubble queue full and recovered, logged by a 1.14 agent',
      inputs: {
        'agent.log': lines(
          ...prefixed(
            'cilium-r8v2s',
            logLine('logrus-ts', 'info', 'Retrieved node information from kubernetes node', { nodeName: 'bm-gpu-11', subsys: 'k8s' }),
            logLine('logrus-ts', 'warning', QUEUE_FULL, { subsys: 'hubble' }),
            logLine('logrus-ts', 'info', 'hubble events queue is processing messages again: 4211 messages were lost', { subsys: 'hubble' }),
          ),
        ),
      },
      findings: [{ messageId: 'hubbleQueue', severity: 'warning', lines: ['agent.log:2', 'agent.log:3'], node: 'bm-gpu-11', includes: ['messages were lost (2 lines).'] }],
    },
    {
      name: 'a 1.18 slog queue warning, one line',
      inputs: { 'agent.log': lines(logLine('slog', 'warning', QUEUE_FULL, { module: 'agent.hubble' })) },
      findings: [{ messageId: 'hubbleQueue', severity: 'warning', lines: ['agent.log:1'], includes: ['(1 line)'] }],
    },
    {
      name: 'more than five queue lines: the first five are cited',
      inputs: { 'agent.log': lines(...Array.from({ length: 7 }, () => logLine('logrus', 'warning', QUEUE_FULL, { subsys: 'hubble' }))) },
      findings: [{ messageId: 'hubbleQueue', severity: 'warning', lines: [1, 2, 3, 4, 5].map((n) => `agent.log:${n}`), includes: ['(7 lines)'] }],
    },
    {
      name: 'status and log of one agent: both findings',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system logs cilium-r8v2s --tail=2',
          logLine('logrus', 'warning', QUEUE_FULL, { subsys: 'hubble' }),
          '$ kubectl -n kube-system exec cilium-r8v2s -- cilium status',
          'NodeMonitor:            Listening for events on 16 CPUs with 64x4096 of shared memory',
          '\t87 events lost, 0 unknown notifications',
        ),
      },
      findings: [
        { messageId: 'hubbleQueue', severity: 'warning', lines: ['paste.txt:2'] },
        { messageId: 'statusLost', severity: 'warning', lines: ['paste.txt:5'], includes: ['87 events lost'] },
      ],
    },
  ],
});
