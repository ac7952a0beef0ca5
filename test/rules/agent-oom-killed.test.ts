import { rule } from '../../src/rules/catalog/agent-oom-killed.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** `kubectl describe pod` of a pod with one container (`name`) in `state` / last `last`. */
const describe = (pod: string, container: string, image: string, state: string[], last: string[]) =>
  lines(
    `$ kubectl -n kube-system describe pod ${pod}`,
    `Name:             ${pod}`,
    'Namespace:        kube-system',
    'Node:             wk-3/10.12.0.3',
    'Containers:',
    `  ${container}:`,
    `    Image:          ${image}`,
    ...state,
    ...last,
    '    Ready:          False',
    '    Restart Count:  14',
  );
const waiting = ['    State:          Waiting', '      Reason:       CrashLoopBackOff'];
const lastOom = ['    Last State:     Terminated', '      Reason:       OOMKilled', '      Exit Code:    137'];
const lastError = ['    Last State:     Terminated', '      Reason:       Error', '      Exit Code:    1'];

/** `kubectl get pods -o wide` rows (1.15-era kubectl) of agents. */
const pods = (...rows: string[]) =>
  lines('NAME           READY   STATUS      RESTARTS      AGE   IP           NODE   NOMINATED NODE   READINESS GATES', ...rows);

/** `kubectl get events` of the node problem detector's OOM kill events. */
const events = (...messages: string[]) =>
  lines(
    'NAMESPACE   LAST SEEN   TYPE      REASON       OBJECT        MESSAGE',
    ...messages.map((m) => `default     3m          Warning   OOMKilling   node/wk-3     ${m}`),
  );

ruleTester(rule, {
  valid: [
    { name: 'a kernel OOM kill of another process', inputs: { 'events.txt': events('Memory cgroup out of memory: Killed process 48213 (java) total-vm:9811644kB, anon-rss:4013220kB, file-rss:0kB, shmem-rss:0kB') } },
    { name: 'an agent that last exited with an error', inputs: { 'pod.txt': describe('cilium-7xk2d', 'cilium-agent', 'quay.io/cilium/cilium:v1.13.4', waiting, lastError) } },
    {
      name: 'a workload pod OOM-killed is not the agent',
      inputs: { 'pod.txt': describe('indexer-6f9c8d7b5-2lqzp', 'indexer', 'registry.local/indexer:2.1', waiting, lastOom) },
    },
    { name: 'running agents', inputs: { 'pods.txt': pods('cilium-2zq9m   1/1     Running     0             2d    10.12.0.3    wk-3   <none>           <none>') } },
  ],
  invalid: [
    {
      name: 'the node problem detector: cilium-agent killed at its cgroup limit',
      inputs: { 'events.txt': events('Memory cgroup out of memory: Killed process 48213 (cilium-agent) total-vm:2811644kB, anon-rss:1013220kB, file-rss:60112kB, shmem-rss:0kB, UID:0 pgtables:2520kB oom_score_adj:-997') },
      findings: [{ messageId: 'kernel', severity: 'error', lines: ['events.txt:2'], node: 'wk-3', includes: ['wk-3: the kernel\'s OOM killer killed cilium-agent (at its container\'s memory limit)'] }],
    },
    {
      name: 'the node out of memory (older kernels\' wording), beside the agent pod of that node: one finding',
      inputs: {
        'pod.txt': describe('cilium-7xk2d', 'cilium-agent', 'quay.io/cilium/cilium:v1.10.9', waiting, lastOom),
        'events.txt': events('Out of memory: Killed process 48213 (cilium-agent) total-vm:2811644kB, anon-rss:1013220kB, file-rss:60112kB, shmem-rss:0kB'),
      },
      findings: [{ messageId: 'oomKilled', severity: 'error', lines: ['events.txt:2', 'pod.txt:2'], node: 'wk-3' }],
    },
    {
      name: '1.13 describe pod: last terminated OOMKilled',
      inputs: { 'pod.txt': describe('cilium-7xk2d', 'cilium-agent', 'quay.io/cilium/cilium:v1.13.4', waiting, lastOom) },
      findings: [{ messageId: 'oomKilled', severity: 'error', lines: ['pod.txt:2'], node: 'wk-3', includes: ['cilium-7xk2d: the cilium-agent container last terminated OOMKilled (restarted 14 times)'] }],
    },
    {
      name: '1.16 get pods: the STATUS column says OOMKilled',
      inputs: { 'pods.txt': pods('cilium-2zq9m   0/1     OOMKilled   5 (40s ago)   2d    10.12.0.3    wk-3   <none>           <none>') },
      findings: [{ messageId: 'oomKilled', severity: 'error', lines: ['pods.txt:2'], node: 'wk-3', includes: ['container is OOMKilled'] }],
    },
  ],
});
